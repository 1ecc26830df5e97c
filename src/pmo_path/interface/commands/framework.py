"""`validate`, `init` and `schema`: the files people write, and help writing them."""

import sys
from typing import Annotated, Optional

import typer

from ..app import DataDirOption, check_outputs, command, load_framework
from ..terminal import error, note


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
    from ...reading.validation import validate as run_validation

    report = run_validation(data_dir, paths or [])
    sys.stdout.write("".join(f"{line}\n" for line in report.lines()))
    sys.stdout.flush()
    for line in report.notes():
        note(line)
    if report.problems:
        error(report.tally())
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

    from ...errors import InputError, Problem
    from ...render.template import profile_template
    from ..clock import today
    from ..terminal import emit_text

    to_file = file not in (None, "-")
    framework = load_framework(data_dir)
    check_outputs(framework, data_dir, {"FILE": file}, force=force)
    if to_file and not force and os.path.lexists(file) and os.path.isfile(file):
        raise InputError(Problem(file, "already exists; pass --force to overwrite it"))
    emit_text(profile_template(framework, today()), file)
    if to_file:
        note(f"Next: fill in the ratings, then run  pmo-path assess -p {file}")
