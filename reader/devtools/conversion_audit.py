"""Conversion audit (a developer tool): ``python -m reader.devtools.conversion_audit [--quick]``.

Converts every text at hand — the shipped articles, the benchmark's 1M-character document
(``reader.bench.workload``; ``--chars`` sets its size, ``--quick`` leaves it out), CPython's
``test/cjkencodings`` samples (Big5, Big5-HKSCS, GB2312, GBK, GB18030) when the standard library
ships them, and the lexicon's own forms — through every script view, and there and back
(t→s→t, s→t→s), twice: with the library alone ("before") and with Meipi's layers ("after").

Every place where a view's wording differs from a plain character conversion, and every place that
does not come back on the round trip, is listed and classified:

* ``regional wording`` — a name or word the target region says otherwise (普丁→普京);
* ``meaning changed`` — a substitution that says something else (IT vocabulary in prose:
  建立→创建; 通过→透過; an ethnonym turned into a state: 哈薩克→哈萨克斯坦);
* ``bad table entry`` — a wrong dictionary entry (中俄关系→中俄關系);
* ``character ambiguity`` — a character whose form depends on the meaning (系/係/繫, 发/發/髮),
  resolved by a correction or left alone and marked;
* ``segmentation`` — a round trip broken by the longest-match segmentation, not by a table entry.

``--list`` prints every place (with its context and origin); ``--json`` the whole report.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from reader import lexicon
from reader.script import (
    KEEP_CONFIG,
    ConvertedText,
    Plan,
    Substitution,
    convert_text,
    plan_for,
)
from reader.views import VIEW_IDS

CLASSES = (
    "regional wording",
    "meaning changed",
    "bad table entry",
    "character ambiguity",
    "segmentation",
    "corrected",  # after: a place a correction of Meipi's put right (no longer a fault)
)
# The round trips: (source script, there, back) as (view id, source script of the way back).
TRIPS = {
    "zh-Hant-TW": [("zh-Hans", "zh-Hant-TW"), ("zh-Hans-CN", "zh-Hant-TW")],
    "zh-Hant-HK": [("zh-Hans", "zh-Hant-HK")],
    "zh-Hans": [("zh-Hant", "zh-Hant-TW"), ("zh-Hant-TW", "zh-Hant-TW")],
}
BACK_VIEW = {"zh-Hant-TW": "zh-Hant-TW", "zh-Hant-HK": "zh-Hant-HK", "zh-Hans": "zh-Hans-CN"}


@dataclass(frozen=True)
class Finding:
    stage: str  # before / after
    text: str  # which text
    check: str  # "view zh-Hans-CN" or "round trip zh-Hans-CN→zh-Hant-TW"
    cls: str
    original: str
    shown: str
    origin: str  # the layer, or "round trip"
    context: str


# --- the texts ------------------------------------------------------------------------------


def texts(chars: int, quick: bool) -> Iterator[tuple[str, str, str]]:
    """(name, source script, text) of every text the audit converts."""
    from reader.documents import load_library

    library = load_library()
    for doc_id in ("lian-obor", "hsu-divergence"):
        d = library.get(doc_id)
        yield doc_id, d.meta.script, d.text
    if not quick:
        from reader.bench.workload import large_document

        big = large_document(chars)
        yield f"bench-{chars // 1000}k", big.meta.script, big.text
    yield from cjkencodings_samples()
    yield from lexicon_examples()
    yield from test_set_sentences()


def cjkencodings_samples() -> Iterator[tuple[str, str, str]]:
    import test  # the standard library's test package; absent from some distributions

    folder = Path(test.__file__).resolve().parent / "cjkencodings"
    wanted = {
        "big5": "zh-Hant-TW",
        "big5hkscs": "zh-Hant-HK",
        "gb2312": "zh-Hans",
        "gbk": "zh-Hans",
        "gb18030": "zh-Hans",
    }
    for name, script in wanted.items():
        path = folder / f"{name}-utf8.txt"
        if path.exists():
            yield f"cjkencodings/{name}", script, path.read_text(encoding="utf-8")


def test_set_sentences() -> Iterator[tuple[str, str, str]]:
    """The source sentences of the test set (tests/data/script_cases.tsv, in a checkout)."""
    path = Path(__file__).resolve().parents[2] / "tests" / "data" / "script_cases.tsv"
    if not path.exists():
        return
    by_script: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            _view, script, source, _expected, _origin = line.split("\t")
            by_script.setdefault(script, []).append(source)
    for script, sentences in sorted(by_script.items()):
        yield f"test-set/{script}", script, "\n".join(dict.fromkeys(sentences))


def lexicon_examples() -> Iterator[tuple[str, str, str]]:
    """Each region's forms of the lexicon, one per line, as a text of that region."""
    for region, script in (("tw", "zh-Hant-TW"), ("hk", "zh-Hant-HK"), ("cn", "zh-Hans")):
        forms = [e.form(region) for e in lexicon.entries() if e.form(region)]
        yield f"lexicon/{region}", script, "\n".join(forms)


