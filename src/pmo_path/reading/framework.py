"""The framework: competencies, roles, recommendations and their sources.

Loaded from `roles.yaml` and `recommendations.yaml`, either the bundled ones
or an organisation's own (`--data-dir` / `PMO_PATH_DATA`; a file missing
there falls back to the bundled one). Everything is checked, across both
files, and every problem is reported at once.
"""

from __future__ import annotations

import os
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from ..domain.model import (
    LADDER_COMPETENCIES,
    MIN_COMPETENCIES,
    Competency,
    Framework,
    Recommendation,
    Role,
    Source,
    Thresholds,
)
from ..errors import InputError, Problem
from .checks import Checker, describe, join
from .framework_spec import (
    COMPETENCY,
    CONTEXT_KINDS,
    RECOMMENDATION,
    RECOMMENDATIONS_SPEC,
    ROLE,
    ROLES_SPEC,
    SOURCE,
    THRESHOLDS,
    level_of,
)
from .spec import Spec
from .yamldoc import Document, load_file

ROLES_FILE = "roles.yaml"
RECOMMENDATIONS_FILE = "recommendations.yaml"
DATA_ENV = "PMO_PATH_DATA"


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
    return replace(framework, data_dir=str(data_dir)) if data_dir else framework


def _build_framework(roles_doc: Document, recs_doc: Document) -> tuple[Framework | None, list[Problem]]:
    roles_check, recs_check = Checker(roles_doc), Checker(recs_doc)
    roles_root, recs_root = roles_check.root(), recs_check.root()
    if roles_root is None or recs_root is None:  # an empty or non-mapping file: nothing else can be checked
        return None, roles_check.problems + recs_check.problems
    roles_check.keys(roles_root, "", ROLES_SPEC.keys(), ROLES_SPEC.required())
    recs_check.keys(recs_root, "", RECOMMENDATIONS_SPEC.keys(), RECOMMENDATIONS_SPEC.required())
    for check, root in ((roles_check, roles_root), (recs_check, recs_root)):
        if root.get("schema_version") not in (None, 1):  # blank reads as left out, as for every optional field
            check.add("only schema_version 1 is understood", "schema_version", root, "schema_version")

    thresholds = _thresholds(roles_check, roles_root)
    scale = _scale(roles_check, roles_root)
    groups = _names(roles_check, roles_root, "groups")
    tracks = _names(roles_check, roles_root, "tracks")
    sources: dict[str, Source] = {}
    for check, root in ((roles_check, roles_root), (recs_check, recs_root)):
        sources.update(_sources(check, root, sources))
    # References are checked against every id declared, sound or not, so one broken entry is
    # reported once rather than again at every place that names it.
    declared = {key: _declared(roles_root, key) for key in ("groups", "tracks", "competencies", "roles")}
    declared["sources"] = {**_declared(roles_root, "sources"), **_declared(recs_root, "sources")}
    context = {
        "group": declared["groups"],
        "track": declared["tracks"],
        "competency": declared["competencies"],
        "role": declared["roles"],
        "source": declared["sources"],
        **CONTEXT_KINDS,
    }
    competencies = _competencies(roles_check, roles_root, context)
    roles = _roles(roles_check, roles_root, context)
    recommendations = _recommendations(recs_check, recs_root, context)

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


def _scale(check: Checker, root: dict) -> dict[int, str]:
    """The name of each level 0-5; left out (or blank), the scale is not named."""
    if root.get("scale") is None:
        return {}
    names = check.mapping(root, "scale", "") or {}
    result: dict[int, str] = {}
    for given in names:
        level = level_of(given, range(6))
        if level is None:
            check.add(f"levels are 0 to 5, found {describe(given)}", join("scale", given), names, given)
        elif level in result:
            check.add(f"level {level} is given twice", join("scale", given), names, given)
        elif check.text(names, given, "scale") is not None:
            result[level] = names[given]
    return result


