"""One declaration per file kind: the checks, the JSON Schema and the docs agree because they are one thing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.errors import InputError
from pmo_path.reading.framework_spec import RECOMMENDATION, ROLE
from pmo_path.reading.profile import PROFILE, parse_profile
from pmo_path.reading.review import REVIEW
from pmo_path.reading.schemas import PROFILE_SCHEMA_FILE, json_schema

REPO = Path(__file__).resolve().parent.parent


def validates(schema: dict, instance) -> bool:
    """A small JSON Schema check for the keywords our schemas use (no validator library needed)."""
    if "anyOf" in schema:
        return any(validates(option, instance) for option in schema["anyOf"])
    if "oneOf" in schema:
        return sum(validates(option, instance) for option in schema["oneOf"]) == 1
    kind = schema.get("type")
    checks = {"string": str, "integer": int, "number": (int, float), "object": dict, "array": list, "null": type(None)}
    if kind and not (isinstance(instance, checks[kind]) and not (kind in ("integer", "number") and isinstance(instance, bool))):
        return False
    if "enum" in schema and instance not in schema["enum"]:
        return False
    number = isinstance(instance, (int, float)) and not isinstance(instance, bool)
    if number and not schema.get("minimum", instance) <= instance <= schema.get("maximum", instance):
        return False
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False and set(instance) - set(properties):
            return False
        if any(key not in instance for key in schema.get("required", ())):
            return False
        names = schema.get("propertyNames", {}).get("enum")
        if names is not None and any(key not in names for key in instance):
            return False
        extra = schema.get("additionalProperties")
        for key, value in instance.items():
            sub = properties.get(key, extra if isinstance(extra, dict) else None)
            if sub is not None and not validates(sub, value):
                return False
    return True


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
