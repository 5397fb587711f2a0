"""The all-articles search results: the real search's hits grouped by article under its title
and count (checked with qtmodeltester), each hit with its context and printed page, a summary
above, and a click on a hit asking to open its article there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.documents import BlockDraft, Document, Library, Metadata, assemble
from reader.search import search
from reader.ui.reading.search_results import (
    DOC_ROLE,
    HTML_ROLE,
    MATCH_ROLE,
    SearchResultsModel,
    SearchResultsPanel,
)


def test_hits_are_grouped_by_article_with_context_and_page(
    qapp: object, qtmodeltester: ModelTester, library: Library
) -> None:
    matches = search(library, "中亞")
    docs = list(dict.fromkeys(m.document for m in matches))
    assert len(docs) >= 2  # the shipped texts both speak of Central Asia
    model = SearchResultsModel(library)
    qtmodeltester.check(model)
    model.set_matches("中亞", matches)
    assert model.documents() == docs and model.total() == len(matches)
    first = model.index(0, SearchResultsModel.COL_CONTEXT)
    hits = model.matches(docs[0])
    assert first.data() == f"{library.documents[docs[0]].title} ({len(hits)})"
    assert first.data(DOC_ROLE) == docs[0]
    hit = model.index(0, SearchResultsModel.COL_CONTEXT, first)
    assert hit.data(MATCH_ROLE) == hits[0]
    assert hits[0].text in hit.data() and "<b><u>" in hit.data(HTML_ROLE)
    page = model.index(0, SearchResultsModel.COL_PAGE, first).data()
    assert page == f"p. {library.documents[docs[0]].label_of(hits[0].start)}"
    assert model.index_of(hits[-1]).row() == len(hits) - 1


def test_the_panel_sums_up_and_a_click_opens_the_hit(qtbot: QtBot, library: Library) -> None:
    panel = SearchResultsPanel(library)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_searching("中亞")
    assert "中亞" in panel.summary.text()
    matches = search(library, "中亞")
    panel.set_matches("中亞", matches)
    docs = len({m.document for m in matches})
    assert panel.summary.text() == f"“中亞”: {len(matches)} hits in {docs} articles"
    article = panel.model.index(0, 0)
    assert panel.tree.isExpanded(article)
    hit = panel.model.index(1, 0, article)
    rect = panel.tree.visualRect(hit)
    with qtbot.waitSignal(panel.match_activated) as signal:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [hit.data(MATCH_ROLE)]
    panel.set_matches("沒有這個詞", [])
    assert panel.summary.text() == "“沒有這個詞” is in no article."


def test_articles_of_one_title_are_told_apart_by_their_ids(qapp: object) -> None:
    def titled(doc_id: str) -> Document:
        body = [BlockDraft("title", 0, "北極合作研究"), BlockDraft("paragraph", 0, "北極航道。")]
        return assemble(Metadata(id=doc_id, title="北極合作研究"), body)

    docs = {d.id: d for d in (titled("arctic-1"), titled("arctic-2"))}
    library = Library(docs, [])
    model = SearchResultsModel(library)
    model.set_matches("航道", search(library, "航道"))
    groups = [model.index(row, SearchResultsModel.COL_CONTEXT).data() for row in range(2)]
    assert groups == ["北極合作研究 · arctic-1 (1)", "北極合作研究 · arctic-2 (1)"]
    model.set_matches("航道", [m for m in search(library, "航道") if m.document == "arctic-2"])
    assert model.index(0, SearchResultsModel.COL_CONTEXT).data() == "北極合作研究 (1)"
