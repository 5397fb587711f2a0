"""Script views share their dictionaries: a file two OpenCC configurations use is read once
(issue 10: memory), and each still converts exactly as the library does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from reader.script_engine import Block, _compose_stepwise, _greedy, compose, converter


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


# --- the fast path's pieces against the reference's -------------------------------------------


@st.composite
def block_lists(draw: st.DrawFn) -> list[Block]:
    """Sorted, disjoint blocks (in_start, in_end, out_start, out_end) of a conversion: pieces
    replaced (a block) or kept one to one, every piece at least one character long."""
    blocks: list[Block] = []
    pos_in = pos_out = 0
    for is_block, len_in, len_out in draw(
        st.lists(st.tuples(st.booleans(), st.integers(1, 4), st.integers(1, 4)), max_size=25)
    ):
        if is_block:
            blocks.append((pos_in, pos_in + len_in, pos_out, pos_out + len_out))
            pos_in, pos_out = pos_in + len_in, pos_out + len_out
        else:
            pos_in, pos_out = pos_in + len_in, pos_out + len_in
    return blocks


@settings(max_examples=500, deadline=None)
@given(first=block_lists(), second=block_lists())
def test_composing_blocks_in_one_pass_equals_the_reference(
    first: list[Block], second: list[Block]
) -> None:
    assert compose(first, second) == _compose_stepwise(first, second)


@settings(max_examples=600, deadline=None)
@given(
    candidates=st.lists(
        st.tuples(st.integers(0, 40), st.integers(2, 6)).map(lambda c: (c[0], c[0] + c[1])),
        unique=True,
    )
)
def test_runs_of_overlapping_phrases_resolve_as_the_global_order(
    candidates: list[tuple[int, int]],
) -> None:
    """The library's order: longest first, leftmost among equally long, each unless it overlaps
    one taken before."""
    # As the automaton reports them: (key, start, end) by end; at one end in any order.
    triples = sorted(((k, s, e) for k, (s, e) in enumerate(candidates)), key=lambda c: c[2])
    expected: list[tuple[int, int, int]] = []
    for k, s, e in sorted(triples, key=lambda c: (c[1] - c[2], c[1])):
        if all(e <= a or s >= b for _k, a, b in expected):
            expected.append((k, s, e))
    assert _greedy(triples) == sorted(expected, key=lambda c: c[1])
