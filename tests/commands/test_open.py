"""``meipi open`` (``reader.commands.open``): the place is checked before any window starts."""

from __future__ import annotations

from pathlib import Path

from reader import paths
from reader.documents import TEXT_SUFFIX
from reader.store.window_lock import acquire_window_lock
from tests.cli_helpers import meipi

UUID = "8588fba8-a3a2-40cc-89b5-5b8ba37952ec"


def test_open_checks_the_place_before_any_window() -> None:
    assert meipi("open", "nope").code == 2
    far = meipi("open", "lian-obor", "--at", "99999999")
    assert far.code == 2 and "past the end" in far.err
    bad = meipi("open", "--url", "meipi://open?doc=lian-obor&db=/tmp/x")
    assert bad.code == 2 and "not a Meipi link" in bad.err
    missing = meipi("open", "--annotation", UUID)
    assert missing.code == 2
    both = meipi("open", "lian-obor", "--url", "meipi://open?doc=lian-obor")
    assert both.code == 2


def test_an_annotation_whose_text_is_gone_is_refused_in_words(tmp_path: Path) -> None:
    """The annotation is kept when its text's file is removed; opening it says the text is
    gone (the window was asked to open a text it does not have, and raised)."""
    source = tmp_path / "mine.txt"
    source.write_text("我的筆記\n\n能源政策的短文。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "mine").code == 0
    made = meipi("annotate", "mine", "--quote", "能源")
    assert made.code == 0
    annotation = made.out.strip()
    (paths.user_texts_dir() / f"mine{TEXT_SUFFIX}").unlink()
    lock = acquire_window_lock(paths.db_path())  # a window open: nothing may start one
    assert lock is not None
    try:
        gone = meipi("open", "--annotation", annotation)
    finally:
        lock.release()
    assert gone.code == 2
    assert "mine" in gone.err and "library" in gone.err
    assert "Traceback" not in gone.err
