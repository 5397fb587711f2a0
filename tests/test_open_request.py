"""Requests to a running window (``reader.open_request``): a place round-trips, anything else is
refused."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.links import Place
from reader.open_request import decode, encode, send, socket_path

UUID = "8588fba8-a3a2-40cc-89b5-5b8ba37952ec"


def test_window_requests_round_trip_and_refuse_the_rest() -> None:
    for place in (Place(document="lian-obor", at=3), Place(annotation=UUID), Place()):
        assert decode(encode(place)) == place
    for bad in (b'{"doc": "../x"}', b'{"db": "x"}', b'{"at": -1}', b"[]", b"\xff", b"{" * 5000):
        assert decode(bad) is None


@pytest.mark.skipif(sys.platform == "win32", reason="a Unix socket")
def test_a_request_waits_for_a_window_still_starting(tmp_path: Path) -> None:
    # The window listens only after its first paint: a request sent while it starts is
    # delivered once the channel is there, not refused.
    db = tmp_path / "meipi.sqlite3"
    path = socket_path(db)
    received: list[bytes] = []

    def window() -> None:
        time.sleep(0.3)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(path)
            server.listen(1)
            conn, _ = server.accept()
            with conn:
                received.append(conn.recv(4096))
                conn.sendall(b"ok\n")

    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    thread = threading.Thread(target=window, daemon=True)
    thread.start()
    try:
        assert send(db, Place(document="lian-obor", at=3), timeout=5)
    finally:
        thread.join(5)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    assert decode(received[0].split(b"\n")[0]) == Place(document="lian-obor", at=3)
