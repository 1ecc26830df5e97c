"""The typer app, its shared options, and the one place domain errors become a line and an exit code.

Commands live in `interface.commands`, one module a subject; each parses its
options, calls one use case of the domain and hands the result to `show`.
Heavy modules (yaml, rich, the framework) are imported inside commands, so
`pmo-path --version` costs little more than importing typer.

No `from __future__ import annotations` here or in the commands: typer reads
every command's signature at each start, and string annotations cost it an
eval apiece.
"""

import functools
import gc
import sys
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import (
    InputError,
    Interrupted,
    NoRouteError,
    NoSharedTarget,
    NoTarget,
    PmoPathError,
    Problem,
    UnknownId,
    UsageProblem,
)
from ..render import Format
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
    "  pmo-path schema profile > profile.schema.json\n\n"
    "Docs: the README of pmo-path. Exit codes: 0 ok, 1 invalid input, 2 usage, 130 interrupted."
)


class OneLineErrors(TyperGroup):
    """Usage errors as one `Error:` line with exit 2, like every other error of pmo-path.

    Click would print the usage, a help hint and the error on four lines; the
    hint is kept, at the end of the one line."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        # typer vendors click and exports only BadParameter of its errors: its bases are the ones to catch
        click_error = next(kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "ClickException")
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click_error as err:
            if type(err).__name__ == "NoArgsIsHelpError":  # bare `pmo-path`: the help, as click shows it
                err.show()
            else:
                error(usage_line(err))
            sys.exit(err.exit_code)
        except typer.Abort:
            error("interrupted")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


def usage_line(err: Exception) -> str:
    """Click's message (without pydantic's "Value error, " prefix) and where the help is."""
    message = err.format_message().replace("Value error, ", "").rstrip(".")  # type: ignore[attr-defined]
    context = getattr(err, "ctx", None)
    return f"{message} (see `{context.command_path} --help`)" if context is not None else message


app = typer.Typer(
    cls=OneLineErrors,
    name="pmo-path",
    help="Career gap analyzer for project professionals heading into PMO and portfolio roles.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The contract's exit codes, by kind of domain error (the first match wins).
EXIT_CODES: tuple[tuple[type[PmoPathError], int], ...] = (
    (Interrupted, 130),
    (UsageProblem, 2),
    (NoSharedTarget, 2),
    (PmoPathError, 1),
)


def exit_code(err: PmoPathError) -> int:
    if isinstance(err, Interrupted):
        return err.code  # 130, or 128 + the signal that stopped the questionnaire
    return next(code for kind, code in EXIT_CODES if isinstance(err, kind))


def explained(err: PmoPathError, data_dir: str | None = None) -> str:
    """The error's line, with the command-line hint the domain cannot know (run as printed, `--data-dir` kept)."""
    from ..render.wording import command_line

    if isinstance(err, UnknownId) and err.kind == "role":
        return f"{err}; `{command_line('roles', data_dir=data_dir)}` lists them"
    if isinstance(err, NoTarget):
        line = field_line(err.file, "target_role") if err.from_file else None
        where = err.file if line is None else f"{err.file}:{line}"
        roles = command_line("roles", data_dir=data_dir)
        return f"{where}: target_role: no target role; set it to a role id (`{roles}` lists them), or pass --target ROLE"
    if isinstance(err, NoSharedTarget):
        return "--target: the profiles do not share one target_role; pass --target ROLE"
    if isinstance(err, NoRouteError):
        return f"{err} (`{command_line('role', err.start, data_dir=data_dir)}` shows where it leads)"
    if isinstance(err, InputError) and len(err.problems) > 1:
        return err.summary(validate_command(err.problems[0], data_dir))
    return str(err)


def field_line(file: str, field: str) -> int | None:
    """The line of a top-level `field:` in a YAML file, or None (no such line, stdin, a file that cannot be read)."""
    import re

    key = re.compile(rf"{re.escape(field)}[ \t]*:".encode())
    try:
        with open(file, "rb") as text:  # only read: the line's number, whatever the encoding
            return next((number for number, line in enumerate(text, 1) if key.match(line)), None)
    except (OSError, ValueError):
        return None


def validate_command(problem: Problem | str, data_dir: str | None) -> str:
    """`pmo-path validate` for the file a problem is in: the framework's own files need no argument."""
    import os

    from ..reading.framework import RECOMMENDATIONS_FILE, ROLES_FILE
    from ..render.wording import command_line, file_word

    file = problem.file if isinstance(problem, Problem) else None
    if not file or os.path.basename(file) in (ROLES_FILE, RECOMMENDATIONS_FILE):
        return command_line("validate", data_dir=data_dir)
    return command_line("validate", "-" if file == "<stdin>" else file_word(file), data_dir=data_dir)


