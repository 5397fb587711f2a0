"""When the database cannot be opened: say why, and offer the newest verified backup.

Only if the reader accepts is anything touched: ``reader.store.backup.restore`` moves the damaged
file aside together with its ``-wal`` and ``-shm`` (nothing is deleted) and copies the backup in.
Until then the window keeps reading; every edit explains that notes cannot be saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.ui.services import Services


def _verified_backup(db: Path) -> Path | None:
    from reader.store.backup import list_backups, verify

    for candidate in list_backups(db):
        if verify(candidate) is None:
            return candidate
    return None


def offer_restore(parent: QWidget, services: Services, message: str) -> bool:
    """Show why the database was refused; restore a backup if the reader asks. True if restored."""
    from reader.store.db import DatabaseRefused

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr("Your notes cannot be opened"))
    exc = services.store_exception
    refused = isinstance(exc, DatabaseRefused)
    if isinstance(exc, DatabaseRefused):
        # The command line's advice ("run meipi restore") is a button here.
        message = (
            parent.tr("%1 %2, so Meipi left it untouched.")
            .replace("%1", str(exc.path))
            .replace("%2", exc.reason)
        )
    box.setText(message)
    backup = _verified_backup(services.db_path) if refused else None
    restore_button = None
    if backup is not None:
        box.setInformativeText(
            parent.tr(
                "Meipi can restore the newest verified backup (%1). The damaged file is kept "
                "beside it, renamed, and nothing is deleted. Until then you can read, but "
                "nothing you annotate can be saved."
            ).replace("%1", backup.name)
        )
        restore_button = box.addButton(
            parent.tr("Restore the Backup"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(parent.tr("Not Now"), QMessageBox.ButtonRole.RejectRole)
    else:
        box.setInformativeText(
            parent.tr("You can keep reading, but nothing you annotate can be saved until then.")
        )
        box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    from reader.errors import MeipiError
    from reader.store.backup import restore

    try:
        restored = restore(services.db_path, backup)
    except MeipiError as exc:
        QMessageBox.critical(parent, parent.tr("The backup was not restored"), str(exc))
        return False
    services.reset_store()
    aside = ", ".join(p.name for p in restored.moved_aside) or parent.tr("nothing")
    QMessageBox.information(
        parent,
        parent.tr("Backup restored"),
        parent.tr("Your notes were restored from %1. The damaged files were kept as: %2.")
        .replace("%1", restored.source.name)
        .replace("%2", aside),
    )
    if services.store() is not None:
        services.notify_glossary_changed()
        services.notify_annotations_changed("")
    return True


def connect_offers(window: QWidget, services: Services) -> None:
    """Offer a restore whenever the store is refused (shown once the current action returns)."""
    from PySide6.QtCore import QTimer

    def on_failed(message: str) -> None:
        QTimer.singleShot(0, window, lambda: offer_restore(window, services, message))

    services.store_failed.connect(on_failed)
