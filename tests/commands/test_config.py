"""``meipi config KEY [VALUE]`` (``reader.commands.config``): the creator reaches the W3C
export, the bibliography Pandoc's front matter."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import meipi
from tests.export.mdcheck import split_front_matter


def test_config_creator_reaches_the_w3c_export() -> None:
    assert meipi("annotate", "lian-obor", "--quote", "保護持有俄羅斯護照之公民").code == 0
    data = meipi("export", "--format", "json").json()
    assert "creator" not in data
    done = meipi("config", "creator", "林小明")
    assert done.code == 0, done.err
    assert meipi("config", "creator").out.strip() == "林小明"
    data = meipi("export", "--format", "json").json()
    assert data["creator"] == {"type": "Person", "name": "林小明"}
    assert meipi("config", "creator", "").code == 0
    assert "creator" not in meipi("export", "--format", "json").json()
    bad = meipi("config", "creator", "a\nb")
    assert bad.code == 2


def test_config_bibliography_in_front_matter() -> None:
    assert meipi("annotate", "lian-obor", "--quote", "保護持有俄羅斯護照之公民").code == 0
    front, _ = split_front_matter(meipi("export", "--format", "markdown").out)
    assert "bibliography" not in front and front["citekey"] == "lianyidai"
    assert meipi("config", "bibliography", "~/refs/meipi.json").code == 0
    front, _ = split_front_matter(meipi("export", "--format", "markdown").out)
    assert front["bibliography"] == "~/refs/meipi.json"


def test_config_without_a_value_says_when_none_is_set(db_file: Path) -> None:
    # No database yet, then a database without the setting: a sentence on stderr (stdout stays
    # the bare value, for scripts), exit 0; nothing is created.
    for key, hint in (("creator", "NAME"), ("bibliography", "FILE")):
        unset = meipi("config", key)
        assert (unset.code, unset.out) == (0, ""), unset.err
        assert unset.err == f"meipi: no {key} is set; set one with: meipi config {key} {hint}\n"
    assert not db_file.exists()
    assert meipi("annotate", "lian-obor", "--quote", "保護持有俄羅斯護照之公民").code == 0
    unset = meipi("config", "creator")
    assert unset.code == 0 and unset.out == "" and "no creator is set" in unset.err
    assert meipi("config", "creator", "林小明").code == 0
    shown = meipi("config", "creator")
    assert (shown.code, shown.out, shown.err) == (0, "林小明\n", "")
    assert meipi("config", "creator", "").code == 0
    assert "no creator is set" in meipi("config", "creator").err
