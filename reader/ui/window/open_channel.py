"""The window's end of ``meipi open``: a local socket (``QLocalServer``) on which another
``meipi open`` or a ``meipi://`` link asks this window to show a place and come to the front.

Requests are decoded and checked by ``reader.open_request.decode`` (a document id, an offset,
an annotation UUID — nothing else); a place the window cannot show is ignored.

Signals: none (the window is driven directly: open the text, scroll, flash, raise).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMainWindow

from reader.links import Place
from reader.open_request import MAX_BYTES, decode
from reader.store.window_lock import window_channel

_pending: Place | None = None
_channels: list[OpenChannel] = []  # kept for as long as their window lives


def set_pending(place: Place) -> None:
    """The place the window about to start should show once it is ready."""
    global _pending
    _pending = place


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
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = window_channel(db)
        # The window lock is ours, so a socket left by a crashed window is stale.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._on_new_connection)

    def _on_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(sock: QLocalSocket = sock, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(sock.readAll().data()))
                if len(buffer) > MAX_BYTES:
                    sock.abort()
                    return
                if b"\n" in buffer:
                    place = decode(bytes(buffer).split(b"\n", 1)[0])
                    sock.write(b"ok\n" if place is not None else b"no\n")
                    sock.flush()
                    sock.disconnectFromServer()
                    if place is not None:
                        QTimer.singleShot(0, lambda: show_place(self.window, place))

            sock.readyRead.connect(read)
            sock.disconnected.connect(sock.deleteLater)


def listen(window: QMainWindow, db: Path) -> OpenChannel:
    """Start listening, and show the place ``meipi open`` asked for once the window is ready."""
    channel = OpenChannel(window, db)
    _channels.append(channel)
    channel.destroyed.connect(lambda: _channels.remove(channel) if channel in _channels else None)
    global _pending
    place, _pending = _pending, None
    if place is not None:
        ready = getattr(window, "fully_ready", None)
        if ready is not None and not getattr(window, "is_fully_ready", True):
            ready.connect(lambda: show_place(window, place))
        else:
            QTimer.singleShot(0, lambda: show_place(window, place))
    return channel
