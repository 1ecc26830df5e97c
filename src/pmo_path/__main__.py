"""`python -m pmo_path` and the `pmo-path` console script.

The entry point lives here, not in `cli`, so that Ctrl-C while typer and rich
are still importing ends with exit 130 and one line, not a traceback, and so
that a terminal whose encoding cannot show a character (PYTHONIOENCODING=ascii)
gets a replacement character instead of a UnicodeEncodeError.
"""

import os
import sys


def main() -> None:
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
        from pmo_path.interface.cli import run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
