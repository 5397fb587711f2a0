"""The interface in Traditional and Simplified Chinese: the language is chosen from the system
locale or View ▸ Language, and a window started in each language (menus, main dialogs, sidebar,
status bar) shows no untranslated English. (The committed ``.ts``/``.qm`` files themselves:
tests/devtools/test_translations.py.)"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileSystemModel,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ops import annotations as annotation_ops
from reader.ui.library.import_dialog import ImportDialog
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.app import TRANSLATED, install_translations, interface_language
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import LANGUAGES, ReaderSettings
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, annotating, feature_of, interface_in, select_shown

# Names and formats that stay as they are in any language, and Qt's key names in shortcuts.
ALLOWED = (
    "Meipi",
    "Markdown",
    "PDF",
    "CSV",
    "JSON",
    "CSL-JSON",
    "BibTeX",
    "Better BibTeX",
    "Pandoc",
    "Zotero",
    "Anki",
    "W3C",
    "Web Annotation",
    "OpenCC",
    "CC-CEDICT",
    "CEDICT",
    "CC BY-SA 4.0",
    "Paul Denisowski",
    "jieba",
    "pypinyin",
    "MIT",
    "Qt",
    "English",
    "Noto",
    "CJK",
    "UTC",
    "MDBG",
    "a–z",
    "hsu-2024",
    "meipi config creator",
    "Ctrl",
    "Shift",
    "Alt",
    "Esc",
    "Enter",
    "Return",
    "Backspace",
    "Del",
    "PgUp",
    "PgDown",
    "Home",
    "End",
    "Tab",
    "Space",
)
_ALLOWED = re.compile(
    "|".join(re.escape(word) for word in sorted(ALLOWED, key=len, reverse=True))
    # function keys; a mnemonic as Chinese software writes it, 檔案(&F) (a tooltip drops the &);
    # HTML tags and entities; the contract's script view ids after their labels (原文  original).
    + r"|\bF\d+\b|\([A-Z0-9]\)|<[^>]*>|&[a-z]+;|\b(original|zh-Han[st](-[A-Z]{2})?)\b"
    # a letter key after its modifier (Ctrl+Alt+M)
    + r"|(?<=\+)[A-Z]\b"
    # a file name extension (.bib, *.md)
    + r"|(?<![A-Za-z])\.[a-z]{2,4}\b"
    # a file's encoding, named as Python names it
    + r"|\b(UTF-(8|16)(-sig)?|GB18030|GBK|GB2312|Big5(-HKSCS)?)\b"
)
LATIN = re.compile("[A-Za-z]")


def untranslated(text: str) -> bool:
    """Whether ``text`` still has English in it once the allowed names, shortcut keys,
    mnemonics and HTML tags are taken out."""
    without_mnemonics = re.sub(r"&(?=\w)(?![a-z]+;)", "", text.replace("&&", "＆"))
    return bool(LATIN.search(_ALLOWED.sub(" ", without_mnemonics)))


def test_english_is_told_from_names_keys_and_mnemonics() -> None:
    assert untranslated("&File") and untranslated("Zoom %1%") and untranslated("檔案 Tags")
    assert not untranslated("檔案(&F)") and not untranslated("上一個結果（Shift+Enter、Shift+F3）")
    assert not untranslated("從 .bib／CSL-JSON 填入…") and untranslated("從 BIB 填入")
    assert not untranslated("匯出為 Anki 卡片(A)") and not untranslated("<b>系統</b>&nbsp;Meipi")


def test_qt_and_meipi_translations_load_for_each_language(qapp: QApplication) -> None:
    for language in TRANSLATED:
        installed = install_translations(qapp, language)
        try:
            names = sorted(Path(t.filePath()).name for t in installed)
            assert names == [f"meipi_{language}.qm", f"qtbase_{language}.qm"]
            cancel = QApplication.translate("QPlatformTheme", "Cancel")
            assert cancel == "取消"
        finally:
            for translator in installed:
                qapp.removeTranslator(translator)
    english = install_translations(qapp, "en")
    try:  # English: only Meipi's plurals ("%n annotation(s)" is "1 annotation").
        assert [Path(t.filePath()).name for t in english] == ["meipi_en.qm"]
    finally:
        for translator in english:
            qapp.removeTranslator(translator)
    assert install_translations(qapp, "fr") == []


def test_english_counts_say_one_annotation_and_two_annotations(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    with interface_in("en"):
        window = annotating(make_window)()
        feature = feature_of(window)
        label = feature.sidebar.count_label
        qtbot.waitUntil(lambda: label.text() == "0 annotations")
        view = window.reading_view
        view.setFocus()
        for passage, key in (("上海合作組織", Qt.Key.Key_1), ("一帶一路", Qt.Key.Key_2)):
            select_shown(window, passage)
            qtbot.keyClick(view, key)
            if passage == "上海合作組織":
                qtbot.waitUntil(lambda: label.text() == "1 annotation")
        qtbot.waitUntil(lambda: label.text() == "2 annotations")


@pytest.fixture
def translated(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    language: str = request.param
    installed: list[QTranslator] = install_translations(qapp, language)
    yield language
    for translator in installed:
        qapp.removeTranslator(translator)


def _item_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    header = (
        view.header()
        if isinstance(view, QTreeView)
        else view.horizontalHeader()
        if isinstance(view, QTableView)
        else None
    )
    if header is not None and not header.isHidden():
        for section in range(header.count()):
            value = model.headerData(section, Qt.Orientation.Horizontal)
            if isinstance(value, str):
                texts.append(value)

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 50)):
            for column in range(20):
                index = model.index(row, column, parent)
                if not index.isValid():
                    break
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        texts.append(value)
                # What a delegate paints beside the data (the sidebar's page and meaning line).
                meta_line = getattr(view.itemDelegate(), "meta_line", None)
                if callable(meta_line):
                    texts.append(str(meta_line(index)))
                if depth < 2:
                    walk(index, depth + 1)

    walk(QModelIndex(), 0)
    return texts


def _widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """What a reader sees of ``widget``: (where, text) pairs."""
    name = f"{type(widget).__name__} {widget.objectName()!r}"
    found: list[tuple[str, str]] = []
    if widget.windowTitle():  # a window's, a dock's
        found.append((name + " title", widget.windowTitle()))
    found.append((name + " tooltip", widget.toolTip()))
    if isinstance(widget, QLabel | QAbstractButton):
        found.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        found.append((name, widget.title()))
    elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        found.append((name + " placeholder", widget.placeholderText()))
    elif isinstance(widget, QComboBox):
        found += [(name + " item", widget.itemText(i)) for i in range(widget.count())]
    elif isinstance(widget, QTabWidget):
        found += [(name + " tab", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView):
        found += [(name + " item", text) for text in _item_texts(widget)]
    for action in widget.actions():
        found += _action_texts(action, name)
    return found


def _action_texts(action: object, where: str) -> list[tuple[str, str]]:
    from PySide6.QtGui import QAction

    assert isinstance(action, QAction)
    place = f"{where} ▸ {action.text()!r}"
    found = [(place, action.text()), (place + " tooltip", action.toolTip())]
    found.append((place + " status tip", action.statusTip()))
    menu = action.menu()
    if isinstance(menu, QMenu):
        found.append((place + " menu", menu.title()))
        for sub in menu.actions():
            found += _action_texts(sub, place)
    return found


def _everything_shown(windows: list[QWidget]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            if widget is window or widget.isVisibleTo(window):
                found += _widget_texts(widget)
    return found


def _in_english(found: list[tuple[str, str]], content: set[str]) -> list[str]:
    """The texts still in English once the article's own words (``content``) are taken out."""
    pieces = sorted((c for c in content if c), key=len, reverse=True)
    english = set()
    for where, text in found:
        shown = text
        for piece in pieces:
            shown = shown.replace(piece, " ")
        if untranslated(shown):
            english.add(f"{where}: {text!r}")
    return sorted(english)


