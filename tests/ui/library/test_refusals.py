"""The details a reader typed, refused in the reader's language by both dialogs that take them
(the import dialog inline, Text Details in a box: it showed the core's English sentence)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from reader.errors import EnvironmentFailure
from reader.importing.notices import Notice, RefusedInput
from reader.ui.library.refusals import refusal_text
from reader.ui.window.app import install_translations


@pytest.fixture
def zh_tw(qapp: QApplication) -> Iterator[None]:
    installed = install_translations(qapp, "zh_TW")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def _bad_date() -> RefusedInput:
    return RefusedInput(Notice("bad-date", "The date '2024-02-30' is …", (("date", "2024-02-30"),)))


def test_a_refusal_is_worded_in_english_with_the_value_typed(qapp: QApplication) -> None:
    text = refusal_text(_bad_date())
    assert text.startswith("The date “2024-02-30” is not a date Meipi understands")


def test_a_refusal_is_worded_in_the_interface_language(zh_tw: None) -> None:
    assert refusal_text(_bad_date()).startswith("「2024-02-30」不是 Meipi 看得懂的日期")


def test_other_errors_are_said_as_the_core_says_them(qapp: QApplication) -> None:
    assert refusal_text(EnvironmentFailure("The disk is full.")) == "The disk is full."
    assert refusal_text(ValueError("x")) == "ValueError('x')"
