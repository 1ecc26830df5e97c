"""Shell completion: `--install-completion` / `--show-completion`, and role ids completed from the framework."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from pmo_path.interface import quick

SLOW = "from pmo_path.interface.cli import run; run()"  # typer's own completion, never the quick path


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test starts with an empty roles cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def complete(words: str, env: dict[str, str] | None = None, via: list[str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words`, as the installed script asks for it."""
    parts = words.split(" ")
    done = subprocess.run(
        [sys.executable, *(via or ["-m", "pmo_path"])],
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


def shell_reply(shell: str, words: str, via: list[str], env: dict[str, str] | None = None, action: str = "") -> tuple:
    """The exit code and output of a completion request for `shell`, as its completion script makes it."""
    request = {"_PMO_PATH_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        request.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1))
    else:
        request.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_FISH_ACTION=action)
    done = subprocess.run(
        [sys.executable, *via], capture_output=True, text=True, timeout=20, env={**os.environ, **(env or {}), **request}
    )
    return done.returncode, done.stdout


VALUE_CASES = [
    "pmo-path role pmo-",
    "pmo-path role pmo-manager --vs port",
    "pmo-path role -f json pmo-d",
    "pmo-path path senior-project-manager ",
    "pmo-path path -p me.yaml project-manager pmo-m",
    "pmo-path assess --current sen",
    "pmo-path team t/ --members ",
    "pmo-path assess --about Sam --relation p",
    "pmo-path feedback me.yaml r/ -t nothing-like-this",
]


SHELLS = (("bash", ""), ("zsh", ""), ("fish", "get-args"), ("fish", "is-args"))


@pytest.mark.parametrize(("words", "shell"), [(words, SHELLS[n % len(SHELLS)]) for n, words in enumerate(VALUE_CASES)])
def test_the_quick_path_answers_exactly_as_typer_does(words, shell):
    """Role ids (with titles for zsh and fish), relations and --members values: the same from both paths."""
    slow = shell_reply(shell[0], words, ["-c", SLOW], action=shell[1])  # also fills the cache
    fast = shell_reply(shell[0], words, ["-m", "pmo_path"], action=shell[1])
    assert fast == slow


def test_values_not_file_names(tmp_path):
    (tmp_path / "pmo-notes.txt").write_text("a file the shell would offer\n", encoding="utf-8")
    env = {"PWD": str(tmp_path)}
    assert complete("pmo-path role pmo-manager --vs pmo-", env) == ["pmo-analyst", "pmo-manager", "pmo-director"]
    assert complete("pmo-path assess --current project-", env) == ["project-coordinator", "project-manager"]
    assert complete("pmo-path assess --about Sam --relation ", env) == ["manager", "peer", "report", "other"]
    assert complete("pmo-path team t/ --members ", env) == ["top", "all"]
    zsh = shell_reply("zsh", "pmo-path role pmo-dir", ["-m", "pmo_path"])[1]
    assert '"pmo-director":"PMO Director"' in zsh  # the title, for the person choosing


def test_the_cache_follows_an_edited_roles_file(tmp_path, own_cache):
    from pmo_path.reading.framework import bundled_data_dir

    edits = iter(range(100))

    def write(old: str, new: str) -> None:
        """The files as they were an hour ago (a file changed in the last 2 s is not cached), each edit a second on."""
        when = time.time() - 3600 + next(edits)
        for name in ("roles.yaml", "recommendations.yaml"):
            text = (bundled_data_dir() / name).read_text(encoding="utf-8")
            (tmp_path / name).write_text(text.replace(old, new), encoding="utf-8")
            os.utime(tmp_path / name, (when, when))

    write("", "")
    env = {"PMO_PATH_DATA": str(tmp_path)}
    assert complete("pmo-path role enterprise-", env) == ["enterprise-pmo-director"]
    assert quick.cached_roles(str(tmp_path)) is not None  # kept for the next Tab
    write("enterprise-pmo-director", "enterprise-pmo-head")
    assert complete("pmo-path role enterprise-", env) == ["enterprise-pmo-head"]
    assert complete("pmo-path role enterprise-", env) == ["enterprise-pmo-head"]  # from the cache now
    assert complete("pmo-path role enterprise- --data-dir " + str(tmp_path)).__len__() == 0  # nothing after it
    assert complete(f"pmo-path role --data-dir {tmp_path} enterprise-") == ["enterprise-pmo-head"]
    assert complete(f"pmo-path role --data-dir={tmp_path} enterprise-") == ["enterprise-pmo-head"]


def test_a_data_folder_the_reader_refuses_completes_nothing_from_both_paths(tmp_path):
    """No roles from the bundled cache for a folder that is missing, empty, or holds a broken file."""
    complete("pmo-path role pmo-")  # the bundled roles are cached
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "recommendations.yaml").write_text("recommendations: [\n", encoding="utf-8")
    for folder in ("missing", "empty", "broken"):
        for _ in range(2):  # the second time would come from the cache, were one kept
            assert complete("pmo-path role pmo-", {"PMO_PATH_DATA": str(tmp_path / folder)}) == [], folder


