"""The ``meipi`` command line.

The whole contract (commands, options) is declared here; each command's work lives in
``reader.commands.<area>`` and is imported only when that command runs, so ``meipi list`` does
not pay for Qt or SQLAlchemy. Errors a user can act on become one or two sentences on stderr and
the exit codes of the shared contract (0 done, 2 wrong input, 1 environment failed).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.errors import EXIT_ENVIRONMENT, EXIT_INPUT, MeipiError, for_terminal

if TYPE_CHECKING:
    from reader.documents import Library


class _Registered:
    """Choices read from a registry only when needed (checking a value, printing help): the
    export formats of ``reader.export.formats``, so other commands do not import the exports."""

    def __init__(self, target: str) -> None:
        self.target = target

    def names(self) -> tuple[str, ...]:
        module_name, _, attribute = self.target.partition(":")
        names: tuple[str, ...] = getattr(importlib.import_module(module_name), attribute)
        return names

    def __contains__(self, value: object) -> bool:
        return value in self.names()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())


EXPORT_FORMATS = _Registered("reader.export.formats:FORMATS")


class Context:
    """What every command gets: where the database is, and the output streams.

    A plain class: every command, the window's start too, made one, and as a dataclass it cost
    ~0.4 ms to create."""

    def __init__(
        self, db: Path, stdout: TextIO, stderr: TextIO, _library: Library | None = None
    ) -> None:
        self.db = db
        self.stdout = stdout
        self.stderr = stderr
        self._library = _library

    def library(self) -> Library:
        if self._library is None:
            from reader.shelf import open_library

            self._library = open_library()
            for problem in self._library.problems:
                print(problem, file=self.stderr)
        return self._library


_EXPECTED_ONE = re.compile(r"argument (?:\S+/)?(\S+): expected one argument")


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong option is one clear sentence and exit 2, no usage dump."""

    # Values beginning with "-" that no option took (see :func:`_attach_dash_values`).
    stray: tuple[str, ...] = ()

    def error(self, message: str) -> None:  # type: ignore[override]
        expected = _EXPECTED_ONE.fullmatch(message)
        if expected:
            # Its value is missing, or is another option's name (``--tag --note x``).
            message += f" (a value that begins with '-' can be written {expected[1]}=VALUE)"
        elif message.startswith("the following arguments are required") and self.stray:
            token = self.stray[0]
            missing = message.partition(":")[2].strip().split(", ")
            if token.startswith("--") or all(m.startswith("-") for m in missing):
                # A misspelled option (--fromat), not a value: say so, and what it may be.
                import difflib

                close = difflib.get_close_matches(token, list(self._option_string_actions), 1)
                maybe = f" (did you mean {close[0]}?)" if close else ""
                message = f"unknown option {token}{maybe}; {message}"
            else:
                message += (
                    f" (a value that begins with '-' goes after '--': "
                    f"meipi {self._sub_name()}-- {token})"
                )
        self.exit(
            EXIT_INPUT,
            f"meipi: {for_terminal(message)}. See 'meipi {self._sub_name()}--help'.\n",
        )

    def _sub_name(self) -> str:
        parts = self.prog.split()[1:]
        return " ".join(parts) + " " if parts else ""


def _handler(target: str) -> Callable[[argparse.Namespace, Context], int]:
    """A lazily imported ``module:function`` command implementation."""

    def run(args: argparse.Namespace, ctx: Context) -> int:
        module_name, _, func_name = target.partition(":")
        module = importlib.import_module(module_name)
        result: int = getattr(module, func_name)(args, ctx)
        return result

    return run


