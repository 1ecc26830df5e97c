"""The `pmo-path` command line: thin commands over the core.

Each command parses its options, makes one call into the core and hands the
result to a renderer. Domain errors become one `Error:` line and the exit
code of the contract. Heavy modules (yaml, rich tables, the framework) are
imported inside commands, so `pmo-path --version` costs little more than
importing typer.

No `from __future__ import annotations` here: typer reads every command's
signature at each start, and string annotations cost it an eval apiece
(about 6 ms per run across the commands).
"""

import functools
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import Interrupted, PmoPathError
from .terminal import error, note

EPILOG = (
    "Examples:\n\n"
    "  pmo-path assess                                   # guided questionnaire\n\n"
    "  pmo-path assess -p me.yaml -t pmo-director\n\n"
    "  pmo-path assess -p me.yaml -f json | jq .readiness\n\n"
    "  pmo-path roles\n\n"
    "  pmo-path role pmo-manager\n\n"
    "  pmo-path path senior-project-manager pmo-director -p me.yaml\n\n"
    "  pmo-path match -p me.yaml\n\n"
    "  pmo-path plan -p me.yaml -o plan.md --chart radar.svg\n\n"
    "  pmo-path init me.yaml && pmo-path validate me.yaml\n\n"
    "  pmo-path team team/ -t pmo-manager\n\n"
    "  pmo-path progress old.yaml new.yaml\n\n"
    "Docs: the README of pmo-path. Exit codes: 0 ok, 1 invalid input, 2 usage, 130 interrupted."
)

app = typer.Typer(
    name="pmo-path",
    help="Career gap analyzer for project professionals heading into PMO and portfolio roles.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _complete_role(incomplete: str) -> list[str]:
    """Shell completion for role ids, from the framework in use (PMO_PATH_DATA or the bundled one)."""
    import os

    try:
        return [role for role in _framework(os.environ.get("PMO_PATH_DATA")).roles if role.startswith(incomplete)]
    except PmoPathError:
        return []


ProfileOption = Annotated[
    Optional[str],
    typer.Option("--profile", "-p", metavar="FILE", help="Your profile YAML (see `pmo-path init`), or - for stdin."),
]
TargetOption = Annotated[
    Optional[str],
    typer.Option(
        "--target", "-t", metavar="ROLE", help="Target role id; overrides target_role in the profile.",
        autocompletion=_complete_role,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; json and markdown for scripts and notes.")
]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
]
TopOption = Annotated[int, typer.Option("--top", min=1, max=50, help="How many recommendations to show.")]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an output file even if it is read-only (never an input).")
]
DataDirOption = Annotated[
    Optional[str],
    typer.Option(
        "--data-dir",
        envvar="PMO_PATH_DATA",
        metavar="DIR",
        help="Your organisation's roles.yaml and/or recommendations.yaml (a missing one falls back to the bundled).",
    ),
]


def command(*names: str, **options):
    """app.command, plus domain errors turned into one line and an exit code."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Interrupted as err:  # not an error: the answers were kept
                note(str(err))
                raise typer.Exit(err.exit_code) from None
            except PmoPathError as err:
                error(str(err))
                raise typer.Exit(err.exit_code) from None
            except KeyboardInterrupt:
                error("interrupted")
                raise typer.Exit(130) from None

        return app.command(*names, **options)(run)

    return decorate


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"pmo-path {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Rate yourself on 15 competencies, pick a target role, and see how ready you are,
    which gaps matter most, what to do next and the route through the role ladders."""


def _framework(data_dir: str | None):
    from .framework import load_framework

    return load_framework(data_dir)


def _check_outputs(framework, data_dir: str | None, outputs: dict, *inputs: str | None, force: bool = False) -> None:
    """Refuse, before any work, outputs that would replace an input (framework files included) or cannot be written."""
    from .framework import RECOMMENDATIONS_FILE, ROLES_FILE
    from .outputs import Read, check_outputs, reads

    framework_files = [Read(file) for file in framework.files]
    if data_dir:
        framework_files.append(Read(data_dir, names=(ROLES_FILE, RECOMMENDATIONS_FILE)))
    check_outputs(outputs, [*reads(*inputs), *framework_files], force)


@command(epilog="Examples:\n\n  pmo-path assess                                   # questionnaire\n\n"
         "  pmo-path assess --current project-manager -t pmo-manager --save me.yaml\n\n"
         "  pmo-path assess -p me.yaml -i                     # re-assess it\n\n"
         "  pmo-path assess -p me.yaml -t pmo-director --top 8\n\n"
         "  pmo-path assess -p me.yaml -f json -o result.json\n\n"
         "Ctrl-C or end of input (Ctrl-D) stops the questionnaire with exit 130 and keeps the answers so far "
         "in the --save file or in a pmo-path-draft-YYYYMMDD-HHMMSS.yaml here; resume with -p DRAFT -i.")
