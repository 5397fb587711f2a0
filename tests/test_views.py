"""``reader.views``: the six script views of the contract, their labels and OpenCC configs."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.views import CONFIGS, LABELS, VIEW_IDS, check_view, config_for

SOURCES = ("zh-Hant-TW", "zh-Hant-HK", "zh-Hans")


def test_every_view_has_a_label_and_a_configuration_per_source_script() -> None:
    assert len(VIEW_IDS) == 6 and VIEW_IDS[0] == "original"
    assert set(LABELS) == set(CONFIGS) == set(VIEW_IDS)
    for view in VIEW_IDS:
        assert set(CONFIGS[view]) == set(SOURCES)
    assert all(config_for("original", source) is None for source in SOURCES)


@pytest.mark.parametrize(
    ("view", "source", "config"),
    [
        ("zh-Hant", "zh-Hans", "s2t"),
        ("zh-Hans-CN", "zh-Hant-TW", "tw2sp"),
        ("zh-Hans", "zh-Hans", None),
    ],
)
def test_config_for(view: str, source: str, config: str | None) -> None:
    assert config_for(view, source) == config


@pytest.mark.parametrize("typed", ["zh-hans", "ZH-HANT-TW", "Original", "zh-Hant-HK"])
def test_view_ids_are_case_insensitive(typed: str) -> None:
    found = check_view(typed)
    assert found in VIEW_IDS and found.casefold() == typed.casefold()


def test_an_unknown_view_names_the_valid_ones() -> None:
    with pytest.raises(InputError, match="Unknown script view 'zh-Latn'") as info:
        check_view("zh-Latn")
    assert all(view in str(info.value) for view in VIEW_IDS)
    assert info.value.exit_code == 2
