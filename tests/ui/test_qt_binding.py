"""Guard against PySide6 6.12.0 on Python 3.11, which aborts with ``none_dealloc`` after a few
thousand Qt calls returning None. pyproject's environment marker keeps that pair out; this test
makes 20,000 such calls so a broken pair fails loudly here instead of in a user's window."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_many_calls_returning_none_do_not_abort() -> None:
    script = textwrap.dedent(
        """
        import os
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        for i in range(20000):
            label.setText(str(i))
        print("ok", label.text())
        """
    )
    # A subprocess: the failure is an abort that would take the test runner down with it.
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok 19999"
