"""Font choice for the shown script, the missing-font banner text, and full citations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.documents import load_library
from reader.ui.reading.fonts import FontCatalog, missing_font_message
from reader.ui.window.citation import format_date, full_citation

NOTO = [
    "Noto Serif CJK TC",
    "Noto Serif CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK SC",
    "DejaVu Sans",
]


def test_serif_matches_the_script_shown() -> None:
    fonts = FontCatalog.of(NOTO, NOTO[:4])
    assert fonts.body_families("serif", "zh-Hant-TW")[0] == "Noto Serif CJK TC"
    assert fonts.body_families("serif", "zh-Hans-CN")[0] == "Noto Serif CJK SC"
    assert fonts.body_families("sans", "zh-Hant")[0] == "Noto Sans CJK TC"
    assert fonts.body_families("sans", "zh-Hans")[0] == "Noto Sans CJK SC"
    # The rest follow as fallbacks, each once.
    families = fonts.body_families("serif", "zh-Hant-TW")
    assert len(families) == len(set(families)) == 4


def test_other_platforms_fonts_are_found() -> None:
    mac = FontCatalog.of(["Songti TC", "PingFang TC", "Helvetica"], ["Songti TC", "PingFang TC"])
    assert mac.body_families("serif", "zh-Hant-TW")[0] == "Songti TC"
    windows = FontCatalog.of(
        ["SimSun", "Microsoft YaHei", "PMingLiU"], ["SimSun", "Microsoft YaHei", "PMingLiU"]
    )
    assert windows.body_families("serif", "zh-Hans")[0] == "SimSun"
    assert windows.body_families("serif", "zh-Hant-HK")[0] == "PMingLiU"
    # An unknown family that declares Chinese is better than boxes.
    odd = FontCatalog.of(["Some CJK Font"], ["Some CJK Font"])
    assert odd.body_families("serif", "zh-Hant-TW") == ["Some CJK Font"]
    assert odd.covers_chinese


def test_nothing_for_chinese_means_a_banner() -> None:
    latin = FontCatalog.of(["DejaVu Sans"], [])
    assert not latin.covers_chinese
    assert latin.body_families("serif", "zh-Hant-TW") == []
    message = missing_font_message()
    assert "Noto Serif CJK" in message
    if sys.platform.startswith("linux"):
        assert "sudo apt install fonts-noto-cjk" in message


def test_full_citations_of_the_shipped_articles() -> None:
    library = load_library()
    assert full_citation(library.get("lian-obor")) == (
        "連弘宜，〈一帶一路框架下中俄之潛在競合關係〉，《戰略瞭望》，頁 1–8。"
    )
    assert full_citation(library.get("hsu-divergence")) == (
        "許菁芸，〈中俄兩國之戰略利益分歧〉，《遠景論壇》第91期（2024年11月），"
        "財團法人兩岸交流遠景基金會，頁 1–4。"
    )


def test_dates_in_chinese_style() -> None:
    assert format_date("2024-11") == "2024年11月"
    assert format_date("2024-01-05") == "2024年1月5日"
    assert format_date("2024") == "2024年"
    assert format_date("Spring 2024") == "Spring 2024"


def test_the_window_module_imports_nothing_heavy_before_the_first_paint() -> None:
    # Startup budget (issue 10): SQLAlchemy and OpenCC load after the text is painted.
    code = (
        "import sys, reader.ui.window.app, reader.commands.window; "
        "print(sorted(m for m in ('sqlalchemy', 'opencc', 'reader.store', 'reader.script') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_the_window_is_fully_ready_without_sqlalchemy_or_opencc(db_file: Path) -> None:
    # Startup budget (issue 10): the first read of annotations, tags, colour meanings and the
    # glossary goes through plain sqlite3; SQLAlchemy loads at the first write, OpenCC when a
    # view other than 原文 is shown.
    from reader.store import annotations as ops
    from reader.store import glossary as store_glossary
    from reader.store import open_store

    doc = load_library().get("lian-obor")
    store = open_store(db_file)
    with store.writing() as s:
        ops.create_annotation(s, doc, 10, 20, tags=["能源"], note="注")
        ops.create_annotation(s, doc, 30, 40, color="green")
        store_glossary.add_keep(s, "中亞")
    store.close(backup=False)
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from reader.cli import Context\n"
        "from reader.ui.window.app import application, create_window\n"
        "app = application()\n"
        "from pathlib import Path\n"
        f"db = Path({str(db_file)!r})\n"
        "w = create_window(Context(db=db, stdout=sys.stdout, stderr=sys.stderr))\n"
        "def ready():\n"
        "    heavy = [m for m in ('sqlalchemy', 'opencc', 'reader.script') if m in sys.modules]\n"
        "    drawn = len(w.annotations_feature.records('lian-obor'))\n"
        "    print(heavy, drawn, w.annotations_feature.sidebar.isVisible(), flush=True)\n"
        "    app.quit()\n"
        "w.fully_ready.connect(ready)\n"
        "QTimer.singleShot(60000, app.quit)\n"
        "w.show()\n"
        "app.exec()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MEIPI_DB=str(db_file))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip(), out.stderr[-2000:]  # never ready: what went wrong
    assert out.stdout.strip().splitlines()[-1] == "[] 2 True"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig decides the fonts")
def test_with_no_fonts_installed_the_window_shows_the_banner(tmp_path: Path) -> None:
    # A fontconfig with no font directories: what a bare system without CJK fonts gives Qt.
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    code = (
        "from reader.documents import load_library\n"
        "from reader.ui.window.app import application\n"
        "from reader.ui.reading.fonts import FontCatalog\n"
        "from reader.ui.window.main_window import MainWindow\n"
        "from reader.ui.window.settings import ReaderSettings\n"
        "app = application()\n"
        "fonts = FontCatalog.from_system()\n"
        "w = MainWindow(load_library(), ReaderSettings.default(), fonts)\n"
        "w.show()\n"
        "text = w.banner.label.text()\n"
        "print(fonts.covers_chinese, w.banner.isVisible(), 'fonts-noto-cjk' in text)\n"
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    assert out.stdout.split() == ["False", "True", "True"]


def test_copy_with_citation_trims_the_edges_and_cites_in_the_interface_language() -> None:
    from reader.export.citing import citation_form, quote_with_citation
    from reader.export.records import OriginalView
    from reader.script import document_view

    lian = load_library().get("lian-obor")
    word = "出兵喬治亞"
    start = lian.text.index(word)
    # A selection that caught the comma before and the space after is trimmed to the words.
    while lian.text[start - 1] not in "，、。":
        start -= 1
    passage = lian.text[start - 1 : lian.text.index(word) + len(word)]
    a, b = start - 1, lian.text.index(word) + len(word) + 1
    original = OriginalView(lian.text)
    english = quote_with_citation(lian, a, b, original, form=citation_form("en_US", "zh-Hant-TW"))
    assert english == (
        f"「{passage[1:]}」 (連弘宜, 〈一帶一路框架下中俄之潛在競合關係〉, 《戰略瞭望》, p. 3)"
    )
    taiwan = quote_with_citation(lian, a, b, original, form=citation_form("zh_TW", "zh-Hant-TW"))
    assert taiwan.endswith("（連弘宜，〈一帶一路框架下中俄之潛在競合關係〉，《戰略瞭望》，頁 3）")
    assert "p. " not in taiwan
    view = document_view(lian, "zh-Hans-CN", None)
    mainland = quote_with_citation(lian, a, b, view, form=citation_form("zh_CN", "zh-Hans-CN"))
    assert mainland.endswith("（连弘宜，〈一带一路框架下中俄之潜在竞合关系〉，《战略瞭望》，页 3）")
    assert mainland.startswith("「") and not mainland.startswith("「，")
