"""Script views share their dictionaries: a file two OpenCC configurations use is read once
(issue 10: memory), and each still converts exactly as the library does."""

from __future__ import annotations

from opencc import OpenCC

from reader.script_engine import converter


def _mappings(config: str) -> dict[int, dict[str, str]]:
    return {id(m): m for group in converter(config).chain for _a, _b, m in group}


def test_configurations_share_the_dictionaries_they_have_in_common() -> None:
    t2s, tw2s = _mappings("t2s"), _mappings("tw2s")
    shared = set(t2s) & set(tw2s)
    assert shared  # TSPhrases and TSCharacters are one object each, not two
    assert len(shared) >= 2


def test_shared_dictionaries_convert_as_the_library() -> None:
    text = "臺灣的軟體與網路，香港的資訊科技；乾隆年間的乾燥天氣。"
    for config in ("t2s", "tw2s", "tw2sp", "t2tw", "t2hk"):
        assert converter(config).convert(text)[0] == OpenCC(config).convert(text)
