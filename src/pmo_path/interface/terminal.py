"""All output goes through here.

Rich is imported only when something is drawn, so `--version`, JSON and
error paths stay as fast as typer itself. Colour follows Rich's rules: none
when the output is not a terminal, none when NO_COLOR is set.

Text from files is data: Rich markup is off for every console made here, and
every drawn segment passes through `Inert`, so a name like `[/]` or an ANSI
escape in a profile is shown, never obeyed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

FILE_WIDTH = 100  # tables written with --output read well in an editor


def error(message: str) -> None:
    """One line on stderr, never a traceback."""
    note(f"Error: {message}")


def note(message: str) -> None:
    """One line on stderr; names and values quoted in it cannot move the cursor or retitle the window.

    At a terminal the line is wrapped at its width (`wrapped`), so the terminal
    never breaks a word or a command; anywhere else (a pipe, a file) it stays
    one line, for grep. A closed or broken stderr (`2>&-`, a terminal that went
    away) loses the line, never the run: there is nowhere else to say it.
    """
    from ..render.safe import one_line

    if sys.stderr is None:
        return
    try:
        text = one_line(message)
        width = _stderr_width()
        sys.stderr.write("".join(f"{line}\n" for line in (wrapped(text, width) if width else [text])))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _stderr_width() -> int | None:
    """The width of the terminal stderr shows on (COLUMNS wins, as for Rich); None when stderr is no terminal."""
    import os

    try:
        if not sys.stderr.isatty():
            return None
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() and int(columns) > 0 else os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None


# A command printed for a person to copy (the words of shlex.join, up to a ` or a bracket).
_COMMAND = re.compile(
    r"pmo-path (?:assess|plan|roles|role|path|match|team|progress|bench|feedback|validate|init|schema|form|framework)"
    r"\b(?: (?:'[^']*'|[^\s`()'])+)*"
)
_GLUE = "\ue000"  # stands for a space inside a command while the words around it are wrapped


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken at spaces only, continuations indented 2.

    A command in it is never split by the wrapping: it moves whole to the next line when it does not fit
    after the words, and one longer than a whole line stands on lines of its own, broken between its words
    with ` \\` continuations, as the assessment's commands are (`render.table.ShellCommand`): a shell joins them.
    """
    import textwrap

    width = max(width, 20)
    if len(text) <= width:
        return [text]
    glued = text if _GLUE in text else _COMMAND.sub(lambda found: found.group().replace(" ", _GLUE), text)
    lines = textwrap.wrap(
        glued, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False, drop_whitespace=True
    )
    out: list[str] = []
    for line in lines:
        if len(line) > width and _GLUE in line:
            out += _command_lines(line, width)
        else:
            out.append(line.replace(_GLUE, " "))
    return out


def _command_lines(line: str, width: int) -> list[str]:
    """One command too long for a line: between its words, `\\` at each line's end, each next line indented 2."""
    indent = line[: len(line) - len(line.lstrip(" "))]
    room = width - 2  # the ` \\` at the end
    lines: list[str] = []
    for glued in re.findall(rf"(?:'[^']*'|[^{_GLUE}'])+", line.strip(" ")):  # a quoted word keeps its spaces
        word = glued.replace(_GLUE, " ")
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append((indent if not lines else "  ") + word)
    return [row + (" \\" if number < len(lines) - 1 else "") for number, row in enumerate(lines)]


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
