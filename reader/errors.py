"""Errors a user can act on, each with the exit code of the shared contract.

``InputError`` (exit 2): what the user typed or gave is wrong (unknown id, view, colour, option,
a quote not in the text, a malformed file). ``EnvironmentFailure`` (exit 1): the machine failed
us (corrupt or foreign database, unwritable path, full disk). Messages are one or two sentences
saying what is wrong and what to do.
"""

from __future__ import annotations

from reader.wording import counted

EXIT_OK = 0
EXIT_ENVIRONMENT = 1
EXIT_INPUT = 2
EXIT_BUDGET_MISSED = 3


class MeipiError(Exception):
    """Base class: ``str(err)`` is the message shown to the user."""

    exit_code = EXIT_ENVIRONMENT


class InputError(MeipiError):
    exit_code = EXIT_INPUT


class EnvironmentFailure(MeipiError):
    exit_code = EXIT_ENVIRONMENT


# -- echoing what the user gave ---------------------------------------------------------------
# A value echoed in a message is the user's (an id, a tag, a file's contents): it may be a
# megabyte long or hold terminal escapes, so it is shown short and with its controls visible.

SHORT = 60  # characters of a bad value quoted back


def _visible_char(char: str) -> str:
    code = ord(char)
    if code == 0x7F or code < 0x20 or 0x80 <= code < 0xA0:
        return f"\\x{code:02x}"
    if 0xD800 <= code < 0xE000:  # a lone surrogate: bytes that were not UTF-8
        return f"\\u{code:04x}"
    return char


def visible(text: str, keep: str = "\n\t") -> str:
    """``text`` with C0/C1 control characters (ESC, BEL, …) and lone surrogates written as
    escapes (``\\x1b``, ``\\udcff``), so printing it cannot drive the terminal; ``keep`` names
    the controls left as they are."""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(c if c in keep else _visible_char(c) for c in text)


def shorten(value: object, limit: int = SHORT) -> str:
    """A user's value as it may be quoted back: at most ``limit`` characters (then "…"), on
    one line, controls visible."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return visible(text, keep="")


MESSAGE_LIMIT = 1000  # characters of one message, whatever it quotes
_RUN_LIMIT = 200  # characters without a space (a long id, a pasted blob) before they are cut


def for_terminal(message: str) -> str:
    """The last guard before a message reaches stderr: controls visible, any run of more than
    200 characters without a space cut to a prefix, and the whole kept under 1000 characters
    (its beginning and its end, where the advice is; a list loses whole lines in its middle,
    and says how many)."""
    if len(message) > _RUN_LIMIT:
        words = message.split(" ")
        if any(len(w) > _RUN_LIMIT for w in words):
            message = " ".join(
                w if len(w) <= _RUN_LIMIT else w[: _RUN_LIMIT - 80] + "…" for w in words
            )
    if len(message) > MESSAGE_LIMIT:
        message = _by_lines(message) or message[: MESSAGE_LIMIT - 300] + " … " + message[-280:]
    return visible(message)


def _by_lines(message: str) -> str | None:
    """A message of many lines kept under the limit by leaving out whole lines in its middle,
    counted; None when its first line alone is too long for that."""
    lines = message.split("\n")
    first, size = 0, 0
    while first < len(lines) and size + len(lines[first]) + 1 <= MESSAGE_LIMIT - 300:
        size += len(lines[first]) + 1
        first += 1
    last, size = len(lines), 0
    while last > first and size + len(lines[last - 1]) + 1 <= 280:
        size += len(lines[last - 1]) + 1
        last -= 1
    if first == 0 or last == first:
        return None
    gap = f"… ({counted(last - first, 'line')} left out here)"
    return "\n".join([*lines[:first], gap, *lines[last:]])
