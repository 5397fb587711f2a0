"""ReaderSettings is the window's one way to its settings file: the features' own keys come
back typed, survive a new ReaderSettings on the same file, and a value of the wrong kind reads
as the default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from reader.ui.window.settings import ReaderSettings


def test_feature_keys_come_back_typed_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = ReaderSettings(path)
    settings.set_value("compare/left", "lian-obor")
    settings.set_flag("annotations/margin_collapsed", True)
    settings.set_flag("views/quotes", False)
    settings.set_strings("export/tags", ["地區/中亞", "energy"])
    settings.set_value("compare/geometry", QByteArray(b"\x01\x02layout"))
    assert settings.sync()
    again = ReaderSettings(path)
    assert again.text("compare/left") == "lian-obor"
    assert again.flag("annotations/margin_collapsed") is True
    assert again.flag("views/quotes", True) is False
    assert again.strings("export/tags") == ["地區/中亞", "energy"]
    assert again.saved_layout("compare/geometry") == QByteArray(b"\x01\x02layout")
    assert "地區/中亞" in path.read_text(encoding="utf-8")  # kept readable, not escaped


def test_absent_or_malformed_values_read_as_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        '[export]\ntags=not json\ncolors="[1, 2]"\n[views]\nview=klingon\n', encoding="utf-8"
    )
    settings = ReaderSettings(path)
    assert settings.strings("export/tags") is None
    assert settings.strings("export/colors") is None
    assert settings.strings("export/absent") is None
    assert settings.text("views/view", "original", ("original", "tw")) == "original"
    assert settings.text("views/absent") == ""
    assert settings.flag("views/absent") is False and settings.flag("views/absent", True)
    assert settings.saved_layout("views/view") is None


def test_a_value_set_again_leaves_the_file_alone(tmp_path: Path) -> None:
    """QSettings writes its whole file anew after any setValue(), an unchanged one too (the
    window set the text it opens, its place and its view at every start): a value the file
    holds already is not set again, in a fresh ReaderSettings on the file too."""
    path = tmp_path / "settings.ini"
    settings = ReaderSettings(path)

    def set_all(document: str) -> None:
        settings.set_last_document(document)
        settings.set_position(document, 120)
        settings.set_zoom(2)
        settings.set_flag("views/quotes", False)
        settings.set_strings("export/tags", ["地區/中亞"])
        settings.set_geometry(QByteArray(b"\x01\x02layout"))

    set_all("lian-obor")
    assert settings.sync()
    written = path.stat()
    for again in (settings, ReaderSettings(path)):
        settings = again
        set_all("lian-obor")
        assert settings.sync()
        now = path.stat()
        assert (now.st_ino, now.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    set_all("hsu-divergence")
    assert settings.sync()
    assert path.stat().st_ino != written.st_ino
    assert ReaderSettings(path).last_document() == "hsu-divergence"
    assert ReaderSettings(path).position("hsu-divergence") == 120
