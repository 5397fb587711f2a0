"""The annotating tests' window: larger, with its annotations and views features installed."""

from __future__ import annotations

import pytest

from tests.ui.helpers import MakeWindow, annotating


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    return annotating(make_window)
