"""Asking the open window to show a place (``meipi open``, ``meipi://`` links).

The window listens on a local socket named by ``reader.store.window_lock.window_channel(db)``
(a ``QLocalServer``: a Unix domain socket in the temporary folder, a named pipe on Windows).
A request is one line of JSON, ``{"doc": ID, "at": N}`` or ``{"annotation": UUID}`` (plus
``{}``: just come to the front), checked again by the window with :func:`decode` — the socket
is the user's own, but a request never names a database, a path or an option.
This module uses only the standard library, so the command line sends without Qt.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

from reader.links import _DOC_ID, Place
from reader.store.window_lock import window_channel

MAX_BYTES = 4096


def encode(place: Place) -> bytes:
    import json  # here: the window imports this module, and json only when a request comes

    data: dict[str, object] = {}
    if place.annotation is not None:
        data["annotation"] = place.annotation
    if place.document is not None:
        data["doc"] = place.document
    if place.at is not None:
        data["at"] = place.at
    return json.dumps(data).encode("ascii") + b"\n"


def decode(data: bytes) -> Place | None:
    """The place a request asks for; None when it is not a well-formed request."""
    import json

    if len(data) > MAX_BYTES:
        return None
    try:
        value = json.loads(data.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, dict) or not set(value) <= {"doc", "at", "annotation"}:
        return None
    doc, at, note = value.get("doc"), value.get("at"), value.get("annotation")
    if doc is not None and not (isinstance(doc, str) and _DOC_ID.fullmatch(doc)):
        return None
    if at is not None and not (isinstance(at, int) and not isinstance(at, bool) and at >= 0):
        return None
    if note is not None:
        import uuid  # here: it imports platform (~2 ms), and the window imports this module

        try:
            note = str(uuid.UUID(note)) if isinstance(note, str) else None
        except ValueError:
            note = None
        if note is None:
            return None
    return Place(document=doc, at=at, annotation=note)


def socket_path(db: Path | str) -> str:
    """Where Qt's ``QLocalServer.listen(window_channel(db))`` puts its socket."""
    name = window_channel(db)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return rf"\\.\pipe\{name}"
    # Qt's QDir::tempPath(): $TMPDIR, else /tmp (Python's gettempdir reads $TMPDIR too).
    base = os.environ.get("TMPDIR") or tempfile.gettempdir()
    return str(Path(base) / name)


STARTING_WAIT = 5.0  # seconds a window that holds the lock is given to start listening


def send(db: Path | str, place: Place, *, timeout: float = 10.0) -> bool:
    """Hand the request to the window open on ``db``: True when it was delivered."""
    path = socket_path(db)
    payload = encode(place)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            with open(path, "wb", buffering=0) as pipe:
                pipe.write(payload)
        except OSError:
            return False
        return True
    client = _connect(path, timeout)
    if client is None:
        return False
    try:
        client.sendall(payload)
        client.shutdown(socket.SHUT_WR)
        # The window answers "ok" once it has read the request.
        return client.recv(16).startswith(b"ok")
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            client.close()


def _connect(path: str, timeout: float) -> socket.socket | None:
    """A connection to the window's channel. A window that holds the lock but is still starting
    listens only after its first paint: no socket yet, or nobody accepting, is waited for."""
    deadline = time.monotonic() + min(timeout, STARTING_WAIT)
    while True:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(timeout)
        try:
            client.connect(path)
            return client
        except (FileNotFoundError, ConnectionRefusedError):
            client.close()
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)
        except OSError:
            client.close()
            return None
