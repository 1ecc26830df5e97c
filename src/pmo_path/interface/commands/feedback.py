"""`feedback`: how others see a person, next to how they see themself."""

from typing import Annotated

import typer

from ...render import Format
from ..app import (
    DataDirOption,
    ForceOption,
    FormatOption,
    OutputOption,
    TargetOption,
    command,
    explained,
    framework_for,
    show,
    target_role,
)
from ..terminal import error, note


@command(
    short_help="Your self-ratings next to how others rate you.",
    epilog="Examples:\n\n  pmo-path feedback me.yaml reviews/*.yaml\n\n"
    "  pmo-path feedback me.yaml reviews/ -t pmo-director -f json | jq .blind_spots\n\n"
    "Peers and reports are shown only as a group of 3 or more raters; no rater is ever named. "
    "A blind spot: you rate yourself 1.5 or more above the others' mean; a hidden strength: 1.5 or more below.",
)
def feedback(
    self_file: Annotated[str, typer.Argument(metavar="SELF", help="Your own profile.")],
    reviews: Annotated[
        list[str],
        typer.Argument(metavar="REVIEW", help="Review files about you, or folders of them (*.yaml, *.yml)."),
    ],
    target: TargetOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Your self-ratings against your manager's, peers', reports' and others': blind spots and hidden strengths."""
    from ...domain.assessment import resolve_target
    from ...domain.feedback import compare_views
    from ...reading.review import load_self_and_reviews

    framework = framework_for(data_dir, {"--output": output}, self_file, *reviews, force=force)
    chosen = target_role(framework, target)
    failures: list = []
    set_aside: list[str] = []
    try:
        person, found = load_self_and_reviews(self_file, reviews, framework, failures, set_aside)
    finally:
        for failure in failures:  # each review left out, named, before the result made of the rest
            error(explained(failure, framework.data_dir))
        for line in set_aside:  # each second copy of a review, named: counted once
            note(line)
    result = compare_views(framework, person, found, resolve_target(framework, person, chosen))
    show(format, output, lambda renderer: renderer.feedback(framework, result))
    if failures:
        raise typer.Exit(1)
