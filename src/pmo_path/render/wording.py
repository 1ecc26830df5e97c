"""The words every output format shares, so a label reads the same in the terminal, Markdown and HTML."""

from __future__ import annotations

WEIGHT_NAME = {3: "core", 2: "key", 1: "useful"}
HORIZON_NAME = {"30-days": "next 30 days", "6-months": "next 6 months", "1-2-years": "next 1-2 years"}
CHANGE_NAME = {"rises": "↑ rises", "falls": "↓ falls", "stays": "= stays", "new": "+ new", "dropped": "− dropped"}
RELATION_NAME = {"current": "you are here", "ladder": "your ladder", "cross-track": "cross-track move"}
RELATION_SYMBOL = {"current": "●", "ladder": "·", "cross-track": "⇄"}
NOT_RATED = "not rated"


def weight_name(weight: int) -> str:
    return WEIGHT_NAME.get(weight, str(weight))


def gap_levels(current: int, required: int, rated: bool = True) -> str:
    """`2→4`, or `not rated` when the person gave no rating (an unknown, not a 0)."""
    return f"{current}→{required}" if rated else NOT_RATED


def team_provisional(members: int, people: int) -> str:
    """Why a team's figures may be too low: some members left competencies the role needs unrated."""
    return (
        f"Provisional: {members} of {people} did not rate every competency this role needs (readiness marked ?); "
        "those count as 0. Training priorities come from the gaps people rated first."
    )


def rater_counts(raters: dict) -> str:
    """`1 manager, 3 peers`: how many of each relation rated, leaving out the relations nobody had."""
    return ", ".join(f"{count} {relation}{'s' if count != 1 else ''}" for relation, count in raters.items() if count)


def people_count(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


UNKNOWN_PRIORITY = "nobody with a gap here rated it: ask them to rate it before planning training"


def route_growth(cost: int) -> str:
    """The personal route's cost; each step is measured from today's ratings, so a gap two roles share counts twice."""
    return (
        f"Growth asked along this route: {cost} (for each role entered, weight × gap from your ratings today; "
        "a gap two roles share counts at each)."
    )


def command_line(*words: str, data_dir: str | None = None) -> str:
    """Every command pmo-path prints for a person to run is built here, so it runs as printed.

    Each word is shell-quoted, a file name that starts with `-` gets `./` (or it would read as an
    option; use `file_word`), and `--data-dir` is kept when the framework came from one.
    """
    import shlex

    return shlex.join(["pmo-path", *words, *(["--data-dir", data_dir] if data_dir else [])])


def file_word(path: str) -> str:
    """A file name as a command-line word: `-x.yaml` would read as an option, `./-x.yaml` does not."""
    return f"./{path}" if path.startswith("-") and path != "-" else path


def named_file(file: str | None) -> bool:
    """Whether a profile came from a file that can be named again (not stdin, not the questionnaire's own)."""
    return bool(file) and file not in ("-", "<stdin>", "<string>", "questionnaire")


def reassess_command(file: str | None, data_dir: str | None = None) -> str:
    """The command that re-rates this profile: its own file question by question, else the questionnaire."""
    if named_file(file):
        return command_line("assess", "-p", file_word(file), "-i", data_dir=data_dir)
    return command_line("assess", data_dir=data_dir)
