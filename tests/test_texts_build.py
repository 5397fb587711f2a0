"""Regenerating the shipped texts from the seeds (``reader.texts_build``): the checked-in texts are
what the importer makes; the command writes one numbered file per recipe, or says where the seeds
are."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import documents, paths
from reader.texts_build import RECIPES, main, render

SEEDS = paths.seeds_dir()
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="../shared/seeds is not beside the checkout")


@needs_seeds
@pytest.mark.parametrize("doc_id", list(RECIPES))
def test_checked_in_text_is_what_the_importer_makes(doc_id: str) -> None:
    assert SEEDS is not None
    number = list(RECIPES).index(doc_id) + 1
    shipped = paths.shipped_texts_dir() / f"{number}-{doc_id}{documents.TEXT_SUFFIX}"
    assert shipped.read_text(encoding="utf-8") == render(doc_id, SEEDS)


def test_without_seeds_the_command_says_where_they_belong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "no-seeds"), str(tmp_path / "out")]) == 2
    assert "seeds folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_command_writes_one_numbered_text_per_recipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for doc_id, (seed_name, _hints) in RECIPES.items():
        shipped = next(paths.shipped_texts_dir().glob(f"*-{doc_id}{documents.TEXT_SUFFIX}"))
        text = documents.loads(shipped.read_text(encoding="utf-8")).text
        (seeds / seed_name).write_text(text.replace("\n", "\n\n"), encoding="utf-8")
    out = tmp_path / "texts"
    assert main([str(seeds), str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{n}-{d}{documents.TEXT_SUFFIX}" for n, d in enumerate(RECIPES, 1)]
    assert capsys.readouterr().out.count("wrote ") == len(RECIPES)
    for number, doc_id in enumerate(RECIPES, 1):
        doc = documents.loads(
            (out / f"{number}-{doc_id}{documents.TEXT_SUFFIX}").read_text("utf-8")
        )
        assert doc.id == doc_id and doc.text.strip()