def _thresholds(check: Checker, root: dict) -> Thresholds:
    data = check.mapping(root, "thresholds", "") or {}
    values = THRESHOLDS.read(check, data, "thresholds", {})
    if len(values) < len(THRESHOLDS.fields):  # a problem is reported; carry on with the defaults to check the rest
        return Thresholds(90, 1, 75, 50)
    if not values["ready"] >= values["close"] >= values["developing"]:
        check.add("must satisfy ready >= close >= developing", "thresholds", data)
    if values["ready_max_core_gap"] > values["close_max_core_gap"]:
        check.add("must satisfy ready_max_core_gap <= close_max_core_gap", "thresholds", data)
    return Thresholds(**values)


def _entries(check: Checker, root: dict, section: str, shape: str):
    """Each `id: {...}` entry of a section as (id, entry, field); entries that are no mapping are reported."""
    if root.get(section) is None and section == "sources":  # the one optional section: blank is left out
        return
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
        values = SOURCE.read(check, entry, field, {})
        if "title" in values and "author" in values:
            result[ident] = Source(id=ident, **values)
    return result


def _read_entries(check: Checker, root: dict, section: str, spec: Spec, context: dict, build) -> dict:
    """Each entry of a section read with its spec; those without a problem built with `build(id, values)`."""
    result = {}
    for ident, entry, field in _entries(check, root, section, ", ".join(spec.required()[:3]) + ", ..."):
        before = len(check.problems)
        values = spec.read(check, entry, field, context)
        if len(check.problems) == before:
            result[ident] = build(ident, values, entry, field)
    return result


def _competencies(check: Checker, root: dict, context: dict) -> dict[str, Competency]:
    result = _read_entries(
        check, root, "competencies", COMPETENCY, context, lambda ident, values, entry, field: Competency(id=ident, **values)
    )
    if _declared(root, "competencies") and len(result) < MIN_COMPETENCIES and not check.problems:
        check.add(
            f"{len(result)} competencies defined; a framework needs at least {MIN_COMPETENCIES} "
            "(the radar chart draws one spoke each)",
            "competencies",
            root["competencies"],
        )
    return result


def _roles(check: Checker, root: dict, context: dict) -> dict[str, Role]:
    def build(ident: str, values: dict, entry: dict, field: str) -> Role:
        if ident in values.get("next", ()):
            check.add("a role cannot lead to itself", join(field, "next"), entry, "next")
        return Role(id=ident, **{"years": (0, 0), "next": (), **values})

    return _read_entries(check, root, "roles", ROLE, context, build)


def _recommendations(check: Checker, root: dict, context: dict) -> dict[str, Recommendation]:
    return _read_entries(
        check,
        root,
        "recommendations",
        RECOMMENDATION,
        context,
        lambda ident, values, entry, field: Recommendation(id=ident, **values),
    )


def _check_ladders(check: Checker, root: dict, roles: dict[str, Role]) -> None:
    data = _declared(root, "roles")

    def flag(role_id: str, field: str, message: str) -> None:
        check.add(message, join(join("roles", role_id), field), data.get(role_id), field)

    by_track: dict[str, list[Role]] = {}
    for role in roles.values():
        by_track.setdefault(role.track, []).append(role)
    for role in roles.values():  # a move "up" never lands lower (seniority compares across tracks)
        for there in role.next:
            if there in roles and roles[there].seniority < role.seniority:
                flag(
                    role.id,
                    "next",
                    f"leads to '{there}' (seniority {roles[there].seniority}), less senior than "
                    f"'{role.id}' ({role.seniority}); `next` lists moves up or across",
                )
    for ladder in by_track.values():
        ladder.sort(key=lambda role: role.seniority)
        for junior, senior in pairwise(ladder):
            if senior.seniority == junior.seniority:
                continue
            for competency in LADDER_COMPETENCIES:
                below, above = junior.required(competency), senior.required(competency)
                if above < below:
                    flag(
                        senior.id,
                        "requirements",
                        f"asks level {above} of {competency}, less than the more junior "
                        f"'{junior.id}' ({below}); a ladder never asks less of it going up",
                    )
