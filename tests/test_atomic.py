"""Nothing lost: a failed or interrupted write leaves the old file whole and no temporary file behind."""

from __future__ import annotations

import ast
import errno
import os
from pathlib import Path

import pytest

from pmo_path.errors import InputError
from pmo_path.interface import atomic
from pmo_path.interface.atomic import atomic_write

SOURCE = Path(atomic.__file__).resolve().parent.parent  # the whole package
OLD = "name: the old profile, which must survive\n"


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.fixture
def existing(tmp_path) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(OLD)
    path.chmod(0o640)
    return path


def test_writes_the_text_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "plan.md"
    atomic_write(target, "# Plan\nüñí\n")
    assert target.read_text(encoding="utf-8") == "# Plan\nüñí\n"
    assert os.listdir(tmp_path) == ["plan.md"]


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.md", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644  # mkstemp alone would give 0600


def test_replacing_keeps_the_old_permissions(existing):
    atomic_write(existing, "name: new\n")
    assert existing.read_text() == "name: new\n"
    assert existing.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_a_failure_mid_write_keeps_the_old_file_and_cleans_up(existing, monkeypatch, step):
    monkeypatch.setattr(atomic.os, step, no_space)
    with pytest.raises(InputError) as caught:
        atomic_write(existing, "name: half-written\n" * 1000)
    assert str(caught.value) == f"{existing}: cannot write: No space left on device"
    assert existing.read_text() == OLD
    assert os.listdir(existing.parent) == [existing.name]


def test_a_short_write_then_a_failure_keeps_the_old_file(existing, monkeypatch):
    real_write = os.write
    calls = []

    def part_then_full(fd, data):
        """Like a disk filling up (or `ulimit -f`): the first write is short, the next one fails."""
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[:5]))
        no_space()

    monkeypatch.setattr(atomic.os, "write", part_then_full)
    with pytest.raises(InputError, match="No space left"):
        atomic_write(existing, "name: new\n" * 100)
    assert existing.read_text() == OLD
    assert os.listdir(existing.parent) == [existing.name]


def test_short_writes_are_continued_until_everything_is_written(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    text = "ratings:\n" + "  a: 1\n" * 500
    atomic_write(tmp_path / "slow.yaml", text)
    assert (tmp_path / "slow.yaml").read_text() == text


def test_an_interrupt_mid_write_is_passed_on_and_keeps_the_old_file(existing, monkeypatch):
    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(existing, "name: new\n")
    assert existing.read_text() == OLD
    assert os.listdir(existing.parent) == [existing.name]


def test_text_that_cannot_be_encoded_is_an_input_error(existing):
    with pytest.raises(InputError, match="not valid Unicode"):
        atomic_write(existing, "name: \udcff\n")
    assert existing.read_text() == OLD
    assert os.listdir(existing.parent) == [existing.name]


def test_unwritable_targets_are_input_errors(tmp_path):
    with pytest.raises(InputError, match=r"folder .* does not exist"):
        atomic_write(tmp_path / "missing" / "plan.md", "x")
    with pytest.raises(InputError, match="is a folder"):
        atomic_write(tmp_path, "x")


def test_cli_failure_mid_write_is_one_line_and_keeps_the_old_output(invoke, existing, monkeypatch):
    monkeypatch.setattr(atomic.os, "fsync", no_space)
    result = invoke("init", str(existing), "--force")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {existing}: cannot write: No space left on device\n"
    assert existing.read_text() == OLD
    assert os.listdir(existing.parent) == [existing.name]


def test_cli_interrupt_mid_write_exits_130_and_keeps_the_old_output(invoke, tmp_path, monkeypatch):
    output = tmp_path / "result.json"
    output.write_text("{}\n")
    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    example = Path(__file__).resolve().parent.parent / "examples" / "jordan-lee.yaml"
    result = invoke("assess", "-p", str(example), "-f", "json", "-o", str(output))
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert output.read_text() == "{}\n"
    assert sorted(os.listdir(tmp_path)) == ["result.json"]


WRITING_METHODS = {"write_text", "write_bytes", "mkstemp", "NamedTemporaryFile", "copy", "copyfile", "copy2", "fdopen"}


def _writes_directly(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name in WRITING_METHODS:
        return True
    if name == "open":
        if node.args and ast.unparse(node.args[0]) == "os.devnull":  # holding a standard descriptor's place
            return False
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "os":
            return True
        mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
        return not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) <= set("rbt"))
    return False


def test_every_file_the_tool_writes_goes_through_atomic_write():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "atomic.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _writes_directly(node):
                offenders.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert offenders == []


def test_the_write_check_would_catch_a_direct_write():
    call = ast.parse("open(path, 'w')").body[0].value
    reading = ast.parse("open(path, 'rb')").body[0].value
    low_level = ast.parse("os.open(path, os.O_WRONLY)").body[0].value
    null = ast.parse("os.open(os.devnull, os.O_WRONLY)").body[0].value
    assert _writes_directly(call) and _writes_directly(low_level)
    assert not _writes_directly(reading) and not _writes_directly(null)
