"""The framework: competencies, roles, recommendations and their sources.

Loaded from `roles.yaml` and `recommendations.yaml`, either the bundled ones
or an organisation's own (`--data-dir` / `PMO_PATH_DATA`; a file missing
there falls back to the bundled one). Everything is checked, across both
files, and every problem is reported at once.
"""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

from ..domain.model import (
    HORIZONS,
    KINDS,
    LADDER_COMPETENCIES,
    LEVELS,
    MIN_COMPETENCIES,
    Competency,
    Framework,
    Recommendation,
    Requirement,
    Role,
    Source,
    Thresholds,
)
from ..errors import InputError, Problem
from .checks import Checker, describe, join
from .yamldoc import Document, load_file

ROLES_FILE = "roles.yaml"
RECOMMENDATIONS_FILE = "recommendations.yaml"
DATA_ENV = "PMO_PATH_DATA"

RECOMMENDATION_KEYS = ("title", "action", "why", "builds", "kind", "horizon", "levels", "in_now", "heading_to", "sources")
RECOMMENDATION_REQUIRED = ("title", "action", "why", "builds", "kind", "horizon", "levels", "sources")
def bundled_data_dir() -> Path:
    """The data shipped with the package (wheel) or beside it (source tree)."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data"
    if (packaged / ROLES_FILE).is_file():
        return packaged
    return package.parent.parent / "data"


def data_files(data_dir: str | os.PathLike | None = None) -> tuple[Path, Path]:
    """Which roles.yaml and recommendations.yaml to read."""
    bundled = bundled_data_dir()
    if data_dir is None or str(data_dir) == "":
        return bundled / ROLES_FILE, bundled / RECOMMENDATIONS_FILE
    folder = Path(data_dir)
    try:
        return _own_data_files(folder, bundled)
    except OSError as err:  # a folder that cannot be searched: permission denied
        raise InputError(Problem(str(folder), f"cannot read the data folder: {err.strerror or err}")) from None


def _own_data_files(folder: Path, bundled: Path) -> tuple[Path, Path]:
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(Problem(str(folder), f"data folder {what} (from --data-dir or {DATA_ENV})"))
    roles, recommendations = folder / ROLES_FILE, folder / RECOMMENDATIONS_FILE
    if not roles.exists() and not recommendations.exists():
        raise InputError(Problem(str(folder), f"data folder has neither {ROLES_FILE} nor {RECOMMENDATIONS_FILE}"))
    return (
        roles if roles.exists() else bundled / ROLES_FILE,
        recommendations if recommendations.exists() else bundled / RECOMMENDATIONS_FILE,
    )


def load_framework(data_dir: str | os.PathLike | None = None) -> Framework:
    """Load, cross-check and return the framework, or raise InputError listing every problem."""
    roles_path, recommendations_path = data_files(data_dir)
    problems: list[Problem] = []
    docs: list[Document] = []
    for path in (roles_path, recommendations_path):
        try:
            docs.append(load_file(str(path)))
        except InputError as err:
            problems.extend(p for p in err.problems if isinstance(p, Problem))
    if problems:
        raise InputError(problems)
    framework, problems = _build_framework(*docs)
    if problems:
        raise InputError(problems)
    return framework


def _build_framework(roles_doc: Document, recs_doc: Document) -> tuple[Framework | None, list[Problem]]:
    roles_check, recs_check = Checker(roles_doc), Checker(recs_doc)
    roles_root, recs_root = roles_check.root(), recs_check.root()
    if roles_root is None or recs_root is None:  # an empty or non-mapping file: nothing else can be checked
        return None, roles_check.problems + recs_check.problems
    roles_check.keys(
        roles_root, "",
        ("schema_version", "thresholds", "scale", "groups", "tracks", "sources", "competencies", "roles"),
        ("thresholds", "groups", "tracks", "competencies", "roles"),
    )
    recs_check.keys(recs_root, "", ("schema_version", "sources", "recommendations"), ("recommendations",))
    for check, root in ((roles_check, roles_root), (recs_check, recs_root)):
        if "schema_version" in root and root["schema_version"] != 1:
            check.add("only schema_version 1 is understood", "schema_version", root, "schema_version")

    thresholds = _thresholds(roles_check, roles_root)
    scale = {level: str(name) for level, name in (roles_check.mapping(roles_root, "scale", "") or {}).items()}
    groups = _names(roles_check, roles_root, "groups")
    tracks = _names(roles_check, roles_root, "tracks")
    sources: dict[str, Source] = {}
    for check, root in ((roles_check, roles_root), (recs_check, recs_root)):
        sources.update(_sources(check, root, sources))
    # References are checked against every id declared, sound or not, so one broken entry is
    # reported once rather than again at every place that names it.
    declared = {key: _declared(roles_root, key) for key in ("groups", "tracks", "competencies", "roles")}
    declared["sources"] = {**_declared(roles_root, "sources"), **_declared(recs_root, "sources")}
    competencies = _competencies(roles_check, roles_root, declared["groups"])
    roles = _roles(roles_check, roles_root, declared["competencies"], declared["tracks"], declared["sources"])
    recommendations = _recommendations(recs_check, recs_root, declared["competencies"], declared["roles"],
                                       declared["tracks"], declared["sources"])

    _check_ladders(roles_check, roles_root, roles)
    for competency in competencies:
        if roles and not recs_check.problems and sum(competency in r.builds for r in recommendations.values()) == 0:
            recs_check.add(f"competency '{competency}' is built by no recommendation", "recommendations")

    framework = Framework(
        thresholds=thresholds,
        scale=scale,
        groups=groups,
        tracks=tracks,
        sources=sources,
        competencies=competencies,
        roles=roles,
        recommendations=recommendations,
        files=(roles_doc.name, recs_doc.name),
    )
    return framework, roles_check.problems + recs_check.problems


def _declared(root: dict, key: str) -> dict:
    """The entries under `key` whose ids are text, whether or not they are valid."""
    entries = root.get(key)
    return {ident: entry for ident, entry in entries.items() if isinstance(ident, str)} if isinstance(entries, dict) else {}


def _names(check: Checker, root: dict, key: str) -> dict[str, str]:
    names = check.mapping(root, key, "") or {}
    result = {}
    for ident in names:
        if check.text(names, ident, key) is not None:
            result[str(ident)] = names[ident]
    return result


def _thresholds(check: Checker, root: dict) -> Thresholds:
    data = check.mapping(root, "thresholds", "") or {}
    defaults = {"ready": 90, "ready_max_core_gap": 1, "close": 75, "close_max_core_gap": 2, "developing": 50}
    check.keys(data, "thresholds", tuple(defaults), ("ready", "ready_max_core_gap", "close", "developing"))
    values = {}
    for key, default in defaults.items():
        high = 5 if key.endswith("_core_gap") else 100
        value = check.integer(data, key, "thresholds", 0, high) if key in data else None
        values[key] = default if value is None else value
    if not values["ready"] >= values["close"] >= values["developing"]:
        check.add("must satisfy ready >= close >= developing", "thresholds", data)
    if values["ready_max_core_gap"] > values["close_max_core_gap"]:
        check.add("must satisfy ready_max_core_gap <= close_max_core_gap", "thresholds", data)
    return Thresholds(**values)


def _entries(check: Checker, root: dict, section: str, shape: str):
    """Each `id: {...}` entry of a section as (id, entry, field); entries that are no mapping are reported."""
    data = check.mapping(root, section, "") or {}
    for ident, entry in data.items():
        field = join(section, ident)
        if not isinstance(ident, str):  # `5:`, `true:` or `null:` as a key: YAML reads no text
            check.add(f"an id must be text, found {describe(ident)}; put it in quotes", field, data, ident)
        elif isinstance(entry, dict):
            yield ident, entry, field
        else:
            check.add(f"must be a mapping ({shape})", field, data, ident)


def _sources(check: Checker, root: dict, seen: dict[str, Source]) -> dict[str, Source]:
    result = {}
    for ident, entry, field in _entries(check, root, "sources", "title, author"):
        if ident in seen:
            check.add("source id is already defined in the other data file", field, root["sources"], ident)
            continue
        check.keys(entry, field, ("title", "author", "url"), ("title", "author"))
        title, author = check.text(entry, "title", field), check.text(entry, "author", field)
        url = check.text(entry, "url", field)
        if title and author:
            result[str(ident)] = Source(str(ident), title, author, url)
    return result


def _competencies(check: Checker, root: dict, groups: dict[str, str]) -> dict[str, Competency]:
    result = {}
    for ident, entry, field in _entries(check, root, "competencies", "name, group, description, levels"):
        before = len(check.problems)
        check.keys(entry, field, ("name", "group", "description", "levels"), ("name", "group", "description", "levels"))
        name = check.text(entry, "name", field)
        description = check.text(entry, "description", field)
        if "group" in entry:
            check.reference(entry["group"], join(field, "group"), groups, "group", entry, "group")
        levels = check.mapping(entry, "levels", field) or {}
        for level in levels:
            if type(level) is not int or level not in LEVELS:  # true and 1.0 equal 1 but are no level
                check.add(f"levels are 1 to 5, found {level!r}", join(field, f"levels.{level}"), levels, level)
            else:
                check.text(levels, level, join(field, "levels"))
        for level in LEVELS:
            if isinstance(entry.get("levels"), dict) and level not in levels:
                check.add(f"missing the descriptor for level {level}", join(field, "levels"), levels)
        if len(check.problems) == before and name and description:
            result[str(ident)] = Competency(str(ident), name, entry["group"], description,
                                            {level: levels[level] for level in LEVELS})
    if _declared(root, "competencies") and len(result) < MIN_COMPETENCIES and not check.problems:
        check.add(f"{len(result)} competencies defined; a framework needs at least {MIN_COMPETENCIES} "
                  "(the radar chart draws one spoke each)", "competencies", root["competencies"])
    return result


def _roles(check: Checker, root: dict, competencies: dict, tracks: dict, sources: dict) -> dict[str, Role]:
    result = {}
    for ident, entry, field in _entries(check, root, "roles", "title, track, seniority, ..."):
        before = len(check.problems)
        check.keys(entry, field,
                   ("title", "track", "seniority", "summary", "years", "requirements", "next", "sources"),
                   ("title", "track", "seniority", "summary", "requirements", "sources"))
        title = check.text(entry, "title", field)
        summary = check.text(entry, "summary", field)
        if "track" in entry:
            check.reference(entry["track"], join(field, "track"), tracks, "track", entry, "track")
        seniority = check.integer(entry, "seniority", field, 1, 20)
        years = (0, 0)
        if "years" in entry:
            span = check.mapping(entry, "years", field) or {}
            check.keys(span, join(field, "years"), ("min", "max"), ("min", "max"))
            low = check.integer(span, "min", join(field, "years"), 0, 60)
            high = check.integer(span, "max", join(field, "years"), 0, 60)
            if low is not None and high is not None:
                if low > high:
                    check.add(f"min ({low}) is more than max ({high})", join(field, "years"), span)
                years = (low, high)
        requirements = []
        needs = check.mapping(entry, "requirements", field) or {}
        if "requirements" in entry and not needs and isinstance(entry["requirements"], dict):
            check.add("a role needs at least one requirement", join(field, "requirements"), entry, "requirements")
        for competency, need in needs.items():
            where = join(field, f"requirements.{competency}")
            if not check.reference(competency, where, competencies, "competency", needs, competency):
                continue
            if not isinstance(need, dict):
                check.add(f"must be a mapping like {{level: 3, weight: 2}}, found {describe(need)}", where, needs, competency)
                continue
            check.keys(need, where, ("level", "weight"), ("level", "weight"))
            level, weight = check.integer(need, "level", where, 1, 5), check.integer(need, "weight", where, 1, 3)
            if level is not None and weight is not None:
                requirements.append(Requirement(competency, level, weight))
        nexts = check.id_list(entry, "next", field, _declared(root, "roles"), "role")
        if ident in nexts:
            check.add("a role cannot lead to itself", join(field, "next"), entry, "next")
        cited = check.id_list(entry, "sources", field, sources, "source", minimum=1)
        if len(check.problems) == before and title and summary and seniority is not None:
            result[str(ident)] = Role(str(ident), title, entry["track"], seniority, summary, years,
                                      tuple(requirements), tuple(nexts), tuple(cited))
    return result


def _recommendations(check: Checker, root: dict, competencies: dict, roles: dict, tracks: dict,
                     sources: dict) -> dict[str, Recommendation]:
    places = {**tracks, **roles}
    result = {}
    for ident, entry, field in _entries(check, root, "recommendations", "title, action, why, builds, levels, ..."):
        before = len(check.problems)
        check.keys(entry, field, RECOMMENDATION_KEYS, RECOMMENDATION_REQUIRED)
        values: dict = {key: check.text(entry, key, field) for key in ("title", "action", "why")}
        values["builds"] = tuple(check.id_list(entry, "builds", field, competencies, "competency", minimum=1))
        for key, allowed in (("kind", KINDS), ("horizon", HORIZONS)):
            if key in entry and check.reference(entry[key], join(field, key), allowed, key, entry, key):
                values[key] = entry[key]
        for key in ("in_now", "heading_to"):
            values[key] = tuple(check.id_list(entry, key, field, places, "role or track"))
        values["levels"] = _levels(check, entry, field)
        values["sources"] = tuple(check.id_list(entry, "sources", field, sources, "source", minimum=1))
        if len(check.problems) == before:
            result[str(ident)] = Recommendation(id=str(ident), **values)
    return result


def _levels(check: Checker, entry: dict, field: str) -> tuple[int, ...]:
    levels = entry.get("levels")
    if "levels" not in entry:
        return ()  # reported as a missing required key
    if not isinstance(levels, list) or not levels or any(
        isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 5 for level in levels
    ):
        check.add(f"must be a list of current levels from 0 to 5, like [0, 1, 2], found {describe(levels)}",
                  join(field, "levels"), entry, "levels")
        return ()
    return tuple(sorted(set(levels)))


def _check_ladders(check: Checker, root: dict, roles: dict[str, Role]) -> None:
    data = _declared(root, "roles")
    by_track: dict[str, list[Role]] = {}
    for role in roles.values():
        by_track.setdefault(role.track, []).append(role)
    for ladder in by_track.values():
        ladder.sort(key=lambda role: role.seniority)
        for junior, senior in pairwise(ladder):
            if senior.seniority == junior.seniority:
                continue
            for competency in LADDER_COMPETENCIES:
                below, above = junior.required(competency), senior.required(competency)
                if above < below:
                    check.add(
                        f"asks level {above} of {competency}, less than the more junior "
                        f"'{junior.id}' ({below}); a ladder never asks less of it going up",
                        join(join("roles", senior.id), "requirements"), data.get(senior.id), "requirements",
                    )
