"""``meipi lookup`` (``reader.commands.lookup``): the JSON shape, the plain entry with its
licence, an unknown word exit 2."""

from __future__ import annotations

from reader.dictionary import Dictionary
from tests.cli_helpers import meipi


def test_lookup_json(cedict: Dictionary) -> None:
    r = meipi("lookup", "能源", "--json")
    assert r.code == 0, r.err
    assert r.json() == {
        "word": "能源",
        "entries": [
            {
                "traditional": "能源",
                "simplified": "能源",
                "pinyin": "néng yuán",
                "zhuyin": "ㄋㄥˊ ㄩㄢˊ",
                "definitions": list(cedict.lookup("能源")[0].definitions),
            }
        ],
    }


def test_lookup_text_and_unknown_word(cedict: Dictionary) -> None:
    r = meipi("lookup", "中国")
    assert r.code == 0 and r.out.startswith("中國 / 中国  Zhōng guó  (ㄓㄨㄥ ㄍㄨㄛˊ)")
    assert "CC BY-SA 4.0" in r.out
    r = meipi("lookup", "魑魅魍魎氪")
    assert r.code == 2 and "not in the dictionary" in r.err and "Traceback" not in r.err
    assert r.err.count("\n") == 1
