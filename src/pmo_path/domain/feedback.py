"""How others see a person: self-ratings against a manager's, peers', reports' and others' (contract section 9).

Anonymity is decided here, once, so no renderer can leak it:

- a group of peers or of reports with fewer than MIN_GROUP raters of a
  competency is never shown on its own (its mean is None);
- "others" is the mean of everyone but the person when the raters in it
  whose ratings are not shown elsewhere (small peer or report groups, and
  `other` raters) number 0 or at least MIN_GROUP. With 1 or 2 such hidden
  raters, subtracting the groups shown from the mean of all would give them
  away, so "others" is then the mean of the shown raters only, and
  `left_out` says how many ratings were left out of it;
- every mean shown is rounded half up to a half level (2.25 is 2.5, 2.2 is
  2.0): enough to see where someone stands between two levels, and coarse
  enough that the difference between two runs (3 peers, then 4) does not
  give the fourth rating away exactly;
- no rater's name is kept in the result.

A blind spot is a competency where self minus others, as shown, is
BLIND_SPOT or more; a hidden strength where others minus self is that much.
The flags follow the figures a person sees, so `+1.5` is always flagged.
"""

from __future__ import annotations

import math
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
    delta: float | None  # self - others as shown: a multiple of 0.5
    left_out: int = 0  # ratings left out of "others" so that 1 or 2 hidden raters cannot be worked out

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


def _halves(value: Fraction | None) -> Fraction | None:
    """A mean (0-5) to the nearest half level, half up, in exact arithmetic: 2.25 is 2.5, 0.75 is 1.0, 2.2 is 2.0."""
    if value is None:
        return None
    return Fraction(math.floor(2 * value + Fraction(1, 2)), 2)


def _shown(value: Fraction | None) -> float | None:
    return None if value is None else float(value)  # a multiple of 0.5: exact as a float, in every format


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


def same_review(review: Review) -> tuple:
    """What a copy of a review shares with it, whatever its file, comments, layout or key order."""

    def folded(text: str | None) -> str:
        return " ".join((text or "").split()).casefold()

    return (
        folded(review.about),
        review.relation,
        folded(review.rater),
        review.assessed_on,
        tuple(sorted((competency, rating.level, folded(rating.evidence)) for competency, rating in review.ratings.items())),
    )


def compare_views(framework: Framework, person: Profile, reviews: list[Review], target: Role) -> Feedback:
    """Self against others for every competency anyone rated, with anonymity applied.

    A copy of a review counts once (`same_review`): counted twice, one peer would pass for a group.
    """
    from .scoring import score

    check_reviews(person, reviews)
    once: dict[tuple, Review] = {}
    for review in reviews:
        once.setdefault(same_review(review), review)
    reviews = list(once.values())
    by_relation = {relation: [r for r in reviews if r.relation is relation] for relation in RaterRelation}
    views, deltas = [], {}
    for competency in framework.competencies:
        ratings = {
            rel: [r.ratings[competency].level for r in group if competency in r.ratings] for rel, group in by_relation.items()
        }
        self_rating = person.ratings.get(competency)
        if self_rating is None and not any(ratings.values()):
            continue
        group_mean = {
            rel: _halves(_mean(ratings[rel])) if rel not in PROTECTED or len(ratings[rel]) >= MIN_GROUP else None
            for rel in RaterRelation
        }
        hidden = [rel for rel in RaterRelation if rel is RaterRelation.OTHER or (rel in PROTECTED and group_mean[rel] is None)]
        left_out = sum(len(ratings[rel]) for rel in hidden)
        if left_out == 0 or left_out >= MIN_GROUP:
            left_out = 0
            counted = [level for levels in ratings.values() for level in levels]
        else:  # 1 or 2 hidden ratings: the shown groups only, or subtraction would unpick them
            counted = [level for rel, levels in ratings.items() if rel not in hidden for level in levels]
        others = _halves(_mean(counted))
        self_level = self_rating.level if self_rating else None
        deltas[competency] = None if others is None or self_level is None else self_level - others
        views.append(
            CompetencyView(
                competency,
                self_level,
                _shown(group_mean[RaterRelation.MANAGER]),
                _shown(group_mean[RaterRelation.PEER]),
                _shown(group_mean[RaterRelation.REPORT]),
                _shown(others),
                _shown(deltas[competency]),
                left_out,
            )
        )
    blind = tuple(c for c, delta in deltas.items() if delta is not None and delta >= BLIND_SPOT)
    strengths = tuple(c for c, delta in deltas.items() if delta is not None and -delta >= BLIND_SPOT)
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
