"""``meipi list`` and ``meipi text``: the JSON shapes of the contract and the errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import meipi


def test_list_json_shape() -> None:
    r = meipi("list", "--json")
    assert r.code == 0, r.err
    docs = r.json()["documents"]
    assert [d["id"] for d in docs] == ["lian-obor", "hsu-divergence"]
    for d in docs:
        assert set(d) == {
            "id",
            "title",
            "authors",
            "venue",
            "issue",
            "date",
            "script",
            "pages",
            "characters",
            "annotations",
        }
    lian, hsu = docs
    assert lian["authors"] == ["連弘宜"] and lian["pages"] == 8 and lian["date"] is None
    assert hsu["issue"] == "No. 91" and hsu["date"] == "2024-11" and hsu["pages"] == 4
    assert lian["script"] == "zh-Hant-TW" and lian["annotations"] == 0


def test_list_plain() -> None:
    r = meipi("list")
    assert r.code == 0 and "lian-obor" in r.out and "hsu-divergence" in r.out


def test_text_json_begins_as_the_contract_says() -> None:
    r = meipi("text", "lian-obor", "--json")
    assert r.code == 0
    data = r.json()
    assert data["id"] == "lian-obor" and data["script"] == "original"
    assert data["source_script"] == "zh-Hant-TW"
    assert data["text"].startswith(
        "一帶一路框架下中俄之潛在競合關係\nCompetition and Cooperation between China and Russia "
        "with the framework of “One Belt One Road” Initiative\n連弘宜\n壹、前言\n"
        "自從戈巴契夫提出「新思維」"
    )
    assert data["blocks"][0] == {"kind": "title", "level": 0, "start": 0, "end": 16}
    assert data["pages"][0] == {"number": 1, "label": "1", "start": 0}
    text = data["text"]
    for b in data["blocks"]:
        assert "\n" not in text[b["start"] : b["end"]]
    assert "\n".join(text[b["start"] : b["end"]] for b in data["blocks"]) == text


def test_text_plain_and_original_script() -> None:
    r = meipi("text", "hsu-divergence", "--script", "original")
    assert r.code == 0 and r.out.startswith("中俄兩國之戰略利益分歧\n許菁芸\n")


def test_unknown_document_names_the_known_ids() -> None:
    r = meipi("text", "no-such-doc")
    assert r.code == 2
    assert "lian-obor" in r.err and "hsu-divergence" in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_unknown_option_and_view_are_input_errors() -> None:
    assert meipi("list", "--bogus").code == 2
    r = meipi("text", "lian-obor", "--script", "klingon")
    assert r.code == 2 and "zh-Hans-CN" in r.err


def test_python_dash_m_reader_is_the_same_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"lian-obor"' in proc.stdout


def test_a_db_in_a_missing_folder_is_an_input_error_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "notes.sqlite3"
    r = meipi("annotate", "lian-obor", "--quote", "普京", "--occurrence", "1", "--db", str(target))
    assert r.code == 2 and "does not exist" in r.err
    assert not target.parent.exists()


def test_view_ids_are_case_insensitive_like_bcp47() -> None:
    r = meipi("text", "hsu-divergence", "--script", "zh-hans", "--json")
    assert r.code == 0 and r.json()["script"] == "zh-Hans"
    assert r.json()["text"].startswith("中俄两国之战略利益分歧")


def test_the_window_without_a_display_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys as _sys

    if not _sys.platform.startswith("linux"):
        pytest.skip("display detection is for X11/Wayland systems")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    r = meipi()
    assert r.code == 1 and "no display" in r.err and "Traceback" not in r.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from reader import __version__

    r = meipi("--version")
    assert r.code == 0
    assert capsys.readouterr().out.strip() == f"meipi {__version__}"


def test_text_refuses_a_database_that_is_not_one(tmp_path: Path) -> None:
    """``--db`` (or ``$MEIPI_DB``) naming a file that is no Meipi database is exit 1 with the
    message every command gives, in every view — never silently ignored."""
    not_db = tmp_path / "notes.txt"
    not_db.write_text("not a database\n" * 100, encoding="utf-8")
    for script in ("original", "zh-Hans"):
        r = meipi("text", "lian-obor", "--script", script, "--db", str(not_db))
        assert r.code == 1 and r.out == "", script
        assert "is not a SQLite database" in r.err and "Traceback" not in r.err
    assert not_db.read_text(encoding="utf-8") == "not a database\n" * 100


def test_a_script_view_refuses_a_damaged_glossary(db_file: Path) -> None:
    from tests.store.test_quick import _damage_table

    assert meipi("glossary", "keep", "區域性").code == 0
    _damage_table(db_file, "glossary_keeps")
    # A script view reads the glossary: its damaged pages are exit 1.
    r = meipi("text", "lian-obor", "--script", "zh-Hans")
    assert r.code == 1 and "is damaged" in r.err and r.out == ""
    # 原文 reads no table (the glossary does not change it): its text, as the file says.
    r = meipi("text", "lian-obor")
    assert r.code == 0 and r.out.startswith("一帶一路框架下中俄之潛在競合關係\n")
    # No database yet: the text, exit 0 (none is created).
    db_file.unlink()
    assert meipi("text", "lian-obor").code == 0 and not db_file.exists()
