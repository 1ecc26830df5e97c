"""Where a command may write: checked before any work, so nothing a person owns is replaced by surprise.

Every command that writes (`-o`, `--chart`, `--save`, `init FILE`) names its
outputs and what it reads; `check_outputs` refuses, before the first question
or computation:

- an output that is one of the command's inputs, through symlinks and hard
  links too (a profile, a review, a framework file, a file a team folder
  holds);
- a path ending in `/`, a folder, or a file in a folder that does not exist
  or cannot be written;
- a read-only file, unless the person passed `--force`;
- two outputs that are the same file.

Devices, FIFOs and `/dev/stdout` are allowed: `atomic.atomic_write` writes
through them instead of replacing them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import InputError, Problem, UsageProblem

STDIO = "-"
TEAM_FILES = (".yaml", ".yml", ".csv")


@dataclass(frozen=True, slots=True)
class Read:
    """One input of a command: a file, or a folder of which files with `suffixes` (or `names`) are read."""

    path: str
    suffixes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def covers(self, output: str) -> bool:
        if _same_file(self.path, output):
            return True
        if not os.path.isdir(self.path):
            return False
        folder, name = os.path.split(os.path.realpath(output))
        if not _same_file(folder, self.path):
            return False
        return name in self.names or (name.lower().endswith(self.suffixes) and not name.startswith("."))


def reads(*paths: str | None) -> list[Read]:
    """Input files (or folders of team files) as given on the command line; '-' and None are skipped."""
    return [Read(p, TEAM_FILES) for p in paths if p and p != STDIO]


def _same_file(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def check_outputs(outputs: dict[str, str | None], inputs: Iterable[Read], force: bool = False) -> None:
    """Raise UsageProblem or InputError if any output (option name -> path) may not be written."""
    inputs = list(inputs)
    given = {option: path for option, path in outputs.items() if path and path != STDIO}
    seen: dict[str, str] = {}
    for option, path in given.items():
        for read in inputs:
            if read.covers(path):
                what = "an input of this command" if _same_file(read.path, path) else f"read from the input folder '{read.path}'"
                raise UsageProblem(f"{option}: '{path}' is {what}; write the result elsewhere")
        for other, earlier in seen.items():
            if _same_file(earlier, path):
                raise UsageProblem(f"{option}: '{path}' is also the {other} file; give each output its own file")
        seen[option] = path
        check_writable(path, option, force)


def check_writable(path: str, option: str, force: bool = False) -> None:
    """Whether `path` can be written as a file, judged before any question is asked."""
    if os.path.isdir(path):
        raise InputError(Problem(path, "is a folder; give a file name to write"))
    if path.endswith(("/", os.sep)):
        raise InputError(Problem(path, "ends with '/', so it names a folder; give a file name to write"))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise InputError(Problem(path, f"cannot write: {err.strerror or err}", option)) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return  # a device or FIFO: written through, never replaced
    folder = os.path.dirname(os.path.realpath(path)) or "."
    if not os.path.isdir(folder):
        raise InputError(Problem(path, f"cannot write: folder '{os.path.dirname(path) or '.'}' does not exist", option))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(Problem(path, f"cannot write: folder '{os.path.dirname(path) or '.'}' is not writable", option))
    if info is not None and not info.st_mode & 0o222 and not force:
        raise InputError(Problem(path, "is read-only; pass --force to replace it", option))


def relative_link(target: str, from_file: str | None) -> str:
    """`target` as a Markdown file at `from_file` links to it: relative to its folder (or here), URL-quoted, `/`."""
    from urllib.parse import quote

    base = os.path.dirname(os.path.abspath(from_file)) if from_file and from_file != STDIO else os.getcwd()
    try:
        relative = os.path.relpath(os.path.abspath(target), base)
    except ValueError:  # another drive on Windows: no relative path exists
        relative = os.path.abspath(target)
    return quote(relative.replace(os.sep, "/"))
