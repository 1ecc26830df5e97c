"""The one declaration of each part of a framework: roles.yaml and recommendations.yaml.

`reading.framework` reads the files with these specs; `pmo-path schema
roles|recommendations` prints their JSON Schema; docs/own-framework.md lists
their fields. Each reference (`Ref("track")`) names a kind of id the
framework declares, resolved from the context the loader builds.
"""

from __future__ import annotations

from typing import Any

from ..domain.model import DEFAULT_WEIGHT, HORIZONS, KINDS, MAX_LEVELS, Credential, Requirement
from .checks import Checker, describe, join
from .spec import TEXT_SCHEMA, Custom, Field, Integer, Level, Ref, RefList, Spec, Text


def _top(context: dict) -> int:
    scale = context.get("scale")
    return scale.top if scale is not None else MAX_LEVELS


def _read_descriptors(check: Checker, entry: dict, key: str, where: str, context: dict) -> dict[int, str] | None:
    """Per-level descriptors, each optional: a level left out shows the scale's general description."""
    levels = check.mapping(entry, key, where)
    if levels is None:
        return None
    field = join(where, key)
    before = len(check.problems)
    top = _top(context)
    found: dict[int, Any] = {}
    for given in levels:
        level = level_of(given, range(1, top + 1))
        if level is None:
            check.add(f"levels are 1 to {top}, found {describe(given)}", join(field, given), levels, given)
        elif level in found:
            check.add(f"level {level} is given twice", join(field, given), levels, given)
        else:
            found[level] = check.text(levels, given, field)
    return found if len(check.problems) == before else None


def level_of(key: Any, levels) -> int | None:
    """A mapping key as a level: `3:` (YAML's number) or `"3":` (text, as JSON and editors have it).
    true and 3.0 equal a number but are no level."""
    if type(key) is int:
        return key if key in levels else None
    if isinstance(key, str) and key.isascii() and key.isdigit() and int(key) in levels:
        return int(key)
    return None


def level_keys(levels) -> dict:
    """Keys that are levels, as both readers of a schema see them: YAML reads `1:` as the number 1,
    which yaml-language-server (VS Code) checks as a number, while JSON, and so a JSON Schema
    validator given the file as JSON, has the text "1". Accept both, and nothing else."""
    return {"enum": [*(str(level) for level in levels), *levels]}


def _descriptors_schema(context: dict) -> dict:
    return {"type": "object", "propertyNames": level_keys(range(1, _top(context) + 1)), "additionalProperties": TEXT_SCHEMA}


def _read_years(check: Checker, entry: dict, key: str, where: str, context: dict) -> tuple[int, int] | None:
    span = check.mapping(entry, key, where)
    if span is None:
        return None
    values = YEARS.read(check, span, join(where, key), context)
    low, high = values.get("min"), values.get("max")
    if low is None or high is None:
        return None
    if low > high:
        check.add(f"min ({low}) is more than max ({high})", join(where, key), span)
        return None
    return low, high


def _read_requirements(check: Checker, entry: dict, key: str, where: str, context: dict) -> tuple[Requirement, ...]:
    needs = check.mapping(entry, key, where)
    if needs is None:
        return ()
    if not needs:
        check.add("a role needs at least one requirement", join(where, key), entry, key)
    requirements = []
    for competency, need in needs.items():
        field = join(where, f"{key}.{competency}")
        if not check.reference(competency, field, context["competency"], "competency", needs, competency):
            continue
        if isinstance(need, dict):
            values = REQUIREMENT.read(check, need, field, context)
        elif need is None:
            check.add(f"must not be empty; give {REQUIREMENT.fields[0].value.expected(context)}", field, needs, competency)
            continue
        elif isinstance(need, (int, str)) and not isinstance(need, bool):  # the level alone: `risk: Practitioner`
            level = REQUIREMENT.fields[0].value.read(check, needs, competency, join(where, key), context)
            values = {"level": level} if level is not None else {}
        else:
            check.add(
                f"must be a level or a mapping like {{level: 3, weight: 2}}, found {describe(need)}", field, needs, competency
            )
            continue
        if "level" in values:
            weight = values.get("weight", context.get("default_weight", DEFAULT_WEIGHT))
            requirements.append(Requirement(competency, values["level"], weight))
    return tuple(requirements)


def _requirements_schema(context: dict) -> dict:
    ids = sorted(context.get("competency", ()))
    need = {"oneOf": [REQUIREMENT.fields[0].value.schema(context), REQUIREMENT.json_schema(context)]}
    return {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": need,
        **({"propertyNames": {"enum": ids}} if ids else {}),
    }


