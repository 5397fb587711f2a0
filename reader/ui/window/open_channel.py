"""The window's end of ``meipi open``: a local socket on which another ``meipi open`` or a
``meipi://`` link asks this window to show a place and come to the front.

On Unix it is a Unix socket where Qt's ``QLocalServer`` would put it
(``reader.open_request.socket_path``), watched by the event loop with ``QSocketNotifier``: QtNetwork
(2.5 MB resident with the Kerberos libraries it links, ~15 ms to load) is not loaded for it. On
Windows, a ``QLocalServer`` (a named pipe).

Requests are decoded and checked by ``reader.open_request.decode`` (a document id, an offset,
an annotation UUID — nothing else); a place the window cannot show is ignored.

Signals: none (the window is driven directly: open the text, scroll, flash, raise).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QMainWindow

from reader.links import Place
from reader.open_request import MAX_BYTES, decode, socket_path
from reader.store.window_lock import window_channel

_pending: Place | None = None
_channels: list[OpenChannel] = []  # kept for as long as their window lives


def set_pending(place: Place) -> None:
    """The place the window about to start should show once it is ready."""
    global _pending
    _pending = place


def take_pending() -> Place | None:
    """The place set for the window about to start, taken (None: none)."""
    global _pending
    place, _pending = _pending, None
    return place


def show_place(window: QMainWindow, place: Place) -> None:
    """Open the place's text, scroll to it (flash an annotation), bring the window up."""
    feature = getattr(window, "annotations_feature", None)
    if place.annotation is not None and feature is not None:
        feature.go_to(place.annotation)
    elif place.document is not None:
        library = window.services.library  # type: ignore[attr-defined]
        if place.document in library.ids():
            current = window.current_document()  # type: ignore[attr-defined]
            if current is None or current.id != place.document:
                window.open_document(place.document)  # type: ignore[attr-defined]
            if place.at is not None:
                window.reading_view.scroll_to_offset(place.at)  # type: ignore[attr-defined]
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class OpenChannel(QObject):
    """Listens for requests to show a place; one per window."""

    def __init__(self, window: QMainWindow, db: Path) -> None:
        super().__init__(window)
        self.window = window
        self.listening: bool
        if sys.platform == "win32":  # pragma: no cover - Windows only
            self.listening = _listen_with_qt(self, window_channel(db), self._answer)
        else:
            server = _UnixServer(socket_path(db), self._answer, self)
            self.listening = server.listening

    def _answer(self, line: bytes) -> bytes:
        """The reply to one request line; the place is shown once the reply is on its way."""
        place = decode(line)
        if place is None:
            return b"no\n"
        QTimer.singleShot(0, lambda: show_place(self.window, place))
        return b"ok\n"


class _UnixServer(QObject):
    """A Unix socket at ``path`` (readable by this user only), served from the event loop."""

    def __init__(self, path: str, answer: Callable[[bytes], bytes], parent: QObject) -> None:
        super().__init__(parent)
        self._answer = answer
        self._clients: dict[int, tuple[socket.socket, bytearray, QSocketNotifier]] = {}
        self._server: socket.socket | None = None
        # The window lock is ours, so a socket left by a crashed window is stale.
        with contextlib.suppress(OSError):
            os.unlink(path)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o077)
        try:
            server.bind(path)
            server.listen(8)
            server.setblocking(False)
        except OSError:
            server.close()
            return
        finally:
            os.umask(mask)
        self._server = server
        notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._accept)

        def close() -> None:  # with the window (QLocalServer removes its socket file too)
            server.close()
            with contextlib.suppress(OSError):
                os.unlink(path)

        self.destroyed.connect(close)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(close)

    @property
    def listening(self) -> bool:
        return self._server is not None

    def _accept(self) -> None:
        assert self._server is not None
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:  # none waiting (BlockingIOError), or the socket closed
                return
            conn.setblocking(False)
            fd = conn.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._clients[fd] = (conn, bytearray(), notifier)
            notifier.activated.connect(lambda *_a, fd=fd: self._read(fd))

    def _read(self, fd: int) -> None:
        client = self._clients.get(fd)
        if client is None:
            return
        conn, buffer, notifier = client
        try:
            chunk = conn.recv(MAX_BYTES + 1)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        buffer.extend(chunk)
        if chunk and len(buffer) <= MAX_BYTES and b"\n" not in buffer:
            return  # more to come
        del self._clients[fd]
        notifier.setEnabled(False)
        notifier.deleteLater()
        if len(buffer) <= MAX_BYTES and b"\n" in buffer:
            reply = self._answer(bytes(buffer).split(b"\n", 1)[0])
            with contextlib.suppress(OSError):
                conn.setblocking(True)
                conn.settimeout(1.0)
                conn.sendall(reply)
        conn.close()


def _listen_with_qt(
    parent: QObject, name: str, answer: Callable[[bytes], bytes]
) -> bool:  # pragma: no cover - Windows only
    """The channel on Windows: Qt's local server (a named pipe)."""
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    server = QLocalServer(parent)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    QLocalServer.removeServer(name)

    def on_new_connection() -> None:
        while server.hasPendingConnections():
            sock = server.nextPendingConnection()
            buffer = bytearray()

            def read(sock: QLocalSocket = sock, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(sock.readAll().data()))
                if len(buffer) > MAX_BYTES:
                    sock.abort()
                    return
                if b"\n" in buffer:
                    sock.write(answer(bytes(buffer).split(b"\n", 1)[0]))
                    sock.flush()
                    sock.disconnectFromServer()

            sock.readyRead.connect(read)
            sock.disconnected.connect(sock.deleteLater)

    server.newConnection.connect(on_new_connection)
    return bool(server.listen(name))


def listen(window: QMainWindow, db: Path) -> OpenChannel:
    """Start listening, and show the place ``meipi open`` asked for once the window is ready."""
    channel = OpenChannel(window, db)
    _channels.append(channel)
    channel.destroyed.connect(lambda: _channels.remove(channel) if channel in _channels else None)
    place = take_pending()
    if place is not None:
        ready = getattr(window, "fully_ready", None)
        if ready is not None and not getattr(window, "is_fully_ready", True):
            ready.connect(lambda: show_place(window, place))
        else:
            QTimer.singleShot(0, lambda: show_place(window, place))
    return channel
