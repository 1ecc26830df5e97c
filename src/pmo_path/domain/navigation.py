"""Career navigation: two roles compared, the route between roles, every role ranked for one person.

Pure core: plain data in and out; the renderers in `render/` draw it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from .assessment import growth_along
from .model import Change, Framework, Relation, Role
from .routes import fewest_steps, personal_route, step_cost
from .scoring import Gap, Score, match

CHANGES = tuple(Change)


@dataclass(frozen=True, slots=True)
class CompetencyChange:
    """One competency as two roles ask for it; level and weight 0 mean "not required"."""

    competency: str
    from_level: int
    from_weight: int
    to_level: int
    to_weight: int

    @property
    def change(self) -> Change:
        """rises, falls or stays by required level; new or dropped when only one role requires it."""
        if not self.from_level:
            return Change.NEW
        if not self.to_level:
            return Change.DROPPED
        if self.to_level > self.from_level:
            return Change.RISES
        return Change.FALLS if self.to_level < self.from_level else Change.STAYS

    @property
    def delta(self) -> int:
        return self.to_level - self.from_level


@dataclass(frozen=True)
class RoleComparison:
    source: Role
    target: Role
    competencies: tuple[CompetencyChange, ...]  # every competency either role requires, in framework order

    def count(self, change: str) -> int:
        return sum(row.change == change for row in self.competencies)


def compare_roles(framework: Framework, source: Role, target: Role) -> RoleComparison:
    """What moving from one role to another asks: each competency's level and weight in both."""
    before = {r.competency: r for r in source.requirements}
    after = {r.competency: r for r in target.requirements}
    rows = []
    for competency in framework.competencies:
        old, new = before.get(competency), after.get(competency)
        if old is None and new is None:
            continue
        rows.append(
            CompetencyChange(
                competency, old.level if old else 0, old.weight if old else 0, new.level if new else 0, new.weight if new else 0
            )
        )
    return RoleComparison(source, target, tuple(rows))


@dataclass(frozen=True)
class Route:
    """A route FROM → TO; with a person's levels, what each step asks them to grow."""

    steps: list[str]
    personal: bool  # chosen for least new growth (a profile was given) rather than fewest steps
    growth: tuple[tuple[str, tuple[Gap, ...]], ...] = ()  # personal: each step after the first, with its gaps
    rises: tuple[tuple[str, tuple[CompetencyChange, ...]], ...] = ()  # each step, requirements that rise or are new
    cost: int | None = None  # personal: sum over the roles entered of their weighted gaps
    fewest: list[str] | None = None  # personal: the fewest-steps route, when it differs from `steps`
    fewest_cost: int | None = None


def route(framework: Framework, start: str, goal: str, levels: Mapping[str, int] | None = None) -> Route:
    """The fewest-steps route, or with `levels` the one that asks least new growth of that person.

    Raises InputError for an unknown id (with did-you-mean) and NoRouteError when no chain leads there.
    """
    framework.role(start, "from"), framework.role(goal, "to")
    shortest = fewest_steps(framework, start, goal)
    if levels is None:
        return Route(shortest, False, rises=_rises_along(framework, shortest))
    chosen = personal_route(framework, start, goal, levels)
    cost = _route_cost(framework, chosen, levels)
    differs = shortest != chosen
    return Route(
        chosen,
        True,
        growth_along(framework, chosen, dict(levels)),
        _rises_along(framework, chosen),
        cost,
        shortest if differs else None,
        _route_cost(framework, shortest, levels) if differs else None,
    )


def _route_cost(framework: Framework, steps: list[str], levels: Mapping[str, int]) -> int:
    return sum(step_cost(framework, role_id, levels) for role_id in steps[1:])


def _rises_along(framework: Framework, steps: list[str]) -> tuple[tuple[str, tuple[CompetencyChange, ...]], ...]:
    """For each step, the requirements that rise or appear compared with the role before it."""
    result = []
    for here, there in pairwise(steps):
        comparison = compare_roles(framework, framework.roles[here], framework.roles[there])
        result.append((there, tuple(row for row in comparison.competencies if row.change in (Change.RISES, Change.NEW))))
    return tuple(result)


@dataclass(frozen=True)
class Match:
    """One role ranked for a person, placed against where they are now."""

    score: Score
    relation: Relation | None  # None without a current role
    target: bool  # the profile's target role

    @property
    def role(self) -> Role:
        return self.score.role


def relation(current: Role | None, role: Role) -> Relation | None:
    if current is None:
        return None
    if role.id == current.id:
        return Relation.CURRENT
    return Relation.LADDER if role.track == current.track else Relation.CROSS_TRACK


def ranked_roles(
    framework: Framework,
    levels: Mapping[str, int],
    current: Role | None = None,
    target: Role | None = None,
    top: int | None = None,
    everything: bool = False,
) -> list[Match]:
    """Roles by readiness, best first (scoring.match), with where each sits relative to the person.

    With a current role, only moves: that role and every role at least as
    senior, on either track; `everything` adds the roles below it.
    """
    scores = match(framework, levels, current)
    scores = [s for s in scores if everything or current is None or s.role.seniority >= current.seniority]
    return [Match(s, relation(current, s.role), target is not None and s.role.id == target.id) for s in scores[: top or None]]
