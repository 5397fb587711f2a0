"""``export --format markdown --dir VAULT``: one file per text under a stable name; a
re-export replaces only Meipi's front matter keys and marked section, keeping the user's
writing around it; a file without the markers is refused and left as it was."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.cli_helpers import meipi
from tests.export.mdcheck import split_front_matter


def test_vault_export_keeps_what_the_user_wrote(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    assert (
        meipi("annotate", "lian-obor", "--quote", "保護持有俄羅斯護照之公民", "--tag", "安全").code
        == 0
    )
    first = meipi("export", "--format", "markdown", "--dir", str(vault))
    assert first.code == 0, first.err
    assert "Left out 1 text" in first.err
    assert sorted(p.name for p in vault.iterdir()) == ["lian-obor.md"]
    path = vault / "lian-obor.md"
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text)
    assert front["document"] == "lian-obor" and front["tags"] == ["安全"]
    assert "<!-- meipi:begin lian-obor -->" in body and "保護持有俄羅斯護照之公民" in body

    # The user writes above and below Meipi's section, and adds a key of their own.
    mine_above = "My reading notes, written in Obsidian.\n\n"
    mine_below = "\n\n## Follow-up\n\n- compare with Hsu\n"
    head, rest = text.split("<!-- meipi:begin lian-obor -->", 1)
    head = head.replace("---\n\n", "aliases:\n  - 連文\n---\n\n" + mine_above, 1)
    path.write_text(head + "<!-- meipi:begin lian-obor -->" + rest + mine_below, encoding="utf-8")

    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "上海合作組織的成員大多為中亞國家", "--tag", "中亞"
        ).code
        == 0
    )
    again = meipi("export", "--format", "markdown", "--dir", str(vault))
    assert again.code == 0, again.err
    assert "Updated Meipi's section" in again.err
    text = path.read_text(encoding="utf-8")
    front_text = text[4 : text.index("\n---\n", 3)]
    front = yaml.safe_load(front_text)
    assert front["aliases"] == ["連文"]
    assert set(front["tags"]) == {"安全", "中亞"} and front["annotations"] == 2
    assert mine_above in text and text.endswith(mine_below)
    assert text.count("<!-- meipi:begin lian-obor -->") == 1
    assert "上海合作組織" in text and "保護持有俄羅斯護照之公民" in text


def test_a_file_without_markers_is_left_alone(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    theirs = vault / "lian-obor.md"
    theirs.write_text("# My own page about Lian\n", encoding="utf-8")
    assert meipi("annotate", "lian-obor", "--quote", "保護持有俄羅斯護照之公民").code == 0
    done = meipi("export", "--format", "markdown", "--dir", str(vault))
    assert done.code == 2
    assert "left as it is" in done.err and "no Meipi section" in done.err
    assert theirs.read_text(encoding="utf-8") == "# My own page about Lian\n"
    both = meipi("export", "--format", "markdown", "--dir", str(vault), "-o", str(tmp_path / "x"))
    assert both.code == 2
    wrong = meipi("export", "--format", "json", "--dir", str(vault))
    assert wrong.code == 2
