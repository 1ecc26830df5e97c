"""What changed between two assessments of one person, against one target role.

Ratings compare as the scoring sees them: an unrated competency counts as 0,
so rating a competency 0 that was unrated is no change, and every change
has a direction. Changes cover every competency of the framework, required
by the target or not; closed and opened gaps only the target's requirements.

A competency rated for the first time is not growth: its 0 before was an
unknown. It is a change (`newly_rated`), never a gap closed; likewise a rating
left out of the newer file is `no_longer_rated`, never a gap opened. Gaps
closed and opened are those of competencies rated in both assessments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .assessment import resolve_target
from .model import Framework, Profile, Role
from .scoring import Score, score


@dataclass(frozen=True, slots=True)
class Change:
    competency: str
    before: int
    after: int

    @property
    def rose(self) -> bool:
        return self.after > self.before


@dataclass(frozen=True)
class Point:
    """One assessment in a history."""

    profile: Profile
    score: Score

    @property
    def levels(self) -> dict[str, int]:
        return self.profile.levels()


@dataclass(frozen=True)
class Progress:
    old: Profile
    new: Profile
    before: Score
    after: Score
    changes: tuple[Change, ...]  # framework order
    closed: tuple[str, ...]  # gaps of the target that the new assessment no longer has (rated in both), framework order
    opened: tuple[str, ...]  # gaps that appeared (rated in both), framework order
    history: tuple[Point, ...] = ()  # with three or more assessments: each one, in time order
    newly_rated: tuple[str, ...] = ()  # changes whose competency the old assessment left unrated
    no_longer_rated: tuple[str, ...] = ()  # changes whose competency the new assessment leaves unrated

    @property
    def target(self) -> Role:
        return self.after.role

    @property
    def delta(self) -> float:
        """after - before readiness, exact to one decimal (both are already rounded to one)."""
        return (round(self.after.readiness * 10) - round(self.before.readiness * 10)) / 10


def pick_target(framework: Framework, old: Profile, new: Profile, target: Role | None) -> Role:
    """The target chosen for this run, else the new assessment's target_role, else the old one's."""
    return resolve_target(framework, new if new.target_role or not old.target_role else old, target)


def compare(framework: Framework, old: Profile, new: Profile, target: Role | None = None) -> Progress:
    role = pick_target(framework, old, new, target)
    before_levels, after_levels = old.levels(), new.levels()
    before, after = score(framework, before_levels, role), score(framework, after_levels, role)
    changes = tuple(
        Change(c, before_levels.get(c, 0), after_levels.get(c, 0))
        for c in framework.competencies
        if before_levels.get(c, 0) != after_levels.get(c, 0)
    )
    both = old.ratings.keys() & new.ratings.keys()
    gapped_before = {g.competency for g in before.gaps}
    gapped_after = {g.competency for g in after.gaps}
    closed = tuple(c for c in framework.competencies if c in both and c in gapped_before and c not in gapped_after)
    opened = tuple(c for c in framework.competencies if c in both and c in gapped_after and c not in gapped_before)
    newly = tuple(c.competency for c in changes if c.competency not in old.ratings)
    dropped = tuple(c.competency for c in changes if c.competency not in new.ratings)
    return Progress(old, new, before, after, changes, closed, opened, newly_rated=newly, no_longer_rated=dropped)


def in_time_order(profiles: list[Profile]) -> list[Profile]:
    """By assessed_on; a file without one keeps the place it was given (dated ones fill the other places in date order)."""
    dated = sorted((p for p in profiles if p.assessed_on), key=lambda p: p.assessed_on)
    slots = iter(dated)
    return [next(slots) if p.assessed_on else p for p in profiles]


def history(framework: Framework, profiles: list[Profile], target: Role | None = None) -> Progress:
    """Three or more assessments of one person: first against last, plus every one in between."""
    ordered = in_time_order(profiles)
    result = compare(framework, ordered[0], ordered[-1], target)
    points = tuple(Point(p, score(framework, p.levels(), result.target)) for p in ordered)
    return replace(result, history=points)