@pytest.mark.slow
@pytest.mark.parametrize("translated", TRANSLATED, indirect=True)
def test_the_window_shows_no_english(qtbot: QtBot, translated: str, tmp_path: Path) -> None:
    """The window in each language, with an annotated passage, every menu (and submenu) and
    the main dialogs open: no text with Latin letters beyond names, formats and key names."""
    library = load_library()
    window = MainWindow(library, ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.is_fully_ready, timeout=30_000)
    doc = window.current_document()
    assert doc is not None
    store = window.services.store()
    assert store is not None
    start = doc.text.index("一帶一路")
    annotation_ops.annotate(
        store, doc, start, start + 4, color="yellow", tags=["中亞"], note="能源合作"
    )
    window.services.notify_annotations_changed(doc.id)
    feature = window.annotations_feature
    qtbot.waitUntil(lambda: feature.sidebar.model.rowCount() > 0, timeout=10_000)

    # The article's own words (titles, quotes, tags, notes) are content, not interface.
    content: set[str] = set()
    for d in library:
        for value in (getattr(d.meta, f.name) for f in dataclasses.fields(d.meta)):
            values = value if isinstance(value, list | tuple) else (value,)
            content |= {v for v in values if isinstance(v, str)}

    # The find bar and the list of hits in every article.
    finder = window.views_feature.finder
    assert finder is not None
    finder.search_all_action.trigger()
    with qtbot.waitSignals([finder.hits_changed, finder.results_changed], timeout=20_000):
        finder.search("一帶一路")
    qtbot.waitUntil(lambda: finder.bar.count.text() != "", timeout=10_000)

    dialogs: list[QWidget] = [window]
    window.dialogs.export_action.trigger()
    export = window.dialogs.export_dialog
    assert export is not None
    qtbot.waitUntil(export.is_current, timeout=10_000)
    dialogs.append(export)
    dialogs.append(feature.show_tag_manager())  # type: ignore[arg-type]
    dialogs.append(feature.show_color_meanings())  # type: ignore[arg-type]
    window.views_feature.show_glossary()
    window.show_about()
    from reader.ui.compare.compare_feature import compare_feature

    compare = compare_feature(window)
    assert compare is not None
    dialogs.append(compare.open())
    qtbot.waitUntil(lambda: feature.selection.words is not None, timeout=10_000)
    words = feature.selection.words
    assert words is not None
    vocabulary = words.show_vocabulary()
    assert vocabulary is not None
    dialogs.append(vocabulary)
    passage = doc.text.index("上海合作組織")
    window.reading_view.select_range(passage, passage + len("上海合作組織"))
    editor = feature.edits.edit_dialog("note")
    assert editor is not None
    dialogs.append(editor)
    # The import dialog, on a text of the reader's own.
    source = tmp_path / "lianxi.md"
    source.write_text(
        "# 中俄關係的新階段\n\n雙方在能源與安全領域的合作持續深化。\n", encoding="utf-8"
    )
    window.dialogs.import_file(source)
    qtbot.waitUntil(lambda: window.dialogs.import_dialog is not None, timeout=20_000)
    importer = window.dialogs.import_dialog
    assert importer is not None
    qtbot.waitUntil(importer.is_current, timeout=20_000)
    dialogs.append(importer)
    content |= {str(source), source.name, "lianxi"}
    qtbot.waitUntil(lambda: all(w.isVisible() for w in dialogs), timeout=10_000)
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible() and top not in dialogs:
            dialogs.append(top)

    found = _everything_shown(dialogs)
    for action in window.menuBar().actions():
        found += _action_texts(action, "menu bar")
    found.append(("status bar", window.statusBar().currentMessage()))
    # Qt's own buttons come from qtbase_<language>.qm.
    boxes = export.findChildren(QDialogButtonBox)
    assert boxes and all(not untranslated(b.text()) for box in boxes for b in box.buttons())
    # The walk saw the menus, the sidebar, the dialogs and the status bar.
    texts = {text for _, text in found}
    assert len(texts) > 300
    menus = {"zh_TW": "檔案(&F)", "zh_CN": "文件(&F)"}[translated]
    assert menus in texts and any(text.startswith(("註記", "批注")) for text in texts)
    assert any("一帶一路" in text and "篇文章" in text for text in texts)  # the hits' summary
    english = _in_english(found, content)
    assert not english, f"{len(english)} texts in English:\n" + "\n".join(english)


