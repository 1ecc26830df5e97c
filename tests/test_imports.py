"""Startup stays lean: the heavy modules load only in the commands that use them.

Checked in a fresh interpreter (as typer's own test suite does), since this
test process has long imported everything. The speed itself is measured by
`benchmarks/run.py`, not by a timed test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import EXAMPLES

HEAVY = ("yaml", "rich", "rich.console", "rich.table")


def loaded_after(code: str) -> dict[str, bool]:
    """Run `code` in a fresh interpreter; which HEAVY modules did it load?"""
    probe = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import json, sys
        sys.__stdout__.write(json.dumps({{name: name in sys.modules for name in {HEAVY!r}}}))
        """
    )
    finished = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.splitlines()[-1])


def run_cli(*args: str) -> str:
    """Code that runs the CLI in-process, stdout swallowed, without exiting the interpreter."""
    return f"""
        import contextlib, io, sys
        from pmo_path.interface.cli import app
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                app({list(args)!r}, prog_name="pmo-path")
            except SystemExit as done:
                assert done.code in (0, None), done.code
    """


def test_importing_the_cli_loads_neither_yaml_nor_rich():
    loaded = loaded_after("import pmo_path.interface.cli")
    assert not loaded["yaml"] and not loaded["rich.table"] and not loaded["rich"]


def test_version_loads_neither_yaml_nor_rich():
    loaded = loaded_after(run_cli("--version"))
    assert not loaded["yaml"] and not loaded["rich.table"]


def test_json_output_never_loads_rich():
    for args in (
        ["assess", "-p", str(EXAMPLES / "jordan-lee.yaml"), "-f", "json"],
        ["team", str(EXAMPLES), "-t", "pmo-director", "-f", "json"],
    ):
        loaded = loaded_after(run_cli(*args))
        assert loaded["yaml"], "the probe really ran the command"
        assert not loaded["rich"], args


def test_the_table_view_does_load_rich_table():
    """The probe can see rich.table when a command does import it."""
    loaded = loaded_after(run_cli("team", str(EXAMPLES), "-t", "pmo-director"))
    assert loaded["rich.table"]


def test_version_and_a_tab_on_a_role_id_never_import_typer(tmp_path):
    """`interface.quick` answers both before typer (more than half the --version budget) is imported."""
    import os

    probe = textwrap.dedent(
        """
        import contextlib, io, sys
        from pmo_path.__main__ import main
        sys.argv = ["pmo-path", *sys.argv[1:]]
        with contextlib.redirect_stdout(io.StringIO()) as out:
            try:
                main()
            except SystemExit:
                pass
        sys.__stdout__.write(repr((out.getvalue(), [m for m in ("typer", "yaml", "rich") if m in sys.modules])))
        """
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    version = subprocess.run([sys.executable, "-c", probe, "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert version.stdout.startswith("('pmo-path ") and version.stdout.endswith("[])")
    tab = {**env, "_PMO_PATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmo-path role pmo-d", "COMP_CWORD": "2"}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=tab, timeout=60)
    assert "pmo-director" in first.stdout and "'typer'" in first.stdout  # the first Tab reads the framework
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=tab, timeout=60)
    assert again.stdout == "('pmo-director\\n', [])"


def test_version_into_a_closed_pipe_is_quiet():
    """`pmo-path --version | head -0`: the quick path meets a reader that left without a traceback."""
    import os

    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte
    try:
        done = subprocess.run([sys.executable, "-m", "pmo_path", "--version"], stdout=write, stderr=subprocess.PIPE, timeout=30)
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == b""
