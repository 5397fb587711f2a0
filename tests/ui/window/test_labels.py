"""Labels without their mnemonics, in English and as Chinese menus write them."""

from __future__ import annotations

from reader.ui.window.labels import shown_label


def test_the_mnemonic_goes_in_either_form() -> None:
    assert shown_label("&File") == "File" and shown_label("Se&pia") == "Sepia"
    assert shown_label("檔案(&F)") == "檔案" and shown_label("移除文本(&R)…") == "移除文本…"
    assert shown_label("&Id:") == "Id:" and shown_label("識別碼(&I)：") == "識別碼："


def test_a_literal_ampersand_stays() -> None:
    assert shown_label("Q&&A") == "Q&A" and shown_label("&Q&&A") == "Q&A"
