"""`team` and `progress`: many profiles at once, and one person over time."""

from typing import Annotated

import typer

from ...render import Format
from ..app import (
    DataDirOption,
    ForceOption,
    FormatOption,
    OutputOption,
    TargetOption,
    check_outputs,
    command,
    load_framework,
    show,
    target_role,
)
from ..terminal import error, note


@command(
    epilog="Examples:\n\n  pmo-path team team/ -t pmo-manager\n\n"
    "  pmo-path team team/ -t pmo-manager -f json | jq .priorities\n\n"
    "  pmo-path team alex.yaml sam.yaml -t pmo-director --anonymous -f markdown -o team.md\n\n"
    "A file that fails validation is named on stderr and left out; the rest are analysed and the exit code is 1."
)
def team(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Profile files, or folders of them (*.yaml, *.yml; subfolders are not read)."),
    ],
    target: TargetOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    anonymous: Annotated[
        bool, typer.Option("--anonymous", help="Show people as Person 1..N (numbered by file path), for sharing.")
    ] = False,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A team against one role: readiness spread, shared gaps, what to train first, who is closest.

    Without --target, the target_role the profiles share is used."""
    from ...domain.team import build_report
    from ...errors import InputError
    from ...reading.team_files import load_team

    framework = load_framework(data_dir)
    chosen = target_role(framework, target)
    check_outputs(framework, data_dir, {"--output": output}, *paths, force=force)
    loaded = load_team(paths, framework)
    for failure in loaded.failures:
        error(str(failure))
    if not loaded.profiles:
        if loaded.files:
            raise InputError(f"none of the {loaded.files} profile files could be used")
        if loaded.failures:
            raise typer.Exit(1)  # each reason is above
        raise InputError(f"no profile files (*.yaml, *.yml) found in {', '.join(paths)}")
    report = build_report(framework, loaded.profiles, chosen, anonymous)
    show(format, output, lambda renderer: renderer.team(framework, report))
    if loaded.failures:
        raise typer.Exit(1)


@command(
    epilog="Examples:\n\n  pmo-path progress jordan-2026-05.yaml jordan-2026-11.yaml\n\n"
    "  pmo-path progress old.yaml new.yaml -t pmo-director -f json | jq .delta"
)
def progress(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier profile (or - for stdin).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later profile (or - for stdin).")],
    target: TargetOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """What changed between two assessments: readiness, ratings that moved, gaps closed and opened.

    The target is --target, else NEW's target_role, else OLD's."""
    from ...domain.progress import compare
    from ...errors import UsageProblem
    from ...reading.profile import load_profile

    if old == new == "-":
        raise UsageProblem("OLD and NEW cannot both be read from stdin")
    framework = load_framework(data_dir)
    chosen = target_role(framework, target)
    check_outputs(framework, data_dir, {"--output": output}, old, new, force=force)
    before, after = load_profile(old, framework), load_profile(new, framework)
    if before.name and after.name and before.name != after.name:
        note(f"Warning: comparing {before.name} ({old}) with {after.name} ({new})")
    result = compare(framework, before, after, chosen)
    show(format, output, lambda renderer: renderer.progress(framework, result))
