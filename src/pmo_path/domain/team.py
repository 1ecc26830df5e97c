"""A team against one target role: readiness spread, shared gaps, what to train first.

Pure: `build_report` takes the framework, the loaded profiles and the role
and returns a TeamReport. Reading the files is `reading.team_files`.

Definitions (what the README's team section states):
- readiness mean and median are over the members' readiness figures, rounded
  half up to one decimal; min and max are members' figures as they are;
- per required competency: `mean_current` is the mean rating (unrated = 0)
  rounded half up to two decimals, `with_gap` the number of people who rated
  themselves below the required level (a blank is not a gap: it is counted
  apart, in `unrated`), `weighted_gap` the sum over people of weight * gap
  (a blank counted as 0);
- the gaps across the team are listed by share with a gap, most first, then
  most not rated, then heaviest weight, then framework order (`by_share`);
- priorities: competencies with at least one gap, by the gaps people rated
  (as a person's rated gaps come before unrated ones): largest rated
  weighted gap first, ties by more people with a rated gap, then by the
  whole weighted gap, then framework order. A competency nobody rated below
  the requirement comes after every one somebody did;
- a member is provisional when the role needs a competency they did not rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, NoSharedTarget
from .advice import HORIZON_ORDER, Move, conditions_hold
from .model import Framework, Profile, Rating, Recommendation, Review, Role, Verdict
from .scoring import Gap, half_up, readiness, urgency, verdict

VERDICTS = tuple(Verdict)
RECOMMENDATIONS_PER_PRIORITY = 2
TOP_LEVEL = 5


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    file: str
    readiness: float
    verdict: Verdict
    biggest_gap: str | None  # competency id of the most pressing gap
    ratings: dict[str, Rating]  # the rated competencies (the profile's own mapping, not a copy)
    provisional: bool = False  # the role needs a competency they did not rate: it counts as 0


@dataclass(frozen=True, slots=True)
class CompetencyStat:
    competency: str
    required: int
    weight: int
    mean_current: float
    with_gap: int  # people who rated themselves short of it; a blank is not counted here
    weighted_gap: int  # sum over people of weight * gap (a blank as level 0)
    unrated: int = 0  # people who did not rate it: "not rated", beside with_gap, never inside it
    rated_weighted_gap: int = 0

    def share_with_gap(self, people: int) -> float:
        return self.with_gap / people if people else 0.0


@dataclass(frozen=True, slots=True)
class Priority:
    competency: str
    with_gap: int
    weighted_gap: int
    recommendations: tuple[Recommendation, ...]  # the few that build it, best suited first; none if nobody rated a gap
    unrated: int = 0  # of with_gap, how many did not rate it
    rated_weighted_gap: int = 0  # the points from gaps people rated: what priorities are ranked by first

    @property
    def rated_with_gap(self) -> int:
        return self.with_gap - self.unrated

    @property
    def unknown(self) -> bool:
        """Every gap here is someone's blank: ask the team to rate it before training anyone."""
        return self.unrated == self.with_gap


@dataclass(frozen=True)
class TeamReport:
    target: Role
    members: tuple[Member, ...]  # most ready first
    mean: float
    median: float
    low: float
    high: float
    verdicts: dict[str, int]  # every verdict, most ready first, with its count
    competencies: tuple[CompetencyStat, ...]  # the role's requirements, framework order
    priorities: tuple[Priority, ...]
    blind_spots: tuple[tuple[str, int], ...] = ()  # competency, members whose self-rating runs ahead of others'
    reviewed: int = 0  # members with at least one review
    members_shown: int | None = None  # a table lists this many at the top and at the bottom; None: everyone

    @property
    def people(self) -> int:
        return len(self.members)

    @property
    def by_share(self) -> tuple[CompetencyStat, ...]:
        """The gaps across the team: most with a gap first, then most not rated, heaviest weight, framework order."""
        return tuple(sorted(self.competencies, key=lambda s: (-s.with_gap, -s.unrated, -s.weight)))

    @property
    def provisional(self) -> int:
        """Members whose readiness counts a competency they did not rate as 0."""
        return sum(member.provisional for member in self.members)