def assess(
    profile: ProfileOption = None,
    target: TargetOption = None,
    current: Annotated[
        Optional[str], typer.Option("--current", metavar="ROLE", help="Questionnaire: your current role id.")
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
    format: FormatOption = Format.table,
    output: OutputOption = None,
    top: TopOption = 5,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """How ready you are for a target role: gaps, strengths, next steps and the route.

    Without --profile it asks you, one competency at a time (needs a terminal)."""
    from .assessment import assess as run_assessment
    from .errors import UsageProblem

    if profile is None or interactive:
        if profile == "-":
            raise UsageProblem("--interactive reads your answers from the terminal; it cannot re-assess stdin (-p -)")
        if sys.stdin is None or not sys.stdin.isatty():
            raise UsageProblem("the questionnaire needs a terminal and stdin is not one; "
                               "pass --profile FILE (or - to read stdin)")
        from .profile import Profile, load_profile
        from .questionnaire import Settings, draft_state_of, run_questionnaire

        framework = _framework(data_dir)
        for role_id, option in ((current, "--current"), (target, "--target")):
            if role_id:
                framework.role(role_id, option)
        _check_outputs(framework, data_dir, {"--output": output, "--save": save}, profile, force=force)
        base = load_profile(profile, framework) if profile else Profile(file="questionnaire")
        settings = Settings(base=base, source=profile, current=current, target=target, everything=everything,
                            save=save, force=force, draft=draft_state_of(profile))
        answered = run_questionnaire(framework, settings, today=_today())
        _emit_assessment(framework, run_assessment(framework, answered, None, top), format, output)
        return
    if current or everything or save:
        raise UsageProblem("--current, --all and --save belong to the questionnaire: "
                           "drop --profile, or add -i to re-assess the profile")
    from .profile import load_profile

    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, profile, force=force)
    result = run_assessment(framework, load_profile(profile, framework), target, top)
    _emit_assessment(framework, result, format, output)


def _emit_assessment(framework, result, format: Format, output: str | None) -> None:
    if format is Format.markdown:  # the Markdown of an assessment is the dated plan
        from .render.markdown import plan
        from .terminal import emit_text

        emit_text(plan(framework, result, _today()), output)
    else:
        _emit_report("assessment", framework, result, format, output)


def _emit_report(kind: str, framework, report, format: Format, output: str | None) -> None:
    """as_json.KIND, markdown.KIND_report or table.KIND_view; only the renderer used is imported."""
    from .terminal import emit_text, emit_view

    if format is Format.json:
        from .render import as_json

        emit_text(as_json.dumps(getattr(as_json, kind)(framework, report)), output)
    elif format is Format.markdown:
        from .render import markdown

        emit_text(getattr(markdown, f"{kind}_report")(framework, report), output)
    else:
        from .render import table

        emit_view(lambda: getattr(table, f"{kind}_view")(framework, report), output)


@command(epilog="Examples:\n\n  pmo-path roles\n\n  pmo-path roles -f json")
def roles(
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The roles on both ladders, by track and seniority."""
    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, force=force)
    _emit_report("roles", framework, framework.roles_by_track(), format, output)


@command(epilog="Examples:\n\n  pmo-path role pmo-director\n\n  pmo-path role pmo-manager -f json\n\n"
         "  pmo-path role senior-project-manager --vs pmo-manager\n\n"
         "  pmo-path role pmo-manager --vs pmo-director -f json\n\n"
         "--vs JSON: {from: {id, title}, to: {id, title}, competencies: [{competency, from: {level, weight}, "
         "to: {level, weight}, change}]}, change one of rises, falls, stays, new, dropped; level and weight 0 mean "
         "the role does not require it.")
def role(
    role_id: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="A role id, as `pmo-path roles` lists them.", autocompletion=_complete_role),
    ],
    versus: Annotated[
        Optional[str],
        typer.Option("--vs", metavar="OTHER", help="Compare ROLE with OTHER, competency by competency."),
    ] = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """One role: what it asks for, where it leads, and the articles behind it; --vs compares two roles."""
    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, force=force)
    chosen = framework.role(role_id, "ROLE")
    if versus is not None:
        from .navigation import compare_roles

        _emit_report("comparison", framework, compare_roles(framework, chosen, framework.role(versus, "--vs")),
                     format, output)
    else:
        _emit_report("role", framework, chosen, format, output)


TODAY_ENV = "PMO_PATH_TODAY"


def _today():
    """The plan's date: today, or PMO_PATH_TODAY (YYYY-MM-DD) for reproducible output."""
    import os
    from datetime import date, timedelta

    from .errors import UsageProblem

    value = os.environ.get(TODAY_ENV, "")
    if not value:
        return date.today()
    try:
        today = date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"{TODAY_ENV}: expected a date like 2026-11-20, found '{value}'") from None
    if today > date.max - timedelta(days=366):  # the review date, 90 days on, must exist
        raise UsageProblem(f"{TODAY_ENV}: {value} is too far in the future; use a date before 9999")
    return today


def _need_profile(profile: str | None, command_name: str) -> str:
    if profile is None:
        from .errors import UsageProblem

        raise UsageProblem(f"--profile: `pmo-path {command_name}` needs a profile; pass -p FILE (or - for stdin)")
    return profile


@command(epilog="Examples:\n\n  pmo-path path project-manager pmo-director\n\n"
         "  pmo-path path senior-project-manager pmo-director -p me.yaml  # for you\n\n"
         "  pmo-path path pmo-analyst portfolio-manager -f json\n\n"
         "No route between the roles: exit 1 with the reason.")
def path(
    start: Annotated[str, typer.Argument(metavar="FROM", help="The role you start from.", autocompletion=_complete_role)],
    goal: Annotated[str, typer.Argument(metavar="TO", help="The role you aim for.", autocompletion=_complete_role)],
    profile: ProfileOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The route through the role ladders: fewest steps, or with --profile the one asking you least new growth."""
    from .navigation import route

    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, profile, force=force)
    levels = None
    if profile is not None:
        from .profile import load_profile

        levels = load_profile(profile, framework).levels()
    _emit_report("route", framework, route(framework, start, goal, levels), format, output)


@command(epilog="Examples:\n\n  pmo-path match -p me.yaml\n\n  pmo-path match -p me.yaml --top 3\n\n"
         "  pmo-path match -p me.yaml -f json | jq '.[0].role'\n\n"
         "Marks: ● your current role, · your ladder, ⇄ a cross-track move, ★ your target_role.")
def match(
    profile: ProfileOption = None,
    top: Annotated[
        Optional[int], typer.Option("--top", min=1, max=100, metavar="N", help="Show only the N best roles.")
    ] = None,
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
    from .navigation import ranked_roles
    from .profile import load_profile

    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, profile, force=force)
    person = load_profile(_need_profile(profile, "match"), framework)
    current = framework.role(person.current_role, "current_role") if person.current_role else None
    target = framework.role(person.target_role, "target_role") if person.target_role else None
    _emit_report("match", framework, ranked_roles(framework, person.levels(), current, target, top, everything), format, output)


@command(epilog="Examples:\n\n  pmo-path plan -p me.yaml -o plan.md\n\n"
         "  pmo-path plan -p me.yaml -t pmo-director -o plan.md --chart radar.svg\n\n"
         "  PMO_PATH_TODAY=2026-11-20 pmo-path plan -p me.yaml     # fixed date\n\n"
         "The plan's date is today unless the environment variable PMO_PATH_TODAY (YYYY-MM-DD) sets it; "
         "the review date is 90 days later.")
def plan(
    profile: ProfileOption = None,
    target: TargetOption = None,
    output: OutputOption = None,
    chart: Annotated[
        Optional[str],
        typer.Option("--chart", metavar="FILE.svg", help="Also write a radar chart (SVG) that the plan links to."),
    ] = None,
    top: TopOption = 5,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A Markdown development plan to keep: gaps, route, dated actions with sources, review date."""
    from .assessment import assess as run_assessment
    from .errors import UsageProblem
    from .profile import load_profile
    from .terminal import emit_text

    profile = _need_profile(profile, "plan")
    if chart is not None and not chart.lower().endswith(".svg"):
        raise UsageProblem(f"--chart: the chart is an SVG image; give a file name ending in .svg, not '{chart}'")
    today = _today()
    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output, "--chart": chart}, profile, force=force)
    result = run_assessment(framework, load_profile(profile, framework), target, top)
    link = None
    if chart is not None:
        from .atomic import atomic_write
        from .render.radar import role_radar
        from .terminal import note

        atomic_write(chart, role_radar(framework, result.target, result.profile.levels(), result.profile.name))
        note(f"Wrote {chart}")
        link = _link(chart, output)
    from .render.markdown import plan as plan_markdown

    emit_text(plan_markdown(framework, result, today, link), output)


