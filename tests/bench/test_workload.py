"""The benchmark's generated texts (``reader.bench.workload``): seeded and so repeatable, of the
size asked for, paged and headed like an article, no sentence repeated; annotations spread over
the text in order."""

from __future__ import annotations

from reader.bench.workload import annotation_specs, generate_text, large_document
from reader.bench.workload import library_documents as library_of


def test_the_text_is_seeded_and_of_the_size_asked_for() -> None:
    first = generate_text(20_000)
    assert first == generate_text(20_000)
    assert generate_text(20_000, seed=1) != first
    assert len("\n".join(first)) == 20_000


def test_a_large_document_is_paged_and_headed() -> None:
    doc = large_document(30_000)
    assert len(doc.text) >= 30_000
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "title" and "heading" in kinds
    numbers = [p.number for p in doc.pages]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 15
    sentences = [s for s in doc.text.replace("\n", "。").split("。") if len(s) > 20]
    assert len(sentences) == len(set(sentences))  # nothing repeats verbatim


def test_annotations_are_spread_in_order_inside_the_text() -> None:
    doc = large_document(30_000)
    specs = annotation_specs(doc, count=300)
    assert [spec[:2] for spec in specs] == sorted(spec[:2] for spec in specs)
    assert len(specs) == 300
    assert all(0 <= start < end <= len(doc.text) for start, end, *_ in specs)
    assert {colour for _, _, colour, _, _ in specs} >= {"yellow", None}
    assert annotation_specs(doc, count=300) == specs  # seeded


def test_as_many_annotations_as_asked_even_where_passages_repeat() -> None:
    """100,000 on the 1M document (the sidebar's row of a library of thousands): passages
    with the same start and end, one with a colour and one with none, are ordered all the
    same (they were compared colour to None)."""
    doc = large_document(2_000)
    specs = annotation_specs(doc, count=5_000)
    assert len(specs) == 5_000
    assert [spec[:2] for spec in specs] == sorted(spec[:2] for spec in specs)


def test_a_library_of_texts_with_their_own_ids() -> None:
    docs = library_of(3, chars_each=4_000)
    assert [d.id for d in docs] == ["lib-0001", "lib-0002", "lib-0003"]
    assert all(len(d.text) >= 3_000 for d in docs)
    assert docs[0].text != docs[1].text
