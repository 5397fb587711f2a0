"""Errors a user can act on, each with the exit code of the shared contract.

``InputError`` (exit 2): what the user typed or gave is wrong (unknown id, view, colour, option,
a quote not in the text, a malformed file). ``EnvironmentFailure`` (exit 1): the machine failed
us (corrupt or foreign database, unwritable path, full disk). Messages are one or two sentences
saying what is wrong and what to do.
"""

from __future__ import annotations

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
