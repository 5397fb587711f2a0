"""Words of Qt's own file dialog that Qt's Chinese catalogs lack.

Where the desktop offers no file dialog of its own, Qt draws one (the import's Choose File…,
an export's Save As). Qt 6 renamed two of its labels ("Look in:" became "&Look in:") and moved
its file type names to a new context, and ``qtbase_zh_TW.qm`` / ``qtbase_zh_CN.qm`` were not
brought along: a reader of the Chinese interface saw "&Look in:", "Files of &type:" and a Type
column of "Folder" and "md File". Meipi's own catalog carries them, written out here so that
``python -m reader.devtools.translations`` finds them; the window installs that catalog after
Qt's, and Qt asks the catalog installed last first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_words() -> list[str]:
    """The words, in the interface's language (English when none is installed)."""
    translate = QCoreApplication.translate
    return [
        translate("QFileDialog", "&Look in:"),
        translate("QFileDialog", "Files of &type:"),
        translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        translate("QAbstractFileIconProvider", "Drive"),
        translate("QAbstractFileIconProvider", "File"),
        translate("QAbstractFileIconProvider", "%1 File"),
        translate("QAbstractFileIconProvider", "Unknown"),
    ]