def common_target(profiles: list[tuple[str, Profile]]) -> str | None:
    """The target_role every profile names, if they all name the same one."""
    targets = {profile.target_role for _file, profile in profiles}
    return targets.pop() if len(targets) == 1 else None


def _tenths(value: float) -> int:
    return round(value * 10)


def build_report(
    framework: Framework,
    profiles: list[tuple[str, Profile]],
    target: Role | None = None,
    anonymous: bool = False,
    reviews: list[Review] | None = None,
    key: bytes | None = None,
) -> TeamReport:
    """Score every profile against `target` (else the target_role they all share) and aggregate.

    With `anonymous`, names and files become "Person 1".."Person N", numbered
    in an order that gives nothing away (`anonymous_order`; `key` fixes it, for
    tests), and a readiness tie is broken by that number, not by file.
    `profiles` must not be empty.
    """
    if not profiles:
        raise InputError("no profiles to analyse")
    if target is None:
        shared = common_target(profiles)
        if shared is None:
            raise NoSharedTarget("the profiles do not share one target_role", targets_found(profiles))
        target = framework.role(shared, "target_role")
    order = {competency: index for index, competency in enumerate(framework.competencies)}
    requirements = sorted(target.requirements, key=lambda r: order.get(r.competency, len(order)))
    # A requirement's Gap depends only on the person's level: build each of them once, not once per person.
    gap_at = [[Gap(r.competency, level, r.level, r.weight) for level in range(TOP_LEVEL + 1)] for r in requirements]
    unrated_at = [Gap(r.competency, 0, r.level, r.weight, rated=False) for r in requirements]
    size = len(requirements)
    totals, with_gap, weighted, unrated = [0] * size, [0] * size, [0] * size, [0] * size
    rated_with_gap, rated_weighted = [0] * size, [0] * size
    labels = member_labels(profiles, anonymous, key)
    tie = {file: int(shown.split()[-1]) for file, (shown, _) in labels.items()} if anonymous else None

    scored = []
    for file, profile in profiles:
        gaps = []
        biggest, pressing = None, (False, 0, 0)
        ratings = profile.ratings
        provisional = False
        for index, requirement in enumerate(requirements):
            rating = ratings.get(requirement.competency)
            level = rating.level if rating else 0
            gap = gap_at[index][level] if rating else unrated_at[index]
            gaps.append(gap)
            totals[index] += level
            if not rating:
                unrated[index] += 1
                provisional = True
            if level < requirement.level:
                with_gap[index] += 1
                weighted[index] += gap.priority
                if rating:
                    rated_with_gap[index] += 1
                    rated_weighted[index] += gap.priority
                key = urgency(gap)  # the biggest gap as `score` orders them (ties: framework order)
                if key > pressing:
                    biggest, pressing = gap.competency, key
        value = readiness(gaps)
        name, shown_file = labels[file]
        member = Member(
            name,
            shown_file,
            value,
            verdict(value, gaps, framework.thresholds),
            biggest,
            ratings,
            provisional,
        )
        scored.append((-value, tie[file] if tie else file, member))
    scored.sort(key=lambda item: item[:2])
    members = [member for _key, _file, member in scored]

    people = len(members)
    tenths = sorted(_tenths(m.readiness) for m in members)
    middle = people // 2
    median_twentieths = 2 * tenths[middle] if people % 2 else tenths[middle - 1] + tenths[middle]
    stats = tuple(
        CompetencyStat(
            r.competency,
            r.level,
            r.weight,
            half_up(totals[index], people, 2),
            rated_with_gap[index],
            weighted[index],
            unrated[index],
            rated_weighted[index],
        )
        for index, r in enumerate(requirements)
    )
    ranked = sorted(
        (index for index in range(size) if with_gap[index]),
        key=lambda index: (
            -rated_weighted[index],
            -rated_with_gap[index],
            -weighted[index],
            -with_gap[index],
            order.get(stats[index].competency, len(order)),
        ),
    )
    priorities = tuple(
        Priority(
            stats[index].competency,
            with_gap[index],
            weighted[index],
            training_for(framework, stats[index], target) if rated_with_gap[index] else (),  # no advice for an unknown
            with_gap[index] - rated_with_gap[index],
            rated_weighted[index],
        )
        for index in ranked
    )
    verdicts = dict.fromkeys(VERDICTS, 0)
    for member in members:
        verdicts[member.verdict] = verdicts.get(member.verdict, 0) + 1
    return TeamReport(
        target=target,
        members=tuple(members),
        mean=half_up(sum(tenths), people * 10, 1),
        median=half_up(median_twentieths, 20, 1),
        low=tenths[0] / 10,
        high=tenths[-1] / 10,
        verdicts=verdicts,
        competencies=stats,
        priorities=priorities,
        **_blind_spots(framework, profiles, reviews or [], target),
    )


