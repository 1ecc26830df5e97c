"""A person's self-assessment: read it strictly, write it back faithfully."""

from __future__ import annotations

import json
from datetime import date

from ..domain.model import Framework, Profile, Rating
from ..errors import did_you_mean
from .checks import Checker, describe, join
from .yamldoc import Document, load_file, parse, printable

PROFILE_KEYS = ("name", "current_role", "target_role", "years_experience", "assessed_on", "ratings")
RATING_KEYS = ("level", "evidence")
MAX_YEARS = 80


def load_profile(path: str, framework: Framework) -> Profile:
    """Read and check a profile file ('-' for stdin); raise InputError with every problem."""
    return profile_from_document(load_file(path), framework)


def parse_profile(text: str, framework: Framework, name: str = "<string>") -> Profile:
    return profile_from_document(parse(text, name), framework)


def profile_from_document(doc: Document, framework: Framework) -> Profile:
    check = Checker(doc)
    root = check.root()
    if root is None:
        check.raise_if_any()
    check.keys(root, "", PROFILE_KEYS)
    given = {key for key, value in root.items() if value is not None}  # a blank optional field is absent
    name = check.text(root, "name", "") if "name" in given else None
    roles = {}
    for key in ("current_role", "target_role"):
        if key in given and check.reference(root[key], key, framework.roles, "role", root, key):
            roles[key] = root[key]
    years = check.typed(root, "years_experience", "", (int, float), "a number of years") if "years_experience" in given else None
    if years is not None and not 0 <= years <= MAX_YEARS:  # also refuses .nan and .inf
        check.add(f"must be from 0 to {MAX_YEARS}, found {years}", "years_experience", root, "years_experience")
        years = None
    assessed_on = _date(check, root)
    ratings = _ratings(check, root, framework)
    check.raise_if_any()
    return Profile(ratings=ratings, name=name, years_experience=years, assessed_on=assessed_on, file=doc.name, **roles)


def _date(check: Checker, root: dict) -> date | None:
    value = root.get("assessed_on")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    check.add(f"must be a date like 2026-11-20, found {describe(value)}", "assessed_on", root, "assessed_on")
    return None


def _ratings(check: Checker, root: dict, framework: Framework) -> dict[str, Rating]:
    data = root.get("ratings")
    if data is None:
        return {}
    if not isinstance(data, dict):
        check.add(f"must be a mapping of competency id to level 0-5, found {describe(data)}", "ratings", root, "ratings")
        return {}
    ratings = {}
    for competency, value in data.items():
        where = join("ratings", competency)
        if competency not in framework.competencies:
            hint = did_you_mean(competency, framework.competencies)
            check.add(f"unknown competency '{printable(competency)}'{hint}", where, data, competency)
            continue
        evidence = None
        if value is None:  # left blank: unrated, as the init template invites
            continue
        if isinstance(value, dict):
            check.keys(value, where, RATING_KEYS, ("level",))
            evidence = check.text(value, "evidence", where) if value.get("evidence") is not None else None
            level = check.integer(value, "level", where, 0, 5)
        else:
            level = check.integer(data, competency, "ratings", 0, 5)
        if level is not None:
            ratings[competency] = Rating(level, evidence)
    return ratings


def _quote(text: str) -> str:
    """A YAML scalar for any text: JSON strings are valid YAML; what YAML may not hold raw is escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" if ord(char) < 0x10000
                   else f"\\U{ord(char):08x}" for char in quoted)


def dump_profile(profile: Profile, framework: Framework) -> str:
    """The profile as YAML a person can read and edit, ratings in framework order."""
    lines = ["# pmo-path profile: rate each competency 0-5 (pmo-path init shows the level descriptors)"]
    if profile.name:
        lines.append(f"name: {_quote(profile.name)}")
    for key in ("current_role", "target_role"):
        if getattr(profile, key):
            lines.append(f"{key}: {getattr(profile, key)}")
    if profile.years_experience is not None:
        lines.append(f"years_experience: {profile.years_experience:g}")
    if profile.assessed_on:
        lines.append(f"assessed_on: {profile.assessed_on.isoformat()}")
    lines.append("ratings:" if profile.ratings else "ratings: {}")
    order = list(framework.competencies)
    for competency in sorted(profile.ratings, key=lambda c: order.index(c) if c in order else len(order)):
        rating = profile.ratings[competency]
        if rating.evidence:
            lines.append(f"  {competency}: {{level: {rating.level}, evidence: {_quote(rating.evidence)}}}")
        else:
            lines.append(f"  {competency}: {rating.level}")
    return "\n".join(lines) + "\n"
