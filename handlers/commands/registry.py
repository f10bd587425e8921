"""The ``/shingikai`` subcommand registry: ONE list from which the parser, the help, the usage hints,
App Home's how-to and the manifest's command description are all generated.

A subcommand is a name, its aliases (Japanese too), the form of its argument, the role it needs (None: anyone),
its handler and its words (form, help line, summary; in ``templates/slack/subcommands.j2``). A new subcommand
is one more ``Subcommand`` in ``handlers.commands.shingikai.SUBCOMMANDS`` and its lines in that template.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from templates import texts

COMMAND = "/shingikai"
Arg = Literal["none", "text", "id", "any"]  # none: nothing may follow; text: required; id: a number; any: ignored


@dataclass(frozen=True)
class Subcommand:
    name: str
    aliases: tuple[str, ...]
    arg: Arg
    handler: Callable[[Any], None]  # called with a ``handlers.commands.shingikai.Invocation``
    role: str | None = None  # who may use it (None: everyone; the access-levels issue fills this in)

    def words(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def form(self, command: str = COMMAND) -> str:
        return texts.subcommand_text(self.name, "form", command=command)

    def help(self, command: str = COMMAND) -> str:
        return texts.subcommand_text(self.name, "help", command=command)

    def summary(self, command: str = COMMAND) -> str:
        return texts.subcommand_text(self.name, "summary", command=command)


@dataclass
class Request:
    """A parsed ``/shingikai`` text: the subcommand, its argument, or the problem with them."""

    kind: str | None  # the subcommand's name; None when the text is wrong
    arg: str = ""
    consultation_id: int | None = None
    problem: str | None = None  # unknown / missing_text / bad_id / extra
    word: str = ""  # the subcommand as typed


def normalize(word: str) -> str:
    return unicodedata.normalize("NFKC", word).lower()


def parse_number(text: str) -> int | None:
    """A whole number written with decimal digits (ASCII or full-width), else None — never an exception.

    ``str.isdigit()`` is also true of ``❶``, ``①``, ``²`` and dozens more that ``int()`` refuses or that are
    not how anyone writes a number: only decimal digits count (``str.isdecimal()``, which ``int()`` accepts).
    """
    text = text.strip()
    if not text or not text.isdecimal():
        return None
    try:
        return int(text)
    except ValueError:
        return None


def parse_id(arg: str) -> int | None:
    """``12``, ``１２``, ``#12``, ``ID 12``, ``第12号`` → 12; anything else (``❶``, ``①``, ``²``, ``-1``) → None."""
    text = unicodedata.normalize("NFKC", arg).strip().lower()
    if any(ch.isnumeric() and not ch.isdecimal() for ch in arg):  # ①, ² or ⑳ would become digits under NFKC
        return None
    for prefix in ("id", "#", "no.", "第"):
        text = text.removeprefix(prefix).strip()
    text = text.removesuffix("号").strip()
    number = parse_number(text)
    return number if number is not None and 0 < number < 2**31 else None


class Registry:
    def __init__(self, subcommands: Iterable[Subcommand], *, default: str, command: str = COMMAND) -> None:
        self.subcommands = list(subcommands)
        self.default = default  # what an empty text means
        self.command = command
        self._by_word: dict[str, Subcommand] = {}
        for sub in self.subcommands:
            for word in sub.words():
                key = normalize(word)
                if key in self._by_word:
                    raise ValueError(f"subcommand word {word!r} is used twice")
                self._by_word[key] = sub

    def get(self, name: str) -> Subcommand:
        return next(s for s in self.subcommands if s.name == name)

    def find(self, word: str) -> Subcommand | None:
        return self._by_word.get(normalize(word))

    def parse(self, text: str) -> Request:
        parts = text.strip().split(maxsplit=1)  # str.split() also splits on the full-width space
        if not parts:
            return Request(self.default)
        word = parts[0]
        arg = parts[1].strip() if len(parts) > 1 else ""
        sub = self.find(word)
        if sub is None:
            return Request(None, arg, problem="unknown", word=word)
        if sub.arg == "text" and not arg:
            return Request(None, problem="missing_text", word=word)
        if sub.arg == "none" and arg:
            return Request(None, arg, problem="extra", word=word)
        if sub.arg == "id":
            number = parse_id(arg)
            if number is None:
                return Request(None, arg, problem="bad_id", word=word)
            return Request(sub.name, arg, consultation_id=number, word=word)
        return Request(sub.name, arg, word=word)

    # -- everything generated from the list ----------------------------------------------------------------
    def forms(self) -> list[str]:
        return [s.form(self.command) for s in self.subcommands]

    def help_lines(self) -> list[dict[str, str]]:
        return [{"form": s.form(self.command), "help": s.help(self.command)} for s in self.subcommands]

    def hint(self, req: Request) -> str:
        sub = self.find(req.word) if req.problem != "unknown" else None
        return texts.usage_hint_text(problem=req.problem, word=req.word, arg=req.arg,
                                     form=sub.form(self.command) if sub else None, forms=self.forms(),
                                     command=self.command)

    def description(self) -> str:
        """The slash command's description in the manifest."""
        return "・".join(s for s in (sub.summary(self.command) for sub in self.subcommands) if s)

    def usage_hint(self) -> str:
        """The slash command's usage hint in the manifest."""
        return " | ".join(self.forms())
