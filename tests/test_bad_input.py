"""Untrusted files: every bad input is one `Error:` line naming file and field, exit 1, fast, no traceback."""

from __future__ import annotations

import builtins
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_path.errors import InputError
from pmo_path.reading import yamldoc
from pmo_path.reading.profile import parse_profile

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "jordan-lee.yaml"
FOLDER, MISSING = object(), object()


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The billion-laughs shape: each level repeats the one before `width` times."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


# (content, fragments the one error line must contain); None as a fragment list means "just the file".
BAD_PROFILES = [
    pytest.param("name: [unclosed\nratings: {}\n", [":2: YAML syntax error at column"], id="syntax-error"),
    pytest.param("ratings:\n\tproject-delivery: 3\n", [":2: YAML syntax error at column 1"], id="tab-indent"),
    pytest.param("ratings:\n  a: 1\n b: 2\n", [":3: YAML syntax error"], id="bad-indent"),
    pytest.param("", ["file is empty"], id="empty"),
    pytest.param("# only a comment\n", ["file is empty"], id="only-comments"),
    pytest.param("- project-delivery\n- 3\n", ["top level must be a mapping", "a list"], id="top-level-list"),
    pytest.param("just some text\n", ["top level must be a mapping", "text"], id="top-level-text"),
    pytest.param(
        "ratngs:\n  project-delivery: 3\n", [":1: ratngs: unknown key 'ratngs'", "did you mean 'ratings'"], id="unknown-key"
    ),
    pytest.param(
        "ratings:\n  project-delivery: {levl: 3}\n",
        [":2: ratings.project-delivery.levl: unknown key", "did you mean 'level'"],
        id="unknown-nested-key",
    ),
    pytest.param(
        "ratings:\n  project-delivery: three\n",
        [":2: ratings.project-delivery: 'three' is not a level", "or its name"],
        id="rating-text",
    ),
    pytest.param("ratings:\n  project-delivery: 3.5\n", ["ratings.project-delivery: must be a whole number"], id="rating-float"),
    pytest.param("ratings:\n  project-delivery: true\n", ["ratings.project-delivery:", "a boolean"], id="rating-bool"),
    pytest.param("ratings:\n  project-delivery: yes\n", ["ratings.project-delivery:", "'yes'"], id="rating-yes"),
    pytest.param("ratings:\n  project-delivery: [3]\n", ["ratings.project-delivery:", "a list"], id="rating-list"),
    pytest.param("ratings:\n  project-delivery: .nan\n", ["ratings.project-delivery: must be a whole number"], id="rating-nan"),
    pytest.param(
        "ratings:\n  project-delivery: {level: high}\n",
        ["ratings.project-delivery.level:", "'high' is not a level"],
        id="rating-level-text",
    ),
    pytest.param(
        "ratings:\n  project-delivery: 6\n", ["ratings.project-delivery: must be from 0 to 5, found 6"], id="rating-too-high"
    ),
    pytest.param(
        "ratings:\n  project-delivery: -1\n", ["ratings.project-delivery: must be from 0 to 5, found -1"], id="rating-negative"
    ),
    pytest.param("ratings:\n  project-delivery: " + "9" * 5000 + "\n", [":2:", "digits is too long"], id="rating-5000-digits"),
    pytest.param(
        "ratings:\n  project-delivery: 3.0\n", ["ratings.project-delivery:", "a decimal number (3.0)"], id="rating-decimal"
    ),
    pytest.param(
        "ratings:\n  project-delivery: {evidence: Ran it}\n",
        [":2: ratings.project-delivery.level: missing required key 'level'"],
        id="rating-without-level",
    ),
    pytest.param(
        "ratings:\n  project-delivery: {level: 3, evidence: 42}\n",
        [":2: ratings.project-delivery.evidence: must be text"],
        id="evidence-number",
    ),
    pytest.param("ratings:\n  5: 3\n", [":2: ratings.5: unknown competency '5'"], id="competency-number"),
    pytest.param("~: 3\n", [":1: null: unknown key 'null'"], id="null-key"),
    pytest.param("ratings: [project-delivery]\n", [":1: ratings: must be a mapping"], id="ratings-list"),
    pytest.param("years_experience: -2\n", [":1: years_experience:", "found -2"], id="years-negative"),
    pytest.param("years_experience: ten\n", [":1: years_experience:", "'ten'"], id="years-text"),
    pytest.param("years_experience: .inf\n", [":1: years_experience:", "inf"], id="years-infinite"),
    pytest.param("assessed_on: 2026-13-40\n", [":1: assessed_on: must be a date"], id="date-impossible"),
    pytest.param("name: [Jordan]\n", [":1: name: must be text"], id="name-list"),
    pytest.param(
        "current_role: pmo-manger\n", [":1: current_role: unknown role", "did you mean 'pmo-manager'"], id="unknown-role"
    ),
    pytest.param("target_role: 7\n", [":1: target_role: must be a role id"], id="role-number"),
    pytest.param(
        "ratings:\n  strategic-thinkin: 2\n",
        [":2: ratings.strategic-thinkin: unknown competency", "did you mean 'strategic-thinking'"],
        id="unknown-competency",
    ),
    pytest.param(
        "ratings:\n  project-delivery: 2\n  project-delivery: 3\n",
        [":3: duplicate key 'project-delivery' (first on line 2)"],
        id="duplicate-key",
    ),
    pytest.param(
        "name: !!python/object/apply:os.system ['touch pwned']\n", [":1: name: tag", "is not allowed"], id="python-apply-tag"
    ),
    pytest.param(
        "!!python/object:collections.OrderedDict {}\n", [":1: (top level): tag", "is not allowed"], id="python-object-tag"
    ),
    pytest.param("name: !!python/name:os.system\n", [":1: name: tag", "is not allowed"], id="python-name-tag"),
    pytest.param("name: !custom value\n", [":1: name: tag !custom is not allowed"], id="custom-tag"),
    pytest.param(
        "ratings:\n  project-delivery: !!int x\n",
        [":2: ratings.project-delivery: 'x' is not a valid int"],
        id="explicit-tag-error",
    ),
    pytest.param(alias_bomb(), [": l", ": more than", "too many aliases"], id="alias-bomb"),
    pytest.param("name: *nowhere\n", [":1: name: unknown alias *nowhere"], id="unknown-alias"),
    # PyYAML may stop this itself, in its own words: what is ours is one line naming file and line.
    pytest.param("ratings: " + "[" * 100_000 + "]" * 100_000 + "\n", [":1: "], id="deep-flow"),
    pytest.param(
        "".join("  " * depth + f"k{depth}:\n" for depth in range(300)), [": k0.k1.k2…: nesting deeper than"], id="deep-block"
    ),
    pytest.param("name: a\n---\nname: b\n", [":2: more than one YAML document"], id="two-documents"),
    pytest.param("? [a, b]\n: 1\n", [":1: a key must be a plain value"], id="list-as-key"),
    pytest.param('"bad\\nkey": 1\n', ["unknown key 'bad\\nkey'"], id="newline-in-key"),
    pytest.param("? " + "k" * 5000 + "\n: 1\n", ["unknown key 'kkk", "…'"], id="very-long-key"),
    pytest.param(
        "name: bell\x07\n", [":1: YAML syntax error at column 11: character #x0007 is not allowed"], id="control-character"
    ),
    pytest.param(b"name: x\n\x00\x01\x02\xff", ["binary file"], id="binary"),
    pytest.param("name: Jérôme\n".encode("latin-1"), ["not UTF-8 text (byte 0xe9 at offset 7)"], id="latin-1"),
    pytest.param("name: x\n".encode("utf-16"), ["binary file"], id="utf-16"),
    pytest.param(b"name: x\n#" + b"x" * (1024 * 1024) + b"\n", ["file is 1,048,586 bytes; the limit is 1 MiB"], id="over-1-MiB"),
    pytest.param(
        b"#" * (1024 * 1024) + b"\n", ["file is 1,048,577 bytes; the limit is 1 MiB (1,048,576 bytes)"], id="one-byte-over-1-MiB"
    ),
    pytest.param(FOLDER, ["is a folder, not a file"], id="folder"),
    pytest.param(MISSING, ["no such file"], id="missing"),
]


