"""`python -m pmo_path` and the `pmo-path` console script.

The entry point lives here, not in `cli`, so that Ctrl-C while typer and rich
are still importing ends with exit 130 and one line, not a traceback, and so
that a terminal whose encoding cannot show a character (PYTHONIOENCODING=ascii)
gets a replacement character instead of a UnicodeEncodeError.

Output that cannot be written is an error too, never a traceback and never a
silent exit 0: a stdout closed at start (`>&-`) fails every write, and a
write that fails outside pmo-path's own writers (a full disk, `ulimit -f`, a
closed pipe under Rich or click, a removed working folder) becomes one line
and exit 1.
"""

import os
import sys


class ClosedStdout:
    """sys.stdout when pmo-path started without one: every write says so."""

    encoding = "utf-8"
    errors = "strict"
    pmo_path_closed = True

    def write(self, text: str) -> int:
        raise OSError(9, "it is closed")

    def fileno(self) -> int:
        raise OSError(9, "it is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def main() -> None:
    if sys.stdout is None:
        _hold_descriptor(1)
        sys.stdout = ClosedStdout()
    if sys.stderr is None:
        _hold_descriptor(2)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        from pmo_path.interface.quick import answered

        try:
            if answered(sys.argv[1:], os.environ):  # --version and Tab on a known value: without typer
                sys.stdout.flush()
                return
        except BrokenPipeError:  # the reader left (`| head -1`): nothing more to say, and no traceback
            sys.stdout = None  # its unwritten bytes are dropped, not flushed again at exit
            return
        try:
            from pmo_path.interface.cli import run

            run()
        finally:
            sys.stdout.flush()
    except KeyboardInterrupt:
        _say("Interrupted.")
        sys.exit(130)
    except OSError as err:
        _silence_stdout()
        _say(f"Error: {err.filename + ': ' if err.filename else ''}{err.strerror or err}")
        sys.exit(1)


def _hold_descriptor(fd: int) -> None:
    """Keep a closed standard descriptor's number taken (read-only), so no file pmo-path opens becomes 'stdout'."""
    import os

    try:
        held = os.open(os.devnull, os.O_RDONLY)
    except OSError:
        return
    if held != fd:
        os.dup2(held, fd)
        os.close(held)


def _silence_stdout() -> None:
    """What is still buffered for stdout is dropped, so the exit does not fail again with a traceback."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _say(line: str) -> None:
    if sys.stderr is None:
        return
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
