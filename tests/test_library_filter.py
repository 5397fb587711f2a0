"""The Library dock's filter rule: every term in one field, folded as search folds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.documents import Metadata
from reader.folding import fold_key
from reader.library_filter import fields, filter_keys, matching, query_terms


def _meta(
    doc_id: str,
    title: str,
    *,
    english: str | None = None,
    authors: tuple[str, ...] = (),
    venue: str | None = None,
    issue: str | None = None,
    date: str | None = None,
) -> Metadata:
    return Metadata(
        id=doc_id,
        title=title,
        english_title=english,
        authors=authors,
        venue=venue,
        issue=issue,
        date=date,
    )


LIBRARY = [
    _meta(
        "hsu-divergence",
        "中俄兩國之戰略利益分歧",
        english="Strategic Divergence",
        authors=("許菁芸",),
        venue="遠景論壇",
        issue="No. 91",
        date="2024-03",
    ),
    _meta("arctic", "北极航道与战略", authors=("李四", "王五"), date="2019"),
    _meta("energy", "能源合作", venue="問題與研究", date="2024"),
    _meta("plain", "無題"),
]


def found(query: str) -> list[str]:
    return [LIBRARY[i].id for i in matching(filter_keys(LIBRARY), query_terms(query))]


def test_a_term_matches_any_field_across_scripts_widths_and_case() -> None:
    assert found("战略") == ["hsu-divergence", "arctic"]  # Simplified finds Traditional too
    assert found("戰略") == ["hsu-divergence", "arctic"]  # and the other way
    assert found("STRATEGIC") == ["hsu-divergence"]  # the English title, any case
    assert found("許菁芸") == ["hsu-divergence"]  # an author
    assert found("王五") == ["arctic"]  # a second author
    assert found("问题") == ["energy"]  # the venue
    assert found("９１") == ["hsu-divergence"]  # the issue, full-width digits
    assert found("2024") == ["hsu-divergence", "energy"]  # the year
    assert found("ARCTIC") == ["arctic"]  # the id
    assert found("") == [m.id for m in LIBRARY]
    assert found("   ") == [m.id for m in LIBRARY]


def test_every_term_must_match_each_within_one_field() -> None:
    assert found("战略 2024") == ["hsu-divergence"]
    assert found("2024 能源") == ["energy"]
    assert found("战略 能源") == []
    # Two fields side by side are not one: 李四 then 王五 is not 四王.
    assert found("四王") == []
    assert found("李四王五") == []


def test_the_year_is_the_dates_year_alone() -> None:
    assert found("03") == []  # the month is not a field
    assert fields(LIBRARY[0])[-2:] == ("2024", "hsu-divergence")
    assert fields(LIBRARY[3]) == ("無題", "plain")  # empty fields left out


# Characters that fold: Traditional/Simplified pairs, cases, full width, a combining mark (which
# NFKC composes with the letter before it), the radicals PDFs write, spaces and line breaks.
# Few of them, so that a term often spans two fields side by side (which must not match).
_ALPHABET = st.sampled_from(list("戰战國国aAéＡ1\u0301⻓长 \n"))
_TEXT = st.text(_ALPHABET, max_size=6)
_OPTIONAL = st.none() | _TEXT


@st.composite
def _metadata(draw: st.DrawFn) -> Metadata:
    return _meta(
        draw(st.text(st.sampled_from(list("aA1-")), min_size=1, max_size=3)),
        draw(_TEXT),
        english=draw(_OPTIONAL),
        authors=tuple(draw(st.lists(_TEXT, max_size=3))),
        venue=draw(_OPTIONAL),
        issue=draw(_OPTIONAL),
        date=draw(st.none() | st.sampled_from(["2019", "2024-03", "1999-12-31", ""])),
    )


def _plainly(meta: Metadata, query: str) -> bool:
    """The rule read plainly, field by field: every term of the query, folded, inside one of
    the folded fields."""
    values = [
        meta.title,
        meta.english_title,
        *meta.authors,
        meta.venue,
        meta.issue,
        meta.date[:4] if meta.date else None,
        meta.id,
    ]
    return all(any(fold_key(t) in fold_key(v) for v in values if v) for t in query.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_metadata(), max_size=6), _TEXT)
def test_the_filter_is_the_rule_read_plainly(metas: list[Metadata], query: str) -> None:
    expected = [i for i, m in enumerate(metas) if _plainly(m, query)]
    assert matching(filter_keys(metas), query_terms(query)) == expected
