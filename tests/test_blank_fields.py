"""Every field of every file kind, blank, null, empty, a list, a mapping, a number (or text) or missing.

The cases come from the Specs themselves (`reading/spec.py`): a field added to
a Spec is covered here without a new line, and a new Spec fails
`test_every_spec_is_covered` until it has a place in LOCATIONS. Each bad value
must be one `Error:` line naming the file and the field, exit 1, no
traceback; a blank optional field reads as left out.
"""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil
import shutil
import textwrap
from functools import cache
from pathlib import Path

import pytest
import yaml

from pmo_path import reading
from pmo_path.errors import InputError
from pmo_path.reading import spec
from pmo_path.reading.framework import load_framework
from pmo_path.reading.framework_spec import (
    COMPETENCY,
    CREDENTIAL,
    RECOMMENDATION,
    RECOMMENDATIONS_SPEC,
    REQUIREMENT,
    ROLE,
    ROLES_SPEC,
    SOURCE,
    THRESHOLDS,
    YEARS,
)
from pmo_path.reading.profile import PROFILE, RATING
from pmo_path.reading.review import REVIEW
from pmo_path.reading.spec import Integer, Number, Spec

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
DATA = REPO / "data"
FIRST = object()  # the first entry of a section (that has the path's next key), whatever its id
BLANK = "@@blank@@"  # written as `key:` with nothing after it
MISSING = object()

# Where an entry of each Spec lives in a valid file of each kind.
LOCATIONS = [
    ("profile", PROFILE, ()),
    ("profile", RATING, ("ratings", "project-delivery")),
    ("review", REVIEW, ()),
    ("review", RATING, ("ratings", "project-delivery")),
    ("roles", ROLES_SPEC, ()),
    ("roles", THRESHOLDS, ("thresholds",)),
    ("roles", SOURCE, ("sources", FIRST)),
    ("roles", COMPETENCY, ("competencies", FIRST)),
    ("roles", ROLE, ("roles", FIRST)),
    ("roles", YEARS, ("roles", FIRST, "years")),
    ("roles", REQUIREMENT, ("roles", FIRST, "requirements", FIRST)),
    ("recommendations", RECOMMENDATIONS_SPEC, ()),
    ("recommendations", RECOMMENDATION, ("recommendations", FIRST)),
    ("recommendations", CREDENTIAL, ("recommendations", FIRST, "credential")),
    ("recommendations", SOURCE, ("sources", FIRST)),
]
FILE_NAMES = {"profile": "me.yaml", "review": "review.yaml", "roles": "roles.yaml", "recommendations": "recommendations.yaml"}