def test_view_language_is_remembered_for_the_next_start(qtbot: QtBot) -> None:
    library = load_library()
    window = MainWindow(library, ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    assert list(window.language_actions) == list(LANGUAGES)
    assert window.language_actions["system"].isChecked()
    window.language_actions["zh_CN"].trigger()
    assert "Meipi starts again" in window.statusBar().currentMessage()
    window.close()
    settings = ReaderSettings.default()
    assert settings.language() == "zh_CN"
    assert interface_language(settings.language(), QLocale("zh_TW")) == "zh_CN"
    again = MainWindow(library, settings, FontCatalog.from_system())
    qtbot.addWidget(again)
    assert again.language_actions["zh_CN"].isChecked()
    assert not again.language_actions["system"].isChecked()


def _import_dialog(qtbot: QtBot, path: Path) -> tuple[MainWindow, ImportDialog]:
    """A window, and its import dialog on ``path`` with its first guess shown."""
    window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.dialogs.import_file(path)
    qtbot.waitUntil(lambda: window.dialogs.import_dialog is not None, timeout=20_000)
    importer = window.dialogs.import_dialog
    assert importer is not None
    qtbot.waitUntil(importer.is_current, timeout=20_000)
    return window, importer


@pytest.mark.parametrize("translated", TRANSLATED, indirect=True)
def test_import_dialog_warns_of_a_copy_and_names_blocks_in_the_language(
    qtbot: QtBot, translated: str, tmp_path: Path
) -> None:
    """A text the library already holds, imported again: the warning, naming the menu item that
    removes a text as the menu reads, and the preview's block kinds are in the language."""
    first = tmp_path / "arctic.md"
    first.write_text("# 北極合作研究\n\n北極航道的合作與競爭。\n", encoding="utf-8")
    assert meipi("import", str(first)).code == 0
    copy = tmp_path / "copy.md"
    copy.write_bytes(first.read_bytes())
    window, importer = _import_dialog(qtbot, copy)
    warning = importer.warnings_label.text()
    # The menu path as the menu bar reads it (檔案(&F) ▸ 移除…(&R)…), without its mnemonics.
    shown = [window.file_menu.title(), window.dialogs.remove_action.text()]
    menu = " ▸ ".join(re.sub(r"\(&\w\)|&(?=\w)", "", text) for text in shown)
    assert menu.startswith({"zh_TW": "檔案 ▸ ", "zh_CN": "文件 ▸ "}[translated])
    assert menu in warning and "北極合作研究 (arctic)" in warning
    assert not untranslated(re.sub(r"<[^>]*>", "", warning).replace("arctic", ""))
    preview = importer.text_preview.toPlainText()
    kinds = {"zh_TW": ("標題", "段落"), "zh_CN": ("标题", "段落")}[translated]
    assert all(kind in preview for kind in kinds) and not untranslated(preview)
    importer.close()


def _import_warnings(qtbot: QtBot, path: Path) -> tuple[str, list[str]]:
    """The import dialog's warnings for ``path`` (HTML), and its form's labels as they read."""
    _window, importer = _import_dialog(qtbot, path)
    labels = [label.text() for label in importer.findChildren(QLabel) if label.buddy() is not None]
    warning = importer.warnings_label.text() if importer.warnings_label.isVisible() else ""
    importer.close()
    return warning, [re.sub(r"\(&\w\)|&(?=\w)", "", t).rstrip(":：").strip() for t in labels]


@pytest.mark.parametrize("translated", TRANSLATED, indirect=True)
def test_import_dialog_says_what_to_check_in_the_language_naming_its_fields(
    qtbot: QtBot, translated: str, tmp_path: Path
) -> None:
    """A file whose name makes no id, with no title at its top and no character that tells the
    scripts apart: three things to check, each in the language and naming the form's field by
    its label (the command line's sentences name --id, --title, --script)."""
    source = tmp_path / "山水.txt"
    source.write_text("大山小河人口日月水火木土，" * 30 + "\n\n" + "上下左右中大小，" * 20 + "\n")
    warning, labels = _import_warnings(qtbot, source)
    items = re.findall(r"<li>(.*?)</li>", warning)
    assert len(items) == 3 and "--" not in warning
    id_label, title_label, script_label = (
        {"zh_TW": "識別碼", "zh_CN": "标识符"}[translated],
        {"zh_TW": "篇名", "zh_CN": "标题"}[translated],
        {"zh_TW": "繁簡", "zh_CN": "繁简"}[translated],
    )
    assert {id_label, title_label, script_label} <= set(labels)
    quote = {"zh_TW": "「%s」", "zh_CN": "“%s”"}[translated]
    assert quote % id_label in items[0] and re.search(r"text-[0-9a-f]{8}", items[0])
    assert quote % title_label in items[1] and "山水" in items[1]
    assert quote % script_label in items[2]
    shown = re.sub(r"text-[0-9a-f]{8}|zh-Han[st](-[A-Z]{2})?", "", warning)
    assert not untranslated(shown)


@pytest.mark.parametrize("translated", [*TRANSLATED, "en"], indirect=True)
def test_import_dialog_names_the_pdf_pages_it_leaves_out_in_the_language(
    qtbot: QtBot, translated: str, tmp_path: Path
) -> None:
    from tests.importing.pdf_helpers import DATA, image_only_pdf

    mixed = tmp_path / "mixed.pdf"
    image_only_pdf(mixed, after=DATA / "libreoffice-sc.pdf")
    warning, _labels = _import_warnings(qtbot, mixed)
    expected = {
        "zh_TW": "第 6 頁是掃描影像",
        "zh_CN": "第 6 页是扫描图像",
        "en": "Page 6 is scanned (no text layer) and will be left out",
    }[translated]
    assert expected in warning and "ocrmypdf" in warning
    if translated != "en":
        assert not untranslated(re.sub(r"ocrmypdf|OCR|Unicode", "", warning))


@pytest.mark.parametrize("translated", TRANSLATED, indirect=True)
def test_import_dialog_refuses_a_typed_id_and_date_in_the_language(
    qtbot: QtBot, translated: str, tmp_path: Path
) -> None:
    source = tmp_path / "arctic.md"
    source.write_text("# 北極合作研究\n\n北極航道的合作與競爭。\n", encoding="utf-8")
    _window, importer = _import_dialog(qtbot, source)
    label = importer.problem_label

    def retype(edit: QLineEdit, text: str) -> None:
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
        qtbot.keyClicks(edit, text)

    bad_id = {"zh_TW": "不能作為識別碼", "zh_CN": "不能用作标识符"}[translated]
    bad_date = {"zh_TW": "不是 Meipi 看得懂的日期", "zh_CN": "识别的日期"}[translated]
    for edit, typed, said in (
        (importer.id_edit, "Arctic Study", bad_id),
        (importer.date_edit, "2024-13", bad_date),
    ):
        before = edit.text()
        retype(edit, typed)
        qtbot.waitUntil(lambda: label.isVisible() and said in label.text(), timeout=20_000)  # noqa: B023
        problem = label.text()
        assert typed in problem and not importer.save_button.isEnabled()
        assert not untranslated(problem.replace(typed, "").replace("hsu-2024", ""))
        retype(edit, before)
        qtbot.waitUntil(lambda: not label.isVisible(), timeout=20_000)
    importer.close()


def _mnemonic_clashes(menu: QMenu, path: str) -> list[str]:
    keys: dict[str, list[str]] = {}
    clashes: list[str] = []
    for action in menu.actions():
        found = re.search(r"&(\w)", action.text().replace("&&", ""))
        if found and action.isVisible():
            keys.setdefault(found.group(1).lower(), []).append(action.text())
        sub = action.menu()
        if isinstance(sub, QMenu):
            clashes += _mnemonic_clashes(sub, f"{path} ▸ {action.text()}")
    clashes += [f"{path}: {texts}" for texts in keys.values() if len(texts) > 1]
    return clashes


@pytest.mark.parametrize("translated", [*TRANSLATED, "en"], indirect=True)
def test_no_two_items_of_a_menu_share_a_mnemonic(qtbot: QtBot, translated: str) -> None:
    """Alt+letter reaches one item: the View menu had &Library/&Language, &Font/&Full Screen/
    &Filter Library…, the theme menu Follow &System/&Sepia (跟隨系統(S)/棕褐色(S))."""
    window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "annotations_feature", None) is not None)
    window.library_list  # noqa: B018 - the Library dock's panel, with its Filter Library item
    clashes = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            clashes += _mnemonic_clashes(menu, action.text())
    assert clashes == []


