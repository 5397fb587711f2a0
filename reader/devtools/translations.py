"""The window's translations (a developer tool): one command after adding or changing any
visible string in ``reader/ui/``::

    python -m reader.devtools.translations

It runs Qt's ``pyside6-lupdate`` over every module of ``reader/ui/`` to bring
``resources/translations/meipi_zh_TW.ts`` and ``meipi_zh_CN.ts`` up to date (new strings added
as unfinished, strings no longer in the code dropped) — and ``meipi_en.ts``, which holds only the
strings with a count (``self.tr("%n annotation(s)", "", n)``: English's singular and plural) —
then ``pyside6-lrelease`` to compile them into the ``.qm`` files the window loads — committed,
because the package build runs isolated, without PySide6. It ends by listing, per language, the
strings still waiting for a translation (exit 1 if there are any, so a script can tell).

Translate them in Qt Linguist (``pyside6-linguist resources/translations/meipi_zh_TW.ts``,
marking each one done) or in the ``.ts`` XML itself (a ``<translation>`` without
``type="unfinished"``), then run the command again to compile. Write each language as its
readers' software does (Taiwan: 檔案, 設定, 匯出, 資料庫, 預設, 視窗, 剪貼簿; mainland: 文件, 设置,
导出, 数据库, 默认, 窗口, 剪贴板), not as a character conversion of the other; keep ``%1``/``%n``
placeholders, HTML tags and a ``&`` mnemonic (as ``檔案(&F)``).

``--check`` changes nothing: it exits 1 when a ``.ts`` file is out of date with the code, a
string is untranslated, or a committed ``.qm`` is not what ``lrelease`` makes of its ``.ts``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "reader" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_TW", "zh_CN", "en")
# English needs a catalog only for its plurals: "%n annotation(s)" is "1 annotation" and
# "2 annotations" (lupdate's -pluralonly keeps just the strings with a count).
PLURALS_ONLY = ("en",)


def ts_path(language: str, directory: Path = TRANSLATIONS) -> Path:
    return directory / f"meipi_{language}.ts"


def qm_path(language: str, directory: Path = TRANSLATIONS) -> Path:
    return directory / f"meipi_{language}.qm"


def qt_tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease``: beside this Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found: install PySide6 (PySide6-Essentials ships it).")
    return found


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def update_ts(ts: Path) -> None:
    """Bring ``ts`` up to date with the code (lupdate keeps existing translations)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    language = ts.stem.removeprefix("meipi_")
    command = [qt_tool("pyside6-lupdate"), *map(str, source_files())]
    command += ["-ts", str(ts), "-no-obsolete", "-locations", "none"]
    command += ["-target-language", language, "-source-language", "en"]
    if language in PLURALS_ONLY:
        command.append("-pluralonly")
    subprocess.run(command, check=True, capture_output=True, text=True)


def compile_qm(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``; unfinished translations are left out (shown in English)."""
    command = [qt_tool("pyside6-lrelease"), "-nounfinished", "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(command, check=True, capture_output=True, text=True)


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


def messages(ts: Path) -> list[Message]:
    """Every message of a ``.ts`` file (a numerus message: its first form)."""
    found: list[Message] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            if element is None:
                continue
            forms = element.findall("numerusform")
            text = (forms[0].text if forms else element.text) or ""
            finished = element.get("type") not in ("unfinished", "vanished", "obsolete")
            found.append(Message(name, message.findtext("source") or "", text, finished))
    return found


def unfinished(ts: Path) -> list[Message]:
    return [m for m in messages(ts) if not m.finished or not m.translation]


def _report(language: str, ts: Path) -> int:
    missing = unfinished(ts)
    total = len(messages(ts))
    print(f"{language}: {total - len(missing)} of {total} strings translated ({ts.name})")
    for message in missing:
        print(f"  untranslated [{message.context}] {message.source!r}")
    return len(missing)


def check() -> int:
    """Exit status 1 when anything is out of date or untranslated (nothing is changed)."""
    problems = 0
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for language in LANGUAGES:
            ts, qm = ts_path(language), qm_path(language)
            if not ts.exists():
                print(f"{language}: {ts} is missing")
                problems += 1
                continue
            copy = ts_path(language, scratch)
            shutil.copyfile(ts, copy)
            update_ts(copy)
            if copy.read_bytes() != ts.read_bytes():
                print(f"{language}: {ts.name} is out of date with reader/ui (run the update)")
                problems += 1
            problems += _report(language, ts)
            fresh = qm_path(language, scratch)
            compile_qm(ts, fresh)
            if not qm.exists() or fresh.read_bytes() != qm.read_bytes():
                print(f"{language}: {qm.name} is not what lrelease makes of {ts.name}")
                problems += 1
    return 1 if problems else 0


def update() -> int:
    missing = 0
    for language in LANGUAGES:
        ts = ts_path(language)
        update_ts(ts)
        compile_qm(ts, qm_path(language))
        missing += _report(language, ts)
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reader.devtools.translations",
        description="Update the window's .ts files from reader/ui and compile the .qm files.",
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is out of date"
    )
    args = parser.parse_args(argv)
    return check() if args.check else update()


if __name__ == "__main__":
    sys.exit(main())
