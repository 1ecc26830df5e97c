"""Choose the few next steps that fit this person and move them furthest.

Eligibility is a gate (contract section 3): a recommendation is shown only
if it builds a competency with a gap, the person's current level in one of
those is among its `levels`, and its `in_now` / `heading_to` conditions,
where stated, hold. Generic advice builds only on rated gaps (an unrated
competency is an unknown); advice aimed at this move (a stated condition
that holds) also counts unrated competencies as level 0 with their gap, so
the steps written for the move are never hidden by a blank rating. Advice
that is right for someone else is never shown, however many gaps it would
cover.

Among the eligible, a greedy cover: each pick is the one whose most pressing
gap is the most pressing still open; a gap's weight halves each time a
picked step already addresses it, and no gap gets a third step while another
has none. For the same gap, when the gap is core (weight 3), doing
(experience, assignment, visibility, mentoring, and network: the steps done
at work) comes before reading (learning, reading, and certification, which is
study for an exam); then advice aimed at this move outranks generic advice;
then the nearer horizon, then file order. A credential (kind certification)
certifies what the doing builds, so its gaps weigh in full however many
steps already address them; a plan holds at most one. Its level gate reads
its main competency only, the first in `builds`.

For a person ready for their target, `rank_together` ranks what is left of
the target and the next role's gaps as one pool, under the same rules.

With nothing left to close, `keep_sharp` picks steps for a person who already
meets every requirement: advice whose levels include theirs in a competency
the role needs, stated conditions holding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import Framework, Recommendation, Role
from .scoring import Gap, urgency

CERTIFICATION = "certification"


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


def gate_competencies(recommendation: Recommendation) -> tuple[str, ...]:
    """The competencies whose level the `levels` gate reads: a credential's main one (listed first), else every one.

    A credential certifies one main competency; the others it lists are what
    its study also touches. Reading only the first keeps PfMP from reaching a
    program manager at portfolio management 2 through strategic thinking 3.
    """
    return recommendation.builds[:1] if recommendation.kind == CERTIFICATION else recommendation.builds


def eligible_for(
    recommendation: Recommendation, gaps: Mapping[str, Gap], levels: Mapping[str, int], move: Move
) -> tuple[str, ...]:
    """The gaps this recommendation fits for this person (their level is in its `levels`); () if none.

    An unrated gap counts (as level 0) only for advice aimed at this move. For
    a credential (kind certification) the level gate reads its main
    competency, the first in `builds`, whether or not that is a gap; it then
    addresses every gap it builds.
    """
    if not conditions_hold(recommendation, move):
        return ()
    aimed = bool(recommendation.in_now or recommendation.heading_to)
    counts = [c for c in recommendation.builds if c in gaps and (aimed or gaps[c].rated)]
    if recommendation.kind == CERTIFICATION:
        main = recommendation.builds[0]
        if (main not in levels and not aimed) or levels.get(main, 0) not in recommendation.levels:
            return ()
        return tuple(counts)
    return tuple(c for c in counts if levels.get(c, 0) in recommendation.levels)


HORIZON_ORDER = {"30-days": 0, "6-months": 1, "1-2-years": 2}
DOING = frozenset(("experience", "assignment", "visibility", "mentoring"))
READING = frozenset(("learning", "reading", "certification"))  # studying for a credential is reading too
CORE = 3


def rank(
    framework: Framework,
    gaps: tuple[Gap, ...] | list[Gap],
    levels: Mapping[str, int],
    move: Move,
    top: int = 5,
) -> list[Advice]:
    """Up to `top` eligible recommendations for `gaps` (most pressing first; unrated ones only for aimed advice)."""
    return rank_together(framework, [(gaps, move)], levels, top)


def rank_together(
    framework: Framework,
    pools: Sequence[tuple[Sequence[Gap], Move]],
    levels: Mapping[str, int],
    top: int = 5,
) -> list[Advice]:
    """Up to `top` steps for several moves' gaps ranked as one pool: a ready person's target and the role after it.

    A recommendation is eligible if it is eligible for any pool (each with its
    own move). A competency short in more than one pool counts once, with its
    most pressing gap (closing the larger gap closes the smaller), so the
    halving and the "no third step" rule see every gap of every pool at once.
    """
    merged: dict[str, Gap] = {}
    for gaps, _ in pools:
        for g in gaps:
            if g.gap > 0 and (g.competency not in merged or urgency(g) > urgency(merged[g.competency])):
                merged[g.competency] = g
    # most pressing first; equal urgency keeps the pools' own order (each comes most pressing first)
    first_seen = {c: i for i, c in enumerate(dict.fromkeys(g.competency for gaps, _ in pools for g in gaps if g.gap > 0))}
    open_gaps = dict(sorted(merged.items(), key=lambda item: (*(-part for part in urgency(item[1])), first_seen[item[0]])))
    order = {competency: index for index, competency in enumerate(open_gaps)}
    candidates = []
    for index, rec in enumerate(framework.recommendations.values()):
        found: set[str] = set()
        for gaps, move in pools:
            found.update(eligible_for(rec, {g.competency: g for g in gaps if g.gap > 0}, levels, move))
        if found:
            addresses = tuple(sorted(found, key=order.__getitem__))
            aimed = bool(rec.in_now or rec.heading_to)
            candidates.append((Advice(rec, addresses, aimed), (int(aimed), -HORIZON_ORDER.get(rec.horizon, 3), -index)))

    times = dict.fromkeys(open_gaps, 0)
    chosen: list[Advice] = []
    while candidates and len(chosen) < top:

        def value(candidate) -> tuple:
            advice, fixed = candidate
            # a credential certifies what the doing builds: it does not pile on, so its gaps weigh in full
            credential = advice.recommendation.kind == CERTIFICATION
            weighed = sorted(
                ((open_gaps[c].priority / 2 ** (0 if credential else times[c]), c) for c in advice.addresses), reverse=True
            )
            first = open_gaps[weighed[0][1]]
            # for a core gap, doing comes before reading about it
            doing = not (first.weight >= CORE and advice.recommendation.kind in READING)
            return (weighed[0][0], int(doing), *fixed, sum(w for w, _ in weighed))

        # A gap never gets a third step while another gap that some step could open has none.
        can_open = any(times[c] == 0 for advice, _ in candidates for c in advice.addresses)
        allowed = [c for c in candidates if not (can_open and all(times[g] >= 2 for g in c[0].addresses))]
        best = max(allowed, key=value)
        candidates.remove(best)
        if best[0].recommendation.kind == CERTIFICATION:  # one credential per plan
            candidates = [c for c in candidates if c[0].recommendation.kind != CERTIFICATION]
        for competency in best[0].addresses:
            times[competency] += 1
        chosen.append(best[0])
    return chosen


def keep_sharp(framework: Framework, role: Role, levels: Mapping[str, int], move: Move, top: int = 5) -> list[Advice]:
    """For someone with nothing left to close and nowhere more senior to go: steps that keep them sharp.

    Advice whose `levels` include the person's level in a competency the role
    needs (stated conditions holding): doing before reading, then the most
    heavily weighted competency, each competency leading at most twice; then
    aimed, nearer horizon, file order.
    """
    weight = {r.competency: r.weight for r in role.requirements}
    candidates = []
    for index, rec in enumerate(framework.recommendations.values()):
        if not conditions_hold(rec, move):
            continue
        if not any(levels.get(c, 0) in rec.levels for c in gate_competencies(rec)):
            continue  # for a credential, the gate reads its main competency only
        fits = tuple(c for c in rec.builds if c in weight and (rec.kind == CERTIFICATION or levels.get(c, 0) in rec.levels))
        if fits:
            fits = tuple(sorted(fits, key=lambda c: -weight[c]))
            aimed = bool(rec.in_now or rec.heading_to)
            key = (int(rec.kind not in READING), weight[fits[0]], int(aimed), -HORIZON_ORDER.get(rec.horizon, 3), -index)
            candidates.append((key, Advice(rec, fits, aimed)))
    candidates.sort(key=lambda pair: pair[0], reverse=True)
    times: dict[str, int] = {}
    chosen: list[Advice] = []
    for _, advice in candidates:
        if len(chosen) == top:
            break
        if times.get(advice.addresses[0], 0) >= 2:
            continue
        times[advice.addresses[0]] = times.get(advice.addresses[0], 0) + 1
        chosen.append(advice)
    return chosen
