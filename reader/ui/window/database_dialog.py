"""When the database cannot be opened: say why, and — only if it is really damaged — offer the
newest verified backup.

The offer can never hurt:

* before anything is offered, the file is looked at again through a fresh SQLite connection,
  twice with a short wait (``reader.store.backup.probe``): a busy or locked database, or one
  that reads fine now, is never called damaged; only corruption is. A file of another
  application or of a newer Meipi is never offered a restore.
* the safe choice is the default: Return and Escape keep everything as it is.
* the dialog says how many annotations the backup holds and how many the current file held
  when Meipi last read it (when known).

Only if the reader clicks "Restore the Backup" is anything touched: every connection the window
holds is closed (store and watcher), then ``reader.store.backup.restore`` keeps the damaged file
under a new name (a hard link, with its ``-wal``/``-shm``) and puts the verified copy, and the
backup's texts, in place. Until then the window keeps reading; every edit explains that notes
cannot be saved.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from reader.ui.window.services import Services

if TYPE_CHECKING:
    from reader.store.backup import Health, Restored

RESTORE_LABEL = "Restore the Backup"
KEEP_LABEL = "Not Now"
# The two labels, for lupdate (translated where they are shown).
_LABELS_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("DatabaseDialog", "Restore the Backup"),
    QT_TRANSLATE_NOOP("DatabaseDialog", "Not Now"),
)
RETRY_EVERY = 10.0  # seconds: a refusal back sooner after a retry is reported, not retried


def _verified_backup(db: Path) -> Path | None:
    from reader.store.backup import list_backups, verify_set

    for candidate in list_backups(db):
        if verify_set(candidate) is None:
            return candidate
    return None


def _count(n: int | None, parent: QWidget) -> str:
    if n is None:
        return QCoreApplication.translate("DatabaseDialog", "an unknown number of")
    return str(n)


def offer_restore(parent: QWidget, services: Services, message: str, *, retry: bool = True) -> bool:
    """Show why the database was refused; restore a backup if the reader asks (only for a
    damaged file). True if restored. ``retry``: when the file turns out sound or busy, forget
    the refusal so the window reads it again (False: only say so)."""
    from PySide6.QtWidgets import QMessageBox  # made when a box is shown (not at startup)

    from reader.store.backup import probe

    health = probe(services.db_path)
    if health.state in ("sound", "missing", "busy", "unreadable"):
        _not_damaged(parent, services, message, health, retry=retry)
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("DatabaseDialog", "Your notes cannot be opened"))
    box.setText(
        QCoreApplication.translate("DatabaseDialog", "%1 %2, so Meipi left it untouched.")
        .replace("%1", str(services.db_path))
        .replace("%2", health.reason)
    )
    backup = _verified_backup(services.db_path) if health.damaged else None
    restore_button = None
    if backup is not None:
        from reader.store.backup import backup_time, count_annotations

        when = backup_time(backup)
        seen = services.annotations_seen
        if seen is None:
            seen = health.annotations
        held = (
            QCoreApplication.translate(
                "DatabaseDialog", "this file held %1 when Meipi last read it"
            ).replace("%1", str(seen))
            if seen is not None
            else QCoreApplication.translate(
                "DatabaseDialog", "how many this file held is not known"
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "DatabaseDialog",
                "Meipi can restore the newest verified backup, made %1, which holds %2 "
                "annotations (%3). The damaged file is kept beside it, renamed, and nothing is "
                "deleted. Until then you can read, but nothing you annotate can be saved.",
            )
            .replace("%1", f"{when:%Y-%m-%d %H:%M} UTC" if when else backup.name)
            .replace("%2", _count(count_annotations(backup, immutable=True), parent))
            .replace("%3", held)
        )
        restore_button = box.addButton(
            QCoreApplication.translate("DatabaseDialog", RESTORE_LABEL),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        keep = box.addButton(
            QCoreApplication.translate("DatabaseDialog", KEEP_LABEL),
            QMessageBox.ButtonRole.RejectRole,
        )
    else:
        advice = {
            "foreign": QCoreApplication.translate(
                "DatabaseDialog",
                "Start Meipi with --db naming your Meipi database, or move this file away to "
                "start a new one.",
            ),
            "newer": QCoreApplication.translate(
                "DatabaseDialog", "Open it with the newer Meipi that wrote it."
            ),
        }.get(
            health.state,
            QCoreApplication.translate(
                "DatabaseDialog",
                "No verified backup of it exists. Keep the file for recovery; to start a new "
                "one, quit Meipi and move the file out of its folder.",
            ),
        )
        box.setInformativeText(
            advice
            + " "
            + QCoreApplication.translate(
                "DatabaseDialog",
                "You can keep reading, but nothing you annotate can be saved until then.",
            )
        )
        keep = box.addButton(QMessageBox.StandardButton.Ok)
    # The safe choice is the default: Return and Escape change nothing.
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    if restore_button is not None:
        restore_button.setAutoDefault(False)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    assert backup is not None
    return _restore(parent, services, backup)


def _not_damaged(
    parent: QWidget, services: Services, message: str, health: Health, *, retry: bool
) -> None:
    """The file is not damaged (sound now, busy, or unreadable for another reason): say so,
    offer nothing, and let the window try again."""
    from PySide6.QtWidgets import QMessageBox  # made when a box is shown (not at startup)

    if health.state in ("sound", "missing"):
        text = QCoreApplication.translate(
            "DatabaseDialog",
            "Meipi could not open your notes a moment ago, but the file reads correctly now, so "
            "nothing was changed.",
        )
    else:
        text = (
            QCoreApplication.translate(
                "DatabaseDialog", "%1 %2. It is not damaged, and nothing was changed."
            )
            .replace("%1", str(services.db_path))
            .replace("%2", health.reason)
        )
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(
        QCoreApplication.translate("DatabaseDialog", "Your notes could not be opened")
    )
    box.setText(text)
    box.setInformativeText(
        QCoreApplication.translate("DatabaseDialog", "Meipi will read them again now.")
        if retry
        else message
    )
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    box.exec()
    if retry:
        services.reset_store()
        services.notify_glossary_changed()
        services.notify_annotations_changed("")


def _restore(parent: QWidget, services: Services, backup: Path) -> bool:
    from PySide6.QtWidgets import QMessageBox  # made when a box is shown (not at startup)

    from reader.errors import MeipiError
    from reader.store.backup import restore

    services.close(final=False)  # every connection this window holds: store and watcher
    try:
        restored = restore(services.db_path, backup)
    except MeipiError as exc:
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("DatabaseDialog", "The backup was not restored"),
            str(exc),
        )
        return False
    services.reset_store()
    QMessageBox.information(
        parent,
        QCoreApplication.translate("DatabaseDialog", "Backup restored"),
        restored_text(parent, restored),
    )
    if services.store() is not None:
        services.notify_glossary_changed()
        services.notify_annotations_changed("")
    return True


def restored_text(parent: QWidget, restored: Restored) -> str:
    """What the restore did, in the window's words."""
    parts = [
        QCoreApplication.translate("DatabaseDialog", "Your notes were restored from %1.").replace(
            "%1", restored.source.name
        )
    ]
    if restored.kept is not None:
        parts.append(
            QCoreApplication.translate(
                "DatabaseDialog", "The previous file was kept as %1; nothing was deleted."
            ).replace("%1", str(restored.kept))
        )
        if restored.newer == 1:
            parts.append(
                QCoreApplication.translate(
                    "DatabaseDialog",
                    "1 annotation in it is newer than the backup. To bring it back: "
                    "meipi export --db %1 --format json -o set-aside.json, then "
                    "meipi import-annotations set-aside.json.",
                ).replace("%1", str(restored.kept))
            )
        elif restored.newer:
            parts.append(
                QCoreApplication.translate(
                    "DatabaseDialog",
                    "%1 annotations in it are newer than the backup. To bring them back: "
                    "meipi export --db %2 --format json -o set-aside.json, then "
                    "meipi import-annotations set-aside.json.",
                )
                .replace("%1", str(restored.newer))
                .replace("%2", str(restored.kept))
            )
    if restored.texts_restored == 1:
        parts.append(
            QCoreApplication.translate(
                "DatabaseDialog", "1 of your texts was put back as the backup had it."
            )
        )
    elif restored.texts_restored:
        parts.append(
            QCoreApplication.translate(
                "DatabaseDialog", "%1 of your texts were put back as the backup had them."
            ).replace("%1", str(restored.texts_restored))
        )
    from reader.ops.backup import put_back_commands

    commands = put_back_commands(restored)
    if len(commands) == 1:
        parts.append(
            QCoreApplication.translate(
                "DatabaseDialog",
                "A text had changed since the backup (its details edited, or replaced by an "
                "import); the restore undid that and kept the version it had. To put it back:",
            )
        )
    elif commands:
        parts.append(
            QCoreApplication.translate(
                "DatabaseDialog",
                "%1 texts had changed since the backup (their details edited, or replaced by "
                "an import); the restore undid that and kept the versions they had. To put "
                "them back:",
            ).replace("%1", str(len(commands)))
        )
    parts += [f"{text_id}: {command}" for text_id, command in commands]
    return " ".join(parts)


def connect_offers(window: QWidget, services: Services) -> None:
    """Offer a restore whenever the store is refused (shown once the current action returns;
    never two at once, and a refusal that keeps coming back while the file reads fine is only
    reported, not retried at once)."""
    from PySide6.QtCore import QTimer

    state = {"showing": False, "retried_at": -RETRY_EVERY}

    def show(message: str) -> None:
        if state["showing"]:
            return
        state["showing"] = True
        now = time.monotonic()
        retry = now - state["retried_at"] >= RETRY_EVERY
        try:
            offer_restore(window, services, message, retry=retry)
        finally:
            state["showing"] = False
        if retry:
            state["retried_at"] = now

    def on_failed(message: str) -> None:
        QTimer.singleShot(0, window, lambda: show(message))

    services.store_failed.connect(on_failed)
