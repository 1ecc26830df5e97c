"""The `pmo-path` command line: the app of `interface.app`, with every command of `interface.commands`."""

import os
import sys

from . import commands  # noqa: F401  (registers the commands)
from .app import app


def run() -> None:
    """Console-script entry point (see `pmo_path.__main__.main`, which also catches Ctrl-C during imports)."""
    keep_only_the_command_run(sys.argv[1:])
    app(prog_name="pmo-path")


def keep_only_the_command_run(args: list[str]) -> None:
    """Build only the command being run: typer turns every registered command into a click command at
    each start, reading its signature, and one is all a run needs. `pmo-path --help`, a misspelt
    command (which is answered with the names) and shell completion keep them all."""
    if not args or os.environ.get("_PMO_PATH_COMPLETE"):
        return
    wanted = [info for info in app.registered_commands if (info.name or info.callback.__name__) == args[0]]
    if wanted:
        app.registered_commands[:] = wanted
