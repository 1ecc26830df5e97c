"""Shared fixtures: the bundled framework, a CliRunner, profile files."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmo_path.interface.cli import app
from pmo_path.reading.framework import load_framework

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))  # tests import the helper scripts, e.g. seed_fingerprints
EXAMPLES = REPO / "examples"


@cache
def bundled_framework():
    """The bundled framework, loaded once (hypothesis strategies cannot use fixtures)."""
    return load_framework()


@pytest.fixture(scope="session")
def framework():
    return bundled_framework()


@pytest.fixture
def invoke(monkeypatch):
    """Run the CLI in-process; stdout and stderr stay apart on the result."""
    monkeypatch.delenv("PMO_PATH_DATA", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env)

    return run


@pytest.fixture
def write_profile(tmp_path):
    """Write YAML text to a profile file and return its path as a string."""
    counter = iter(range(10_000))

    def write(text: str, name: str | None = None) -> str:
        path = tmp_path / (name or f"profile-{next(counter)}.yaml")
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture(autouse=True)
def fresh_suggestion_budget(monkeypatch):
    """did-you-mean compares at most so many ids in one run (one process); each test is a run of its own."""
    import pmo_path.errors

    monkeypatch.setattr(pmo_path.errors, "_compared", 0)
