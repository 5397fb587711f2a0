"""The annotation store: one SQLite file (SQLAlchemy 2), no Qt.

``db`` opens, refuses and upgrades the file and runs every write in ``BEGIN IMMEDIATE``;
``annotations`` holds the operations a user action performs; ``anchoring`` re-anchors
annotations when a text changed; ``backup`` makes and restores verified backups.
"""

from reader.store.db import Store, open_store

__all__ = ["Store", "open_store"]