def _read_levels(check: Checker, entry: dict, key: str, where: str, context: dict) -> tuple[int, ...] | None:
    levels = entry[key]
    top = _top(context)
    if (
        not isinstance(levels, list)
        or not levels
        or any(isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= top for level in levels)
    ):
        check.add(
            f"must be a list of current levels from 0 to {top}, like [0, 1, 2], found {describe(levels)}",
            join(where, key),
            entry,
            key,
        )
        return None
    return tuple(sorted(set(levels)))


def _levels_schema(context: dict) -> dict:
    return {
        "type": "array",
        "items": {"type": "integer", "minimum": 0, "maximum": _top(context)},
        "minItems": 1,
        "uniqueItems": True,
    }


def _read_credential(check: Checker, entry: dict, key: str, where: str, context: dict) -> Credential | None:
    found = check.mapping(entry, key, where)
    if found is None:
        return None
    values = CREDENTIAL.read(check, found, join(where, key), context)
    return Credential(**values) if len(values) == len(CREDENTIAL.fields) else None


SOURCE = Spec(
    "source",
    "An article or document that roles and advice cite.",
    (
        Field("title", Text(), "Its title.", required=True),
        Field("author", Text(), "Its author or publisher (an organisation's own document may leave it out)."),
        Field("url", Text(), "Where to read it; the Markdown plan links it."),
    ),
)
COMPETENCY = Spec(
    "competency",
    "One competency and what each level looks like in practice.",
    (
        Field("name", Text(), "Its name as people read it.", required=True),
        Field("group", Ref("group"), "Its group (an id under `groups`); leave out when the framework has no groups."),
        Field("description", Text(), "One line on what it covers (left out: the name stands alone)."),
        Field(
            "levels",
            Custom(
                "level: descriptor",
                _read_descriptors,
                _descriptors_schema,
                "levels of the scale, each with what someone at it has done",
            ),
            'For each level of the scale, what someone at that level has actually done ("has presented a portfolio '
            'trade-off to the executive team"), so a person can check it against their record. Each is optional: '
            "a level left out shows the scale's general description.",
        ),
    ),
)
YEARS = Spec(
    "years",
    "Typical years of experience.",
    (
        Field("min", Integer(0, 60), "Fewest years.", required=True),
        Field("max", Integer(0, 60), "Most years.", required=True),
    ),
)
REQUIREMENT = Spec(
    "requirement",
    "What a role asks of one competency.",
    (
        Field(
            "level", Level(1, names=True), "The level the role needs: its number (1 up) or its name on the scale.", required=True
        ),
        Field(
            "weight",
            Integer(1, 3),
            "How much it counts: 3 core, 2 important, 1 useful; left out, the framework's `default_weight`.",
        ),
    ),
)
ROLE = Spec(
    "role",
    "One role on a ladder.",
    (
        Field("title", Text(), "Its title.", required=True),
        Field("grade", Text(), 'Its grade label ("SEO", "Band 7"), shown with the title; seniority still orders roles.'),
        Field("track", Ref("track"), "Its ladder (an id under `tracks`).", required=True),
        Field("seniority", Integer(1, 20), "Higher is more senior; comparable across tracks.", required=True),
        Field("summary", Text(), "What the role does, in a sentence or two."),
        Field(
            "years",
            Custom("{min, max}", _read_years, lambda context: YEARS.json_schema(context), "{min: 3, max: 8}"),
            "Typical years of experience.",
        ),
        Field(
            "requirements",
            Custom(
                "competency id: level or {level, weight}",
                _read_requirements,
                _requirements_schema,
                "competency ids, each with a level or {level: 3, weight: 2}",
            ),
            "What it asks: competency id to a level (number or name) or {level, weight: 1-3}; a competency not "
            "listed counts as 0.",
            required=True,
        ),
        Field(
            "next",
            RefList(("role",)),
            "The roles it commonly leads to (used by `pmo-path path`); never a less senior role.",
            attribute="next",
        ),
        Field("sources", RefList(("source",), minimum=1), "The sources behind it.", required=True),
    ),
)
RECOMMENDATION = Spec(
    "recommendation",
    "One next step, and whom it is for.",
    (
        Field("title", Text(), "A short title, at most 60 characters.", required=True),
        Field("action", Text(), "One imperative sentence a person could put in their diary.", required=True),
        Field("why", Text(), "Why it matters, the source's reasoning in your own words.", required=True),
        Field("builds", RefList(("competency",), minimum=1), "The competencies it builds.", required=True),
        Field(
            "kind",
            Ref("kind"),
            "experience, assignment, learning, mentoring, network, visibility, certification or reading.",
            required=True,
        ),
        Field("horizon", Ref("horizon"), "30-days, 6-months or 1-2-years.", required=True),
        Field(
            "levels",
            Custom("list of levels 0-N", _read_levels, _levels_schema, "a list of current levels, like [0, 1, 2]"),
            "The person's current levels, in what it builds, at which it is the right next step: a PMO-helper "
            "assignment [0, 1, 2], a one-slide executive pitch [2, 3, 4].",
            required=True,
        ),
        Field("in_now", RefList(("role", "track")), "Only for people in these roles or tracks now (leave out: anyone)."),
        Field("heading_to", RefList(("role", "track")), "Only for people aiming at these roles or tracks (leave out: any move)."),
        Field("sources", RefList(("source",), minimum=1), "The sources behind it.", required=True),
        Field(
            "credential",
            Custom("{name, body, url}", _read_credential, lambda c: CREDENTIAL.json_schema(c)),
            "Kind certification: the credential, who awards it and the page with its current requirements.",
        ),
    ),
)
CREDENTIAL = Spec(
    "credential",
    "A certification a step leads to.",
    (
        Field("name", Text(), "Its name, e.g. PMP.", required=True),
        Field("body", Text(), "Who awards it.", required=True),
        Field("url", Text(), "The body's page with its current requirements.", required=True),
    ),
)
THRESHOLDS = Spec(
    "thresholds",
    "The verdicts' cut-offs.",
    (
        Field("ready", Integer(0, 100), "Readiness for `ready`.", required=True),
        Field("ready_max_core_gap", Integer(0, MAX_LEVELS), "The largest core (weight 3) gap `ready` allows.", required=True),
        Field("close", Integer(0, 100), "Readiness for `close`.", required=True),
        Field("close_max_core_gap", Integer(0, MAX_LEVELS), "The largest core gap `close` allows (2 when left out)."),
        Field("developing", Integer(0, 100), "Readiness for `developing`; below it, `stretch`.", required=True),
    ),
    defaults={"close_max_core_gap": 2},
)