def build_parser() -> argparse.ArgumentParser:
    from reader.store.records import COLORS
    from reader.views import VIEW_IDS

    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the annotation database (default: $MEIPI_DB, else the user data directory)",
    )
    parser = _Parser(
        prog="meipi",
        description="Meipi 眉批 — an offline reading desk for Chinese-language articles.",
        parents=[common],
    )
    from reader import __version__

    parser.add_argument("--version", action="version", version=f"meipi {__version__}")
    parser.set_defaults(func=_handler("reader.commands.window:run"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, target: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=_handler(target))
        return p

    p = add("list", "reader.commands.texts:cmd_list", "list the documents")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = add("text", "reader.commands.texts:cmd_text", "print a document as shown in a view")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--script", default="original", metavar="S", help="|".join(VIEW_IDS))
    p.add_argument("--json", action="store_true", help="print JSON")

    p = add(
        "search",
        "reader.commands.search:cmd_search",
        "find a passage, ignoring script, width and case",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--doc", action="append", default=[], metavar="DOC")
    p.add_argument("--script", default="original", metavar="S")
    p.add_argument("--json", action="store_true")

    p = add(
        "annotate",
        "reader.commands.annotations:cmd_annotate",
        "annotate the N-th occurrence of a quote",
    )
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--quote", required=True, metavar="Q")
    p.add_argument("--script", default="original", metavar="S")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--occurrence",
        type=int,
        default=None,
        metavar="N",
        help="the N-th occurrence (needed when the quote occurs more than once)",
    )
    which.add_argument("--all", action="store_true", help="annotate every occurrence")
    p.add_argument(
        "--color",
        default=None,
        metavar="C",
        help="|".join(COLORS) + " (default yellow), or none for a note without a highlight",
    )
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.add_argument("--note", default=None, metavar="N")

    p = add("edit", "reader.commands.editing:cmd_edit", "change one annotation")
    p.add_argument("id", metavar="ID", help="as `annotations --json` prints it, or its start")
    p.add_argument("--color", default=None, metavar="C", help="|".join(COLORS) + "|none")
    p.add_argument(
        "--tag", action="append", default=[], metavar="T", help="the new tags (all of them)"
    )
    p.add_argument("--note", default=None, metavar="N", help='the new note ("" removes it)')

    p = add("delete", "reader.commands.editing:cmd_delete", "delete one annotation (kept)")
    p.add_argument("id", metavar="ID", help="as `annotations --json` prints it, or its start")

    p = add("annotations", "reader.commands.annotations:cmd_annotations", "list annotations")
    p.add_argument("doc", nargs="?", metavar="DOC")
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.add_argument("--color", action="append", default=[], metavar="C")
    p.add_argument("--json", action="store_true")

    p = add("export", "reader.commands.export:cmd_export", "export annotations")
    # Choices set after add_argument, which formats them (importing every export) at once:
    # set so, the registry is read only when a format is checked or help is printed.
    p.add_argument("--format", required=True).choices = EXPORT_FORMATS
    p.add_argument("--doc", action="append", default=[], metavar="DOC")
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.add_argument("--color", action="append", default=[], metavar="C")
    p.add_argument("--script", default="original", metavar="S")
    p.add_argument("--group-by", choices=("section", "tag"), default="section")
    p.add_argument("--by", choices=("tag", "color"), default="tag")
    p.add_argument(
        "--no-originals",
        action="store_true",
        help="do not add the original wording after substituted phrases",
    )
    p.add_argument(
        "--flavour",
        choices=("obsidian", "pandoc"),
        default="obsidian",
        help="Markdown for Obsidian (default) or Pandoc (quotes end in [@key, p. N])",
    )
    p.add_argument(
        "--citations",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="end each quote in a Pandoc citation (default: with --flavour pandoc)",
    )
    p.add_argument("--no-links", action="store_true", help="no meipi:// link per quote")
    p.add_argument("--pinyin", action="store_true", help="each quote's pinyin under it")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument(
        "--dir",
        metavar="FOLDER",
        help="Markdown: one file per text in FOLDER; re-exports replace only Meipi's section",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = add(
        "import-annotations",
        "reader.commands.export:cmd_import_annotations",
        "read a --format json export",
    )
    p.add_argument("file", metavar="FILE")

    p = add("import", "reader.commands.importing:cmd_import", "add a text of your own")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--id", dest="doc_id", metavar="ID")
    p.add_argument("--title")
    p.add_argument("--author", action="append", default=None)
    p.add_argument("--venue")
    p.add_argument("--date")
    p.add_argument("--script", choices=("zh-Hant-TW", "zh-Hant-HK", "zh-Hans"))
    p.add_argument("--first-page", type=int, default=None, metavar="N")
    p.add_argument("--citekey", default=None, metavar="K", help="the key to cite the text by")
    p.add_argument(
        "--metadata",
        default=None,
        metavar="REFS",
        help="fill title, authors, venue, issue, date, pages and citekey from a .bib or CSL-JSON",
    )
    p.add_argument("--entry", default=None, metavar="KEY", help="the entry of --metadata to use")
    p.add_argument("--password", default=None, metavar="P", help="opens a protected PDF")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace your text with this id (a corrected file); its annotations re-anchor",
    )

    p = add(
        "glossary",
        "reader.commands.glossary:cmd_glossary",
        "your glossary: equivalences for search, phrases never converted",
    )
    gsub = p.add_subparsers(
        dest="glossary_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    gsub.add_parser("list", help="show the glossary", parents=[common]).add_argument(
        "--json", action="store_true"
    )
    g = gsub.add_parser("same", help="declare two spellings one name", parents=[common])
    g.add_argument("a", metavar="A")
    g.add_argument("b", metavar="B")
    g = gsub.add_parser("keep", help="never convert this phrase", parents=[common])
    g.add_argument("phrase", metavar="PHRASE")
    g = gsub.add_parser("drop", help="remove an entry", parents=[common])
    g.add_argument("entry", metavar="ENTRY")

    p = add("backup", "reader.commands.safety:cmd_backup", "make a verified copy of the database")
    p.add_argument("-o", "--output", metavar="FILE")
    p = add("restore", "reader.commands.safety:cmd_restore", "restore a verified backup")
    p.add_argument("file", nargs="?", metavar="FILE")
    add("check", "reader.commands.safety:cmd_check", "report on the database's integrity")

    p = add(
        "lookup",
        "reader.commands.lookup:cmd_lookup",
        "the dictionary entry: pinyin, definitions, the other script's form",
    )
    p.add_argument("word", metavar="WORD")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = add(
        "open",
        "reader.commands.open:cmd_open",
        "open the window (or bring the open one up) at a text, an offset or an annotation",
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="a document id (or a meipi:// link)")
    p.add_argument("--at", type=int, default=None, metavar="OFFSET")
    p.add_argument("--annotation", default=None, metavar="ID")
    p.add_argument("--url", default=None, metavar="LINK", help="a meipi:// link")

    p = add(
        "register-url-handler",
        "reader.commands.urlhandler:cmd_register_url_handler",
        "make meipi:// links open Meipi (for this user)",
    )

    p = add(
        "config",
        "reader.commands.config:cmd_config",
        "settings stored in the database that exports use",
    )
    p.add_argument("key", choices=("creator", "bibliography"), metavar="KEY")
    p.add_argument("value", nargs="?", metavar="VALUE", help="the new value ('' clears it)")

    p = add("bench", "reader.bench.run:cmd_bench", "measure the performance budget")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--pdf",
        metavar="PATH",
        help="the PDF the import row measures (default: tests/data/pdf/bench-30.pdf of a checkout)",
    )
    return parser