# --- classification -------------------------------------------------------------------------


def _correction_kinds() -> dict[str, str]:
    return {c.source: c.kind for c in lexicon.corrections()}


def classify(sub: Substitution, plan: Plan, source_script: str) -> str:
    return _classify(sub.source, sub.original, sub.converted, plan)


@functools.cache
def _classify(source: str, original: str, converted: str, plan: Plan) -> str:
    sub = Substitution(0, 0, 0, 0, original, converted, source)
    if sub.source == "lexicon":
        return "regional wording"
    if sub.source == "ambiguity":
        return "character ambiguity"
    if sub.source == "correction":
        return "corrected"
    # The library's own phrase tables.
    original = sub.original
    exact = _regional_tables().get(_trad(original))
    if exact is not None:  # one entry of TWPhrases/TWPhrasesRev made it: is that one IT?
        file_name, value = exact
        if lexicon.is_it_entry(file_name, _trad(original), value):
            return "meaning changed"
    elif _it_involved(_trad(original), _trad(sub.converted)):  # a composed phrase
        return "meaning changed"
    kinds = _correction_kinds()
    if original in kinds:
        kind = kinds[original]
        return {"meaning": "meaning changed", "bad-table": "bad table entry"}.get(
            kind, "character ambiguity"
        )
    if (
        plan.source_region
        and plan.view_region
        and original in lexicon.withheld(plan.source_region, plan.view_region)
    ):
        return "meaning changed"
    return "regional wording"


