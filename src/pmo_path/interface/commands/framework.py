"""`validate`, `init` and `schema`: the files people write, and help writing them."""

import os
import sys
from enum import StrEnum
from typing import Annotated, Optional

import typer

from ..app import ColumnsOption, DataDirOption, ForceOption, OutputOption, TargetOption, app, command, framework_for, target_role
from ..terminal import error, note

# The kinds `reading.schemas.json_schema` knows (a test keeps the two lists equal; importing that module
# here would load the whole framework reader at every start).
SchemaKind = StrEnum("SchemaKind", {kind: kind for kind in ("profile", "review", "roles", "recommendations")})


@command(
    short_help="Check the framework and your files.",
    epilog="Examples:\n\n  pmo-path validate\n\n  pmo-path validate me.yaml team/\n\n"
    "  pmo-path validate --data-dir our-framework/\n\n"
    "Each problem is one line on stdout, FILE:LINE: FIELD: MESSAGE; the exit code is 1 if there is any. "
    "The same person in two inputs is a warning line (team and bench count the latest), and so is a competency or "
    "level no advice covers (--strict: an error); warnings alone exit 0. "
    "The framework files checked are named on stderr: copy the bundled ones to start your own.",
)
def validate(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="PATH", help="Profiles, reviews or survey exports (.csv, .xlsx; or - for stdin), or folders of them."
        ),
    ] = None,
    columns: ColumnsOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Coverage holes in the advice (a competency or level with none) are errors, not warnings."),
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Check the framework data and any profiles given, listing every problem found, not just the first."""
    from ...reading.validation import validate as run_validation
    from ...render.safe import one_line
    from ..outputs import check_outputs, reads

    check_outputs({"--output": None}, reads(*(paths or [])))  # stdout appending to a profile it checks: refused
    report = run_validation(data_dir, paths or [], columns, strict)
    lines = report.lines()
    if not report.problems and (sys.stdout.isatty() or "COLUMNS" in os.environ):
        # the OK line is a sentence, wrapped at a space for the terminal; a problem stays one line, for grep and editors
        import shutil
        import textwrap

        width = max(20, shutil.get_terminal_size().columns)
        summary = textwrap.wrap(lines[-1], width, break_long_words=False, break_on_hyphens=False) or lines[-1:]
        lines = lines[:-1] + summary  # warnings before it stay one line each, as problems do
    sys.stdout.write("".join(f"{one_line(line)}\n" for line in lines))  # a file name is data too
    sys.stdout.flush()
    for line in report.notes():
        note(line)
    if report.problems:
        error(report.tally())
        raise typer.Exit(1)


@command(
    short_help="Write a profile template to fill in.",
    epilog="Examples:\n\n  pmo-path init me.yaml\n\n  pmo-path init > me.yaml\n\n"
    "  pmo-path init --data-dir our-framework/ me.yaml --force\n\n"
    "Then fill in the ratings and run: pmo-path assess -p me.yaml",
)
def init(
    file: Annotated[
        Optional[str],
        typer.Argument(metavar="FILE", help="Where to write the template; without it (or with -) it is printed."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE even if it holds answers (YAML) or is read-only (never an input).")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """A profile template: every competency with its level descriptors as comments, ready to fill in."""
    import os

    from ...reading.schemas import PROFILE_SCHEMA_FILE, is_ours, json_schema
    from ...render.as_json import dumps
    from ...render.template import profile_template
    from ..atomic import atomic_write
    from ..clock import today
    from ..terminal import emit_text

    to_file = file not in (None, "-")
    schema_file = os.path.join(os.path.dirname(file), PROFILE_SCHEMA_FILE) if to_file else None
    framework = framework_for(data_dir, {"FILE": file, "schema": schema_file}, force=force)
    emit_text(profile_template(framework, today(), PROFILE_SCHEMA_FILE, file if to_file else None), file)
    if not to_file:  # `pmo-path schema -o pmo-path-profile.schema.json` puts the schema beside it
        return
    if not os.path.exists(schema_file) or is_ours(schema_file):
        atomic_write(schema_file, dumps(json_schema("profile", framework)))  # ours to refresh, never someone else's
        note(f"Wrote {schema_file} (the profile's JSON Schema: editors check the file against it)")
    from ...render.wording import command_line, file_word

    run = command_line("assess", "-p", file_word(file), data_dir=data_dir)
    note(f"Next: set target_role (and current_role) and fill in the ratings, then run: {run}")


@command(
    short_help="The JSON Schema of a file, for editors.",
    epilog="Examples:\n\n  pmo-path schema > profile.schema.json\n\n"
    "  pmo-path schema roles --data-dir our-framework/\n\n"
    "Point your editor at the profile schema (pmo-path init writes the line for you):\n\n"
    "  # yaml-language-server: $schema=pmo-path-profile.schema.json",
)
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="Which file: a profile (default), a review, roles.yaml or recommendations.yaml.")
    ] = SchemaKind.profile,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The JSON Schema of a file kind, for editors and other tools; it lists your framework's ids."""
    from ...reading.schemas import json_schema
    from ...render.as_json import dumps
    from ..terminal import emit_text

    framework = framework_for(data_dir, {"--output": output}, force=force)
    emit_text(dumps(json_schema(kind.value, framework)), output)


