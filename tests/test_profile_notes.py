"""A profile's `notes:`: notes on competencies left unrated (the form writes them), kept and never scored."""

from __future__ import annotations

import json

from conftest import bundled_framework
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.reading.profile import dump_profile, parse_profile

PROFILE = """name: Ada
ratings:
  project-delivery: {level: 3, evidence: "Ran the ERP cut-over"}
notes:
  strategic-thinking: "Shadowed the portfolio board; not sure of my level"
  value-delivery:
"""


def test_validate_accepts_notes_and_they_are_read_not_scored(invoke, write_profile, framework):
    path = write_profile(PROFILE)
    assert invoke("validate", path).exit_code == 0
    profile = parse_profile(PROFILE, framework)
    assert dict(profile.notes) == {"strategic-thinking": "Shadowed the portfolio board; not sure of my level"}
    assert profile.levels() == {"project-delivery": 3}  # a note is no rating
    with_notes = json.loads(invoke("assess", "-p", path, "-t", "pmo-manager", "-f", "json").stdout)
    bare = write_profile(PROFILE.split("notes:")[0])
    without = json.loads(invoke("assess", "-p", bare, "-t", "pmo-manager", "-f", "json").stdout)
    assert with_notes["readiness"] == without["readiness"]


def test_a_note_on_an_unknown_competency_is_one_error_with_a_suggestion(invoke, write_profile):
    path = write_profile('notes:\n  strategic-thinkin: "x"\n')
    result = invoke("validate", path)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    message = "notes.strategic-thinkin: unknown competency 'strategic-thinkin' (did you mean 'strategic-thinking'?)"
    assert f"{path}:2: {message}" in result.stdout + result.stderr


def test_notes_that_are_not_a_mapping_or_not_text_are_named(invoke, write_profile):
    for text, field in (("notes: [a]\n", "notes"), ("notes: {value-delivery: 3}\n", "notes.value-delivery")):
        result = invoke("validate", write_profile(text))
        assert result.exit_code == 1
        assert f": {field}: " in result.stdout + result.stderr, (text, result.stdout, result.stderr)


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(lambda t: t.strip()))
def test_dump_profile_writes_notes_back_as_they_were(note):
    framework = bundled_framework()
    profile = parse_profile('notes:\n  value-delivery: "x"\n', framework)
    changed = profile.with_ratings(profile.ratings, notes={"value-delivery": note})
    assert parse_profile(dump_profile(changed, framework), framework).notes == {"value-delivery": note}


def test_a_draft_replaces_a_profile_only_when_it_keeps_its_notes(tmp_path, framework):
    from pmo_path.interface.drafts import holds_everything

    path = tmp_path / "me.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    profile = parse_profile(PROFILE, framework)
    assert holds_everything(str(path), dump_profile(profile, framework), framework)
    dropped = profile.with_ratings(profile.ratings, notes={})
    assert not holds_everything(str(path), dump_profile(dropped, framework), framework)


def test_the_schema_describes_notes_with_the_framework_ids(invoke):
    schema = json.loads(invoke("schema").stdout)
    notes = schema["properties"]["notes"]["anyOf"][0]
    assert "strategic-thinking" in notes["propertyNames"]["enum"]
    import yaml
    from jsonschema.validators import validator_for

    # the instance against the schema (checking the schema itself against its meta-schema is test_schema's, and
    # pathologically slow in the lowest jsonschema CI proves)
    validator_for(schema)(schema).validate(yaml.safe_load(PROFILE))
