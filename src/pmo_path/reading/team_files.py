"""A team's files: every profile under the paths given, each bad file named, the rest still read.

A `.csv` or `.xlsx` survey export holds one person a row (`reading.csv_team`).
Folders are read one level deep (a team keeps older assessments in a
subfolder), hidden files are skipped as a shell glob would skip them (and
`~$survey.xlsx`, the lock file Excel keeps beside a workbook it has open), and a
dangling link, a link loop or an unreadable file becomes a failure naming
that entry, never the end of the run.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field

from ..domain.model import Framework, Profile, Rating, Review
from ..errors import InputError, Problem
from .profile import profile_from_document
from .yamldoc import load_file

PROFILE_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
SURVEY_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class LoadedTeam:
    profiles: list[tuple[str, Profile]]  # (file, profile), in the order the paths gave them
    failures: list[InputError]  # one per file that could not be used
    files: int  # profile files found, good or bad
    reviews: list[Review] = field(default_factory=list)  # reviews of members, matched to them by `about`
    notices: list[InputError] = field(default_factory=list)  # what survey reading did that is no failure (columns left out)


def _folder_entries(path: str) -> tuple[list[str], list[InputError]]:
    """The profile files directly inside a folder, sorted; bad entries as failures."""
    found: list[str] = []
    failures: list[InputError] = []
    try:
        with os.scandir(path) as entries:
            listed = sorted(entries, key=lambda entry: copy_order(entry.name))
    except OSError as err:  # permission denied, most often
        return [], [InputError(Problem(path, f"cannot read: {err.strerror or err}"))]
    for entry in listed:
        if entry.name.startswith((".", "~$")) or not entry.name.lower().endswith(PROFILE_SUFFIXES):  # ~$: Excel's lock file
            continue
        full = os.path.join(path, entry.name)
        try:
            if entry.is_dir():
                continue
            if entry.is_file():
                found.append(full)
                continue
        except OSError as err:  # a link loop: ELOOP
            failures.append(InputError(Problem(full, f"skipped: {err.strerror or err} (a link that points to itself?)")))
            continue
        if entry.is_symlink():
            what = "link loop" if _loops(full) else f"broken link to '{os.readlink(full)}'"
            failures.append(InputError(Problem(full, f"skipped: {what}")))
        else:
            failures.append(InputError(Problem(full, "skipped: not a regular file")))
    return found, failures


def copy_order(name: str) -> tuple[str, int, str]:
    """A browser's second download, `alice-martin (1).yaml`, sorts right after `alice-martin.yaml`: it is the later input."""
    import re

    match = re.fullmatch(r"(.*?) ?\((\d{1,4})\)(\.[^.]*)?", name)
    return (match.group(1) + (match.group(3) or ""), int(match.group(2)), name) if match else (name, 0, name)


