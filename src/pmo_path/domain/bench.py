"""The bench: for every role, who in a team is ready or close to step into it (succession)."""

from __future__ import annotations

from dataclasses import dataclass
from operator import add

from .model import Framework, Profile, Role, Verdict
from .scoring import half_up, verdict_of


@dataclass(frozen=True)
class BenchRow:
    role: Role
    ready: tuple[tuple[str, float], ...]  # (name, readiness), most ready first
    close: tuple[tuple[str, float], ...]


def bench(framework: Framework, people: list[tuple[str, Profile]], labels: dict[str, str]) -> tuple[BenchRow, ...]:
    """Every role in framework order, with the members ready and close for it; `labels` names each file's person.

    Readiness and verdict are the scorer's (contract section 3), worked out a role at a time over the whole
    team: each person's level in each competency is read once, and each requirement adds its share to every
    person through a lookup by level. Scoring each person against each role in full (gaps sorted, strengths,
    unrated) took 20 s over a 1 MiB survey and 48 s with a 300-role framework, for two numbers a pair.
    """
    columns = {c: [p.ratings[c].level if c in p.ratings else 0 for _, p in people] for c in framework.competencies}
    top = max((max(column, default=0) for column in columns.values()), default=0)
    thresholds = framework.thresholds
    rows = []
    for role in framework.roles.values():
        met, core_gap = [0] * len(people), [0] * len(people)
        for requirement in role.requirements:
            column = columns.get(requirement.competency) or [0] * len(people)
            share = [requirement.weight * min(level, requirement.level) for level in range(top + 1)]
            met = list(map(add, met, map(share.__getitem__, column)))
            if requirement.weight == 3:
                gap = [max(0, requirement.level - level) for level in range(top + 1)]
                core_gap = list(map(max, core_gap, map(gap.__getitem__, column)))
        total = sum(r.weight * r.level for r in role.requirements)
        found: dict[Verdict, list[tuple[str, float, str]]] = {Verdict.READY: [], Verdict.CLOSE: []}
        for index, value in enumerate(met):
            readiness = half_up(100 * value, total, 1) if total else 100.0
            if readiness < thresholds.close:
                continue  # neither ready nor close, whatever the core gaps
            result = verdict_of(readiness, core_gap[index], thresholds)
            if result in found:
                file = people[index][0]
                found[result].append((labels[file], readiness, file))
        ordered = {
            v: tuple((name, value) for name, value, _ in sorted(group, key=lambda g: (-g[1], g[2]))) for v, group in found.items()
        }
        rows.append(BenchRow(role, ordered[Verdict.READY], ordered[Verdict.CLOSE]))
    return tuple(rows)
