"""Readiness, gaps and verdicts, exactly as the contract's section 3 defines them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Framework, Role, Thresholds, Verdict


@dataclass(frozen=True, slots=True)
class Gap:
    """One requirement of a role set against a person's rating."""

    competency: str
    current: int
    required: int
    weight: int
    rated: bool = True  # False: the person did not rate it; `current` is then 0, an unknown rather than a known gap

    @property
    def gap(self) -> int:
        return max(0, self.required - self.current)

    @property
    def priority(self) -> int:
        return self.weight * self.gap


@dataclass(frozen=True)
class Score:
    role: Role
    readiness: float
    verdict: Verdict
    gaps: tuple[Gap, ...]  # only requirements with gap > 0, most pressing first
    strengths: tuple[Gap, ...]  # requirements met, core first
    unrated: tuple[str, ...]  # competencies the person did not rate (framework order)
    best_case: float = 100.0  # the readiness if every unrated competency met its requirement

    @property
    def readiness_range(self) -> tuple[float, float] | None:
        """Provisional only: (as rated with unrated = 0, if every unrated competency met its requirement)."""
        return (self.readiness, self.best_case) if self.provisional else None

    @property
    def unrated_required(self) -> tuple[str, ...]:
        """The unrated competencies this role needs: these count as 0 in the readiness."""
        return tuple(c for c in self.unrated if self.role.required(c))

    @property
    def provisional(self) -> bool:
        """The role needs a competency the person did not rate: rate it before trusting the figure."""
        return bool(self.unrated_required)

    @property
    def rated_gaps(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.rated)

    @property
    def biggest_gap(self) -> Gap | None:
        """The most pressing known gap; an unrated one only when nothing rated falls short."""
        return self.gaps[0] if self.gaps else None


def urgency(gap: Gap) -> tuple[bool, int, int]:
    """How pressing a gap is, larger first: known before unrated, then priority, then size.

    Equal urgency goes to framework order. `score` sorts by it and `team`
    picks each member's biggest gap by it.
    """
    return gap.rated, gap.priority, gap.gap


def half_up(numerator: int, denominator: int, places: int) -> float:
    """numerator / denominator rounded half up, in integers so ties never drift (round() is banker's, on floats)."""
    scale = 10**places
    return ((2 * scale * numerator + denominator) // (2 * denominator)) / scale


def readiness(requirements: list[Gap] | tuple[Gap, ...]) -> float:
    """100 * sum(w * min(p, r)) / sum(w * r), rounded half up to one decimal.

    Integer arithmetic, so 61.45 never becomes 61.4 through float error.
    """
    met = sum(g.weight * min(g.current, g.required) for g in requirements)
    total = sum(g.weight * g.required for g in requirements)
    if total == 0:
        return 100.0
    return half_up(100 * met, total, 1)


def verdict(value: float, requirements: list[Gap] | tuple[Gap, ...], thresholds: Thresholds) -> Verdict:
    return verdict_of(value, max((g.gap for g in requirements if g.weight == 3), default=0), thresholds)


def verdict_of(value: float, core_gap: int, thresholds: Thresholds) -> Verdict:
    """The verdict from the readiness and the largest gap in a core (weight 3) competency."""
    if value >= thresholds.ready and core_gap <= thresholds.ready_max_core_gap:
        return Verdict.READY
    if value >= thresholds.close and core_gap <= thresholds.close_max_core_gap:
        return Verdict.CLOSE
    if value >= thresholds.developing:
        return Verdict.DEVELOPING
    return Verdict.STRETCH


def score(framework: Framework, levels: Mapping[str, int], role: Role) -> Score:
    """Score ratings (competency id -> 0..5; missing means unrated, 0) against a role."""
    order = {competency: index for index, competency in enumerate(framework.competencies)}
    requirements = [
        Gap(r.competency, levels.get(r.competency, 0), r.level, r.weight, r.competency in levels) for r in role.requirements
    ]
    value = readiness(requirements)
    gaps = sorted(
        (g for g in requirements if g.gap > 0),
        key=lambda g: (*(-part for part in urgency(g)), order.get(g.competency, len(order))),
    )
    strengths = sorted(
        (g for g in requirements if g.gap == 0),
        key=lambda g: (-g.weight, -(g.current - g.required), order.get(g.competency, len(order))),
    )
    unrated = tuple(c for c in framework.competencies if c not in levels)
    best_case = readiness([g if g.rated else Gap(g.competency, g.required, g.required, g.weight, False) for g in requirements])
    return Score(
        role, value, verdict(value, requirements, framework.thresholds), tuple(gaps), tuple(strengths), unrated, best_case
    )


def next_level(framework: Framework, gap: Gap) -> tuple[int, str] | None:
    """The level above the person's in a gap's competency and its descriptor: the evidence to gather next.

    None for an unrated gap (their level is unknown, so is the level above it:
    rate it first) and where the framework describes no level above.
    """
    if not gap.rated:
        return None
    competency = framework.competencies.get(gap.competency)
    level = gap.current + 1
    if competency is None or level not in competency.levels:
        return None
    return level, competency.levels[level]


def match(framework: Framework, levels: Mapping[str, int], current: Role | None = None) -> list[Score]:
    """Every role scored, best first.

    A readiness tie goes to the smaller step: the seniority nearest the current
    role (without one, the most junior first), then framework order.
    """
    order = {role_id: index for index, role_id in enumerate(framework.roles)}
    here = current.seniority if current is not None else 0
    scores = [score(framework, levels, role) for role in framework.roles.values()]
    scores.sort(key=lambda s: (-s.readiness, abs(s.role.seniority - here), order[s.role.id]))
    return scores
