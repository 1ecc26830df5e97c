"""`validate`, `init` and `schema`: the files people write, and help writing them."""

import os
import sys
from enum import StrEnum
from typing import Annotated, Optional

import typer

from ..app import ColumnsOption, DataDirOption, ForceOption, OutputOption, TargetOption, command, framework_for, target_role
from ..terminal import error, note

# The kinds `reading.schemas.json_schema` knows (a test keeps the two lists equal; importing that module
# here would load the whole framework reader at every start).
SchemaKind = StrEnum("SchemaKind", {kind: kind for kind in ("profile", "review", "roles", "recommendations")})


@command(
    short_help="Check the framework and your files.",
    epilog="Examples:\n\n  pmo-path validate\n\n  pmo-path validate me.yaml team/\n\n"
    "  pmo-path validate --data-dir our-framework/\n\n"
    "Each problem is one line on stdout, FILE:LINE: FIELD: MESSAGE; the exit code is 1 if there is any. "
    "The same person in two inputs is a warning line (team and bench count the latest); warnings alone exit 0. "
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
    data_dir: DataDirOption = None,
) -> None:
    """Check the framework data and any profiles given, listing every problem found, not just the first."""
    from ...reading.validation import validate as run_validation
    from ...render.safe import one_line
    from ..outputs import check_outputs, reads

    check_outputs({"--output": None}, reads(*(paths or [])))  # stdout appending to a profile it checks: refused
    report = run_validation(data_dir, paths or [], columns)
    lines = report.lines()
    if not report.problems and (sys.stdout.isatty() or "COLUMNS" in os.environ):
        # the OK line is a sentence, wrapped at a space for the terminal; a problem stays one line, for grep and editors
        import shutil
        import textwrap

        width = max(20, shutil.get_terminal_size().columns)
        lines = textwrap.wrap(lines[0], width, break_long_words=False, break_on_hyphens=False) or lines
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

    note(f"Next: fill in the ratings, then run  {command_line('assess', '-p', file_word(file), data_dir=data_dir)}")


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
    "Send the file to your team: each person opens it in a browser (no install, no network), rates, and "
    "downloads firstname-lastname.yaml for you to read with pmo-path team.",
)
def form(
    target: TargetOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A self-contained HTML questionnaire for people who will not install anything; it saves a profile YAML."""
    from ...render.form import form_html
    from ..terminal import emit_text

    framework = framework_for(data_dir, {"--output": output}, force=force)
    chosen = target_role(framework, target)
    emit_text(form_html(framework, chosen), output)
