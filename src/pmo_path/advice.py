"""Choose the few recommendations that move a person furthest.

Greedy cover: each pick is the recommendation that addresses the most
remaining priority, where a gap's weight halves every time a picked
recommendation already addresses it. Ties go to advice suited to the
person's move, then to advice aimed at their current level. A single gap
never gets a third recommendation while another gap still has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .framework import Framework, Recommendation
from .scoring import Gap


@dataclass(frozen=True, slots=True)
class Advice:
    recommendation: Recommendation
    addresses: tuple[str, ...]  # gapped competencies it builds, most pressing first


def suitability(recommendation: Recommendation, move: set[str]) -> int:
    """1 if suited to the move, 0 if generic, -1 if meant for someone else."""
    if not recommendation.suits:
        return 0
    return 1 if move.intersection(recommendation.suits) else -1


def level_fit(recommendation: Recommendation, addresses: tuple[str, ...], levels: Mapping[str, int]) -> int:
    if not recommendation.levels:
        return 0
    return 1 if any(levels.get(c, 0) in recommendation.levels for c in addresses) else -1


def rank(
    framework: Framework,
    gaps: tuple[Gap, ...] | list[Gap],
    levels: Mapping[str, int],
    move: set[str] | frozenset[str] = frozenset(),
    top: int = 5,
) -> list[Advice]:
    """Up to `top` recommendations for these gaps.

    `move` holds the ids that describe the person's move: current role and
    track, target role and track.
    """
    pending = {g.competency: g.priority for g in gaps if g.gap > 0}
    rank_of = {competency: index for index, competency in enumerate(pending)}
    times = dict.fromkeys(pending, 0)
    order = {rec_id: index for index, rec_id in enumerate(framework.recommendations)}
    candidates = []
    for rec in framework.recommendations.values():
        addresses = tuple(sorted((c for c in rec.builds if c in pending), key=rank_of.__getitem__))
        if addresses:
            fixed = (suitability(rec, set(move)), level_fit(rec, addresses, levels), -order[rec.id])
            candidates.append((rec, addresses, fixed))

    chosen: list[Advice] = []
    while candidates and len(chosen) < top:
        open_gaps = {c for c, n in times.items() if n == 0}
        can_open = any(open_gaps.intersection(addresses) for _, addresses, _ in candidates)

        def key(candidate):
            _, addresses, fixed = candidate
            coverage = sum(pending[c] / 2 ** times[c] for c in addresses)
            return (coverage, *fixed)

        allowed = [
            candidate for candidate in candidates
            if not (can_open and all(times[c] >= 2 for c in candidate[1]))
        ]
        best = max(allowed, key=key)
        candidates.remove(best)
        for competency in best[1]:
            times[competency] += 1
        chosen.append(Advice(best[0], best[1]))
    return chosen
