"""A person's self-assessment: read it strictly, write it back faithfully."""

from __future__ import annotations

import json
import re

from ..domain.model import Framework, Profile, Rating
from ..errors import did_you_mean
from .checks import Checker, describe, join
from .spec import TEXT_SCHEMA, Custom, Day, Field, Level, Number, Ref, Spec, Text
from .yamldoc import Document, load_file, parse, printable


def context_of(framework: Framework) -> dict:
    """What a profile's ids may name (a role also by its title), and the scale its ratings are on."""
    return {
        "role": framework.roles,
        "role names": framework.role_names,
        "competency": framework.competencies,
        "scale": framework.scale,
    }


def load_profile(path: str, framework: Framework) -> Profile:
    """Read and check a profile file ('-' for stdin); raise InputError with every problem."""
    return profile_from_document(load_file(path), framework)


def parse_profile(text: str, framework: Framework, name: str = "<string>") -> Profile:
    return profile_from_document(parse(text, name), framework)


def profile_from_document(doc: Document, framework: Framework) -> Profile:
    return Profile(file=doc.name, **PROFILE.read_file(doc, context_of(framework)))


# A rating's level: a number on the framework's scale or a level's name (`Practitioner`), in any case, as survey
# cells and requirements take it; what pmo-path writes keeps numbers.
LEVEL = Level(0, names=True)


def _read_ratings(check: Checker, root: dict, key: str, where: str, context: dict) -> dict[str, Rating]:
    data = root[key]
    top = context["scale"].top if context.get("scale") is not None else 5
    if not isinstance(data, dict):
        check.add(f"must be a mapping of competency id to level 0-{top}, found {describe(data)}", join(where, key), root, key)
        return {}
    competencies = context["competency"]
    here = join(where, key)
    ratings = {}
    for given, value in data.items():
        if given not in competencies:
            hint = did_you_mean(given, competencies)
            check.add(f"unknown competency '{printable(given)}'{hint}", join(here, given), data, given)
            continue
        competency = competencies[given].id  # the framework's own string: 100,000 profiles share 15 keys
        if value is None:  # left blank: unrated, as the init template invites
            continue
        if type(value) is int and 0 <= value <= top:  # the common case, checked without building a field path
            ratings[competency] = Rating.of(value)
            continue
        if isinstance(value, dict):
            rated = RATING.read(check, value, join(here, competency), context)
            level, evidence = rated.get("level"), rated.get("evidence")
        else:
            level, evidence = LEVEL.read(check, data, competency, here, context), None
        if level is not None:
            ratings[competency] = Rating(level, evidence) if evidence else Rating.of(level)
    return ratings


def _ratings_schema(context: dict) -> dict:
    level = LEVEL.schema(context)
    rating = {"oneOf": [level, {"type": "null"}, RATING.json_schema(context)]}
    ids = sorted(context.get("competency", ()))
    return (
        {"type": "object", "propertyNames": {"enum": ids}, "additionalProperties": rating}
        if ids
        else {"type": "object", "additionalProperties": rating}
    )


def _read_notes(check: Checker, root: dict, key: str, where: str, context: dict) -> dict[str, str] | None:
    data = root[key]
    here = join(where, key)
    if not isinstance(data, dict):
        check.add(f"must be a mapping of competency id to a note, found {describe(data)}", here, root, key)
        return None
    competencies = context["competency"]
    notes = {}
    for given in data:
        if given not in competencies:
            hint = did_you_mean(given, competencies)
            check.add(f"unknown competency '{printable(given)}'{hint}", join(here, given), data, given)
        elif data[given] is not None and (note := check.text(data, given, here)) is not None:
            notes[competencies[given].id] = note
    return notes or None


def _notes_schema(context: dict) -> dict:
    ids = sorted(context.get("competency", ()))
    note = {"anyOf": [TEXT_SCHEMA, {"type": "null"}]}
    return {"type": "object", "propertyNames": {"enum": ids}, "additionalProperties": note} if ids else {"type": "object"}