@command(
    short_help="An HTML questionnaire that saves a profile.",
    epilog="Examples:\n\n  pmo-path form -o survey.html\n\n  pmo-path form -t pmo-manager -o pmo-manager-survey.html\n\n"
    "  pmo-path form --data-dir our-framework/ -o survey.html\n\n"
    "  pmo-path form -o survey.html --send-to 'Sam Okafor' --due 2026-12-15\n\n"
    "Send the file to your team: each person opens it in a browser (no install, no network), rates, and "
    "downloads firstname-lastname.yaml for you to read with pmo-path team.",
)
def form(
    target: TargetOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
    intro: Annotated[
        Optional[str], typer.Option("--intro", metavar="TEXT", help="A note shown at the top of the form: why you ask.")
    ] = None,
    send_to: Annotated[
        Optional[str],
        typer.Option("--send-to", metavar="TEXT", help="Whom to send the downloaded file to (a name, an e-mail address)."),
    ] = None,
    due: Annotated[Optional[str], typer.Option("--due", metavar="DATE", help="By when to send it, YYYY-MM-DD.")] = None,
) -> None:
    """A self-contained HTML questionnaire for people who will not install anything; it saves a profile YAML."""
    from ...errors import UsageProblem
    from ...reading.spec import iso_day
    from ...render.form import Handoff, form_html
    from ...render.safe import one_line
    from ..terminal import emit_text

    if due is not None and iso_day(due) is None:
        raise UsageProblem(f"--due: expected a date like 2026-12-15, found '{one_line(due)}'")
    framework = framework_for(data_dir, {"--output": output}, force=force)
    chosen = target_role(framework, target)
    handoff = Handoff(intro=plain(intro, lines=True), send_to=plain(send_to), due=due or "")
    emit_text(form_html(framework, chosen, handoff), output)


def plain(text: str | None, lines: bool = False) -> str:
    """Text typed on a command line, as the page shows it: no control characters; one line unless `lines`."""
    kept = "".join(char for char in (text or "").replace("\t", " ") if char.isprintable() or (lines and char == "\n"))
    return "\n".join(line.rstrip() for line in kept.strip().split("\n")) if lines else " ".join(kept.split())


