"""The comparison with the official OpenCC (``reader.devtools.compare_official``): every
configuration a view uses is timed once, and an official side that cannot run is said, exit 1."""

from __future__ import annotations

import shutil

import pytest

from reader.devtools.compare_official import _plans, main
from reader.views import CONFIGS


def test_every_configuration_a_view_uses_is_planned_once() -> None:
    plans = _plans()
    used = {
        config
        for per_source in CONFIGS.values()
        for source, config in per_source.items()
        if config and source in ("zh-Hant-TW", "zh-Hans")
    }
    assert set(plans) == used
    assert all(plan.config == config for config, plan in plans.items())


@pytest.mark.skipif(shutil.which("false") is None, reason="needs the false command")
def test_an_official_side_that_cannot_run_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    false = shutil.which("false")
    assert false is not None
    assert main(["--official-python", false, "--chars", "1000", "--repeat", "1"]) == 1
    assert "The official library could not run" in capsys.readouterr().err
