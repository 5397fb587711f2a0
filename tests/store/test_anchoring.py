"""Re-anchoring after the text changed: mapped, exact, fuzzy, and orphans kept."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.radicals import table, unify
from reader.store import annotations as ops
from reader.store import documents as store_documents
from reader.store import open_store
from reader.store.anchoring import anchor_at, reanchor
from tests.cli_helpers import meipi
from tests.store.helpers import make_doc, text_file

OLD = (
    "自從戈巴契夫提出新思維外交政策後，中俄關係逐步改善。雙方自九十年代中期之建設性夥伴關係，"
    "發展到戰略協作夥伴關係。能源合作是關鍵；能源合作也是競爭的場域。北極航道的開發引人注目。"
)


def test_insertion_before_shifts_exactly() -> None:
    start = OLD.index("戰略協作")
    anchor = anchor_at(OLD, start, start + 4)
    new = "【前言】" + OLD
    (placed,) = reanchor(OLD, new, [anchor])
    assert placed.how == "mapped"
    assert placed.anchor is not None and placed.anchor.start == start + 4
    assert new[placed.anchor.start : placed.anchor.end] == "戰略協作"


def test_repeated_quote_keeps_its_own_occurrence() -> None:
    first = OLD.index("能源合作")
    second = OLD.index("能源合作", first + 1)
    anchors = [anchor_at(OLD, first, first + 4), anchor_at(OLD, second, second + 4)]
    # The first occurrence is reworded, the second moves: neither may jump to the other.
    new = OLD.replace("能源合作是關鍵", "天然氣是關鍵").replace("北極", "北冰洋")
    a, b = reanchor(OLD, new, anchors)
    assert b.anchor is not None and new[b.anchor.start : b.anchor.end] == "能源合作"
    assert b.anchor.start == new.index("能源合作")
    assert a.anchor is None or a.anchor.start != b.anchor.start


def test_small_edit_inside_the_quote_is_placed_fuzzily() -> None:
    quote = "雙方自九十年代中期之建設性夥伴關係"
    start = OLD.index(quote)
    new = OLD.replace("九十年代", "1990年代")
    (placed,) = reanchor(OLD, new, [anchor_at(OLD, start, start + len(quote))])
    assert placed.how == "fuzzy"
    assert placed.anchor is not None
    assert placed.anchor.quote == "雙方自1990年代中期之建設性夥伴關係"


def test_vanished_passage_is_an_orphan() -> None:
    quote = "北極航道的開發引人注目"
    start = OLD.index(quote)
    new = OLD.replace(quote, "")
    (placed,) = reanchor(OLD, new, [anchor_at(OLD, start, start + len(quote))])
    assert placed.how == "orphan" and placed.anchor is None


insert = st.text(alphabet="甲乙丙丁，。ab\n", min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, len(OLD) - 8), st.integers(2, 8), st.integers(0, len(OLD)), insert)
def test_an_insertion_outside_the_quote_never_moves_it_off(
    start: int, length: int, at: int, inserted: str
) -> None:
    end = start + length
    if start < at < end:
        at = end
    new = OLD[:at] + inserted + OLD[at:]
    (placed,) = reanchor(OLD, new, [anchor_at(OLD, start, end)])
    assert placed.anchor is not None
    assert new[placed.anchor.start : placed.anchor.end] == OLD[start:end]
    expected = start + (len(inserted) if at <= start else 0)
    if new.count(OLD[start:end]) == 1:
        assert placed.anchor.start == expected


def test_sync_updates_offsets_keeps_orphans_and_revives_them(db_file: Path) -> None:
    before = make_doc([OLD[:60], OLD[60:]])
    store = open_store(db_file)
    try:
        spans = ["戰略協作", "北極航道的開發引人注目", "雙方自九十年代"]
        with store.writing() as s:
            made = [
                ops.create_annotation(
                    s,
                    before,
                    before.text.index(q),
                    before.text.index(q) + len(q),
                    note=f"n{i}",
                    tags=["中亞"],
                )
                for i, q in enumerate(spans)
            ]
        after = make_doc(["新的一段。", OLD[:60], OLD[60:].replace("北極航道的開發引人注目", "")])
        with store.writing() as s:
            report = store_documents.sync_document(s, after)
        assert report.changed and report.orphans == (made[1].id,)
        with store.reading() as s:
            now = {r.id: r for r in ops.list_annotations(s)}
        assert len(now) == 3  # nothing deleted
        moved = now[made[0].id]
        assert after.text[moved.start : moved.end] == "戰略協作" and not moved.orphaned
        orphan = now[made[1].id]
        assert orphan.orphaned and orphan.note == "n1" and orphan.tags == ("中亞",)
        assert orphan.quote == "北極航道的開發引人注目"
        with store.writing() as s:  # the passage comes back: the orphan is placed again
            store_documents.sync_document(s, before)
            revived = ops.get_annotation(s, made[1].id)
        assert not revived.orphaned and revived.start == made[1].start
    finally:
        store.close(backup=False)


def test_command_line_reanchors_an_edited_text(isolated_data: Path) -> None:
    texts = isolated_data / "texts"
    texts.mkdir(parents=True)
    path = texts / "mine.meipi.txt"
    path.write_text(text_file("mine", [OLD[:60], OLD[60:]]), encoding="utf-8")
    keep = meipi("annotate", "mine", "--quote", "戰略協作", "--occurrence", "1", "--note", "留")
    lose = meipi(
        "annotate", "mine", "--quote", "北極航道的開發引人注目", "--occurrence", "1", "--note", "孤"
    )
    assert keep.code == 0 and lose.code == 0
    path.write_text(
        text_file("mine", ["增補一段。", OLD[:60], OLD[60:].replace("北極航道的開發引人注目", "")]),
        encoding="utf-8",
    )
    r = meipi("annotations", "mine", "--json")
    assert r.code == 0 and "orphans" in r.err
    rows = {a["id"]: a for a in r.json()["annotations"]}
    kept = rows[keep.out.strip()]
    assert (kept["start"], kept["quote"], kept["orphaned"]) == (
        6 + OLD.index("戰略協作"),
        "戰略協作",
        False,
    )
    lost = rows[lose.out.strip()]
    assert lost["orphaned"] is True and lost["note"] == "孤"
    check = meipi("check")
    assert check.code == 0 and "1 orphaned, kept" in check.out


def _with_radicals(text: str) -> str:
    """``text`` as a PDF producer might write it: every ideograph that has a radical form in it
    (⾃ for 自, ⽅ for 方 …)."""
    radical_of: dict[str, str] = {}
    for code, ideograph in sorted(table().items()):
        radical_of.setdefault(ideograph, chr(code))
    return "".join(radical_of.get(c, c) for c in text)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, len(OLD) - 1), st.integers(1, 12))
def test_a_text_imported_again_with_its_radicals_mapped_keeps_every_passage(
    start: int, length: int
) -> None:
    """A text imported before radicals were mapped, replaced by the same text imported again
    (``meipi import --replace``): each annotation stays at its offsets, quoting the ideographs,
    however short or full of radicals its quote."""
    old = _with_radicals(OLD)
    assert unify(old)[1] >= 5  # the test is about something
    new = unify(old)[0]
    end = min(start + length, len(OLD))
    (placed,) = reanchor(old, new, [anchor_at(old, start, end)])
    assert placed.how == "mapped"
    assert placed.anchor is not None
    assert (placed.anchor.start, placed.anchor.end) == (start, end)
    assert placed.anchor.quote == OLD[start:end]
