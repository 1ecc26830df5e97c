"""Choose the few next steps that fit this person and move them furthest.

Eligibility is a gate (contract section 3): a recommendation is shown only
if it builds a competency with a rated gap, the person's current level in
one of those is among its `levels`, and its `in_now` / `heading_to`
conditions, where stated, hold. Advice that is right for someone else is
never shown, however many gaps it would cover.

Among the eligible, a greedy cover: each pick is the one whose most pressing
gap is the most pressing still open; a gap's weight halves each time a
picked step already addresses it, and no gap gets a third step while another
has none. Advice aimed at this move (a stated condition that holds) outranks
generic advice for the same gap; then the nearer horizon, then file order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Framework, Recommendation, Role
from .scoring import Gap


@dataclass(frozen=True, slots=True)
class Move:
    """Where a person is and where they are heading, as ids a recommendation's conditions name."""

    now: frozenset[str]  # current role id and its track; empty without a current role
    heading: frozenset[str]  # target role id and its track

    @classmethod
    def of(cls, current: Role | None, target: Role) -> Move:
        now = frozenset((current.id, current.track)) if current is not None else frozenset()
        return cls(now, frozenset((target.id, target.track)))


@dataclass(frozen=True, slots=True)
class Advice:
    recommendation: Recommendation
    addresses: tuple[str, ...]  # the rated gaps it builds, most pressing first
    aimed: bool  # a stated in_now / heading_to condition holds: written for this move


def conditions_hold(recommendation: Recommendation, move: Move) -> bool:
    """Both place conditions, each only where stated."""
    if recommendation.in_now and not move.now.intersection(recommendation.in_now):
        return False
    return not (recommendation.heading_to and not move.heading.intersection(recommendation.heading_to))


def eligible_for(
    recommendation: Recommendation, gaps: Mapping[str, Gap], levels: Mapping[str, int], move: Move
) -> tuple[str, ...]:
    """The rated gaps this recommendation fits for this person (their level is in its `levels`); () if none."""
    fits = tuple(c for c in recommendation.builds if c in gaps and levels.get(c, 0) in recommendation.levels)
    return fits if fits and conditions_hold(recommendation, move) else ()


HORIZON_ORDER = {"30-days": 0, "6-months": 1, "1-2-years": 2}


def rank(
    framework: Framework,
    gaps: tuple[Gap, ...] | list[Gap],
    levels: Mapping[str, int],
    move: Move,
    top: int = 5,
) -> list[Advice]:
    """Up to `top` eligible recommendations for the rated gaps among `gaps` (unrated ones are unknowns)."""
    rated = {g.competency: g for g in gaps if g.gap > 0 and g.competency in levels}
    order = {competency: index for index, competency in enumerate(rated)}  # `gaps` come most pressing first
    candidates = []
    for index, rec in enumerate(framework.recommendations.values()):
        addresses = eligible_for(rec, rated, levels, move)
        if addresses:
            addresses = tuple(sorted(addresses, key=order.__getitem__))
            aimed = bool(rec.in_now or rec.heading_to)
            candidates.append((Advice(rec, addresses, aimed), (int(aimed), -HORIZON_ORDER.get(rec.horizon, 3), -index)))

    times = dict.fromkeys(rated, 0)
    chosen: list[Advice] = []
    while candidates and len(chosen) < top:

        def value(candidate) -> tuple:
            advice, fixed = candidate
            weights = sorted((rated[c].priority / 2 ** times[c] for c in advice.addresses), reverse=True)
            return (weights[0], *fixed, sum(weights))

        # A gap never gets a third step while another gap that some step could open has none.
        can_open = any(times[c] == 0 for advice, _ in candidates for c in advice.addresses)
        allowed = [c for c in candidates if not (can_open and all(times[g] >= 2 for g in c[0].addresses))]
        best = max(allowed, key=value)
        candidates.remove(best)
        for competency in best[0].addresses:
            times[competency] += 1
        chosen.append(best[0])
    return chosen
