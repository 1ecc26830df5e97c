"""One declaration per file kind: the checks, the JSON Schema and the docs agree because they are one thing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema.validators import validator_for

from pmo_path.errors import InputError
from pmo_path.reading.framework_spec import RECOMMENDATION, ROLE
from pmo_path.reading.profile import PROFILE, parse_profile
from pmo_path.reading.review import REVIEW
from pmo_path.reading.schemas import PROFILE_SCHEMA_FILE, json_schema

REPO = Path(__file__).resolve().parent.parent


def as_json(data):
    """A loaded YAML file as JSON has it, and so as a JSON Schema validator (or an editor) sees it:
    keys are text (`1:` becomes "1") and dates are ISO text."""
    return json.loads(json.dumps(data, default=str))


class Yaml12(yaml.SafeLoader):
    """YAML as editors read it (the 1.2 core schema): `2026-11-20` is text, not a date."""


Yaml12.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str):
    return yaml.load(text, Loader=Yaml12)


def validates(schema: dict, instance) -> bool:
    """The verdict of the `jsonschema` package, formats (dates) checked."""
    validator = validator_for(schema)
    return validator(schema, format_checker=validator.FORMAT_CHECKER).is_valid(as_json(instance))


def test_schema_command_prints_each_kind(invoke):
    for kind in ("profile", "roles", "recommendations"):
        result = invoke("schema", kind)
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["title"] == f"pmo-path {kind} file" and data["type"] == "object"
    assert json.loads(invoke("schema").stdout)["title"] == "pmo-path profile file"
    assert invoke("schema", "profil").exit_code == 2


def test_the_schema_lists_the_same_keys_the_reader_accepts(framework):
    schema = json_schema("profile", framework)
    assert list(schema["properties"]) == list(PROFILE.keys())
    titles = sorted(role.title for role in framework.roles.values())
    assert schema["properties"]["current_role"]["anyOf"][0]["enum"] == [*sorted(framework.roles), *titles]
    assert json_schema("recommendations", framework)["properties"]["recommendations"]["additionalProperties"]["required"] == list(
        RECOMMENDATION.required()
    )
    assert json_schema("roles", framework)["properties"]["roles"]["additionalProperties"]["required"] == list(ROLE.required())


def test_example_profiles_and_the_template_meet_the_schema(framework, invoke):
    import yaml

    schema = json_schema("profile", framework)
    for example in (REPO / "examples").glob("*.yaml"):
        data = yaml.safe_load(example.read_text(encoding="utf-8"))
        if "about" not in data:  # reviews have a schema of their own
            data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
            assert validates(schema, data), example
    template = yaml.safe_load(invoke("init").stdout)
    template["assessed_on"] = str(template["assessed_on"])
    assert validates(schema, template)


LEVEL = st.one_of(st.integers(-2, 7), st.booleans(), st.text(max_size=3), st.none())


@settings(max_examples=150, deadline=None)
@given(
    ratings=st.dictionaries(st.sampled_from(["project-delivery", "strategic-thinking", "strategic-thinkin"]), LEVEL, max_size=3),
    extra=st.sampled_from([{}, {"ratngs": {}}, {"name": 5}, {"current_role": "pmo-manger"}, {"years_experience": 90}]),
)
def test_schema_and_reader_agree_on_what_a_profile_may_hold(framework, ratings, extra):
    """Whatever the reader accepts, the schema accepts, and the other way round."""
    data = {"name": "Sam", "ratings": ratings, **extra}
    text = json.dumps(data)  # JSON is YAML
    try:
        parse_profile(text, framework, "p.yaml")
        accepted = True
    except InputError:
        accepted = False
    assert validates(json_schema("profile", framework), data) == accepted


def test_init_points_editors_at_the_schema_it_writes_beside_the_profile(invoke, tmp_path):
    target = tmp_path / "me.yaml"
    assert invoke("init", str(target)).exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert f"# yaml-language-server: $schema={PROFILE_SCHEMA_FILE}" in lines[:3]
    schema = json.loads((tmp_path / PROFILE_SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema["title"] == "pmo-path profile file"


def test_init_never_replaces_a_schema_file_it_did_not_write(invoke, tmp_path):
    theirs = tmp_path / PROFILE_SCHEMA_FILE
    theirs.write_text('{"title": "our own"}\n', encoding="utf-8")
    assert invoke("init", str(tmp_path / "me.yaml")).exit_code == 0
    assert theirs.read_text(encoding="utf-8") == '{"title": "our own"}\n'


@pytest.mark.parametrize("spec", [PROFILE, REVIEW, ROLE, RECOMMENDATION])
def test_the_docs_list_every_field(spec):
    docs = (REPO / "docs" / "own-framework.md").read_text(encoding="utf-8") + (REPO / "README.md").read_text(encoding="utf-8")
    assert "\n".join(spec.doc_rows()) in docs, f"run: python scripts/field_docs.py (the {spec.name} table is stale)"


def test_the_command_offers_every_kind_the_reader_knows():
    from pmo_path.interface.commands.framework import SchemaKind
    from pmo_path.reading.schemas import SCHEMA_KINDS

    assert tuple(kind.value for kind in SchemaKind) == SCHEMA_KINDS


# ---- the schemas against real files: the bundled and example ones, and broken ones, in step with `validate` -------

KIND_OF_FILE = {"roles.yaml": "roles", "recommendations.yaml": "recommendations"}


def kind_of(path: Path) -> str:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return KIND_OF_FILE.get(path.name) or ("review" if "about" in data else "profile")


SHIPPED = sorted([*(REPO / "data").glob("*.yaml"), *(REPO / "examples").glob("**/*.yaml")])


def test_the_shipped_files_are_all_checked():
    assert {kind_of(path) for path in SHIPPED} == {"roles", "recommendations", "profile", "review"}


@pytest.mark.parametrize("path", SHIPPED, ids=[str(path.relative_to(REPO)) for path in SHIPPED])
def test_every_bundled_and_example_file_meets_its_schema(framework, path):
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json_schema(kind_of(path), framework)
    validator = validator_for(schema)(schema, format_checker=validator_for(schema).FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(as_json(data))] == []


def _edit(source: Path, old: str, new: str, count: int = 1) -> str:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, count)


ROLES, RECOMMENDATIONS = REPO / "data" / "roles.yaml", REPO / "data" / "recommendations.yaml"
JORDAN, PEER = REPO / "examples" / "jordan-lee.yaml", REPO / "examples" / "reviews" / "peer-1.yaml"
LEVEL_5 = "      5: Has set the delivery approach"
BROKEN = [  # (file, its text): every one is refused by the schema and by `pmo-path validate`
    ("roles", "level-6", _edit(ROLES, LEVEL_5, LEVEL_5.replace("5:", "6:"))),
    ("roles", "level-missing", _edit(ROLES, LEVEL_5, "      # 5 left out:")),
    ("roles", "level-blank", _edit(ROLES, LEVEL_5, "      5:\n      #")),
    ("roles", "level-as-text-key", _edit(ROLES, LEVEL_5, '      "five":')),
    ("roles", "scale-level-7", _edit(ROLES, "  5: expert", "  7: expert")),
    ("roles", "title-blank", _edit(ROLES, "    title: Project Coordinator", "    title:")),
    ("roles", "title-spaces", _edit(ROLES, "    title: Project Coordinator", "    title: '   '")),
    ("roles", "title-list", _edit(ROLES, "    title: Project Coordinator", "    title: [Project Coordinator]")),
    ("roles", "seniority-text", _edit(ROLES, "    seniority: 1\n", "    seniority: first\n")),
    ("roles", "weight-4", _edit(ROLES, "project-delivery: {level: 2, weight: 3}", "project-delivery: {level: 2, weight: 4}")),
    ("roles", "unknown-key", _edit(ROLES, "    title: Project Coordinator", "    titel: Project Coordinator")),
    ("roles", "ready-101", _edit(ROLES, "  ready: 90", "  ready: 101")),
    (
        "roles",
        "no-sources",
        _edit(ROLES, "    sources: [liquidplanner-pmo-rotation, husser-seven-recommendations]", "    sources: []"),
    ),
    ("recommendations", "unknown-competency", _edit(RECOMMENDATIONS, "builds: [project-delivery,", "builds: [project-delivry,")),
    ("recommendations", "unknown-source", _edit(RECOMMENDATIONS, "sources: [husser-seven-recommendations]", "sources: [husser]")),
    ("recommendations", "kind-course", _edit(RECOMMENDATIONS, "    kind: experience", "    kind: course")),
    ("recommendations", "horizon-1-year", _edit(RECOMMENDATIONS, "horizon: 1-2-years", "horizon: 1-year")),
    ("recommendations", "levels-6", _edit(RECOMMENDATIONS, "levels: [0, 1, 2]", "levels: [0, 6]")),
    ("recommendations", "levels-empty", _edit(RECOMMENDATIONS, "levels: [0, 1, 2]", "levels: []")),
    ("recommendations", "action-blank", _edit(RECOMMENDATIONS, "    action: List the project sizes", "    action:\n    #")),
    ("profile", "rating-6", _edit(JORDAN, "program-management: 3", "program-management: 6")),
    ("profile", "rating-text", _edit(JORDAN, "program-management: 3", "program-management: three")),
    ("profile", "unknown-competency", _edit(JORDAN, "program-management: 3", "program-managment: 3")),
    ("profile", "unknown-role", _edit(JORDAN, "target_role: pmo-director", "target_role: pmo-directr")),
    ("profile", "impossible-date", _edit(JORDAN, "assessed_on: 2026-11-20", "assessed_on: 2026-13-40")),
    ("profile", "name-spaces", _edit(JORDAN, "name: Jordan Lee", "name: '  '")),
    ("review", "relation-boss", _edit(PEER, "relation: peer", "relation: boss")),
    ("review", "about-blank", _edit(PEER, "about: Jordan Lee", "about:")),
    ("review", "about-missing", _edit(PEER, "about: Jordan Lee\n", "")),
    ("review", "rating-9", _edit(PEER, "project-delivery: 4", "project-delivery: 9")),
]
GOOD = [  # unusual but sound: accepted by both
    ("roles", "schema-version-blank", _edit(ROLES, "schema_version: 1", "schema_version:")),
    ("roles", "level-keys-quoted", _edit(ROLES, LEVEL_5, LEVEL_5.replace("5:", '"5":'))),
    (
        "roles",
        "no-scale",
        _edit(ROLES, "scale:\n", "unused_scale:\n").replace(
            "unused_scale:\n"
            + "".join(
                f"  {n}: {w}\n" for n, w in enumerate(["none", "aware", "developing", "practitioner", "advanced", "expert"])
            ),
            "",
        ),
    ),
    (
        "recommendations",
        "in-now-by-track",
        _edit(RECOMMENDATIONS, "    kind: experience", "    in_now: [delivery]\n    kind: experience"),
    ),
    ("profile", "role-titles", _edit(JORDAN, "target_role: pmo-director", "target_role: PMO Director")),
    ("profile", "blank-optional", _edit(JORDAN, "name: Jordan Lee", "name:")),
    ("profile", "evidence", _edit(JORDAN, "program-management: 3", "program-management: {level: 3}")),
    ("review", "no-rater", _edit(PEER, "rater: Peer 1\n", "")),
]


def _validate_verdict(invoke, tmp_path: Path, kind: str, text: str) -> bool:
    """`pmo-path validate` on the file (a framework file from a folder of its own): True when it passes."""
    if kind in ("roles", "recommendations"):
        (tmp_path / f"{kind}.yaml").write_text(text, encoding="utf-8")
        result = invoke("validate", "--data-dir", str(tmp_path))
    else:
        path = tmp_path / f"{kind}.yaml"
        path.write_text(text, encoding="utf-8")
        result = invoke("validate", str(path))
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, result.stderr
    return result.exit_code == 0


@pytest.mark.parametrize(
    ("kind", "text", "sound"),
    [pytest.param(kind, text, False, id=f"broken-{kind}-{name}") for kind, name, text in BROKEN]
    + [pytest.param(kind, text, True, id=f"good-{kind}-{name}") for kind, name, text in GOOD],
)
def test_schema_and_validate_give_the_same_verdict(framework, invoke, tmp_path, kind, text, sound):

    assert validates(json_schema(kind, framework), load(text)) is sound
    assert _validate_verdict(invoke, tmp_path, kind, text) is sound


def test_level_keys_are_accepted_as_yaml_and_json_give_them(framework):
    """yaml-language-server checks `1:` as the number 1; a JSON validator sees the text "1": both are levels."""
    levels = json_schema("roles", framework)["properties"]["competencies"]["additionalProperties"]["properties"]["levels"]
    names = levels["propertyNames"]["enum"]
    assert {1, 2, 3, 4, 5, "1", "2", "3", "4", "5"} == set(names)
    assert "additionalProperties" in levels and levels["additionalProperties"] is not False


def test_the_advice_schema_lists_the_framework_ids(framework):
    schema = json_schema("recommendations", framework)["properties"]["recommendations"]["additionalProperties"]
    builds = schema["properties"]["builds"]["oneOf"][0]["enum"]
    sources = schema["properties"]["sources"]["oneOf"][0]["enum"]
    assert builds == sorted(framework.competencies) and sources == sorted(framework.sources)


def test_no_contract_wording_in_hover_text(framework):
    for kind in ("profile", "review", "roles", "recommendations"):
        assert "contract" not in json.dumps(json_schema(kind, framework)), kind
