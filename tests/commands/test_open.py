"""``meipi open`` (``reader.commands.open``): the place is checked before any window starts."""

from __future__ import annotations

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