def _loops(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as err:
        import errno

        return err.errno == errno.ELOOP
    return False


def file_identity(path: str) -> tuple[int, int] | str:
    """What makes two names one file: its device and inode (a hard link, a symlink, a folder named two ways)."""
    try:
        found = os.stat(path)
    except OSError:
        return os.path.normpath(path)  # a broken entry: named by its path, and reported where it is read
    return found.st_dev, found.st_ino


def profile_files(paths: list[str], duplicates: list[tuple[str, str]] | None = None) -> tuple[list[str], list[InputError]]:
    """Files named, plus the profile files directly inside folders named; each file once, however it is reached.

    A second name for a file already found (the same path twice, a folder as a relative and an absolute path
    or through a symlink, a hard link) is left out, and added to `duplicates` as (that name, the first name).
    """
    found: list[str] = []
    failures: list[InputError] = []
    seen: dict[tuple[int, int] | str, str] = {}
    for path in paths:
        if os.path.isdir(path):
            candidates, bad = _folder_entries(path)
            failures += bad
        elif os.path.lexists(path):
            candidates = [path]
        else:
            failures.append(InputError(Problem(path, "no such file or folder")))
            continue
        for candidate in candidates:
            key = file_identity(candidate)
            if key in seen:
                if duplicates is not None and os.path.normpath(candidate) != os.path.normpath(seen[key]):
                    duplicates.append((candidate, seen[key]))
                continue
            seen[key] = candidate
            found.append(candidate)
    return found, failures


PARALLEL_FROM = 2_000  # below this, starting worker processes costs more than it saves (see docs/performance.md)


def load_team(paths: list[str], framework: Framework, columns: dict[str, str] | None = None) -> LoadedTeam:
    """Every profile and review under `paths`; a file that fails becomes a failure, not the end.

    A large team is read by one worker process a core: parsing is CPU-bound
    Python, so threads would not help. `columns` is `--columns` for survey exports.
    """
    files, failures = profile_files(paths)
    workers = min(os.cpu_count() or 1, max(1, len(files) // (PARALLEL_FROM // 2)))
    if len(files) < PARALLEL_FROM or workers < 2:
        profiles, reviews, bad = _load_files(files, framework, columns)
    else:
        from multiprocessing import get_context

        chunks = [files[index::workers] for index in range(workers)]
        context = get_context("fork" if "fork" in _start_methods() else None)
        found, reviews, bad = {}, [], []
        # Leaving the `with` by any way (an error, Ctrl-C, SIGTERM or SIGHUP below) terminates the workers, and
        # each worker ends itself if this process dies without a word (SIGKILL): none is left blocked behind it.
        with _signals_end_the_run(), context.Pool(workers, _worker_start, (os.getpid(),)) as pool:
            tasks = [(chunk, framework, columns) for chunk in chunks]
            for flat, part_reviews, part_failures in pool.imap(_load_flat, tasks):
                found.update(_unflatten(flat, framework))  # one worker's results at a time, never all of them twice
                reviews += part_reviews
                bad += part_failures
                del flat
        profiles = [(file, found[file]) for file in _in_order(files, found)]
    from .survey import Notice

    rank = {file: index for index, file in enumerate(files)}  # workers return them by chunk: put them in file order
    notices = sorted((failure for failure in bad if isinstance(failure, Notice)), key=lambda n: rank.get(n.problems[0].file, 0))
    bad = [failure for failure in bad if not isinstance(failure, Notice)]
    return LoadedTeam(profiles, failures + bad, len(files), reviews, notices)


def _load_flat(task: tuple[list[str], Framework, dict[str, str] | None]):
    """`_load_files` in a worker, its profiles as plain tuples: they cross the process boundary ten times faster."""
    files, framework, columns = task
    profiles, reviews, failures = _load_files(files, framework, columns)
    flat = [
        (
            file,
            p.name,
            p.current_role,
            p.target_role,
            p.years_experience,
            p.assessed_on,
            tuple((c, r.level, r.evidence) for c, r in p.ratings.items()),
        )
        for file, p in profiles
    ]
    return flat, reviews, failures


def _worker_start(parent: int) -> None:
    """In each worker, first: die with the parent, and leave Ctrl-C to it (it ends the pool and says so once).

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG), even when the parent is
    killed with SIGKILL; elsewhere, or if that call fails, a thread checks every half second that the
    parent is still there.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers (`_signals_end_the_run`) are not the worker's:
        if hasattr(signal, name):  # Pool.terminate's SIGTERM must end it at once, with no Python code run
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if not _die_with_parent():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="pmo-path-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the kernel was asked to tell us
        os._exit(1)


def _die_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class _EndOfRun(SystemExit):
    """SIGTERM or SIGHUP while workers run: leave the pool (which terminates them), exit 128 + the signal."""


@contextlib.contextmanager
def _signals_end_the_run():
    """While the pool runs, SIGTERM and SIGHUP end the run through Python, so the pool's `with` ends the workers."""
    import signal

    def end(signum, _frame):
        raise _EndOfRun(128 + signum)

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    try:
        before = {signum: signal.signal(signum, end) for signum in wanted}
    except ValueError:  # not the main thread: signals cannot be handled here; the workers still watch for us
        before = {}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _unflatten(flat, framework: Framework):
    ids = {c: c for c in framework.competencies}  # this process's own strings, not one copy a person
    for file, name, current, target, years, assessed_on, ratings in flat:
        yield (
            file,
            Profile(
                {ids[c]: Rating(level, evidence) if evidence else Rating.of(level) for c, level, evidence in ratings},
                name,
                current and sys.intern(current),
                target and sys.intern(target),
                years,
                assessed_on,
                file.rsplit(":", 1)[0] if file.lower().split(":")[0].endswith(SURVEY_SUFFIXES) else file,
            ),
        )


def _in_order(files: list[str], found: dict) -> list[str]:
    """The loaded entries in the order of the files given (a CSV file's rows in row order)."""
    rank = {file: index for index, file in enumerate(files)}

    def key(entry: str) -> tuple[int, int]:
        base, _, row = entry.rpartition(":") if entry not in rank else (entry, "", "0")
        return rank.get(base, len(rank)), int(row) if row.isdigit() else 0

    return sorted(found, key=key)


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def _load_files(
    files: list[str], framework: Framework, columns: dict[str, str] | None = None
) -> tuple[list[tuple[str, Profile]], list[Review], list[InputError]]:
    from .csv_team import read_csv_team
    from .review import is_review, review_from_document  # review reads folders with this module's help

    profiles, reviews, failures = [], [], []
    for file in files:
        try:
            if file.lower().endswith(SURVEY_SUFFIXES):
                people, bad = read_csv_team(file, framework, columns)
                profiles += people
                failures += bad
                continue
            doc = load_file(file)
            if is_review(doc):
                reviews.append(review_from_document(doc, framework))
            else:
                profiles.append((file, profile_from_document(doc, framework)))
        except InputError as err:
            failures.append(err)
    return profiles, reviews, failures