def test_a_cache_that_cannot_be_written_or_read_changes_nothing(tmp_path, own_cache):
    own_cache.write_text("not a folder", encoding="utf-8")  # the cache folder cannot be made
    assert complete("pmo-path role pmo-") == ["pmo-analyst", "pmo-manager", "pmo-director"]
    own_cache.unlink()
    complete("pmo-path role pmo-")
    (cached,) = (own_cache / "pmo-path").glob("roles-*.json")  # beside the framework kept by the full path
    cached.write_text('{"key": [1], "roles": 7}', encoding="utf-8")  # a stale or broken entry is a miss
    assert complete("pmo-path role pmo-") == ["pmo-analyst", "pmo-manager", "pmo-director"]


def test_the_quick_path_knows_what_the_app_completes():
    """quick's tables are the app's: which options and arguments complete role ids, and the fixed lists."""
    import inspect
    import typing

    from pmo_path.domain.model import RaterRelation
    from pmo_path.interface import app as app_module
    from pmo_path.interface.cli import app

    assert tuple(RaterRelation) == quick.RELATIONS
    assert app_module.complete_members("") == list(quick.MEMBERS)
    role_options: dict[str, set[str]] = {}
    role_arguments: dict[str, int] = {}
    lists = set()
    for info in app.registered_commands:
        name = info.name or info.callback.__name__
        for parameter in inspect.signature(info.callback).parameters.values():
            (setting,) = [m for m in typing.get_args(parameter.annotation)[1:] if hasattr(m, "autocompletion")]
            declared = [d for d in (getattr(setting, "default", None), *(setting.param_decls or ())) if isinstance(d, str)]
            if setting.autocompletion is app_module.complete_role:
                if type(setting).__name__ == "ArgumentInfo":
                    role_arguments[name] = role_arguments.get(name, 0) + 1
                else:
                    role_options.setdefault(name, set()).update(d for d in declared if str(d).startswith("-"))
            elif setting.autocompletion in (app_module.complete_relation, app_module.complete_members):
                lists.add((name, next(d for d in declared if str(d).startswith("--"))))
    assert role_arguments == quick.ROLE_ARGUMENTS
    assert role_options == {name: set(options) for name, options in quick.ROLE_OPTIONS.items()}
    assert lists == set(quick.LISTS)


def test_a_title_is_help_text_never_markup(tmp_path):
    """A title with Rich markup or a control character reads as written, the same from both paths."""
    from pmo_path.reading.framework import bundled_data_dir

    for name in ("roles.yaml", "recommendations.yaml"):
        text = (bundled_data_dir() / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(
            text.replace("title: PMO Director", 'title: "[bold]PMO[/] Director\\u0007"'), encoding="utf-8"
        )
    env = {"PMO_PATH_DATA": str(tmp_path)}
    slow = shell_reply("fish", "pmo-path role pmo-dir", ["-c", SLOW], env, "get-args")
    fast = shell_reply("fish", "pmo-path role pmo-dir", ["-m", "pmo_path"], env, "get-args")
    assert slow == fast == (0, "pmo-director\t[bold]PMO[/] Director\n")


@pytest.mark.parametrize("files", [("roles.yaml", "recommendations.yaml"), ("roles.yaml",), ("recommendations.yaml",)])
def test_the_fast_path_picks_the_framework_files_the_reader_picks(tmp_path, files):
    """quick.framework_files cannot import the reader (its cost is what the fast path saves): it must agree with it."""
    from pmo_path.interface import quick
    from pmo_path.reading.framework import bundled_data_dir, data_files

    for name in files:
        shutil.copy(bundled_data_dir() / name, tmp_path / name)
    expected = tuple(str(path) if path is not None else None for path in data_files(str(tmp_path)))
    assert quick.framework_files(str(tmp_path)) == expected
    assert quick.framework_files(None) == tuple(str(path) for path in data_files(None))


def test_a_roles_file_changed_just_now_is_not_cached(tmp_path, own_cache):
    """Changed within the clock's resolution, it could change again and keep its key: the next Tab reads it afresh."""
    from pmo_path.reading.framework import bundled_data_dir

    shutil.copy(bundled_data_dir() / "roles.yaml", tmp_path / "roles.yaml")
    assert complete("pmo-path role enterprise-", {"PMO_PATH_DATA": str(tmp_path)}) == ["enterprise-pmo-director"]
    assert quick.cached_roles(str(tmp_path)) is None
