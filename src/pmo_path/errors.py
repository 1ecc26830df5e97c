"""The one family of domain errors the core raises.

The interface turns any of these into a single `Error:` line and an exit
code (`interface.cli.EXIT_CODES`); the core never prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    file: str
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class PmoPathError(Exception):
    """Base of every error the core raises on purpose (the interface maps each kind to an exit code)."""


class InputError(PmoPathError):
    """A file, id or option value the user gave is not usable.

    Carries every problem found so `validate` can report them all, while
    other commands show the first.
    """

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        files = list(dict.fromkeys(p.file for p in problems if isinstance(p, Problem)))

        def reading_order(problem: Problem | str) -> tuple[int, int]:
            if isinstance(problem, str):
                return (-1, 0)
            return (files.index(problem.file), problem.line or 0)

        # Checks run field by field; people read a file top to bottom.
        self.problems: list[Problem | str] = sorted(problems, key=reading_order)
        super().__init__(self.summary())

    def summary(self, validate: str | None = None) -> str:
        """The first problem, and how many more there are; with `validate` (the command line that checks this
        file, which only the interface can build: `interface.app.explained`), the command that lists them all."""
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if more:
            hint = f"; `{validate}` lists them all" if validate else ""
            first += f" (and {more} more problem{'s' if more > 1 else ''}{hint})"
        return first


class UnknownId(InputError):
    """An id that names nothing in the framework: which kind, which value, where it came from, what was meant."""

    def __init__(self, kind: str, value: object, field: str, known: tuple[str, ...] | list[str]) -> None:
        self.kind, self.value, self.field = kind, value, field
        self.suggestion = did_you_mean(value, known)
        super().__init__(f"{field}: unknown {kind} '{value}'{self.suggestion}")


class NoTarget(InputError):
    """A profile names no target role and none was given."""

    def __init__(self, file: str) -> None:
        self.file = file or "profile"
        self.from_file = bool(file) and file != "<stdin>"  # a file whose target_role line can be pointed at
        super().__init__(f"{self.file}: target_role: no target role; add target_role to the profile")


class NoSharedTarget(PmoPathError):
    """Profiles analysed together name different target roles, and no target was given."""

    def __init__(self, message: str, targets: dict[str | None, int] | None = None) -> None:
        self.targets = targets or {}  # each target_role found, with its count, most named first (None: none named)
        super().__init__(message)


class NoRouteError(PmoPathError):
    """The role graph has no way from one role to another."""

    def __init__(self, start: str, goal: str) -> None:
        self.start, self.goal = start, goal
        super().__init__(f"no route from '{start}' to '{goal}': no sequence of career moves in the framework leads there")


class UsageProblem(PmoPathError):
    """Options that make sense alone but not together (exit 2, like typer)."""


class Interrupted(PmoPathError):
    """The person stopped the questionnaire; what they answered is kept.

    `code` is the exit code: 130 for Ctrl-C and end of input, 128 + the
    signal's number for SIGHUP (129) and SIGTERM (143)."""

    def __init__(self, message: str, code: int = 130) -> None:
        super().__init__(message)
        self.code = code


SUGGEST_FROM_AT_MOST = 1_000  # more ids than this: no suggestion (comparing costs about 7 µs an id)
SUGGESTION_BUDGET = 100_000  # ids compared in one run, over every suggestion: about 0.7 s at most
_compared = 0


def did_you_mean(word: object, choices: list[str] | tuple[str, ...] | dict) -> str:
    """A ' (did you mean ...?)' suffix for near-miss ids, or ''.

    Bounded, so a file full of unknown ids against a framework of thousands cannot take minutes: no
    suggestion from more than SUGGEST_FROM_AT_MOST ids, nor once a run has compared SUGGESTION_BUDGET.
    """
    global _compared
    if not isinstance(word, str) or len(choices) > SUGGEST_FROM_AT_MOST or _compared >= SUGGESTION_BUDGET:
        return ""
    from difflib import get_close_matches

    folded: dict[str, str] = {}  # any case: 'pmo director' finds 'PMO Director', shown as the framework spells it
    for choice in choices:
        if isinstance(choice, str):
            folded.setdefault(choice.casefold(), choice)
    _compared += len(folded)
    close = get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""
