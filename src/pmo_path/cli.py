"""The `pmo-path` command line: thin commands over the core.

Each command parses its options, makes one call into the core and hands the
result to a renderer. Domain errors become one `Error:` line and the exit
code of the contract. Heavy modules (yaml, rich tables, the framework) are
imported inside commands, so `pmo-path --version` costs little more than
importing typer.
"""

from __future__ import annotations

import functools
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import PmoPathError
from .terminal import error

EPILOG = (
    "Examples:\n\n"
    "  pmo-path assess                                   # guided questionnaire\n\n"
    "  pmo-path assess -p me.yaml -t pmo-director\n\n"
    "  pmo-path assess -p me.yaml -f json | jq .readiness\n\n"
    "  pmo-path roles\n\n"
    "  pmo-path role pmo-manager\n\n"
    "Docs: the README of pmo-path. Exit codes: 0 ok, 1 invalid input, 2 usage, 130 interrupted."
)

app = typer.Typer(
    name="pmo-path",
    help="Career gap analyzer for project professionals heading into PMO and portfolio roles.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


ProfileOption = Annotated[
    Optional[str],
    typer.Option("--profile", "-p", metavar="FILE", help="Your profile YAML (see `pmo-path init`), or - for stdin."),
]
TargetOption = Annotated[
    Optional[str],
    typer.Option("--target", "-t", metavar="ROLE", help="Target role id; overrides target_role in the profile."),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; json and markdown for scripts and notes.")
]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
]
TopOption = Annotated[int, typer.Option("--top", min=1, max=50, help="How many recommendations to show.")]
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


@command(epilog="Examples:\n\n  pmo-path assess\n\n  pmo-path assess -p me.yaml -t pmo-director --top 8\n\n"
         "  pmo-path assess -p me.yaml -f json -o result.json")
def assess(
    profile: ProfileOption = None,
    target: TargetOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    top: TopOption = 5,
    data_dir: DataDirOption = None,
) -> None:
    """How ready you are for a target role: gaps, strengths, next steps and the route."""
    if profile is None:
        if not sys.stdin.isatty():
            error("no --profile given and stdin is not a terminal; pass --profile FILE (or - to read stdin)")
            raise typer.Exit(2)
        error("the interactive questionnaire is not available yet; pass --profile FILE")
        raise typer.Exit(2)
    from .assessment import assess as run_assessment
    from .profile import load_profile

    framework = _framework(data_dir)
    result = run_assessment(framework, load_profile(profile, framework), target, top)
    _emit_assessment(framework, result, format, output)


def _emit_assessment(framework, result, format: Format, output: str | None) -> None:
    from .terminal import emit_text, emit_view

    if format is Format.json:
        from .render import as_json

        emit_text(as_json.dumps(as_json.assessment(framework, result)), output)
    elif format is Format.markdown:
        from .render.markdown import plan

        emit_text(plan(framework, result), output)
    else:
        from .render.table import assessment_view

        emit_view(lambda: assessment_view(framework, result), output)


@command(epilog="Examples:\n\n  pmo-path roles\n\n  pmo-path roles -f json")
def roles(format: FormatOption = Format.table, output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """The roles on both ladders, by track and seniority."""
    framework = _framework(data_dir)
    from .terminal import emit_text, emit_view

    if format is Format.json:
        from .render import as_json

        emit_text(as_json.dumps(as_json.roles(framework)), output)
    elif format is Format.markdown:
        from .render.markdown import roles_table

        emit_text(roles_table(framework), output)
    else:
        from .render.table import roles_view

        emit_view(lambda: roles_view(framework), output)


@command(epilog="Examples:\n\n  pmo-path role pmo-director\n\n  pmo-path role pmo-manager -f json")
def role(
    role_id: Annotated[str, typer.Argument(metavar="ROLE", help="A role id, as `pmo-path roles` lists them.")],
    format: FormatOption = Format.table,
    output: OutputOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """One role: what it asks for, where it leads, and the articles behind it."""
    framework = _framework(data_dir)
    chosen = framework.role(role_id, "ROLE")
    from .terminal import emit_text, emit_view

    if format is Format.json:
        from .render import as_json

        emit_text(as_json.dumps(as_json.role(framework, chosen)), output)
    elif format is Format.markdown:
        from .render.markdown import role_card

        emit_text(role_card(framework, chosen), output)
    else:
        from .render.table import role_view

        emit_view(lambda: role_view(framework, chosen), output)


# ANCHOR: navigation commands (path, match, plan) go above this line


# ANCHOR: framework commands (validate, init) go above this line


# ANCHOR: team commands (team, progress) go above this line


def run() -> None:
    """Console-script entry point."""
    app(prog_name="pmo-path")
