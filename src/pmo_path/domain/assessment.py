"""One person against one target role: score, advice, route and review date together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import NoRouteError, NoTarget
from .advice import Advice, Move, keep_sharp, rank, rank_together
from .feedback import Feedback, as_others_see_it, compare_views
from .model import Framework, Profile, Review, Role, Verdict
from .routes import personal_route
from .scoring import Gap, Score, score


@dataclass(frozen=True)
class Assessment:
    profile: Profile
    current: Role | None
    score: Score
    advice: list[Advice]
    path: list[str]  # [] without a current role or when no route exists
    no_route: str | None = None  # why `path` is empty although a current role is known
    growth: tuple[tuple[str, tuple[Gap, ...]], ...] = ()  # each step after the first, with its gaps
    written_on: date | None = None  # the day of the assessment (the clock passed in)
    review_on: date | None = None  # when to assess again: REVIEW_AFTER_DAYS later
    others: Feedback | None = None  # how others see the person, when reviews were given
    onward: Score | None = None  # ready for the target: the next more senior role on the route, scored
    sharpening: bool = False  # ready, and nothing more senior to aim at: the advice keeps them sharp

    @property
    def target(self) -> Role:
        return self.score.role

    @property
    def experience(self) -> tuple[float | None, tuple[int, int] | None]:
        """The person's years of experience beside the target's typical years (None where not known)."""
        years = self.target.years
        return self.profile.years_experience, (years if years != (0, 0) else None)

    @property
    def needs_second_view(self) -> bool:
        """Self-ratings only, and they say ready (or meet every rated requirement): ask others before acting."""
        if self.others is not None:
            return False
        rated = [g for g in (*self.score.gaps, *self.score.strengths) if g.rated]
        return self.score.verdict == Verdict.READY or (bool(rated) and not self.score.rated_gaps)


REVIEW_AFTER_DAYS = 90


def resolve_target(framework: Framework, profile: Profile, target: Role | None = None) -> Role:
    """A target chosen for this run wins over the profile's target_role; one of them is needed."""
    if target is not None:
        return target
    if profile.target_role:
        return framework.role(profile.target_role, f"{profile.file}: target_role")
    raise NoTarget(profile.file)


def assess(
    framework: Framework,
    profile: Profile,
    target: Role | None = None,
    top: int = 5,
    today: date | None = None,
    reviews: list[Review] | None = None,
) -> Assessment:
    """Score, advice and route; `today` (the caller's clock) dates the result and sets the review date.

    With `reviews`, each blind spot is scored at the level the others see, and the result carries their view.
    """
    role = resolve_target(framework, profile, target)
    today = today or date.today()
    others = None
    if reviews:  # a blind spot counts at the level the others see: their gap is a gap
        others = compare_views(framework, profile, reviews, role)
        profile = as_others_see_it(profile, others)
    levels = profile.levels()
    result = score(framework, levels, role)
    current = framework.roles.get(profile.current_role) if profile.current_role else None
    move = Move.of(current, role)
    advice = rank(framework, result.gaps, levels, move, top)
    onward, sharpening = None, False
    if result.verdict == Verdict.READY:  # never an empty plan: the next role up, or steps that keep them sharp
        onward = onward_score(framework, role, levels)
        if onward is not None and not onward.gaps:  # they meet the next role too: keep sharp instead
            onward = None
        if onward is not None:  # what is left of the target and the next role's gaps, ranked as one pool
            advice = rank_together(framework, [(result.gaps, move), (onward.gaps, Move.of(current, onward.role))], levels, top)
        else:
            shown = {a.recommendation.id for a in advice}
            more = [a for a in keep_sharp(framework, role, levels, move, top) if a.recommendation.id not in shown]
            more = more[: top - len(advice)]
            sharpening = bool(more)
            advice += more
    path: list[str] = []
    no_route = None
    if current is not None:
        try:
            path = personal_route(framework, current.id, role.id, levels)
        except NoRouteError as err:
            no_route = str(err)
    return Assessment(
        profile,
        current,
        result,
        advice,
        path,
        no_route,
        growth_along(framework, path, levels),
        today,
        today + timedelta(days=REVIEW_AFTER_DAYS),
        others,
        onward,
        sharpening,
    )


def onward_score(framework: Framework, role: Role, levels: dict[str, int]) -> Score | None:
    """The next more senior role the target leads to, scored: the nearest step up, then framework order."""
    higher = [framework.roles[r] for r in role.next if r in framework.roles and framework.roles[r].seniority > role.seniority]
    if not higher:
        return None
    return score(framework, levels, min(higher, key=lambda r: r.seniority))


def growth_along(framework: Framework, steps: list[str], levels: dict[str, int]) -> tuple[tuple[str, tuple[Gap, ...]], ...]:
    """What each step of a route asks this person to grow."""
    return tuple((role_id, score(framework, levels, framework.roles[role_id]).gaps) for role_id in steps[1:])
