"""The files `pmo-path framework import` writes: roles.yaml from a matrix, a recommendations.yaml with no advice yet.

Every text from the matrix is written through `safe.yaml_text` (double-quoted,
escaped), so a title like `no`, `Lead: Delivery # 2` or `- Band 7` reads back
as written; an id is written bare only when it is plain lower-case words that
no YAML reader takes for anything but text. The file is meant to be edited:
comments at the top say what to add next.
"""

from __future__ import annotations

import re

from ..reading.matrix import SOURCE_ID, Matrix
from .safe import yaml_text

# Bare keys YAML 1.1 readers (many editors and tools) take for booleans or null.
_RESERVED = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
_PLAIN_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")

NO_ADVICE = """\
# Advice for your framework: none yet. pmo-path works without it (it says where
# a gap has no advice); add recommendations when you have them, each tagged with
# the competencies it builds and the levels it suits (docs/own-framework.md).
schema_version: 1
recommendations: {}
"""


def yaml_key(ident: str) -> str:
    """An id as a mapping key or list item: bare when it can only read as that text, quoted otherwise."""
    return ident if _PLAIN_ID.match(ident) and ident not in _RESERVED else yaml_text(ident)


def roles_yaml(matrix: Matrix) -> str:
    """roles.yaml for the matrix: the scale, its one source, groups, tracks, competencies and roles."""
    lines = [
        "# Made by `pmo-path framework import` from a role-by-competency matrix.",
        "# Add what the matrix did not say, when you have it: a competency's",
        "# description and what each level looks like in it (levels: {2: ...}),",
        "# a role's summary, weights (3 = core), grades. Then run pmo-path validate.",
        "schema_version: 1",
        "scale:  # the levels 1 to N, lowest first; 0 (not yet) is implied",
        *(f"  - {yaml_text(name)}" for name in matrix.scale),
        "sources:",
        f"  {SOURCE_ID}:",
        f"    title: {yaml_text(matrix.source_title)}",
    ]
    if matrix.groups:
        lines.append("groups:")
        lines.extend(f"  {yaml_key(ident)}: {yaml_text(name)}" for ident, name in matrix.groups.items())
    lines.append("tracks:")
    lines.extend(f"  {yaml_key(ident)}: {yaml_text(name)}" for ident, name in matrix.tracks.items())
    lines.append("competencies:")
    for competency in matrix.competencies:
        lines += [f"  {yaml_key(competency.id)}:", f"    name: {yaml_text(competency.name)}"]
        if competency.group is not None:
            lines.append(f"    group: {yaml_key(competency.group)}")
    lines.append("roles:")
    for role in matrix.roles:
        lines += [f"  {yaml_key(role.id)}:", f"    title: {yaml_text(role.title)}"]
        if role.grade:
            lines.append(f"    grade: {yaml_text(role.grade)}")
        lines += [f"    track: {yaml_key(role.track)}", f"    seniority: {role.seniority}", "    requirements:"]
        for competency, level in role.requirements:
            shown = yaml_text(matrix.scale[level - 1]) if matrix.named else str(level)
            lines.append(f"      {yaml_key(competency)}: {shown}")
        if role.next:
            lines.append(f"    next: [{', '.join(yaml_key(ident) for ident in role.next)}]")
        lines.append(f"    sources: [{SOURCE_ID}]")
    return "\n".join(lines) + "\n"
