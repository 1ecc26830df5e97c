"""The bench: for every role, who holds it, and who in a team is ready or close to step into it (succession)."""

from __future__ import annotations

from dataclasses import dataclass
from operator import add, or_

from .model import Framework, Profile, Role, Verdict
from .scoring import half_up, verdict_of


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person on a role's bench: their readiness for that role, provisional when it needs a competency they did not rate."""

    name: str
    readiness: float
    provisional: bool = False


@dataclass(frozen=True)
class BenchRow:
    role: Role
    ready: tuple[Candidate, ...]  # most ready first
    close: tuple[Candidate, ...]
    holders: tuple[Candidate, ...] = ()  # whose current_role it is, with their readiness for it

    @property
    def risk(self) -> bool:
        """A succession risk: nobody (besides whoever holds it) is ready to step in."""
        return not self.ready


def bench(
    framework: Framework,
    people: list[tuple[str, Profile]],
    labels: dict[str, str],
    everyone: bool = False,
    order: dict[str, int] | None = None,
) -> tuple[BenchRow, ...]:
    """Every role in framework order: who holds it, and the members ready and close for it.

    `labels` names each file's person; `order` breaks a readiness tie (file order unless given: anonymous
    numbering passes its own, so a tie does not give the files' order away). A person is listed only for
    their own role and those at least as senior (either track) unless `everyone`; for their own role they
    are a holder, never a candidate. Someone with no current_role (or one the framework lacks) could be
    anywhere, so is listed for every role.

    Readiness and verdict are the scorer's (contract section 3), worked out a role at a time over the whole
    team: each person's level in each competency is read once, and each requirement adds its share to every
    person through a lookup by level. Scoring each person against each role in full (gaps sorted, strengths,
    unrated) took 20 s over a 1 MiB survey and 48 s with a 300-role framework, for two numbers a pair.
    """
    columns = {c: [p.ratings[c].level if c in p.ratings else 0 for _, p in people] for c in framework.competencies}
    unrated = {c: [c not in p.ratings for _, p in people] for c in framework.competencies}
    top = max((max(column, default=0) for column in columns.values()), default=0)
    thresholds = framework.thresholds
    current = [p.current_role if p.current_role in framework.roles else None for _, p in people]
    floor = [framework.roles[c].seniority if c else None for c in current]
    tie = order if order is not None else {file: index for index, file in enumerate(sorted(f for f, _ in people))}
    nobody = [False] * len(people)
    rows = []
    for role in framework.roles.values():
        met, core_gap, provisional = [0] * len(people), [0] * len(people), nobody
        for requirement in role.requirements:
            column = columns.get(requirement.competency) or [0] * len(people)
            share = [requirement.weight * min(level, requirement.level) for level in range(top + 1)]
            met = list(map(add, met, map(share.__getitem__, column)))
            if requirement.level:
                provisional = list(map(or_, provisional, unrated.get(requirement.competency) or [True] * len(people)))
            if requirement.weight == 3:
                gap = [max(0, requirement.level - level) for level in range(top + 1)]
                core_gap = list(map(max, core_gap, map(gap.__getitem__, column)))
        total = sum(r.weight * r.level for r in role.requirements)
        found: dict[Verdict | None, list[tuple[Candidate, int]]] = {Verdict.READY: [], Verdict.CLOSE: [], None: []}
        for index, value in enumerate(met):
            holder = current[index] == role.id
            if not (holder or everyone or floor[index] is None or role.seniority >= floor[index]):
                continue  # a step down is no succession
            readiness = half_up(100 * value, total, 1) if total else 100.0
            if not holder and readiness < thresholds.close:
                continue  # neither ready nor close, whatever the core gaps
            result = None if holder else verdict_of(readiness, core_gap[index], thresholds)
            if result in found:
                file = people[index][0]
                found[result].append((Candidate(labels[file], readiness, provisional[index]), tie[file]))
        ordered = {v: tuple(c for c, _ in sorted(group, key=lambda g: (-g[0].readiness, g[1]))) for v, group in found.items()}
        rows.append(BenchRow(role, ordered[Verdict.READY], ordered[Verdict.CLOSE], ordered[None]))
    return tuple(rows)
