"""The words every output format shares, so a label reads the same in the terminal, Markdown and HTML."""

from __future__ import annotations

# How much a competency counts for a role: the framework's weight 3, 2, 1 in the words a PM would use.
WEIGHT_NAME = {3: "core", 2: "important", 1: "useful"}
WEIGHT_LEGEND = "core, important or useful: how much it counts for the role"
HORIZON_NAME = {"30-days": "next 30 days", "6-months": "next 6 months", "1-2-years": "next 1-2 years"}
CHANGE_NAME = {"rises": "↑ rises", "falls": "↓ falls", "stays": "= stays", "new": "+ new", "dropped": "− dropped"}
RELATION_NAME = {"current": "you are here", "ladder": "your ladder", "cross-track": "cross-track move"}
RELATION_SYMBOL = {"current": "●", "ladder": "·", "cross-track": "⇄"}
NOT_RATED = "not rated"
NEWLY_RATED = "newly rated"  # progress: rated now, not before (its 0 before was an unknown, not a level)
NO_LONGER_RATED = "no longer rated"
READINESS_SPARK_FLOOR = 10  # percentage points: the least range a readiness sparkline spans (see render.table_people)


def weight_name(weight: int) -> str:
    return WEIGHT_NAME.get(weight, str(weight))


def gap_levels(current: int, required: int, rated: bool = True) -> str:
    """`2→4`, or `not rated` when the person gave no rating (an unknown, not a 0)."""
    return f"{current}→{required}" if rated else NOT_RATED


def growth_levels(current: int, required: int, rated: bool = True) -> str:
    """A route step's `2→4`, or `not rated → 4`: the level to reach, from a level the person did not give (not a 0)."""
    return f"{current}→{required}" if rated else f"{NOT_RATED} → {required}"


def scale_legend_items(scale) -> list[str]:
    """`0 not yet`, `1 Aware`, ...: each level with its name; [] where the levels have no names."""
    if not any(scale.name(level) for level in scale.above_zero):
        return []
    return [scale.label(level) for level in scale.levels]


def scale_legend(scale) -> str:
    """`Levels: 0 not yet · 1 Aware · ... · 5 Expert`: what each number means; "" where the levels have no names."""
    items = scale_legend_items(scale)
    return "Levels: " + " · ".join(items) + "." if items else ""


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


BENCH_LEGEND = (
    "Readiness (%) for the role, most ready first; ? provisional: the role needs a competency they did not rate "
    "(counted 0). People are listed for their own role and those at least as senior (--all: every role). "
    "A succession risk: nobody is ready to step in."
)


def counted(weights, role: str = "") -> str:
    """`counted 3 if core, 2 if important, 1 if useful`, naming only the weights the requirements use: a framework
    whose requirements all take the default weight reads `counted 2 each (every requirement is important)`."""
    used = sorted(set(weights), reverse=True) or [2]
    if len(used) == 1:
        return f"counted {used[0]} each (every requirement is {weight_name(used[0])}{role})"
    return "counted " + ", ".join(f"{w} if {weight_name(w)}{role if i == 0 else ''}" for i, w in enumerate(used))


def team_points(weights) -> str:
    """The team view's note on points, for the weights the target's requirements use."""
    return (
        f"Points: every level a person is short, {counted(weights, ' to the role')}; "
        "priorities are ranked by the points from rated gaps, then by how many are short."
    )


def priority_counts(priority, people: int) -> str:
    """What a training priority is ranked by, as it is ranked: the rated gaps first, the blanks apart.

    `5 of 12 short · 14 points · 3 more not rated`; where nobody rated a gap, how many left it blank and
    what that would weigh if each blank were a 0 (the figure those are ranked by, after every rated one)."""
    if priority.unknown:
        return f"{priority.unrated} of {people} not rated · {growth_points(priority.weighted_gap)} if each is 0"
    counts = f"{priority.rated_with_gap} of {people} short · {growth_points(priority.rated_weighted_gap)}"
    return counts + (f" · {priority.unrated} more not rated" if priority.unrated else "")


UNKNOWN_PRIORITY = "nobody with a gap here rated it: ask them to rate it before planning training"


def route_growth(cost: int, weights=(3, 2, 1)) -> str:
    """The personal route's cost; each step is measured from today's ratings, so a gap two roles share counts twice.
    `weights`: those the requirements of the roles stepped into use."""
    return (
        f"This route asks {growth_points(cost)} of growth: every level you are short of a role you step into, "
        f"from your ratings today, {counted(weights, ' to that role')}."
    )


def stepped_weights(framework, steps: list[str]) -> set[int]:
    """The weights the requirements of the roles a route steps into use."""
    return {r.weight for role in steps[1:] for r in framework.roles[role].requirements}


def growth_points(cost: int) -> str:
    return f"{cost} point{'' if cost == 1 else 's'}"


def weight_change(before: int, after: int) -> str:
    """`now core`: a requirement that counts more or less for the second role than for the first."""
    return f"now {weight_name(after)}" if before != after else ""


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


def first_rating(result, competency: str) -> str:
    """`3, the role needs 4`: a competency rated for the first time, against what the target asks."""
    level = result.new.levels().get(competency, 0)
    need = result.target.required(competency)
    if not need:
        return f"{level}, not one the role needs"
    return f"{level}, the role needs {need}" + (" (met)" if level >= need else "")


def feedback_legend(result, groups: bool, marks: bool = True) -> str:
    """What each mark and each `·` in the table means, for the columns shown and the raters there were."""
    return ". ".join(feedback_legend_items(result, groups, marks)) + "."


def feedback_legend_items(result, groups: bool, marks: bool = True) -> list[str]:
    """The feedback legend's sentences, each without its full stop."""
    pairs = (("◀ blind spot", result.blind_spots), ("▶ hidden strength", result.hidden_strengths))
    parts = [mark for mark, ids in pairs if ids and marks]  # Markdown names them in a column of words instead
    if any(view.self_level is None for view in result.competencies):
        parts.append("Self · you did not rate it")
    if groups:
        if any(view.manager is None for view in result.competencies):
            parts.append("Manager · " + ("no manager's review" if not result.raters.get("manager") else "not rated"))
        for relation, label in (("peer", "Peers"), ("report", "Reports")):
            count = result.raters.get(relation, 0)
            plural = "s" if count != 1 else ""
            if 0 < count < 3:
                parts.append(f"{label} · only {count} {relation}{plural}; 3 are needed to keep them anonymous")
            elif count and any(getattr(view, f"{relation}s") is None for view in result.competencies):
                parts.append(f"{label} · fewer than 3 rated it, kept anonymous")
    if any(view.others is None for view in result.competencies):
        parts.append("Others · nobody else rated it, or showing it would give away a hidden rating")
    parts.append("Δ self minus others")
    if not groups:
        parts.append("The manager's, peers' and reports' columns need a wider terminal or -f json")
    return parts


def left_out_note(left_out: list[tuple[str, int]]) -> str:
    """Which competencies' "others" leave ratings out, and how many (contract section 9, v3); '' when none does."""
    if not left_out:
        return ""
    counts = ", ".join(
        f"{count} rating{'s' if count != 1 else ''} of {name}" if index == 0 else f"{count} of {name}"
        for index, (name, count) in enumerate(left_out)
    )
    return f"Left out of Others so that 1 or 2 raters cannot be worked out by subtraction: {counts}."
