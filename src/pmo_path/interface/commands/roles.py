"""`roles`, `role`, `path` and `match`: the ladders, and where a person could go on them."""

from typing import Annotated, Optional

import typer

from ...render import Format
from ..app import (
    DataDirOption,
    ForceOption,
    FormatOption,
    OutputOption,
    ProfileOption,
    command,
    complete_role,
    framework_for,
    need_profile,
    show,
)


@command(
    short_help="The roles on both ladders, by track and seniority.",
    epilog="Examples:\n\n  pmo-path roles\n\n  pmo-path roles -f json",
)
def roles(
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The roles on both ladders, by track and seniority."""
    framework = framework_for(data_dir, {"--output": output}, force=force)
    show(format, output, lambda renderer: renderer.roles(framework, framework.roles_by_track()))


@command(
    short_help="What one role asks for; --vs compares two roles.",
    epilog="Examples:\n\n  pmo-path role pmo-director\n\n  pmo-path role pmo-manager -f json\n\n"
    "  pmo-path role senior-project-manager --vs pmo-manager\n\n"
    "  pmo-path role pmo-manager --vs pmo-director -f json\n\n"
    "--vs JSON: {from: {id, title}, to: {id, title}, competencies: [{competency, from: {level, weight}, "
    "to: {level, weight}, change}]}, change one of rises, falls, stays, new, dropped; level and weight 0 mean "
    "the role does not require it.",
)
def role(
    role_id: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="A role id or title, as `pmo-path roles` lists them.", autocompletion=complete_role),
    ],
    versus: Annotated[
        Optional[str],
        typer.Option(
            "--vs", metavar="OTHER", help="Compare ROLE with OTHER, competency by competency.", autocompletion=complete_role
        ),
    ] = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """One role: what it asks for, where it leads, and the articles behind it; --vs compares two roles."""
    from ...domain.navigation import compare_roles

    framework = framework_for(data_dir, {"--output": output}, force=force)
    chosen = framework.role(role_id, "ROLE")
    if versus is None:
        show(format, output, lambda renderer: renderer.role(framework, chosen))
        return
    comparison = compare_roles(framework, chosen, framework.role(versus, "--vs"))
    show(format, output, lambda renderer: renderer.comparison(framework, comparison))


@command(
    short_help="The route from one role to another.",
    epilog="Examples:\n\n  pmo-path path project-manager pmo-director\n\n"
    "  pmo-path path senior-project-manager pmo-director -p me.yaml  # for you\n\n"
    "  pmo-path path pmo-analyst portfolio-manager -f json\n\n"
    "No route between the roles: exit 1 with the reason.",
)
def path(
    start: Annotated[str, typer.Argument(metavar="FROM", help="The role you start from.", autocompletion=complete_role)],
    goal: Annotated[str, typer.Argument(metavar="TO", help="The role you aim for.", autocompletion=complete_role)],
    profile: ProfileOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The route through the role ladders: fewest steps, or with --profile the one asking you least new growth."""
    from ...domain.navigation import route
    from ...reading.profile import load_profile

    framework = framework_for(data_dir, {"--output": output}, profile, force=force)
    start, goal = framework.role(start, "FROM").id, framework.role(goal, "TO").id  # a title becomes its id
    levels = load_profile(profile, framework).levels() if profile is not None else None
    found = route(framework, start, goal, levels)
    show(format, output, lambda renderer: renderer.route(framework, found))


@command(
    short_help="The roles you could move to, by readiness.",
    epilog="Examples:\n\n  pmo-path match -p me.yaml\n\n  pmo-path match -p me.yaml --top 3\n\n"
    "  pmo-path match -p me.yaml --all -f json | jq '.[0].role'\n\n"
    "Marks: ● your current role, · your ladder, ⇄ a cross-track move, ★ your target_role; "
    "a readiness marked ? is provisional (the role needs a competency you did not rate).",
)
def match(
    profile: ProfileOption = None,
    top: Annotated[Optional[int], typer.Option("--top", min=1, max=100, metavar="N", help="Show only the N best roles.")] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Also the roles below your current one (by default only moves up or across).")
    ] = False,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Your moves ranked by readiness, best first: your current role and every role at least as senior, either track.

    Each with its verdict and your biggest rated gap; --all adds the roles below yours."""
    from ...domain.navigation import ranked_roles
    from ...reading.profile import load_profile

    framework = framework_for(data_dir, {"--output": output}, profile, force=force)
    person = load_profile(need_profile(profile, "match"), framework)
    current = framework.roles.get(person.current_role) if person.current_role else None
    target = framework.roles.get(person.target_role) if person.target_role else None
    ranked = ranked_roles(framework, person.levels(), current, target, top, everything)
    show(format, output, lambda renderer: renderer.match(framework, ranked))
