"""Where a command may write: checked before any work, so nothing a person owns is replaced by surprise.

Every command that writes (`-o`, `--chart`, `--save`, `init FILE`) names its
outputs and what it reads; `check_outputs` refuses, before the first question
or computation:

- an output that is one of the command's inputs, by identity: through
  symlinks and hard links, and streams included (`-o /dev/stdin` with
  `-p -`, or stdout appending to the profile being read);
- a path ending in `/`, a folder, or a file in a folder that does not exist
  or cannot be written;
- a symlink another user planted in a shared sticky folder such as /tmp;
- two outputs that are the same file.

Then one rule, `check_writable`, for every output of every command: an
existing file is replaced without `--force` unless it holds answers (a YAML
file, or any file with a profile's, review's or framework's top-level keys)
or is read-only. An earlier plan, chart, JSON or CSV is simply replaced.

Devices, FIFOs and `/dev/stdout` are allowed: `atomic.atomic_write` writes
through them instead of replacing them.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import InputError, Problem, UsageProblem

STDIO = "-"
TEAM_FILES = (".yaml", ".yml", ".csv")
STDOUT_OPTIONS = ("--output", "FILE")  # the options whose absence means "to stdout"
_ANSWER_FILES = (".yaml", ".yml")
_ANSWER_KEYS = re.compile(rb"^(?:ratings|about|relation|rater|roles|competencies|recommendations|tracks)[ \t]*:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Read:
    """One input of a command: a file, or a folder of which files with `suffixes` (or `names`) are read."""

    path: str
    suffixes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def covers(self, output: str) -> bool:
        if self.path == STDIO:  # standard input, whatever it is: a pipe, a file, a terminal
            return _is_stdin(output)
        if _same_file(self.path, output):
            return True
        if not os.path.isdir(self.path):
            return False
        folder, name = os.path.split(os.path.realpath(output))
        if not _same_file(folder, self.path):
            return False
        return name in self.names or (name.lower().endswith(self.suffixes) and not name.startswith("."))


def reads(*paths: str | None) -> list[Read]:
    """Input files (or folders of team files) as given on the command line; '-' is stdin, None is skipped."""
    return [Read(p, TEAM_FILES) for p in dict.fromkeys(p for p in paths if p)]


def _is_stdin(output: str) -> bool:
    try:
        mine, theirs = os.fstat(0), os.stat(output)
    except (OSError, ValueError):
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


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
        check_not_an_input(option, path, inputs)
        for other, earlier in seen.items():
            if _same_file(earlier, path):
                raise UsageProblem(f"{option}: '{path}' is also the {other} file; give each output its own file")
        seen[option] = path
        check_writable(path, option, force)
    if any(option in STDOUT_OPTIONS and outputs[option] in (None, STDIO) for option in outputs) and _stdout_is_a_file():
        check_not_an_input("stdout", "/dev/stdout", inputs)


def check_not_an_input(option: str, path: str, inputs: list[Read]) -> None:
    for read in inputs:
        if read.covers(path):
            if read.path == STDIO:
                what = "the standard input this command reads (-p -)"
            elif _same_file(read.path, path):
                what = "an input of this command"
            else:
                what = f"read from the input folder '{read.path}'"
            if option == "stdout":
                shown = "" if read.path == STDIO else f" (in '{read.path}')" if os.path.isdir(read.path) else f" ('{read.path}')"
                raise UsageProblem(f"stdout is a file this command reads{shown}; redirect it elsewhere or pass -o FILE")
            raise UsageProblem(f"{option}: '{path}' is {what}; write the result elsewhere")


def _stdout_is_a_file() -> bool:
    """Whether stdout was redirected to a regular file (which a command could be reading: `>> me.yaml`)."""
    if sys.stdout is None or not hasattr(os, "fstat"):
        return False
    try:
        return stat.S_ISREG(os.fstat(1).st_mode)
    except OSError:
        return False


def check_writable(path: str, option: str, force: bool = False) -> None:
    """The one rule every output follows, judged before any question is asked.

    A folder, a missing folder, an unwritable folder or a planted symlink is
    refused; an existing file holding answers (see `holds_answers`) or marked
    read-only is replaced only with --force. Streams are written through.
    """
    from .atomic import FILE, resolve

    if os.path.isdir(path):
        raise InputError(Problem(path, "is a folder; give a file name to write"))
    target = resolve(path)
    if target.kind != FILE:
        return  # a device, FIFO or our own stdout: written through, never replaced
    folder = os.path.dirname(target.path) or "."
    shown = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise InputError(Problem(path, f"cannot write: folder '{shown}' does not exist", option))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(Problem(path, f"cannot write: folder '{shown}' is not writable", option))
    if target.mode is None or force:
        return
    if not target.mode & 0o222:
        raise InputError(Problem(path, "is read-only; pass --force to replace it", option))
    if holds_answers(target.path):
        raise InputError(Problem(path, "already exists and may hold answers (YAML data); pass --force to replace it"))


def holds_answers(path: str) -> bool:
    """Whether the existing file at `path` may be a person's work: a profile, review, draft or framework.

    Any non-empty `.yaml`/`.yml` file (even one too broken to read), and any
    file with a top-level `ratings:`, `about:`, `roles:` or other key of
    those files. pmo-path writes YAML only as such files, so an earlier
    output of its own is never caught by this.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    if not head.strip():
        return False
    return path.lower().endswith(_ANSWER_FILES) or bool(_ANSWER_KEYS.search(head))


def relative_link(target: str, from_file: str | None) -> str:
    """`target` as a Markdown file at `from_file` links to it: relative to its folder (or here), URL-quoted, `/`."""
    from urllib.parse import quote

    base = os.path.dirname(os.path.abspath(from_file)) if from_file and from_file != STDIO else os.getcwd()
    try:
        relative = os.path.relpath(os.path.abspath(target), base)
    except ValueError:  # another drive on Windows: no relative path exists
        relative = os.path.abspath(target)
    return quote(relative.replace(os.sep, "/"))
