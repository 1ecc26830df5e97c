"""Shell completion: `--install-completion` / `--show-completion`, and role ids completed from the framework."""

from __future__ import annotations

import os
import subprocess
import sys


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words`, as the installed script asks for it."""
    parts = words.split(" ")
    done = subprocess.run(
        [sys.executable, "-m", "pmo_path"],
        capture_output=True,
        text=True,
        timeout=20,
        env={
            **os.environ,
            **(env or {}),
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            "_PMO_PATH_COMPLETE": "complete_bash",
        },
    )
    return done.stdout.split()


def test_role_arguments_and_target_complete_to_role_ids():
    assert complete("pmo-path role pmo-") == ["pmo-analyst", "pmo-manager", "pmo-director"]
    assert complete("pmo-path path senior-project-manager port") == ["portfolio-manager", "portfolio-office-manager"]
    assert complete("pmo-path assess -t enter") == ["enterprise-pmo-director"]


def test_completion_follows_an_own_framework(tmp_path):
    from pmo_path.reading.framework import bundled_data_dir

    for name in ("roles.yaml", "recommendations.yaml"):
        text = (bundled_data_dir() / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("enterprise-pmo-director", "head-of-enterprise-pmo"), encoding="utf-8")
    assert complete("pmo-path role hea", {"PMO_PATH_DATA": str(tmp_path)}) == ["head-of-enterprise-pmo"]


def test_completion_scripts_for_bash_zsh_and_fish():
    for shell, marker in (("bash", "complete -o default"), ("zsh", "compdef"), ("fish", "complete --command pmo-path")):
        done = subprocess.run(
            [sys.executable, "-m", "pmo_path", "--show-completion", shell],
            capture_output=True,
            text=True,
            timeout=20,
            env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        )
        assert done.returncode == 0 and marker in done.stdout, (shell, done.stdout[:200], done.stderr)