@functools.cache
def _regional_tables() -> dict[str, tuple[str, str]]:
    """Key -> (file, value) of 0.1.7's TWPhrases.txt and TWPhrasesRev.txt."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    out: dict[str, tuple[str, str]] = {}
    for name in ("TWPhrases.txt", "TWPhrasesRev.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, value = line.strip().partition("\t")
            if key:
                out.setdefault(key, (name, value))
    return out


def _it_involved(original: str, converted: str) -> bool:
    """Whether an IT entry made (part of) this substitution, either way (a composed phrase:
    联合声明 → 聯合聲明 → 聯合宣告 holds 聲明 → 宣告)."""
    return any(
        (m in original and t in converted and t not in original)
        or (t in original and m in converted and m not in original)
        for m, t in lexicon.it_pairs()
    )


def _trad(text: str) -> str:
    """The Traditional form the 0.1.7 phrase tables are keyed by (their keys are Traditional)."""
    from reader.script_engine import converter

    return converter("s2t").convert(text)[0]


def view_findings(
    stage: str, name: str, script: str, text: str, view_id: str, layered: bool
) -> list[Finding]:
    plan = plan_for(view_id, script) if layered else Plan(plan_for(view_id, script).config)
    if plan.config is None and not plan.mainland_quotes:
        return []
    view = convert_text(text, plan)
    out = _correction_findings(stage, name, text, view, view_id)
    for sub in [*view.substitutions, *view.ambiguities]:
        cls = classify(sub, plan_for(view_id, script), script)
        if sub.source == "opencc" and sub.original in _correction_kinds():
            continue  # listed above, as the correction's kind
        out.append(
            Finding(
                stage,
                name,
                f"view {view_id}",
                cls,
                sub.original,
                sub.converted,
                sub.source,
                _context(text, sub.canon_start, sub.canon_end),
            )
        )
    return out


def _correction_findings(
    stage: str, name: str, text: str, view: ConvertedText, view_id: str
) -> list[Finding]:
    """The places a correction knows of where the view does not show the corrected text (the
    library's table faults before the layers; none should remain after)."""
    from reader.lexicon import PhraseMatcher
    from reader.script_engine import converter

    config = view.config
    if not config:
        return []
    variant = {"s2tw": "t2tw", "s2twp": "t2tw", "s2hk": "t2hk"}.get(config)
    wanted = {}
    kinds = {}
    for c in lexicon.corrections():
        if c.applies_to(config):
            target = converter(variant).convert(c.target)[0] if variant else c.target
            wanted[c.source] = target
            kinds[c.source] = c.kind
    out = []
    for start, end, target in PhraseMatcher(wanted).find(text):
        v0, v1 = view.to_view(start, end)
        shown = view.text[v0:v1]
        if shown == target:
            continue
        cls = {"meaning": "meaning changed", "bad-table": "bad table entry"}.get(
            kinds[text[start:end]], "character ambiguity"
        )
        out.append(
            Finding(
                stage,
                name,
                f"view {view_id}",
                cls,
                text[start:end],
                shown,
                "opencc",
                _context(text, start, end),
            )
        )
    return out


def trip_findings(
    stage: str, name: str, script: str, text: str, there: str, back_source: str, layered: bool
) -> list[Finding]:
    """``text`` to the view ``there``, then that text (as a text of ``back_source``'s script)
    back to the source's own region view; the places that did not come back."""
    back_view = BACK_VIEW[script]
    plan_there = plan_for(there, script)
    mid_source = "zh-Hans" if there.startswith("zh-Hans") else back_source
    plan_back = plan_for(back_view, mid_source)
    if not layered:
        plan_there, plan_back = Plan(plan_there.config), Plan(plan_back.config)
    if plan_there.config is None:
        return []
    mid = convert_text(text, plan_there)
    back = convert_text(mid.text, plan_back) if plan_back.config else None
    result = back.text if back is not None else mid.text
    if result == text:
        return []
    out = []
    for _op, a0, a1, b0, b1 in _differences(text, result):
        cls, origin = _trip_class(mid, a0, a1, text[a0:a1], result[b0:b1], plan_there, script)
        if origin == "round trip" and back is not None:
            # Or a substitution of the way back (a name the lexicon gives back another way).
            lo = b0 - 1 if b0 == b1 and b0 > 0 else b0  # a deletion: the places on its sides
            m0, m1 = back.to_canonical(lo, max(b1, b0 + 1))
            sub = _overlapping(back, m0, m1)
            if sub is not None:
                cls, origin = classify(sub, plan_back, mid_source), sub.source
        out.append(
            Finding(
                stage,
                name,
                f"round trip {there}→{back_view}",
                cls,
                text[a0:a1],
                result[b0:b1],
                origin,
                _context(text, a0, a1),
            )
        )
    return out


def _differences(text: str, result: str) -> Iterator[tuple[str, int, int, int, int]]:
    """The differing stretches of two texts, line by line when their lines correspond (no
    conversion adds or removes a line break), so a 1M-character text is not diffed whole."""
    lines_a, lines_b = text.split("\n"), result.split("\n")
    if len(lines_a) != len(lines_b):
        pairs = [(text, result, 0, 0)]
    else:
        pairs = []
        pa = pb = 0
        for la, lb in zip(lines_a, lines_b, strict=True):
            if la != lb:
                pairs.append((la, lb, pa, pb))
            pa += len(la) + 1
            pb += len(lb) + 1
    for la, lb, pa, pb in pairs:
        matcher = difflib.SequenceMatcher(None, la, lb, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op != "equal":
                yield op, a0 + pa, a1 + pa, b0 + pb, b1 + pb


_STARTS: dict[int, tuple[ConvertedText, list[int]]] = {}


def _overlapping(view: ConvertedText, start: int, end: int) -> Substitution | None:
    """The first substitution of ``view`` overlapping the canonical range (a bisection)."""
    import bisect

    cached = _STARTS.get(id(view))
    if cached is None or cached[0] is not view:
        cached = _STARTS[id(view)] = (view, [s.canon_end for s in view.substitutions])
    ends = cached[1]
    i = bisect.bisect_right(ends, start)
    subs = view.substitutions
    if i < len(subs) and subs[i].canon_start < end:
        return subs[i]
    return None


def _trip_class(
    mid: ConvertedText, a0: int, a1: int, original: str, came_back: str, plan: Plan, script: str
) -> tuple[str, str]:
    sub = _overlapping(mid, a0, max(a1, a0 + 1))
    if sub is not None:
        return classify(sub, plan, script), sub.source
    if len(original) == len(came_back) and original and _chars_only(original, came_back, plan):
        return "character ambiguity", "round trip"
    return "segmentation", "round trip"


def _chars_only(original: str, came_back: str, plan: Plan) -> bool:
    """Whether each differing character could have come back another way character by
    character (发 → 發 or 髮): a one-to-many character, not a phrase."""
    from reader.script_engine import converter

    if plan.config is None:
        return False
    return converter(KEEP_CONFIG.get(plan.config, plan.config)).char_reachable(
        came_back, came_back
    ) and all(len(a) == len(b) for a, b in zip(original, came_back, strict=True))


def _context(text: str, start: int, end: int, width: int = 8) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"{before}【{text[start:end]}】{after}"


# --- the report -----------------------------------------------------------------------------


def audit(chars: int = 1_000_000, quick: bool = False) -> dict[str, object]:
    findings: list[Finding] = []
    sizes: dict[str, int] = {}
    t0 = time.perf_counter()
    for name, script, text in texts(chars, quick):
        sizes[name] = len(text)
        for stage, layered in (("before", False), ("after", True)):
            for view_id in VIEW_IDS:
                if view_id != "original":
                    findings.extend(view_findings(stage, name, script, text, view_id, layered))
            for there, back_source in TRIPS[script]:
                findings.extend(
                    trip_findings(stage, name, script, text, there, back_source, layered)
                )
    counts = {
        stage: dict(Counter(f.cls for f in findings if f.stage == stage))
        for stage in ("before", "after")
    }
    return {
        "texts": sizes,
        "counts": counts,
        "findings": [asdict(f) for f in findings],
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _table(report: dict[str, object]) -> Iterable[str]:
    counts = report["counts"]
    assert isinstance(counts, dict)
    yield f"{'class':<22}{'before':>10}{'after':>10}"
    for cls in CLASSES:
        yield f"{cls:<22}{counts['before'].get(cls, 0):>10}{counts['after'].get(cls, 0):>10}"
    total_b = sum(counts["before"].values())
    total_a = sum(counts["after"].values())
    yield f"{'total':<22}{total_b:>10}{total_a:>10}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.devtools.conversion_audit")
    parser.add_argument("--quick", action="store_true", help="leave out the 1M-character text")
    parser.add_argument("--chars", type=int, default=1_000_000, help="size of the bench text")
    parser.add_argument("--list", action="store_true", help="print every place found")
    parser.add_argument("--only", default="", help="with --list: only this class (or 'after')")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = audit(args.chars, args.quick)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    texts_seen = report["texts"]
    assert isinstance(texts_seen, dict)
    print("Texts: " + ", ".join(f"{k} ({v:,} chars)" for k, v in texts_seen.items()))
    print(
        "Places that differ from a plain character conversion or do not round-trip, "
        "by class (before: the library alone; after: with Meipi's layers):"
    )
    for line in _table(report):
        print("  " + line)
    print(f"({report['seconds']} s)")
    if args.list:
        findings = report["findings"]
        assert isinstance(findings, list)
        grouped = Counter(
            (f["stage"], f["cls"], f["original"], f["shown"], f["check"], f["origin"])
            for f in findings
            if not args.only or args.only in (f["cls"], f["stage"])
        )
        for (stage, cls, original, shown, check, origin), n in sorted(grouped.items()):
            a, b = original.replace("\n", "⏎"), shown.replace("\n", "⏎")
            print(f"{stage}\t{cls}\t{a}→{b}\t×{n}\t{check}\t{origin}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
