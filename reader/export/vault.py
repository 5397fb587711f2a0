"""``meipi export --format markdown --dir VAULT``: one Markdown file per text in a notes vault,
re-exported in place without touching what the user wrote.

Each text with matching annotations gets ``VAULT/<id>.md`` (a stable name: the id never
changes). Meipi owns two parts of the file and nothing else:

* the front matter keys it writes (``title``, ``tags``, ``citekey`` …); the user's own keys
  (``aliases:``, ``cssclasses:`` …), with their indented lines, are kept after Meipi's;
* the section between ``<!-- meipi:begin ID -->`` and ``<!-- meipi:end ID -->`` (HTML
  comments, which Obsidian, GitHub and Pandoc's HTML do not show).

Everything before and after that section is the user's and is kept byte for byte. A file that
exists without the markers (written by hand, or by ``-o``) is not touched: the export refuses
it (InputError) rather than choose between losing it and duplicating it.
Files are written atomically (``reader.export.atomic.write_atomic``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from reader.errors import EnvironmentFailure, InputError
from reader.export.atomic import check_target, write_atomic
from reader.export.markdown import omitted_documents, render_markdown
from reader.export.records import ExportOptions, ExportSource

_KEY = re.compile(r"([A-Za-z0-9_\"'][^:\n]*):")


def begin_mark(doc_id: str) -> str:
    return f"<!-- meipi:begin {doc_id} -->"


def end_mark(doc_id: str) -> str:
    return f"<!-- meipi:end {doc_id} -->"


@dataclass
class VaultReport:
    written: list[Path]
    updated: list[Path]
    omitted: int


def _split(text: str) -> tuple[list[str] | None, str]:
    """Front matter lines (without the fences) and the rest; None when there is none."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            return text[4:-4].split("\n"), ""
        return None, text
    return text[4:end].split("\n"), text[end + len("\n---\n") :]


def _top_keys(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Top-level YAML entries: (key, its lines) — a key's indented lines go with it."""
    entries: list[tuple[str, list[str]]] = []
    for line in lines:
        match = _KEY.match(line) if line[:1] not in (" ", "\t", "-", "#", "") else None
        if match:
            entries.append((match.group(1).strip("\"'"), [line]))
        elif entries:
            entries[-1][1].append(line)
        else:
            entries.append(("", [line]))
    return entries


def merge(existing: str, fresh: str, doc_id: str) -> str:
    """``fresh`` (Meipi's front matter and section) merged into ``existing``: Meipi's keys and
    section replaced, everything else kept."""
    begin, end = begin_mark(doc_id), end_mark(doc_id)
    start = existing.find(begin)
    stop = existing.find(end, start + len(begin)) if start >= 0 else -1
    if start < 0 or stop < 0:
        raise InputError(
            "it has no Meipi section (the lines "
            f"{begin} … {end}); move it away, or export it with -o FILE --force"
        )
    fresh_front, fresh_body = _split(fresh)
    old_front, _ = _split(existing)
    section = fresh_body[fresh_body.index(begin) : fresh_body.index(end) + len(end)]
    head = existing[:start]
    tail = existing[stop + len(end) :]
    if old_front is not None and fresh_front is not None:
        ours = {key for key, _ in _top_keys(fresh_front)}
        kept = [line for key, lines in _top_keys(old_front) if key not in ours for line in lines]
        front = "---\n" + "\n".join([*fresh_front, *kept]) + "\n---\n"
        _, head_body = _split(head)
        head = front + head_body
    return head + section + tail


def document_file(options: ExportOptions, source: ExportSource, doc_id: str) -> str:
    """A new vault file for one text: Meipi's front matter, then its marked section."""
    text = render_markdown(replace(options, documents=(doc_id,)), source)
    front, body = _split(text)
    assert front is not None
    return (
        "---\n"
        + "\n".join(front)
        + "\n---\n\n"
        + begin_mark(doc_id)
        + "\n\n"
        + body.strip("\n")
        + "\n\n"
        + end_mark(doc_id)
        + "\n"
    )


def export_to_vault(
    options: ExportOptions, source: ExportSource, folder: Path, *, db: Path | None = None
) -> VaultReport:
    """Write or update one file per text with matching annotations."""
    options = options.checked()
    if options.format != "markdown":
        raise InputError("--dir writes Markdown only: use it with --format markdown.")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give the vault's folder to --dir.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure(f"Cannot make the folder {folder} ({exc.strerror}).") from None
    left_out = {d.id for d in omitted_documents(options, source)}
    report = VaultReport([], [], len(left_out))
    for doc in source.selected_documents(options):
        if doc.id in left_out:
            continue
        path = folder / f"{doc.id}.md"
        fresh = document_file(options, source, doc.id)
        if path.exists():
            check_target(path, db=db, force=True)
            try:
                existing = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise EnvironmentFailure(f"Cannot read {path} ({exc}).") from None
            try:
                content = merge(existing, fresh, doc.id)
            except InputError as exc:
                raise InputError(f"{path} was left as it is: {exc}.") from None
            write_atomic(path, content.encode("utf-8"))
            report.updated.append(path)
        else:
            check_target(path, db=db, force=False)
            write_atomic(path, fresh.encode("utf-8"))
            report.written.append(path)
    return report
