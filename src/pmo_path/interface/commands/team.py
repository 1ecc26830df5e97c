"""`team` and `progress`: many profiles at once, and one person over time."""

from typing import Annotated, Optional

import typer

from ...render import Format
from ..app import (
    ColumnsOption,
    DataDirOption,
    ForceOption,
    FormatOption,
    OutputOption,
    TargetOption,
    chart_option,
    command,
    complete_members,
    framework_for,
    require_svg,
    show,
    target_role,
)
from ..terminal import error, note

GRID_PEOPLE = 60  # as render.heatmap.MAX_GRID_PEOPLE (not imported here: the help must not load the renderer)


@command(
    short_help="A team against one role: gaps, who is closest.",
    epilog="Examples:\n\n  pmo-path team team/ -t pmo-manager\n\n"
    "  pmo-path team team/ -t pmo-manager -f json | jq .priorities\n\n"
    "  pmo-path team alex.yaml sam.yaml -t pmo-director --anonymous -f markdown -o team.md\n\n"
    "  pmo-path team team/ -t pmo-manager --chart gaps.svg --chart-people people.svg\n\n"
    "A file that fails validation is named on stderr and left out; the rest are analysed and the exit code is 1.",
)
def team(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Profiles, survey exports, or folders of them (*.yaml, *.yml, *.csv, *.xlsx; not subfolders).",
        ),
    ],
    target: TargetOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    anonymous: Annotated[
        bool,
        typer.Option("--anonymous", help="Show people as Person 1..N, numbered in a random order new each run, for sharing."),
    ] = False,
    members: Annotated[
        str,
        typer.Option(
            "--members",
            metavar="top|all",
            help="The table lists the 10 most and least ready (top), or all.",
            autocompletion=complete_members,
        ),
    ] = "top",
    chart: chart_option("Also write a bar chart of the team's gaps as an SVG, for a slide.") = None,
    chart_people: Annotated[
        Optional[str],
        typer.Option(
            "--chart-people",
            metavar="FILE.svg",
            help=f"Also write each person's level in each competency as an SVG grid (up to {GRID_PEOPLE} people).",
        ),
    ] = None,
    columns: ColumnsOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A team against one role: readiness spread, shared gaps, what to train first, who is closest.

    Without --target, the target_role the profiles share is used."""
    from dataclasses import replace

    from ...domain.team import build_report
    from ...errors import NoSharedTarget, UsageProblem
    from ..terminal import emit_text

    if members not in ("top", "all"):
        raise UsageProblem(f"--members: 'top' or 'all', not '{members}'")
    require_svg(chart, "bar chart of the gaps")
    if chart_people is not None and not chart_people.lower().endswith(".svg"):
        raise UsageProblem(f"--chart-people: the grid is an SVG image; give a file name ending in .svg, not '{chart_people}'")
    outputs = {"--output": output, "--chart": chart, "--chart-people": chart_people}
    framework = framework_for(data_dir, outputs, *paths, columns, force=force)
    chosen = target_role(framework, target)
    loaded = _load(paths, framework, columns)
    try:
        report = build_report(framework, loaded.profiles, chosen, anonymous, loaded.reviews)
    except NoSharedTarget as err:
        raise UsageProblem(mixed_targets(err.targets, paths, columns, data_dir)) from None
    report = replace(report, members_shown=None if members == "all" else MEMBERS_AT_EACH_END)
    if chart is not None:
        from ...render.heatmap import heatmap_svg

        emit_text(heatmap_svg(framework, report), chart)
    if chart_people is not None:
        from ...render.heatmap import grid_refusal, people_grid_svg

        refusal = grid_refusal(report.people)
        if refusal:
            note(f"Note: {refusal}")
        else:
            emit_text(people_grid_svg(framework, report), chart_people)
    show(format, output, lambda renderer: renderer.team(framework, report))
    if loaded.failures:
        raise typer.Exit(1)


@command(
    short_help="What changed between assessments.",
    epilog="Examples:\n\n  pmo-path progress jordan-2026-05.yaml jordan-2026-11.yaml\n\n"
    "  pmo-path progress old.yaml new.yaml -t pmo-director -f json | jq .delta\n\n"
    "  pmo-path progress jordan-*.yaml --chart trend.svg         # the history over time\n\n"
    "Three or more files are put in order of assessed_on (a file without it keeps its place).",
)
def progress(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier profile (or - for stdin).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later profile (or - for stdin).")],
    more: Annotated[
        Optional[list[str]], typer.Argument(metavar="[MORE...]", help="More assessments: the history over time.")
    ] = None,
    target: TargetOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    chart: chart_option("Also write readiness over time as an SVG line chart.") = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """What changed between assessments: readiness, ratings that moved, gaps closed and opened; with 3+, the history.

    The target is --target, else the latest target_role, else an earlier one."""
    from ...domain.progress import compare, history
    from ...errors import UsageProblem
    from ...reading.profile import load_profile
    from ..terminal import emit_text

    files = [old, new, *(more or [])]
    if files.count("-") > 1:
        raise UsageProblem(
            "OLD and NEW cannot both be read from stdin" if len(files) == 2 else "only one assessment can be read from stdin"
        )
    require_svg(chart, "chart")
    framework = framework_for(data_dir, {"--output": output, "--chart": chart}, *files, force=force)
    chosen = target_role(framework, target)
    profiles = [load_profile(file, framework) for file in files]
    named = [(p.name, file) for p, file in zip(profiles, files, strict=True) if p.name]
    if len({name for name, _ in named}) > 1:
        note("Warning: comparing " + " with ".join(f"{name} ({file})" for name, file in named))
    result = compare(framework, *profiles, chosen) if len(profiles) == 2 else history(framework, profiles, chosen)
    if chart is not None:
        from ...render.trend import trend_svg

        emit_text(trend_svg(framework, result), chart)
    show(format, output, lambda renderer: renderer.progress(framework, result))


@command(
    short_help="For every role, who is ready and who is close.",
    epilog="Examples:\n\n  pmo-path bench team/\n\n  pmo-path bench team/ survey.csv -f json | jq '.[0]'\n\n"
    "  pmo-path bench team/ --anonymous -f markdown -o bench.md\n\n"
    "  pmo-path bench team/ --all        # every role, a step down too",
)
def bench(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Profile files, survey exports (.csv, .xlsx), or folders of them."),
    ],
    format: FormatOption = Format.table,
    output: OutputOption = None,
    anonymous: Annotated[
        bool,
        typer.Option("--anonymous", help="Show people as Person 1..N, numbered in a random order new each run, for sharing."),
    ] = False,
    everyone: Annotated[
        bool,
        typer.Option("--all", help="List people for every role, not only their own and those at least as senior."),
    ] = False,
    columns: ColumnsOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The succession bench: for every role, who holds it, who is ready and who is close; a role nobody is ready for is a risk.

    People are listed for their own role (as its holder) and roles at least as senior, unless --all."""
    from ...domain.bench import bench as build_bench
    from ...domain.team import member_labels

    framework = framework_for(data_dir, {"--output": output}, *paths, columns, force=force)
    loaded = _load(paths, framework, columns)
    shown = member_labels(loaded.profiles, anonymous)
    labels = {file: name for file, (name, _shown) in shown.items()}
    order = {file: int(name.split()[-1]) for file, name in labels.items()} if anonymous else None
    rows = build_bench(framework, loaded.profiles, labels, everyone, order)
    show(format, output, lambda renderer: renderer.bench(framework, rows))
    if loaded.failures:
        raise typer.Exit(1)


