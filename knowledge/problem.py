"""Input that cannot be used, as data: which problem, and the values a template words it with (a file that cannot
be read, ``knowledge.unreadable``; a meeting's date, ``bot.meetings.when``). Words live in ``templates/``."""

from __future__ import annotations


class Problem(Exception):
    """``problem`` says which, ``params`` the values it is worded with; ``str(err)`` is for logs."""

    def __init__(self, problem: str, **params: object) -> None:
        super().__init__(" ".join([problem, *(f"{k}={v!r}" for k, v in params.items())]))
        self.problem = problem
        self.params = params