def _lists(files: QFileSystemModel, path: Path) -> bool:
    return files.index(str(path)).isValid()


@pytest.mark.parametrize("translated", TRANSLATED, indirect=True)
def test_qts_own_file_dialog_speaks_the_readers_language(
    qtbot: QtBot, translated: str, tmp_path: Path
) -> None:
    """The file dialog Qt draws itself (where the desktop offers none: the import's Choose
    File…, Export's Save As) has no English label: Qt 6's catalogs lack two of its labels
    ("&Look in:", "Files of &type:") and its type of a folder ("Folder"), which Meipi's own
    catalog carries. (A file's type is the desktop's, in the system's language.)"""
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "筆記"
    folder.mkdir()
    for accept in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "", str(tmp_path), "Markdown (*.md)")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(accept)
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        # Its words, not the folders and files it lists (the machine's own names).
        found = [(w, t) for w, t in _everything_shown([dialog]) if not w.endswith(" item")]
        assert len(found) > 10, found
        english = _in_english(found, {str(tmp_path), "Markdown (*.md)"})
        assert not english, f"{translated} {accept.name}: " + "; ".join(english)
        files = dialog.findChild(QFileSystemModel)
        assert files is not None
        qtbot.waitUntil(functools.partial(_lists, files, folder), timeout=10_000)
        kind = files.type(files.index(str(folder)))
        assert kind == {"zh_TW": "資料夾", "zh_CN": "文件夹"}[translated]
