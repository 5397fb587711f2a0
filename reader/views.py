"""The six script views of the shared contract: ids, labels, and OpenCC configuration per
source script (``None`` is the identity)."""

from __future__ import annotations

VIEW_IDS = ("original", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "zh-Hans", "zh-Hans-CN")

LABELS = {
    "original": "原文",
    "zh-Hant": "繁體",
    "zh-Hant-TW": "繁體（臺灣）",
    "zh-Hant-HK": "繁體（香港）",
    "zh-Hans": "简体",
    "zh-Hans-CN": "简体（大陆用语）",
}

# view id -> source script -> OpenCC configuration name (None: identity)
CONFIGS: dict[str, dict[str, str | None]] = {
    "original": {"zh-Hant-TW": None, "zh-Hant-HK": None, "zh-Hans": None},
    "zh-Hant": {"zh-Hant-TW": None, "zh-Hant-HK": None, "zh-Hans": "s2t"},
    "zh-Hant-TW": {"zh-Hant-TW": "t2tw", "zh-Hant-HK": "t2tw", "zh-Hans": "s2twp"},
    "zh-Hant-HK": {"zh-Hant-TW": "t2hk", "zh-Hant-HK": None, "zh-Hans": "s2hk"},
    "zh-Hans": {"zh-Hant-TW": "tw2s", "zh-Hant-HK": "hk2s", "zh-Hans": None},
    "zh-Hans-CN": {"zh-Hant-TW": "tw2sp", "zh-Hant-HK": "hk2s", "zh-Hans": None},
}


def config_for(view: str, source_script: str) -> str | None:
    return CONFIGS[view][source_script]


def check_view(view: str) -> str:
    """The view id ``view`` names (BCP 47 tags are case-insensitive: ``zh-hans`` is
    ``zh-Hans``), else an InputError listing the valid ones."""
    from reader.errors import InputError

    for known in VIEW_IDS:
        if view.casefold() == known.casefold():
            return known
    raise InputError(f"Unknown script view {view!r}. Valid views: {', '.join(VIEW_IDS)}.")
