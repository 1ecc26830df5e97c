"""All output goes through here.

Rich is imported only when something is drawn, so `--version`, JSON and
error paths stay as fast as typer itself. Colour follows Rich's rules: none
when the output is not a terminal, none when NO_COLOR is set.

Text from files is data: Rich markup is off for every console made here, and
every drawn segment passes through `Inert`, so a name like `[/]` or an ANSI
escape in a profile is shown, never obeyed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

FILE_WIDTH = 100  # tables written with --output read well in an editor


def error(message: str) -> None:
    """One line on stderr, never a traceback."""
    note(f"Error: {message}")


def note(message: str) -> None:
    """One line on stderr; names and values quoted in it cannot move the cursor or retitle the window.

    A closed or broken stderr (`2>&-`, a terminal that went away) loses the
    line, never the run: there is nowhere else to say it.
    """
    from ..render.safe import one_line

    if sys.stderr is None:
        return
    try:
        sys.stderr.write(f"{one_line(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def console(**options: Any):
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False, **options)


class Inert:
    """A renderable drawn as its inner one, with control characters in its text removed.

    Rich lays text out before we see it, and counts control characters as
    zero cells wide, so they are dropped here (a visible escape would push
    the columns out of line). Characters one cell wide that a terminal
    should never receive (non-characters, lone surrogates) become `?`.
    """

    def __init__(self, renderable: Any) -> None:
        self.renderable = renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        from ..render.safe import UNSAFE

        for segment in console.render(self.renderable, options):
            text = segment.text
            if not segment.control and UNSAFE.search(text):
                text = UNSAFE.sub(_terminal_replacement, text)
                segment = Segment(text, segment.style, segment.control)
            yield segment


def _terminal_replacement(match) -> str:
    from rich.cells import cell_len

    char = match.group()
    return "" if "\ud800" <= char <= "\udfff" or cell_len(char) == 0 else "?"


def render_to_text(renderable: Any, width: int = FILE_WIDTH) -> str:
    """Plain text of a renderable, for a file or a pipe: no escape codes, no padding at line ends."""
    import io

    buffer = io.StringIO()
    console(file=buffer, width=width, color_system=None, force_terminal=False, soft_wrap=False).print(Inert(renderable))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def emit_text(text: str, output: str | None) -> None:
    """JSON or Markdown: to the file (atomically) or to stdout."""
    if output and output != "-":
        from .atomic import atomic_write  # tempfile and random: not worth importing for stdout

        atomic_write(output, text)
        note(f"Wrote {output}")
    else:
        write_stdout(text)


def write_stdout(text: str) -> None:
    """All of `text` on stdout, or an InputError naming stdout: closed (`>&-`), a full disk, `ulimit -f`, a closed pipe.

    Python's own stream may drop the rest of a short write without a word
    (PYTHONUNBUFFERED), so the bytes go to the descriptor until all are written.
    """
    from ..errors import InputError, Problem

    stream = sys.stdout
    try:
        if stream is None:
            raise OSError(9, "it is closed")
        try:
            descriptor = stream.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file (tests capture it): its own write
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        data = text.encode(stream.encoding or "utf-8", errors=stream.errors or "strict")
    except OSError as err:
        raise InputError(Problem("stdout", f"cannot write: {err.strerror or err}")) from None
    from .atomic import write_descriptor

    write_descriptor(descriptor, data, "stdout")


def show_markdown(text: str) -> bool:
    """Markdown drawn for a person at a terminal (headings, lists, tables, links); False, drawing nothing, otherwise."""
    screen = console()
    if not screen.is_terminal:
        return False
    screen.print(Inert(drawn_markdown(text)))
    return True


def drawn_markdown(text: str) -> Any:
    """Rich's Markdown, with tables laid out like every other table here: no word broken."""
    import re
    from typing import ClassVar

    from rich.markdown import Markdown, TableElement

    from ..render.table import fit

    class FittedTable(TableElement):
        """A Markdown table whose columns are at least as wide as their longest word, as every table here."""

        def __rich_console__(self, console, options):
            for table in super().__rich_console__(console, options):
                fit(table, console, options)
                yield table

    class Drawn(Markdown):
        elements: ClassVar = {**Markdown.elements, "table_open": FittedTable}

    # A Mermaid diagram's source is left out: the route list above it says the same (a file or a pipe keeps it).
    text = re.sub(r"^```mermaid\n.*?^```\n\n?", "", text, flags=re.MULTILINE | re.DOTALL)
    return Drawn(text, hyperlinks=True)


def emit_view(build: Callable[[], Any], output: str | None) -> None:
    """A Rich renderable for the terminal; its plain text to a file or a pipe."""
    if output and output != "-":
        emit_text(render_to_text(build()), output)
        return
    screen = console()
    if screen.is_terminal:
        screen.print(Inert(build()))
    else:
        emit_text(render_to_text(build(), screen.width), None)
