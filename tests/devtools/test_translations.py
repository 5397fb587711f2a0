"""The translation tooling (``reader.devtools.translations``) over the committed files: the
``.qm`` files are what lrelease makes, lupdate finds nothing new and nothing untranslated,
placeholders, mnemonics and tags survive translation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from reader.devtools import translations as tooling


def test_the_committed_qm_files_are_what_lrelease_makes(tmp_path: Path) -> None:
    for language in tooling.LANGUAGES:
        ts, qm = tooling.ts_path(language), tooling.qm_path(language)
        fresh = tooling.qm_path(language, tmp_path)
        tooling.compile_qm(ts, fresh)
        assert fresh.read_bytes() == qm.read_bytes(), (
            f"{qm.name} is not what lrelease makes of {ts.name}: "
            "run python -m reader.devtools.translations"
        )


def test_every_string_in_the_code_has_both_translations(tmp_path: Path) -> None:
    """lupdate over reader/ui changes nothing in the committed .ts files, and every message
    in them is translated (no unfinished or empty translation)."""
    for language in tooling.LANGUAGES:
        ts = tooling.ts_path(language)
        copy = tooling.ts_path(language, tmp_path)
        shutil.copyfile(ts, copy)
        tooling.update_ts(copy)
        added = {(m.context, m.source) for m in tooling.messages(copy)} - {
            (m.context, m.source) for m in tooling.messages(ts)
        }
        assert not added, (
            f"strings missing from {ts.name} (run python -m reader.devtools.translations "
            f"and translate them): {sorted(added)}"
        )
        missing = [(m.context, m.source) for m in tooling.unfinished(ts)]
        assert not missing, f"untranslated in {ts.name}: {missing}"


def test_placeholders_mnemonics_and_tags_survive_translation() -> None:
    for language in tooling.LANGUAGES:
        for message in tooling.messages(tooling.ts_path(language)):
            source, text = message.source, message.translation
            where = f"{language} [{message.context}] {source!r} → {text!r}"
            assert sorted(re.findall(r"%\d|%n", source)) == sorted(re.findall(r"%\d|%n", text)), (
                where
            )
            assert sorted(re.findall(r"</?\w+", source)) == sorted(re.findall(r"</?\w+", text)), (
                where
            )
            assert ("{how}" in source) == ("{how}" in text), where
            # A mnemonic stays a mnemonic (Chinese convention: 檔案(&F)), one per string.
            marks = re.findall(r"&(?!amp;|lt;|gt;|quot;)\w", text)
            assert len(marks) == len(re.findall(r"&\w", source)), where