framework_app = typer.Typer(
    name="framework",
    help="Your organisation's own framework: make one from the spreadsheet you keep.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(framework_app, short_help="Make a framework from your role matrix (CSV, .xlsx).")


@command(
    "import",
    group=framework_app,
    short_help="A role-by-competency matrix (CSV, .xlsx) as a framework folder.",
    epilog="Examples:\n\n  pmo-path framework import matrix.csv -o our-framework\n\n"
    '  pmo-path framework import matrix.xlsx -o our-framework --scale "Aware,Practised,Competent,Proficient,Expert"\n\n'
    "The matrix: column A the competencies, an optional Group (or Category, Area) column, one column a role, "
    "most junior first; each cell the level the role needs, a number or a level name (blank, 0 or - for none); "
    "optional rows named track, seniority, grade and scale. Every problem is named by its cell; nothing is "
    "written unless the whole matrix reads. See docs/own-framework.md.",
)
def import_matrix(
    matrix: Annotated[str, typer.Argument(metavar="MATRIX", help="The matrix: a .csv file or an .xlsx workbook's first sheet.")],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="DIR", help="The folder for roles.yaml and recommendations.yaml (made if missing)."
        ),
    ],
    scale: Annotated[
        Optional[str],
        typer.Option(
            metavar="NAMES",
            help='The level names, lowest first: "Aware,Practised,Competent,Proficient,Expert" (2 to 7). '
            "Needed when the cells name levels, unless a row named scale lists them.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace DIR/roles.yaml if it is there (a recommendations.yaml there is kept).")
    ] = False,
) -> None:
    """Make a framework folder from the role-by-competency matrix your organisation keeps in a spreadsheet."""
    from ...errors import InputError
    from ...reading.matrix import parse_scale, read_matrix
    from ...render.framework_yaml import NO_ADVICE, roles_yaml
    from ...render.wording import command_line, file_word
    from ..atomic import atomic_write

    levels = parse_scale(scale) if scale is not None else None
    roles_file, advice_file, write_advice = _import_targets(matrix, output, force)
    try:
        result = read_matrix(matrix, levels)
    except InputError as err:
        for problem in err.problems:  # every bad cell, one line each: a matrix is fixed in one sitting
            error(str(problem))
        raise typer.Exit(1) from None
    for line in result.notes:
        note(line)
    if not os.path.isdir(output):
        try:
            os.mkdir(output)
        except OSError as err:
            raise InputError(f"{output}: cannot make the folder: {err.strerror or err}") from None
    atomic_write(roles_file, roles_yaml(result))
    tracks = f"{len(result.tracks)} track{'s' if len(result.tracks) != 1 else ''}"
    note(
        f"Wrote {roles_file} ({len(result.competencies)} competencies, {len(result.roles)} roles on {tracks}; "
        f"scale: {', '.join(result.scale)})"
    )
    if write_advice:
        atomic_write(advice_file, NO_ADVICE)
        note(f"Wrote {advice_file} (no advice yet)")
    else:
        note(f"Kept {advice_file} (your advice; validate checks it against the new roles)")
    folder = file_word(output)
    note(f"Next: {command_line('validate', data_dir=folder)}")
    note(f"Then: {command_line('form', '-o', 'survey.html', data_dir=folder)}  (the questionnaire to send your team)")


def _import_targets(matrix: str, output: str, force: bool) -> tuple[str, str, bool]:
    """DIR/roles.yaml and DIR/recommendations.yaml, and whether to write the second; refused before any reading
    if DIR is no folder that can be made or written, or holds a roles.yaml and --force is not given."""
    from ...errors import InputError, Problem
    from ..outputs import check_outputs, holds_answers, reads

    roles_file, advice_file = os.path.join(output, "roles.yaml"), os.path.join(output, "recommendations.yaml")
    if os.path.isdir(output):
        write_advice = not os.path.lexists(advice_file) or not holds_answers(advice_file)
        outputs = {"--output": roles_file, **({"recommendations": advice_file} if write_advice else {})}
        check_outputs(outputs, reads(matrix), force)
        return roles_file, advice_file, write_advice
    if os.path.lexists(output):
        what = "is a file" if os.path.exists(output) else "is a link to nothing"
        raise InputError(Problem(output, f"{what}, not a folder; give a folder to write roles.yaml into", "--output"))
    parent = os.path.dirname(os.path.normpath(output)) or "."
    if not os.path.isdir(parent):
        raise InputError(Problem(output, f"cannot make the folder: '{parent}' does not exist", "--output"))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(Problem(output, f"cannot make the folder: '{parent}' is not writable", "--output"))
    return roles_file, advice_file, True