def command(*names: str, group: typer.Typer | None = None, **options):
    """app.command (or `group`'s, for a subcommand), plus domain errors turned into one line and an exit code."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            if not gc.isenabled():  # off during start-up (pmo_path.__main__): what it made lives to the end,
                gc.freeze()  # so it is set aside rather than scanned; the command's own work is collected as usual
                gc.enable()
            try:
                return function(*args, **kwargs)
            except Interrupted as err:  # not an error: the answers were kept
                note(str(err))
                raise typer.Exit(exit_code(err)) from None
            except PmoPathError as err:
                error(explained(err, kwargs.get("data_dir")))
                raise typer.Exit(exit_code(err)) from None
            except KeyboardInterrupt:
                error("interrupted")
                raise typer.Exit(130) from None

        return (group or app).command(*names, **options)(run)

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
    """Rate yourself on your framework's competencies, pick a target role, and see how ready you are,
    which gaps matter most, what to do next and the route through the role ladders."""


# --- shared steps of the commands ---------------------------------------------------------------------------------


def load_framework(data_dir: str | None):
    """The framework in use, knowing the folder it came from (commands printed for the person keep it).

    Kept between runs while its files stay as they are (`interface.framework_cache`)."""
    from dataclasses import replace

    from ..reading.framework import data_files
    from ..reading.framework import load_framework as load
    from . import framework_cache

    key = framework_cache.framework_key(data_files(data_dir))  # before reading: an edit meanwhile is a miss
    framework = framework_cache.recall(key)
    if framework is None:
        framework = load(data_dir)
        framework_cache.keep(key, framework)
    return replace(framework, data_dir=data_dir) if data_dir else framework


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of a role id (its title as the help zsh and fish show), from the framework in use.

    Remembers the roles for `interface.quick`, which answers the next Tab without typer."""
    import os

    from .quick import keep_roles, plain_help, roles_key

    data_dir = ctx.params.get("data_dir") or os.environ.get("PMO_PATH_DATA") or None
    key = roles_key(data_dir)
    try:
        roles = [(role.id, role.title) for role in load_framework(data_dir).roles.values()]
    except PmoPathError:
        return []
    keep_roles(data_dir, roles, key)
    # typer renders help as Rich markup: escaped, a title reads as written (as interface.quick shows it)
    from rich.markup import escape

    return [(role, escape(plain_help(title))) for role, title in roles if role.startswith(incomplete)]


def complete_relation(incomplete: str) -> list[str]:
    from ..domain.model import RaterRelation

    return [relation.value for relation in RaterRelation if relation.value.startswith(incomplete)]


def complete_members(incomplete: str) -> list[str]:
    return [choice for choice in ("top", "all") if choice.startswith(incomplete)]


def framework_for(data_dir: str | None, outputs: dict, *inputs: str | None, force: bool = False):
    """The framework in use, once every output is known safe to write.

    Before any work, outputs that would replace an input (framework files
    included) or cannot be written are refused."""
    from ..reading.framework import RECOMMENDATIONS_FILE, ROLES_FILE
    from .outputs import Read, check_outputs, reads

    framework = load_framework(data_dir)
    framework_files = [Read(file) for file in framework.files]
    if data_dir:
        framework_files.append(Read(data_dir, names=(ROLES_FILE, RECOMMENDATIONS_FILE)))
    check_outputs(outputs, [*reads(*inputs), *framework_files], force)
    return framework


def require_svg(chart: str | None, what: str) -> None:
    """Refuse a --chart file up front unless it names an SVG."""
    if chart is not None and not chart.lower().endswith(".svg"):
        raise UsageProblem(f"--chart: the {what} is an SVG image; give a file name ending in .svg, not '{chart}'")


def show(format: Format, output: str | None, draw) -> None:
    """Render with the renderer registered for `format` (`draw(renderer)` picks the method) and write it out."""
    from ..render import UnknownFormat, renderer_for
    from .terminal import emit_text, emit_view

    try:
        renderer = renderer_for(format)
    except UnknownFormat as err:
        raise UsageProblem(f"--format: {err}") from None
    if renderer.text:
        emit_text(draw(renderer), output)
    else:
        emit_view(lambda: draw(renderer), output)


def need_profile(profile: str | None, command_name: str) -> str:
    if profile is None:
        raise UsageProblem(f"--profile: `pmo-path {command_name}` needs a profile; pass -p FILE (or - for stdin)")
    return profile


def target_role(framework, target: str | None):
    """The --target role, or None to use the profile's."""
    return framework.role(target, "--target") if target else None


# --- the options several commands share ---------------------------------------------------------------------------

ProfileOption = Annotated[
    Optional[str],
    typer.Option("--profile", "-p", metavar="FILE", help="Your profile YAML (see `pmo-path init`), or - for stdin."),
]
TargetOption = Annotated[
    Optional[str],
    typer.Option(
        "--target",
        "-t",
        metavar="ROLE",
        help="Target role, its id or title; overrides target_role in the profile.",
        autocompletion=complete_role,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; json, markdown and csv for scripts, notes and spreadsheets.")
]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
]
TopOption = Annotated[int, typer.Option("--top", min=1, max=50, metavar="N", help="How many recommendations to show.")]
# --force has one meaning everywhere: replace an output file pmo-path would otherwise keep (never an input).
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an output file even if it holds answers (YAML) or is read-only (never an input).")
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


def chart_option(help: str):
    """--chart FILE.svg, with what this command draws in its help."""
    return Annotated[Optional[str], typer.Option("--chart", metavar="FILE.svg", help=help)]


ColumnsOption = Annotated[
    Optional[str],
    typer.Option(
        "--columns",
        metavar="MAP.yaml",
        help="For survey exports: a YAML map of header to competency id, person field (name, current_role, "
        "target_role, assessed_on, years_experience) or ignore, for the headers pmo-path cannot place itself.",
    ),
]


def column_map(columns: str | None, framework) -> dict | None:
    """The --columns map, read and checked (every problem at once), or None."""
    if columns is None:
        return None
    from ..reading.survey import read_column_map

    return read_column_map(columns, framework)