MEMBERS_AT_EACH_END = 10


def mixed_targets(targets: dict, paths: list[str], columns: str | None, data_dir: str | None) -> str:
    """One line: the target roles a mixed folder names, with counts, and the command that picks the commonest."""
    from ...render.wording import command_line, file_word

    found = ", ".join(f"{role or 'none named'} ({count})" for role, count in targets.items())
    chosen = next((role for role in targets if role), "ROLE")
    words = ["team", *map(file_word, paths), "-t", chosen, *(["--columns", file_word(columns)] if columns else [])]
    run = command_line(*words, data_dir=data_dir)
    return f"--target: the profiles do not share one target_role; they name {found}; pick one: {run}"


def _load(paths: list[str], framework, columns: str | None = None):
    """The team under `paths`, each person once; each bad file or row is one line on stderr, and nothing usable is an error."""
    from dataclasses import replace

    from ...domain.people import one_each
    from ...errors import InputError
    from ...reading.team_files import load_team
    from ..app import column_map, explained

    loaded = load_team(paths, framework, column_map(columns, framework))
    for notice in loaded.notices:
        note(f"Note: {notice}")
    for failure in loaded.failures:
        error(explained(failure, framework.data_dir))
    people, set_aside = one_each(loaded.profiles)
    for line in set_aside_lines(set_aside):
        note(f"Note: {line}")
    loaded = replace(loaded, profiles=people)
    if not loaded.profiles:
        if loaded.files > 1:
            raise InputError(f"none of the {loaded.files} profile files could be used")
        if loaded.failures:
            raise typer.Exit(1)  # the reason is above
        raise InputError(f"no profile files (*.yaml, *.yml, *.csv, *.xlsx) found in {', '.join(paths)}")
    return loaded


def set_aside_lines(set_aside: list) -> list[str]:
    """One sentence a person counted once: which input counts, which were set aside."""
    by_kept: dict[str, list] = {}
    for aside in set_aside:
        by_kept.setdefault(aside.kept, []).append(aside)
    return [
        f"{asides[0].name} is in {len(asides) + 1} inputs: counted once, from {kept} (the latest); "
        f"set aside: {', '.join(aside.file for aside in asides)}"
        for kept, asides in by_kept.items()
    ]