CONTEXT_KINDS = {"kind": KINDS, "horizon": HORIZONS}


def _entries_schema(spec: Spec):
    return Custom(
        f"id: {{{spec.name}}}",
        lambda *args: None,
        lambda context: {"type": "object", "additionalProperties": spec.json_schema(context)},
    )


def _names_schema(what: str, keys: dict | None = None):
    return Custom(
        f"id: {what}",
        lambda *args: None,
        lambda context: {"type": "object", "additionalProperties": TEXT_SCHEMA, **({"propertyNames": keys} if keys else {})},
    )


def _scale_schema() -> dict:
    named = {
        "type": "object",
        "properties": {"name": TEXT_SCHEMA, "description": TEXT_SCHEMA},
        "required": ["name"],
        "additionalProperties": False,
    }
    listed = {"type": "array", "items": {"oneOf": [TEXT_SCHEMA, named]}, "minItems": 2, "maxItems": MAX_LEVELS}
    mapping = {"type": "object", "additionalProperties": TEXT_SCHEMA, "propertyNames": level_keys(range(6))}
    return {"oneOf": [listed, mapping]}


# The files as wholes: their top-level keys (entries are read section by section with the specs above).
ROLES_SPEC = Spec(
    "roles",
    "A pmo-path framework: competencies, role ladders and verdict thresholds.",
    (
        Field("schema_version", Integer(1, 1), "Always 1."),
        Field(
            "thresholds",
            Custom(
                "{ready, ready_max_core_gap, close, developing}",
                lambda *args: None,
                lambda context: THRESHOLDS.json_schema(context),
            ),
            "The verdicts' cut-offs (left out: ready 90, close 75, developing 50).",
        ),
        Field(
            "scale",
            Custom("list of 2-7 level names", lambda *args: None, lambda context: _scale_schema()),
            "The levels 1..N in order, 2 to 7 of them, each a name or {name, description}; 0 (not yet) is implied. "
            "The older mapping form {0: none, ..., 5: expert} keeps the 0-5 scale. Left out: 0-5 without names.",
        ),
        Field(
            "default_weight",
            Integer(1, 3),
            f"The weight of a requirement that gives none (left out: {DEFAULT_WEIGHT}); only weight 3 counts as core.",
        ),
        Field(
            "ladder_rule",
            RefList(("competency",)),
            "Competency ids a more senior role on a track never asks less of (left out: no such rule).",
        ),
        Field("groups", _names_schema("name"), "Competency groups (optional: a flat list of competencies is fine)."),
        Field("tracks", _names_schema("name"), "The ladders.", required=True),
        Field("sources", _entries_schema(SOURCE), "Sources cited by roles and advice."),
        Field("competencies", _entries_schema(COMPETENCY), "The competencies.", required=True),
        Field("roles", _entries_schema(ROLE), "The roles.", required=True),
    ),
)
RECOMMENDATIONS_SPEC = Spec(
    "recommendations",
    "A pmo-path framework's advice.",
    (
        Field("schema_version", Integer(1, 1), "Always 1."),
        Field("sources", _entries_schema(SOURCE), "More sources (ids must differ from roles.yaml's)."),
        Field("recommendations", _entries_schema(RECOMMENDATION), "The recommendations ({} while there are none yet)."),
    ),
)