def place(tmp_path: Path, content) -> str:
    path = tmp_path / "profile.yaml"
    if content is FOLDER:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not MISSING:
        path.write_text(content, encoding="utf-8")
    return str(path)


def assert_one_error_line(result, *fragments: str) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("Error: ")
    assert len(line) < 400
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


@pytest.mark.parametrize(("content", "fragments"), BAD_PROFILES)
def test_bad_profile_is_one_line_naming_file_and_field(invoke, tmp_path, monkeypatch, content, fragments):
    monkeypatch.chdir(tmp_path)  # a tag that ran `touch pwned` would leave the file here
    path = place(tmp_path, content)
    result = invoke("assess", "-p", path, "-f", "json")
    assert_one_error_line(result, f"Error: {path}", *fragments)
    assert not (tmp_path / "pwned").exists()


def test_bad_profile_on_stdin_is_named_stdin(invoke):
    result = invoke("assess", "-p", "-", "-f", "json", input="ratngs: {}\n")
    assert_one_error_line(result, "Error: <stdin>:1: ratngs: unknown key 'ratngs' (did you mean 'ratings'?)")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_profile_is_one_line(invoke, tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text("name: x\n")
    path.chmod(0)
    try:
        assert_one_error_line(invoke("assess", "-p", str(path), "-f", "json"), str(path), "permission denied")
    finally:
        path.chmod(0o600)


def test_permission_error_when_opening_is_one_line(invoke, tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text("name: x\n")

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(yamldoc, "open", refuse, raising=False)
    assert_one_error_line(invoke("assess", "-p", str(path), "-f", "json"), f"Error: {path}: permission denied")


def test_several_problems_show_the_first_and_point_to_validate(invoke, write_profile):
    path = write_profile("ratngs: {}\nyears_experience: -1\ncurrent_role: nobody\n")
    line = assert_one_error_line(invoke("assess", "-p", path, "-f", "json"), f"{path}:1: ratngs:")
    assert f"(and 2 more problems; `pmo-path validate {path}` lists them all)" in line


# ---- framework files (--data-dir) and team files -------------------------------------------------

BAD_FRAMEWORK_FILES = [
    pytest.param("roles: [unclosed\ntracks: {}\n", [":2: YAML syntax error at column"], id="syntax-error"),
    pytest.param("", ["file is empty"], id="empty"),
    pytest.param("- a\n", ["top level must be a mapping"], id="top-level-list"),
    pytest.param(
        "roles: !!python/object/apply:os.system ['touch pwned']\n", [":1: roles: tag", "is not allowed"], id="python-tag"
    ),
    pytest.param(alias_bomb(), ["too many aliases"], id="alias-bomb"),
    pytest.param(b"\x00\x01binary", ["binary file"], id="binary"),
    pytest.param(b"# " + b"x" * (1024 * 1024 + 10), ["the limit is 1 MiB"], id="over-1-MiB"),
    pytest.param(FOLDER, ["is a folder, not a file"], id="folder"),
]


@pytest.mark.parametrize(("content", "fragments"), BAD_FRAMEWORK_FILES)
def test_bad_framework_file_is_one_line_naming_it(invoke, tmp_path, monkeypatch, content, fragments):
    monkeypatch.chdir(tmp_path)
    roles = tmp_path / "roles.yaml"
    if content is FOLDER:
        roles.mkdir()
    elif isinstance(content, bytes):
        roles.write_bytes(content)
    else:
        roles.write_text(content, encoding="utf-8")
    result = invoke("roles", "-f", "json", "--data-dir", str(tmp_path))
    assert_one_error_line(result, f"Error: {roles}", *fragments)
    assert not (tmp_path / "pwned").exists()


def test_bad_data_dir_is_one_line(invoke, tmp_path):
    missing = tmp_path / "nowhere"
    assert_one_error_line(invoke("roles", "--data-dir", str(missing)), str(missing), "does not exist")
    assert_one_error_line(invoke("roles", "--data-dir", str(tmp_path)), str(tmp_path), "neither roles.yaml")


def test_bad_framework_from_environment_is_one_line(invoke, tmp_path):
    (tmp_path / "recommendations.yaml").write_text("recommendations: {a: 1}\n")
    result = invoke("roles", "-f", "json", env={"PMO_PATH_DATA": str(tmp_path)})
    assert_one_error_line(result, f"{tmp_path / 'recommendations.yaml'}:1: recommendations.a: must be a mapping")


def test_bad_team_file_is_named_and_the_rest_analysed(invoke, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    shutil.copy(EXAMPLE, team / "jordan.yaml")
    (team / "broken.yaml").write_text("ratings:\n  project-delivery: 9\n")
    result = invoke("team", str(team), "-t", "pmo-director", "-f", "json")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"Error: {team / 'broken.yaml'}:2: ratings.project-delivery: must be from 0 to 5, found 9"
    ]
    assert '"people": 1' in result.stdout


# ---- fuzzing: the loaders return a result or raise InputError, nothing else ----------------------

YAML_CHARACTERS = list("ab-_:,[]{}&*!|>'\"#%@`?~\n \t019.<=\\é\x07") + ["---", "...", "!!", "&a", "*a", "{}", "[]"]
IDS = [
    "name",
    "ratings",
    "level",
    "evidence",
    "current_role",
    "target_role",
    "years_experience",
    "assessed_on",
    "project-delivery",
    "strategic-thinking",
    "pmo-manager",
    "ratngs",
]
scalars = (
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats() | st.text(max_size=10) | st.sampled_from(IDS) | st.dates()
)
keys = st.sampled_from(IDS) | st.none() | st.booleans() | st.integers(-3, 7) | st.text(max_size=6)
structures = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=25
)
profiles = st.dictionaries(st.sampled_from(IDS), structures, max_size=7)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def accept_result_or_input_error(load) -> None:
    try:
        load()
    except InputError as err:
        assert err.problems
        assert "\n" not in str(err)


@FUZZ
@given(st.lists(st.sampled_from(YAML_CHARACTERS), max_size=40).map("".join))
def test_fuzz_yaml_text(text):
    accept_result_or_input_error(lambda: yamldoc.parse(text, "fuzz.yaml"))


@FUZZ
@given(profiles | structures)
def test_fuzz_profile_structures(framework, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    accept_result_or_input_error(lambda: parse_profile(text, framework, "fuzz.yaml"))
