"""The `pmo-path` command line: the app of `interface.app`, with every command of `interface.commands`."""

from . import commands  # noqa: F401  (registers the commands)
from .app import app


def run() -> None:
    """Console-script entry point (see `pmo_path.__main__.main`, which also catches Ctrl-C during imports)."""
    app(prog_name="pmo-path")
