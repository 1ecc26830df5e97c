"""A large `team` reads files in worker processes: killing it, however, leaves none of them behind (issue 17)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="workers start from 2 cores (Linux ps/proc)"
)


def pmo_path() -> list[str]:
    script = Path(sys.executable).with_name("pmo-path")
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "pmo_path"]


@pytest.fixture(scope="module")
def big_team(tmp_path_factory) -> Path:
    """5,000 profiles: enough for workers (from 2,000 files), and a second or two of work for them."""
    folder = tmp_path_factory.mktemp("big-team")
    body = "".join(f"  {c}: {{level: 3, evidence: 'did it {n}'}}\n" for n, c in enumerate(("project-delivery", "pmo-governance")))
    for number in range(5_000):
        (folder / f"p{number:05d}.yaml").write_text(f"name: P {number}\ntarget_role: pmo-manager\nratings:\n{body}")
    return folder


def children(pid: int) -> list[int]:
    listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in listed.split()]


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped (in a container nobody may reap an orphan)."""
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL, signal.SIGHUP, signal.SIGINT])
def test_killing_team_leaves_no_worker_behind(big_team, signum):
    parent = subprocess.Popen(
        [*pmo_path(), "team", str(big_team), "-t", "pmo-manager", "-f", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a signal for the parent only, not its process group
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while not workers and parent.poll() is None and time.monotonic() < deadline:
            workers = children(parent.pid)
            time.sleep(0.02)
        assert workers, "no worker process started"
        time.sleep(0.2)  # the workers are at work
        workers = sorted(set(workers) | set(children(parent.pid)))
        parent.send_signal(signum)
        code = parent.wait(10)
        deadline = time.monotonic() + 5
        while any(map(running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if running(pid)], f"left running after {signal.Signals(signum).name}"
        errors = parent.stderr.read().decode()
        assert "Traceback" not in errors, errors
        assert code == {signal.SIGKILL: -9, signal.SIGINT: 130}.get(signum, 128 + signum), (code, errors)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        parent.stderr.close()


def test_a_worker_whose_parent_vanishes_ends_itself_without_prctl(tmp_path):
    """The fallback for systems without PR_SET_PDEATHSIG: the worker's watch thread sees its parent go."""
    script = textwrap.dedent(
        """
        import os, sys, time
        from pmo_path.reading import team_files

        team_files._die_with_parent = lambda: False  # as on macOS
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            team_files._worker_start(parent)
            time.sleep(60)  # a worker blocked on its queue
            os._exit(0)
        print(child, flush=True)
        os._exit(0)  # the parent vanishes without a word
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    worker = int(run.stdout)
    deadline = time.monotonic() + 5
    while running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(worker)