def ratings_field(what: str) -> Field:
    """The `ratings` field, shared by profiles and reviews."""
    label = "competency id: level 0-N or its name, or {level, evidence}"
    return Field("ratings", Custom(label, _read_ratings, _ratings_schema), what)


NOTES_DOC = (
    "Notes on competencies you left unrated (what you have done, why you are unsure); kept with the "
    "profile for whoever reads it, never scored. A rated competency's note is its `evidence`."
)

# The one declaration of a profile file: its checks, its JSON Schema and its docs all come from here.
PROFILE = Spec(
    "profile",
    "A person's self-assessment for pmo-path: their roles and how they rate themselves.",
    (
        Field("name", Text(), "Your name, as your plan shows it."),
        Field("current_role", Ref("role"), "The role you hold now, its id or title (`pmo-path roles` lists them)."),
        Field("target_role", Ref("role"), "The role you aim for, its id or title; `--target` overrides it."),
        Field("years_experience", Number(0, 80, "a number of years"), "Years of project experience."),
        Field("assessed_on", Day(), "When you rated yourself; `progress` orders assessments by it."),
        ratings_field(
            "Your level in each competency on the framework's scale; leave one out or blank when unsure: it is then unrated."
        ),
        Field("notes", Custom("competency id: text", _read_notes, _notes_schema), NOTES_DOC),
    ),
)
RATING = Spec(
    "rating",
    "A rating with its evidence, the habit SFIA asks for.",
    (
        Field("level", LEVEL, "The level, 0 to the top of the framework's scale, or its name.", required=True),
        Field("evidence", Text(), "What you did that shows it; the plan lists it beside your strengths."),
    ),
)


def quote(text: str) -> str:
    """A YAML scalar for any text: JSON strings are valid YAML; what YAML may not hold raw is escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    return "".join(
        char if char.isprintable() else f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}" for char in quoted
    )


_PLAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*\Z")
_NOT_TEXT = frozenset(("null", "true", "false", "yes", "no", "on", "off", "y", "n"))


def yaml_key(ident: str) -> str:
    """An id as a YAML key or value that reads back as the same text (quoted only when it must be)."""
    if _PLAIN_ID.match(ident) and ident.lower() not in _NOT_TEXT:
        return ident
    return quote(ident)


def dump_profile(profile: Profile, framework: Framework) -> str:
    """The profile as YAML a person can read and edit, ratings in framework order."""
    lines = [f"# pmo-path profile: rate each competency {framework.scale.span()} (pmo-path init shows the level descriptors)"]
    if profile.name:
        lines.append(f"name: {quote(profile.name)}")
    for key in ("current_role", "target_role"):
        if getattr(profile, key):
            lines.append(f"{key}: {yaml_key(getattr(profile, key))}")
    if profile.years_experience is not None:
        lines.append(f"years_experience: {profile.years_experience:g}")
    if profile.assessed_on:
        lines.append(f"assessed_on: {profile.assessed_on.isoformat()}")
    lines += rating_lines(profile.ratings, framework)
    if profile.notes:
        order = list(framework.competencies)
        lines.append("notes:")
        for competency in sorted(profile.notes, key=lambda c: order.index(c) if c in order else len(order)):
            lines.append(f"  {yaml_key(competency)}: {quote(profile.notes[competency])}")
    return "\n".join(lines) + "\n"


def rating_lines(ratings: dict[str, Rating], framework: Framework) -> list[str]:
    """`ratings:` and one line a rating, in framework order; shared by profiles and reviews."""
    lines = ["ratings:" if ratings else "ratings: {}"]
    order = list(framework.competencies)
    for competency in sorted(ratings, key=lambda c: order.index(c) if c in order else len(order)):
        rating = ratings[competency]
        if rating.evidence:
            lines.append(f"  {yaml_key(competency)}: {{level: {rating.level}, evidence: {quote(rating.evidence)}}}")
        else:
            lines.append(f"  {yaml_key(competency)}: {rating.level}")
    return lines
