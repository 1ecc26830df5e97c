"""`assess` and `plan`: one person against one target role."""

import sys
from typing import Annotated, Optional

import typer

from ...render import Format
from ..app import (
    DataDirOption,
    ForceOption,
    FormatOption,
    OutputOption,
    ProfileOption,
    TargetOption,
    TopOption,
    chart_option,
    command,
    complete_relation,
    complete_role,
    framework_for,
    need_profile,
    require_svg,
    show,
    target_role,
)


@command(
    short_help="How ready you are for a target role, and what next.",
    epilog="Examples:\n\n  pmo-path assess                                   # questionnaire\n\n"
    "  pmo-path assess --current project-manager -t pmo-manager --save me.yaml\n\n"
    "  pmo-path assess -p me.yaml -i                     # re-assess it\n\n"
    "  pmo-path assess -p me.yaml -t pmo-director --top 8\n\n"
    "  pmo-path assess -p me.yaml -f json -o result.json\n\n"
    "Ctrl-C or end of input (Ctrl-D) stops the questionnaire with exit 130 and keeps the answers so far "
    "in the --save file or in a pmo-path-draft-YYYYMMDD-HHMMSS.yaml here; resume with -p DRAFT -i.",
)
def assess(
    profile: ProfileOption = None,
    target: TargetOption = None,
    current: Annotated[
        Optional[str],
        typer.Option("--current", metavar="ROLE", help="Questionnaire: your current role id.", autocompletion=complete_role),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Questionnaire: rate every competency, not only those the target needs.")
    ] = False,
    save: Annotated[
        Optional[str],
        typer.Option("--save", metavar="FILE", help="Questionnaire: save the profile to FILE (replacing it)."),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Re-assess --profile FILE question by question.")
    ] = False,
    about: Annotated[
        Optional[str],
        typer.Option("--about", metavar="NAME", help="Questionnaire: rate someone else, for a review (with --relation)."),
    ] = None,
    relation: Annotated[
        Optional[str],
        typer.Option(
            "--relation",
            metavar="RELATION",
            help="With --about: you are their manager, peer, report or other.",
            autocompletion=complete_relation,
        ),
    ] = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    top: TopOption = 5,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """How ready you are for a target role: gaps, strengths, next steps and the route.

    Without --profile it asks you, one competency at a time (needs a terminal)."""
    from ...domain.assessment import assess as run_assessment
    from ...errors import UsageProblem
    from ...reading.profile import load_profile
    from ..clock import today

    asking = profile is None or interactive
    if asking and profile == "-":
        raise UsageProblem("--interactive reads your answers from the terminal; it cannot re-assess stdin (-p -)")
    if asking and (sys.stdin is None or not sys.stdin.isatty()):
        raise UsageProblem("the questionnaire needs a terminal and stdin is not one; pass --profile FILE (or - to read stdin)")
    if not asking and (current or everything or save or about):
        raise UsageProblem(
            "--current, --all, --save and --about belong to the questionnaire: drop --profile, or add -i to re-assess the profile"
        )
    if (about is None) != (relation is None):
        raise UsageProblem("--about and --relation go together: whom you rate, and how you work with them")
    if relation is not None:
        from ...domain.model import RaterRelation
        from ...errors import UnknownId

        if relation not in tuple(RaterRelation):
            raise UsageProblem(str(UnknownId("relation", relation, "--relation", tuple(RaterRelation))))
    framework = framework_for(data_dir, {"--output": output, "--save": save}, profile, force=force)
    chosen = target_role(framework, target)
    if about is not None:
        from ..questionnaire import ask_about

        ask_about(framework, about, relation, chosen, save, force, today())
        return
    if asking:
        from ..questionnaire import ask

        person = ask(
            framework, profile, current and framework.role(current, "--current").id, chosen, everything, save, force, today()
        )
    else:
        person = load_profile(profile, framework)
    result = run_assessment(framework, person, chosen, top, today())
    show(format, output, lambda renderer: renderer.assessment(framework, result))


@command(
    short_help="A Markdown development plan with dated actions.",
    epilog="Examples:\n\n  pmo-path plan -p me.yaml -o plan.md\n\n"
    "  pmo-path plan -p me.yaml -t pmo-director -o plan.md --chart radar.svg\n\n"
    "  PMO_PATH_TODAY=2026-11-20 pmo-path plan -p me.yaml     # fixed date\n\n"
    "The plan's date is today unless the environment variable PMO_PATH_TODAY (YYYY-MM-DD) sets it; "
    "the review date is 90 days later.",
)
def plan(
    profile: ProfileOption = None,
    target: TargetOption = None,
    output: OutputOption = None,
    chart: chart_option("Also write a radar chart (SVG) that the plan links to.") = None,
    reviews: Annotated[
        Optional[list[str]],
        typer.Option(
            "--reviews",
            metavar="REVIEW",
            help="Reviews of you (files or a folder; repeat the option): "
            "adds 'How others see you', and a blind spot counts at the others' level.",
        ),
    ] = None,
    top: TopOption = 5,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A Markdown development plan to keep: gaps, route, dated actions with sources, review date."""
    from ...domain.assessment import assess as run_assessment
    from ...reading.profile import load_profile
    from ...render.markdown import plan as plan_markdown
    from ..clock import today
    from ..terminal import emit_text

    profile = need_profile(profile, "plan")
    require_svg(chart, "chart")
    written_on = today()
    framework = framework_for(data_dir, {"--output": output, "--chart": chart}, profile, *(reviews or []), force=force)
    chosen = target_role(framework, target)
    if reviews:
        from ...reading.review import load_self_and_reviews
        from ..terminal import note

        set_aside: list[str] = []
        person, found = load_self_and_reviews(profile, reviews, framework, notes=set_aside)
        for line in set_aside:
            note(line)
    else:
        person, found = load_profile(profile, framework), None
    result = run_assessment(framework, person, chosen, top, written_on, found)
    link = None
    if chart is not None:
        from ...render.radar import role_radar
        from ..outputs import relative_link

        emit_text(role_radar(framework, result.target, result.profile.levels(), result.profile.name), chart)
        link = relative_link(chart, output)
    text = plan_markdown(framework, result, link)
    if output is None:
        import shlex

        from ..terminal import note, show_markdown

        if show_markdown(text):  # a person at a terminal reads it drawn; a pipe or -o gets the Markdown as it is
            keep = ["-p", profile, *(["-t", target] if target else []), *(a for r in reviews or [] for a in ("--reviews", r))]
            keep += [*(["--top", str(top)] if top != 5 else []), *(["--chart", chart] if chart else [])]
            keep += ["--data-dir", data_dir] if data_dir else []
            note(f"Save it with: {shlex.join(['pmo-path', 'plan', *keep, '-o', 'plan.md'])}")
            return
    emit_text(text, output)