def _window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """``meipi`` or ``meipi --db PATH`` (the window) parsed as ``build_parser()`` would parse
    them, without building every command's parser (argparse's message lookups for a dozen
    subcommands cost a visible part of the window's start: issue 10). None for anything else."""
    args = list(argv)
    if not args:
        return argparse.Namespace(command=None, func=_handler("reader.commands.window:run"))
    db: str | None = None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        db = args[1]
    elif len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        db = args[0][len("--db=") :]
    if db is None:
        return None
    return argparse.Namespace(db=db, command=None, func=_handler("reader.commands.window:run"))


def _option_action(parser: argparse.ArgumentParser, token: str) -> argparse.Action | None:
    """The option ``token`` names in ``parser`` (its full name, or an abbreviation argparse
    accepts: a unique start of a long option), or None."""
    actions = parser._option_string_actions
    if token in actions:
        return actions[token]
    if not token.startswith("--") or "=" in token or not parser.allow_abbrev:
        return None
    found = {actions[name] for name in actions if name.startswith(token)}
    return found.pop() if len(found) == 1 else None


def _subparser(parser: argparse.ArgumentParser, token: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and token in action.choices:
            chosen: argparse.ArgumentParser = action.choices[token]
            return chosen
    return None


def _attach_dash_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """``argv`` with each option's value that begins with "-" attached to it: ``--tag -lead``
    becomes ``--tag=-lead``. argparse takes ``-lead`` (or ``-5%``) for an option and refuses
    with "expected one argument", yet a tag, a note or a quote may begin with "-". A value that
    is itself one of the command's options (``--tag --note x``) is left alone (argparse then
    says the value is missing, and :class:`_Parser` how to write it); a positional value that
    begins with "-" is noted for the message that says to put it after ``--``."""
    out: list[str] = []
    current = parser
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            out.extend(argv[index:])
            break
        action = _option_action(current, token) if token.startswith("-") else None
        if action is not None and action.nargs is None and index + 1 < len(argv):
            value = argv[index + 1]
            if not value.startswith("-"):
                out += [token, value]  # consumed here, so a value is never taken for a command
                index += 2
                continue
            if value != "--" and _option_action(current, value) is None:
                out.append(f"{token}={value}")
                index += 2
                continue
        elif action is None and token.startswith("-") and len(token) > 1:
            if isinstance(current, _Parser) and "=" not in token:
                current.stray = (*current.stray, token)
        elif not token.startswith("-"):
            current = _subparser(current, token) or current
        out.append(token)
        index += 1
    return out


# Paths may hold bytes that are not UTF-8 (a legal file name, kept by Python as surrogates);
# every other string argument is text, and a lone surrogate in it would fail deep inside.
_PATH_DESTS = frozenset({"file", "output", "dir", "folder"})


def _option_names(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict[str, str]:
    """Each argument's destination → how the user wrote it (``--note``, ``PHRASE``), for the
    command (and subcommand) that was parsed."""
    names: dict[str, str] = {"db": "--db"}
    current: argparse.ArgumentParser | None = parser
    while current is not None:
        chosen: argparse.ArgumentParser | None = None
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                picked = getattr(args, action.dest, None)
                if isinstance(picked, str):
                    chosen = action.choices.get(picked)
            elif action.option_strings:
                names.setdefault(action.dest, max(action.option_strings, key=len))
            else:
                metavar = action.metavar if isinstance(action.metavar, str) else None
                names.setdefault(action.dest, f"The argument {metavar or action.dest.upper()}")
        current = chosen
    return names


def _not_text(args: argparse.Namespace) -> str | None:
    """The first text argument holding a lone surrogate (bytes that were not UTF-8)."""
    for dest, value in vars(args).items():
        if dest in _PATH_DESTS:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return dest
    return None


def _check_arguments(
    args: argparse.Namespace, parser: argparse.ArgumentParser | None
) -> str | None:
    """Why the arguments cannot be used (a message for exit 2), or None."""
    db = getattr(args, "db", None)
    if isinstance(db, str) and not db.strip():
        return (
            "--db was given an empty path. Give the database file's path, or leave --db out "
            "to use the default database."
        )
    bad = _not_text(args)
    if bad is not None:
        names = _option_names(parser, args) if parser is not None else {"db": "--db"}
        name = names.get(bad, "--" + bad.replace("_", "-"))
        return (
            f"{name} is not valid UTF-8 text (it holds bytes no character stands for). "
            "Type it again, or check the terminal's encoding."
        )
    return None


def _utf8(stream: TextIO) -> TextIO:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")
    return stream


# Commands whose process ends when ``main`` returns, without taking the interpreter apart.
_ENDS_AS_IT_RETURNS = frozenset({"search"})


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    from reader import paths

    out = stdout or _utf8(sys.stdout)
    err = stderr or _utf8(sys.stderr)
    if argv is None:  # the process's own entry point (tests pass argv): crash reports on
        from reader import crashlog

        crashlog.enable(" ".join(["meipi", *sys.argv[1:2]]))
    args = _window_only(sys.argv[1:] if argv is None else argv)
    parser: argparse.ArgumentParser | None = None
    if args is None:
        parser = build_parser()
        try:
            given = list(argv) if argv is not None else sys.argv[1:]
            args = parser.parse_args(_attach_dash_values(parser, given))
        except SystemExit as exc:
            return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_INPUT
    problem = _check_arguments(args, parser)
    if problem is not None:
        print(f"meipi: {problem}", file=err)
        return EXIT_INPUT
    ctx = Context(db=paths.db_path(getattr(args, "db", None)), stdout=out, stderr=err)
    chosen = getattr(args, "db", None) or os.environ.get("MEIPI_DB")
    if chosen and not ctx.db.parent.is_dir():
        # A typo in --db must not start a new, empty database somewhere unexpected.
        where = "--db" if getattr(args, "db", None) else "$MEIPI_DB"
        print(
            f"meipi: the folder of the database named by {where} ({ctx.db.parent}) does not "
            "exist. Check the path, or create the folder first.",
            file=err,
        )
        return EXIT_INPUT
    try:
        code: int = args.func(args, ctx)
        if argv is None and getattr(args, "command", None) in _ENDS_AS_IT_RETURNS:
            # The process ends here, and Python's exit would take every module apart through
            # the cyclic collector (~11 ms of a ~290 ms ``meipi search``): what the collector
            # tracks is frozen out of its reach and left to the system. Only for commands that
            # use no Qt and have closed their files and databases (no finalizer is owed).
            gc.freeze()
        return code
    except MeipiError as exc:
        print(f"meipi: {for_terminal(str(exc))}", file=err)
        return exc.exit_code
    except KeyboardInterrupt:
        print("meipi: interrupted.", file=err)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`meipi text … | head`): not an error.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except OSError as exc:
        where = for_terminal(str(exc.filename or "no file"))
        print(
            f"meipi: {exc.strerror or exc} ({where}). Check the path "
            "and its permissions, then try again.",
            file=err,
        )
        return EXIT_ENVIRONMENT
