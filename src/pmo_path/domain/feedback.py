"""How others see a person: self-ratings against a manager's, peers', reports' and others' (contract section 9).

Anonymity is decided here, once, so no renderer can leak it:

- a group of peers or of reports with fewer than MIN_GROUP raters of a
  competency is never shown on its own (its mean is None);
- "others", the mean of everyone but the person, is shown only when the
  raters in it whose ratings are not shown elsewhere (small peer or report
  groups, and `other` raters) number 0 or at least MIN_GROUP, so no hidden
  rating can be worked out by subtracting the groups that are shown;
- no rater's name is kept in the result.

A blind spot is a competency where self minus others is BLIND_SPOT or more;
a hidden strength where others minus self is that much.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import InputError, Problem, UsageProblem
from .model import Framework, Profile, RaterRelation, Rating, Review, Role
from .scoring import half_up

MIN_GROUP = 3
BLIND_SPOT = Fraction(3, 2)
PROTECTED = (RaterRelation.PEER, RaterRelation.REPORT)


@dataclass(frozen=True, slots=True)
class CompetencyView:
    competency: str
    self_level: int | None
    manager: float | None
    peers: float | None
    reports: float | None
    others: float | None
    delta: float | None  # self - others, 2 decimals

    def shown(self) -> dict[str, float | None]:
        return {"manager": self.manager, "peers": self.peers, "reports": self.reports, "others": self.others}


@dataclass(frozen=True)
class Feedback:
    person: Profile
    target: Role
    raters: dict[str, int]  # relation -> how many reviews
    competencies: tuple[CompetencyView, ...]  # framework order, those anyone rated
    blind_spots: tuple[str, ...]
    hidden_strengths: tuple[str, ...]
    readiness_self: float
    readiness_others: float | None  # on the others' shown means (own ratings elsewhere); None if none is shown

    def view(self, competency: str) -> CompetencyView | None:
        return next((v for v in self.competencies if v.competency == competency), None)


def _mean(values: list[int]) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def _shown(value: Fraction | None) -> float | None:
    """Two decimals, half up; exact arithmetic so 1.5 is never 1.4999."""
    if value is None:
        return None
    sign = -1 if value < 0 else 1
    return sign * half_up(abs(value.numerator), value.denominator, 2)


def check_reviews(person: Profile, reviews: list[Review]) -> None:
    """Every review must be about this person, and no file given twice."""
    seen: set[str] = set()
    for review in reviews:
        if review.file and review.file in seen:
            raise UsageProblem(f"{review.file}: given twice; each review counts once")
        seen.add(review.file)
        if person.name and review.about.strip().casefold() != person.name.strip().casefold():
            raise InputError(
                Problem(
                    review.file,
                    f"is about '{review.about}', but {person.file or 'SELF'} is '{person.name}'; give reviews of the same person",
                    "about",
                )
            )


def compare_views(framework: Framework, person: Profile, reviews: list[Review], target: Role) -> Feedback:
    """Self against others for every competency anyone rated, with anonymity applied."""
    from .scoring import score

    check_reviews(person, reviews)
    by_relation = {relation: [r for r in reviews if r.relation is relation] for relation in RaterRelation}
    views, exact = [], {}
    for competency in framework.competencies:
        ratings = {
            rel: [r.ratings[competency].level for r in group if competency in r.ratings] for rel, group in by_relation.items()
        }
        self_rating = person.ratings.get(competency)
        if self_rating is None and not any(ratings.values()):
            continue
        group_mean = {
            rel: _mean(ratings[rel]) if rel not in PROTECTED or len(ratings[rel]) >= MIN_GROUP else None for rel in RaterRelation
        }
        hidden = sum(
            len(ratings[rel])
            for rel in RaterRelation
            if rel is RaterRelation.OTHER or (rel in PROTECTED and group_mean[rel] is None)
        )
        everyone = [level for levels in ratings.values() for level in levels]
        others = _mean(everyone) if hidden == 0 or hidden >= MIN_GROUP else None
        self_level = self_rating.level if self_rating else None
        exact[competency] = None if others is None or self_level is None else self_level - others
        views.append(
            CompetencyView(
                competency,
                self_level,
                _shown(group_mean[RaterRelation.MANAGER]),
                _shown(group_mean[RaterRelation.PEER]),
                _shown(group_mean[RaterRelation.REPORT]),
                _shown(others),
                _shown(exact[competency]),
            )
        )
    blind = tuple(c for c, delta in exact.items() if delta is not None and delta >= BLIND_SPOT)
    strengths = tuple(c for c, delta in exact.items() if delta is not None and -delta >= BLIND_SPOT)
    # Others' view where it is shown; where it is not (nobody rated it, or hidden), the person's own rating.
    others_levels = {**person.levels(), **{v.competency: v.others for v in views if v.others is not None}}
    needed = [r.competency for r in target.requirements]
    seen = any(v.others is not None and v.competency in needed for v in views)
    readiness_others = _readiness(target, others_levels) if seen else None
    return Feedback(
        person,
        target,
        {rel.value: len(group) for rel, group in by_relation.items()},
        tuple(views),
        blind,
        strengths,
        score(framework, person.levels(), target).readiness,
        readiness_others,
    )


def _readiness(target: Role, levels: dict[str, float]) -> float:
    """The contract's readiness formula on (possibly fractional) levels; a competency nobody rated counts as 0."""
    met = sum(r.weight * min(Fraction(levels.get(r.competency, 0)).limit_denominator(100), r.level) for r in target.requirements)
    total = sum(r.weight * r.level for r in target.requirements)
    if total == 0:
        return 100.0
    value = 100 * met / total
    return half_up(value.numerator, value.denominator, 1)


def as_others_see_it(person: Profile, result: Feedback) -> Profile:
    """The profile with each blind spot rated as the others see it (rounded down): a gap they see is a gap."""
    import math

    ratings = dict(person.ratings)
    for competency in result.blind_spots:
        view = result.view(competency)
        ratings[competency] = Rating(math.floor(view.others), ratings[competency].evidence)
    return person.with_ratings(ratings)