@cache
def _bundled(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@cache
def base(kind: str) -> dict:
    """A valid file of each kind, with every Spec of LOCATIONS present in it."""
    if kind == "profile":
        data = yaml.safe_load((EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8"))
        data["ratings"]["project-delivery"] = {"level": 3, "evidence": "Ran the ERP cut-over"}
    elif kind == "review":
        data = yaml.safe_load((EXAMPLES / "reviews" / "peer-1.yaml").read_text(encoding="utf-8"))
        data["ratings"]["project-delivery"] = {"level": 3, "evidence": "Ran the ERP cut-over"}
    elif kind == "roles":
        data = _bundled("roles.yaml")
    else:  # a smaller advice file, still building every competency: each case reads faster
        full = _bundled("recommendations.yaml")
        kept, built, keys = {}, set(), set()
        for ident, entry in full["recommendations"].items():
            if not set(entry["builds"]) <= built or not set(entry) <= keys:  # every optional field kept somewhere
                kept[ident] = entry
                built.update(entry["builds"])
                keys.update(entry)
        data = {
            "schema_version": 1,
            "sources": {"own-career-guide": {"title": "Our career framework", "author": "People team"}},
            "recommendations": kept,
        }
    return data


def resolve(data: dict, path: tuple) -> tuple[dict, tuple[str, ...]]:
    """The mapping at `path` (FIRST: its first entry) and the path's keys as text."""
    names = []
    for index, step in enumerate(path):
        key = pick(data, step, path[index + 1] if index + 1 < len(path) else None)
        names.append(str(key))
        data = data[key]
    return data, tuple(names)


def pick(mapping: dict, step: object, following: object) -> object:
    """The key `step` names: itself, or for FIRST the first entry holding the key that follows it."""
    if step is not FIRST:
        return step
    holding = [key for key, entry in mapping.items() if isinstance(following, str) and following in entry]
    return holding[0] if holding else next(iter(mapping))


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: dict) -> str:
    return _blanks(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False))


def _blanks(text: str) -> str:
    return text.replace(f"'{BLANK}'", "").replace(BLANK, "")


def _piece(key: object, value: object, depth: int) -> str:
    return textwrap.indent(yaml.dump({key: value}, Dumper=DUMPER, allow_unicode=True, sort_keys=False), "  " * depth)


@cache
def _unchanged(kind: str, *keys: object) -> str:
    """One top-level key, or one entry of a section, as the base file of `kind` has it (written once)."""
    value = base(kind)
    for key in keys:
        value = value[key]
    return _piece(keys[-1], value, len(keys) - 1)


def dump_case(kind: str, data: dict, changed: tuple) -> str:
    """`data` as YAML, writing afresh only the top-level key or section entry on the `changed` path."""
    parts = []
    for key, value in data.items():
        if key != changed[0]:
            parts.append(_unchanged(kind, key))
        elif len(changed) > 1 and isinstance(value, dict) and value:
            parts.append(f"{key}:\n")
            parts += [
                _piece(inner, entry, 1) if inner == changed[1] else _unchanged(kind, key, inner) for inner, entry in value.items()
            ]
        else:
            parts.append(_piece(key, value, 0))
    return _blanks("".join(parts))


def mutations(field: spec.Field) -> list[tuple[str, object]]:
    wrong_scalar = ("text", "many") if isinstance(field.value, (Integer, Number)) else ("number", 42)
    bad = [("list", ["x"]), ("mapping", {"x": 1}), wrong_scalar]
    if field.required:
        return [("blank", BLANK), ("null", None), ("empty-text", ""), ("missing", MISSING), *bad]
    return bad


CASES = [
    pytest.param(kind, where, field, name, value, id=f"{kind}:{where.name}.{field.key}:{name}")
    for kind, where, path in LOCATIONS
    for field in where.fields
    for name, value in mutations(field)
]
# the path is looked up again from LOCATIONS so ids stay readable
PATHS = {(kind, where.name): path for kind, where, path in LOCATIONS}


def write_case(tmp_path: Path, kind: str, where: Spec, key: str, value: object) -> tuple[Path, str]:
    """The file of `kind` with `key` of the entry at its location set to `value`; and the field as errors name it."""
    data = dict(base(kind))
    entry, keys = data, []
    steps = PATHS[(kind, where.name)]
    for index, step in enumerate(steps):  # a copy of each mapping on the way: the base stays as it is
        keys.append(pick(entry, step, steps[index + 1] if index + 1 < len(steps) else None))
        inner = dict(entry[keys[-1]])
        entry[keys[-1]] = inner
        entry = inner
    if value is MISSING:
        entry.pop(key, None)
    else:
        entry[key] = value
    path = tmp_path / FILE_NAMES[kind]
    path.write_text(dump_case(kind, data, (*keys, key)), encoding="utf-8")
    names = [str(step) for step in keys]
    if kind == "roles":  # beside it, the smaller advice file: quicker to read than the bundled one
        (tmp_path / FILE_NAMES["recommendations"]).write_text(_small_advice(), encoding="utf-8")
    return path, ".".join((*names, key))


@cache
def _small_advice() -> str:
    return dump(base("recommendations"))


def problems_of(kind: str, path: Path) -> list:
    """What the reader says about the file written (the framework files from a folder of their own)."""
    from pmo_path.reading.profile import load_profile
    from pmo_path.reading.review import load_review

    try:
        if kind in ("roles", "recommendations"):
            load_framework(path.parent)
        elif kind == "profile":
            load_profile(str(path), framework())
        else:
            load_review(str(path), framework())
    except InputError as err:
        assert "\n" not in str(err)
        return err.problems
    return []


@cache
def framework():
    return load_framework()


def test_every_spec_is_covered():
    """A new kind of entry gets a place in LOCATIONS, so its fields are fed bad values too."""
    modules = [importlib.import_module(f"pmo_path.reading.{found.name}") for found in pkgutil.iter_modules(reading.__path__)]
    declared = {id(obj): obj.name for module in modules for obj in vars(module).values() if isinstance(obj, Spec)}
    assert len(modules) > 5 and len(declared) > 10
    covered = {id(where) for _, where, _ in LOCATIONS}
    assert declared.keys() <= covered, [declared[i] for i in declared.keys() - covered]


@pytest.mark.parametrize(("kind", "where", "field", "name", "value"), CASES)
def test_bad_value_is_one_problem_naming_file_and_field(tmp_path, kind, where, field, name, value):
    path, field_path = write_case(tmp_path, kind, where, field.key, value)
    problems = problems_of(kind, path)
    assert problems, f"{field_path} = {value!r} was accepted"
    assert problems[0].file == str(path), problems[0]
    named = [p for p in problems if p.field == field_path or p.field.startswith((field_path + ".", field_path + "["))]
    assert named, (field_path, [str(p) for p in problems])


def _optional_blank_cases():
    for kind, where, _path in LOCATIONS:
        for field in where.fields:
            if not field.required:
                yield pytest.param(kind, where, field, id=f"{kind}:{where.name}.{field.key}")


@pytest.mark.parametrize(("kind", "where", "field"), list(_optional_blank_cases()))
def test_blank_optional_field_reads_as_left_out(tmp_path, kind, where, field):
    path, field_path = write_case(tmp_path, kind, where, field.key, BLANK)
    named = [str(p) for p in problems_of(kind, path) if p.field == field_path or p.field.startswith(field_path + ".")]
    assert named == []


def _command(kind: str, path: Path) -> list[str]:
    if kind == "profile":
        return ["assess", "-p", str(path), "-f", "json"]
    if kind == "review":
        return ["feedback", str(EXAMPLES / "jordan-lee.yaml"), str(path), "-f", "json"]
    return ["roles", "-f", "json", "--data-dir", str(path.parent)]


def _one_case_a_field():
    """Through the CLI, once a field: blank where it is required, a list where it is optional."""
    for kind, where, _path in LOCATIONS:
        for field in where.fields:
            value = BLANK if field.required else ["x"]
            yield pytest.param(kind, where, field, value, id=f"{kind}:{where.name}.{field.key}")


@pytest.mark.parametrize(("kind", "where", "field", "value"), list(_one_case_a_field()))
def test_command_says_one_line_naming_file_and_field(invoke, tmp_path, kind, where, field, value):
    path, field_path = write_case(tmp_path, kind, where, field.key, value)
    result = invoke(*_command(kind, path))
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Error: {path}:"), lines
    assert f": {field_path}" in lines[0], (field_path, lines[0])


# ---- one bad file in a folder is named and left out; the rest are used ---------------------------


def _bad_review(folder: Path, name: str, key: str, value: object) -> Path:
    data = copy.deepcopy(base("review"))
    data[key] = value
    path = folder / name
    path.write_text(dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("key", [f.key for f in REVIEW.fields if f.required])
def test_feedback_folder_leaves_out_a_review_with_a_blank_field(invoke, tmp_path, key):
    folder = tmp_path / "reviews"
    shutil.copytree(EXAMPLES / "reviews", folder)
    bad = _bad_review(folder, "peer-4.yaml", key, BLANK)
    result = invoke("feedback", str(EXAMPLES / "jordan-lee.yaml"), str(folder), "-f", "json")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}:"), lines
    assert f": {key}: must not be empty" in lines[0]
    assert json.loads(result.stdout)["raters"]["peer"] == 3  # the three good peers, not the blank one


def test_team_and_bench_leave_out_the_bad_files_and_use_the_rest(invoke, tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(EXAMPLES / "jordan-lee.yaml", folder / "jordan.yaml")
    shutil.copy(EXAMPLES / "sam-okafor.yaml", folder / "sam.yaml")
    profile_data = copy.deepcopy(base("profile"))
    profile_data["ratings"]["project-delivery"] = {"level": BLANK}
    (folder / "blank-level.yaml").write_text(dump(profile_data), encoding="utf-8")
    _bad_review(folder, "blank-about.yaml", "about", BLANK)
    for args in (["team", str(folder), "-t", "pmo-director"], ["bench", str(folder)]):
        result = invoke(*args, "-f", "json")
        assert result.exit_code == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 2, lines
        assert lines[0].startswith(f"Error: {folder / 'blank-about.yaml'}:1: about: must not be empty")
        assert lines[1].startswith(f"Error: {folder / 'blank-level.yaml'}:")
        assert "ratings.project-delivery.level: must not be empty" in lines[1]
        assert "Jordan Lee" in result.stdout and "Sam Okafor" in result.stdout


def test_validate_lists_every_blank_field_of_a_framework(invoke, tmp_path):
    data = copy.deepcopy(base("roles"))
    expected = []
    for where, path in ((ROLE, ("roles", FIRST)), (COMPETENCY, ("competencies", FIRST)), (SOURCE, ("sources", FIRST))):
        entry, names = resolve(data, path)
        for field in where.fields:
            if field.required:
                entry[field.key] = BLANK
                expected.append(".".join((*names, field.key)))
    roles = tmp_path / "roles.yaml"
    roles.write_text(dump(data), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    for field_path in expected:
        assert any(
            line.startswith(f"{roles}:") and f": {field_path}: must not be empty" in line for line in result.stdout.splitlines()
        ), field_path
    one = invoke("roles", "--data-dir", str(tmp_path))
    assert one.exit_code == 1 and len(one.stderr.splitlines()) == 1 and "Traceback" not in one.stderr


# ---- survey CSV cells: always text, so a blank cell is unrated and a bad one names FILE:ROW: field ------------------

CSV_CELLS = [
    ("current_role", "[ninja]", "current_role"),
    ("target_role", "{a: 1}", "target_role"),
    ("years_experience", "many", "years_experience"),
    ("assessed_on", "42", "assessed_on"),
    ("project-delivery", "[3]", "project-delivery"),
    ("project-delivery", "null", "project-delivery"),
]


@pytest.mark.parametrize(("column", "cell", "field_path"), CSV_CELLS)
def test_csv_bad_cell_names_file_row_and_field_and_the_rest_are_used(invoke, tmp_path, column, cell, field_path):
    header = ["name", "current_role", "target_role", "years_experience", "assessed_on", "project-delivery"]
    good = ["Ana", "pmo-analyst", "pmo-manager", "4", "2026-11-01", "3"]
    bad = ["Bo", *good[1:]]
    bad[header.index(column)] = cell
    blank = ["Cy", "", "", "", "", ""]  # blank cells: not given, unrated
    survey = tmp_path / "survey.csv"
    survey.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in (header, good, bad, blank)) + "\n", encoding="utf-8")
    result = invoke("team", str(survey), "-t", "pmo-manager", "-f", "json")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {survey}:3: {field_path}: "), lines
    assert '"people": 2' in result.stdout


# ---- a framework with one blank field: every command says the same one line; the values that are no Spec field ----

J, SAM = str(EXAMPLES / "jordan-lee.yaml"), str(EXAMPLES / "sam-okafor.yaml")
EVERY_COMMAND = [
    ["assess", "-p", J, "-f", "json"],
    ["plan", "-p", J],
    ["roles"],
    ["role", "pmo-director"],
    ["path", "project-manager", "pmo-director"],
    ["match", "-p", J],
    ["team", str(EXAMPLES), "-t", "pmo-director"],
    ["bench", str(EXAMPLES)],
    ["progress", J, SAM],
    ["feedback", J, str(EXAMPLES / "reviews")],
    ["init"],
    ["schema", "profile"],
    ["form"],
]


def test_every_command_gives_the_same_one_line_for_a_blank_framework_field(invoke, tmp_path):
    path, field_path = write_case(tmp_path, "roles", ROLE, "title", BLANK)
    for args in EVERY_COMMAND:
        result = invoke(*args, "--data-dir", str(tmp_path))
        assert result.exit_code == 1, (args, result.exit_code, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout == "", args
        assert result.stderr.splitlines() == [f"Error: {path}:{_line_of(path, 'title:')}: {field_path}: must not be empty"], args


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip() == start)


# Values of roles.yaml that are not fields of an entry: names of groups, tracks and levels, descriptors, requirements.
NAMED_VALUES = [
    (("groups", FIRST), "groups"),
    (("tracks", FIRST), "tracks"),
    (("scale", 3), "scale"),
    (("competencies", FIRST, "levels", 3), "competencies.{}.levels"),
    (("roles", FIRST, "requirements", FIRST), "roles.{}.requirements.{}"),
]


@pytest.mark.parametrize(("path", "field"), NAMED_VALUES, ids=[field for _, field in NAMED_VALUES])
@pytest.mark.parametrize(("name", "value"), [("blank", BLANK), ("list", ["x"]), ("mapping", {"x": 1}), ("number", 42)])
def test_named_values_of_the_framework_refuse_blank_and_wrong_types(tmp_path, path, field, name, value):
    data = copy.deepcopy(base("roles"))
    parent, names = resolve(data, path[:-1])
    key = next(iter(parent)) if path[-1] is FIRST else path[-1]
    if name == "mapping" and path[-1] is FIRST and path[0] == "roles":
        value = {"level": 3}  # a requirement is a mapping: this one lacks its weight
    parent[key] = value
    roles = tmp_path / "roles.yaml"
    roles.write_text(dump(data), encoding="utf-8")
    problems = problems_of("roles", roles)
    expected = ".".join((*names, str(key)))
    assert any(p.field.startswith(expected) for p in problems), (expected, [str(p) for p in problems])
