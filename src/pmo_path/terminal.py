"""All output goes through here.

Rich is imported only when something is drawn, so `--version`, JSON and
error paths stay as fast as typer itself. Colour follows Rich's rules: none
when the output is not a terminal, none when NO_COLOR is set.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

FILE_WIDTH = 100  # tables written with --output read well in an editor


def error(message: str) -> None:
    """One line on stderr, never a traceback."""
    sys.stderr.write(f"Error: {message}\n")


def note(message: str) -> None:
    sys.stderr.write(f"{message}\n")


def console(**options: Any):
    from rich.console import Console

    return Console(highlight=False, **options)


def render_to_text(renderable: Any, width: int = FILE_WIDTH) -> str:
    """Plain text of a renderable, for a file or a pipe: no escape codes, no padding at line ends."""
    import io

    buffer = io.StringIO()
    console(file=buffer, width=width, color_system=None, force_terminal=False, soft_wrap=False).print(renderable)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def emit_text(text: str, output: str | None) -> None:
    """JSON or Markdown: to the file (atomically) or to stdout."""
    if output and output != "-":
        from .atomic import atomic_write  # tempfile and random: not worth importing for stdout

        atomic_write(output, text)
        note(f"Wrote {output}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def emit_view(build: Callable[[], Any], output: str | None) -> None:
    """A Rich renderable for the terminal; its plain text to a file or a pipe."""
    if output and output != "-":
        emit_text(render_to_text(build()), output)
        return
    screen = console()
    if screen.is_terminal:
        screen.print(build())
    else:
        emit_text(render_to_text(build(), screen.width), None)
