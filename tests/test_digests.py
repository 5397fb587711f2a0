"""SHA-256 without OpenSSL (``reader.digests``)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from reader.digests import sha256_hex


def test_the_digest_is_sha256() -> None:
    for data in (b"", b"meipi", "一帶一路".encode(), bytes(range(256)) * 100):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_openssl_is_not_loaded() -> None:
    code = (
        "import sys\n"
        "from reader.digests import sha256_hex\n"
        "sha256_hex(b'x')\n"
        "print('_hashlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_hash_object_takes_updates() -> None:
    from reader.digests import sha256

    h = sha256(b"meipi")
    h.update("一帶一路".encode())
    assert h.hexdigest() == hashlib.sha256("meipi一帶一路".encode()).hexdigest()