def _link(chart: str, plan_file: str | None) -> str:
    """The chart as the plan links to it: relative to the plan's folder (or here), URL-quoted, / separated."""
    import os
    from urllib.parse import quote

    base = os.path.dirname(os.path.abspath(plan_file)) if plan_file and plan_file != "-" else os.getcwd()
    try:
        relative = os.path.relpath(os.path.abspath(chart), base)
    except ValueError:  # another drive on Windows: no relative path exists
        relative = os.path.abspath(chart)
    return quote(relative.replace(os.sep, "/"))



@command(epilog="Examples:\n\n  pmo-path validate\n\n  pmo-path validate me.yaml team/\n\n"
         "  pmo-path validate --data-dir our-framework/\n\n"
         "Each problem is one line on stdout, FILE:LINE: FIELD: MESSAGE; the exit code is 1 if there is any. "
         "The framework files checked are named on stderr: copy the bundled ones to start your own.")
def validate(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="PATH", help="Profile files (or - for stdin), or folders of *.yaml / *.yml."),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Check the framework data and any profiles given, listing every problem found, not just the first."""
    from .terminal import note
    from .validation import validate as run_validation

    report = run_validation(data_dir, paths or [])
    sys.stdout.write("".join(f"{problem}\n" for problem in report.problems) or report.summary() + "\n")
    sys.stdout.flush()
    if report.framework_files:
        note(f"Framework files: {', '.join(report.framework_files)}")
    if report.profiles_only_parsed():
        note("The profiles were checked for YAML syntax only: fix the framework first.")
    if not report.problems:
        return
    count, files = len(report.problems), report.files_with_problems()
    error(f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    raise typer.Exit(1)


@command(epilog="Examples:\n\n  pmo-path init me.yaml\n\n  pmo-path init > me.yaml\n\n"
         "  pmo-path init --data-dir our-framework/ me.yaml --force\n\n"
         "Then fill in the ratings and run: pmo-path assess -p me.yaml")
def init(
    file: Annotated[
        Optional[str],
        typer.Argument(metavar="FILE", help="Where to write the template; without it (or with -) it is printed."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it already exists.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """A profile template: every competency with its level descriptors as comments, ready to fill in."""
    import os

    from .errors import InputError, Problem
    from .template import profile_template
    from .terminal import emit_text, note

    to_file = file not in (None, "-")
    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"FILE": file}, force=force)
    if to_file and not force and os.path.lexists(file) and os.path.isfile(file):
        raise InputError(Problem(file, "already exists; pass --force to overwrite it"))
    emit_text(profile_template(framework, _today()), file)
    if to_file:
        note(f"Next: fill in the ratings, then run  pmo-path assess -p {file}")



@command(epilog="Examples:\n\n  pmo-path team team/ -t pmo-manager\n\n"
         "  pmo-path team team/ -t pmo-manager -f json | jq .priorities\n\n"
         "  pmo-path team alex.yaml sam.yaml -t pmo-director --anonymous -f markdown -o team.md\n\n"
         "A file that fails validation is named on stderr and left out; the rest are analysed and the exit code is 1.")
def team(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH", help="Profile files, or folders of them (*.yaml, *.yml; subfolders are not read)."
        ),
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
    from .errors import InputError, UsageProblem
    from .team import build_report, common_target, load_team

    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, *paths, force=force)
    role = framework.role(target, "--target") if target else None
    loaded = load_team(paths, framework)
    for failure in loaded.failures:
        error(str(failure))
    if not loaded.profiles:
        if loaded.files:
            raise InputError(f"none of the {loaded.files} profile files could be used")
        raise InputError(f"no profile files (*.yaml, *.yml) found in {', '.join(paths)}")
    if role is None:
        shared = common_target(loaded.profiles)
        if shared is None:
            raise UsageProblem("--target: the profiles do not share one target_role; pass --target ROLE")
        role = framework.role(shared, "target_role")
    _emit_report("team", framework, build_report(framework, loaded.profiles, role, anonymous), format, output)
    if loaded.failures:
        raise typer.Exit(1)


@command(epilog="Examples:\n\n  pmo-path progress jordan-2026-05.yaml jordan-2026-11.yaml\n\n"
         "  pmo-path progress old.yaml new.yaml -t pmo-director -f json | jq .delta")
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
    from .errors import UsageProblem
    from .profile import load_profile
    from .progress import compare

    if old == new == "-":
        raise UsageProblem("OLD and NEW cannot both be read from stdin")
    framework = _framework(data_dir)
    _check_outputs(framework, data_dir, {"--output": output}, old, new, force=force)
    before, after = load_profile(old, framework), load_profile(new, framework)
    if before.name and after.name and before.name != after.name:
        from .terminal import note

        note(f"Warning: comparing {before.name} ({old}) with {after.name} ({new})")
    _emit_report("progress", framework, compare(framework, before, after, target), format, output)



def run() -> None:
    """Console-script entry point (see `pmo_path.__main__.main`, which also catches Ctrl-C during imports)."""
    app(prog_name="pmo-path")