def _blind_spots(framework: Framework, profiles: list[tuple[str, Profile]], reviews: list[Review], target: Role) -> dict:
    """The team's most common blind spots: per competency, how many members have one (anonymity as in feedback)."""
    from .feedback import compare_views

    by_person: dict[str, list[Review]] = {}
    for review in reviews:
        by_person.setdefault(review.about.strip().casefold(), []).append(review)
    counts: dict[str, int] = {}
    reviewed = 0
    for _file, profile in profiles:
        theirs = by_person.get((profile.name or "").strip().casefold())
        if not theirs:
            continue
        reviewed += 1
        for competency in compare_views(framework, profile, theirs, target).blind_spots:
            counts[competency] = counts.get(competency, 0) + 1
    order = list(framework.competencies)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))
    return {"blind_spots": tuple(ranked), "reviewed": reviewed}


def member_labels(profiles: list[tuple[str, Profile]], anonymous: bool, key: bytes | None = None) -> dict[str, tuple[str, str]]:
    """file -> (name shown, file shown)."""
    if anonymous:
        numbers = anonymous_order([file for file, _ in profiles], key)
        return {file: (f"Person {n}", f"Person {n}") for file, n in numbers.items()}
    return {file: (profile.name or Path(file).stem, file) for file, profile in profiles}


def anonymous_order(files: list[str], key: bytes | None = None) -> dict[str, int]:
    """file -> its number as Person N: by a keyed hash of the file (HMAC-SHA-256), the key new every run.

    Numbering by file or name order let anyone who knows the folder say who Person 1 is; numbering by
    readiness would tell the team's ranking from the number alone. A keyed hash with a secret key drawn
    afresh each run orders the people at random, and within one run (one report, its table, JSON and
    chart) the same person keeps one number. Two runs number them differently, on purpose: a number
    cannot be carried from one shared report to another.
    """
    import hashlib
    import hmac
    import secrets

    secret = key if key is not None else secrets.token_bytes(32)
    ranked = sorted(files, key=lambda file: hmac.new(secret, file.encode("utf-8", "surrogatepass"), hashlib.sha256).digest())
    return {file: number for number, file in enumerate(ranked, 1)}


def targets_found(profiles: list[tuple[str, Profile]]) -> dict[str | None, int]:
    """Each target_role the profiles name, with how many name it, most named first (None: no target_role)."""
    counts: dict[str | None, int] = {}
    for _file, profile in profiles:
        counts[profile.target_role] = counts.get(profile.target_role, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or "")))


def training_for(framework: Framework, stat: CompetencyStat, target: Role) -> tuple[Recommendation, ...]:
    """The recommendations to train a team in a competency, by the eligibility rule for one person.

    The team's typical level (the mean, rounded) must be in a recommendation's
    `levels`, and its `heading_to`, where stated, must name the target. Advice
    for where each person is now (`in_now`) cannot fit a whole team and is
    left to each member's own plan. Aimed at this target first, then the
    nearer horizon, then file order.
    """

    typical = int(stat.mean_current + 0.5)
    move = Move(frozenset(), frozenset((target.id, target.track)))
    fitting = [
        rec
        for rec in framework.recommendations.values()
        if stat.competency in rec.builds and typical in rec.levels and not rec.in_now and conditions_hold(rec, move)
    ]
    fitting.sort(key=lambda rec: (not rec.heading_to, HORIZON_ORDER.get(rec.horizon, 3)))
    return tuple(fitting[:RECOMMENDATIONS_PER_PRIORITY])
