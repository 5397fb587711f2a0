"""SHA-256 without OpenSSL: importing ``hashlib`` loads libcrypto (about 3 MB resident), which
the window paid at startup only to name its lock and its ``meipi open`` channel. CPython's own
SHA-256 module gives the same digest; ``hashlib`` stands in where that module is missing."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Protocol


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


@functools.cache  # a failed import is not remembered by Python: found once per process
def _constructor() -> Callable[[bytes], Hash]:
    # _sha2 from Python 3.12 on, _sha256 before; hashlib (OpenSSL) if a build has neither.
    for name in ("_sha2", "_sha256", "hashlib"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        made: Callable[[bytes], Hash] = module.sha256
        return made
    raise ImportError("no SHA-256 implementation")  # pragma: no cover - every CPython has one


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 hash object, as ``hashlib.sha256(data)`` (``update``, ``hexdigest``)."""
    return _constructor()(data)


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hexadecimal, as ``hashlib.sha256(data).hexdigest()``."""
    return sha256(data).hexdigest()
