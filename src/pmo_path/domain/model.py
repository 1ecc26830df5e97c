"""The domain's data: a framework (competencies, roles, advice) and a person's profile.

Plain frozen dataclasses, built by `reading` from files and consumed by the
rest of `domain` and by `render`. Nothing here reads, prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from itertools import islice

from ..errors import UnknownId

KINDS = ("experience", "assignment", "learning", "mentoring", "network", "visibility", "certification", "reading")
HORIZONS = ("30-days", "6-months", "1-2-years")
LEVELS = (1, 2, 3, 4, 5)
MIN_COMPETENCIES = 3
SUGGESTION_CANDIDATES = 500  # role ids (and as many titles) did-you-mean compares an unknown role with
# The ladder rule of the contract: a more senior role on a track never asks
# for less of these than the role below it.
LADDER_COMPETENCIES = ("strategic-thinking", "executive-communication", "business-acumen")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    author: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    name: str
    group: str
    description: str
    levels: dict[int, str]


@dataclass(frozen=True, slots=True)
class Requirement:
    competency: str
    level: int
    weight: int


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: str
    track: str
    seniority: int
    summary: str
    years: tuple[int, int]
    requirements: tuple[Requirement, ...]
    next: tuple[str, ...]
    sources: tuple[str, ...]

    def required(self, competency: str) -> int:
        for requirement in self.requirements:
            if requirement.competency == competency:
                return requirement.level
        return 0


@dataclass(frozen=True, slots=True)
class Credential:
    """A certification a step points to, and the body's page where its current requirements live."""

    name: str
    body: str
    url: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A next step, and when it applies: every stated condition must hold (contract section 3)."""

    id: str
    title: str
    action: str
    why: str
    builds: tuple[str, ...]
    kind: str
    horizon: str
    levels: tuple[int, ...]  # the current levels, in what it builds, at which it is the right next step
    sources: tuple[str, ...]
    in_now: tuple[str, ...] = ()  # role or track ids the person is in now; () for anyone
    heading_to: tuple[str, ...] = ()  # role or track ids of the target; () for any move
    credential: Credential | None = None  # kind certification: what it earns, and where to check the requirements


@dataclass(frozen=True, slots=True)
class Thresholds:
    ready: float
    ready_max_core_gap: int
    close: float
    developing: float
    close_max_core_gap: int = 2


def fold(name: str) -> str:
    """A role id or title as a person may type it: any case, spaces around and between words ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Framework:
    thresholds: Thresholds
    scale: dict[int, str]
    groups: dict[str, str]
    tracks: dict[str, str]
    sources: dict[str, Source]
    competencies: dict[str, Competency]
    roles: dict[str, Role]
    recommendations: dict[str, Recommendation]
    files: tuple[str, ...]
    data_dir: str | None = None  # the folder it was read from, as the person gave it; None: the bundled one

    def role(self, role_id: str, field: str = "role") -> Role:
        """The role with this id or title, in any case, spaces around ignored ("PMO Director",
        "pmo-director"); or UnknownId naming `field` (the interface's word for where it came from),
        with a near-miss id or title suggested."""
        role = self.roles.get(role_id)
        if role is None and isinstance(role_id, str):
            role = self.role_names.get(fold(role_id))
        if role is None:
            first = list(islice(self.roles.values(), SUGGESTION_CANDIDATES))  # did-you-mean stays quick however many
            raise UnknownId("role", role_id, field, [r.id for r in first] + [r.title for r in first])
        return role

    @cached_property
    def role_names(self) -> dict[str, Role]:
        """Each role under its id and its title, folded (`fold`); a title two roles share names neither."""
        titles: dict[str, list[Role]] = {}
        for role in self.roles.values():
            titles.setdefault(fold(role.title), []).append(role)
        names = {key: found[0] for key, found in titles.items() if len(found) == 1}
        names.update((fold(role.id), role) for role in self.roles.values())  # an id wins over a title
        return names

    def roles_by_track(self) -> dict[str, list[Role]]:
        grouped: dict[str, list[Role]] = {track: [] for track in self.tracks}
        for role in self.roles.values():
            grouped.setdefault(role.track, []).append(role)
        for roles in grouped.values():
            roles.sort(key=lambda role: role.seniority)
        return grouped


class Verdict(StrEnum):
    """How ready a person is for a role (contract section 3), best first."""

    READY = "ready"
    CLOSE = "close"
    DEVELOPING = "developing"
    STRETCH = "stretch"


class Relation(StrEnum):
    """Where a role stands from the person's current one."""

    CURRENT = "current"
    LADDER = "ladder"  # the same track
    CROSS_TRACK = "cross-track"


class Change(StrEnum):
    """How a competency's requirement differs from one role to the next."""

    RISES = "rises"
    FALLS = "falls"
    STAYS = "stays"
    NEW = "new"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class Rating:
    level: int
    evidence: str | None = None

    @staticmethod
    def of(level: int) -> Rating:
        """A rating without evidence; there are six, shared by every profile (a team of 100,000 holds 1.5 million)."""
        return _PLAIN_RATINGS[level] if 0 <= level < len(_PLAIN_RATINGS) else Rating(level)


@dataclass(frozen=True, slots=True)
class Profile:
    ratings: dict[str, Rating] = field(default_factory=dict)
    name: str | None = None
    current_role: str | None = None
    target_role: str | None = None
    years_experience: float | None = None
    assessed_on: date | None = None
    file: str = ""

    def level(self, competency: str) -> int:
        """The rating, 0 when unrated (the contract scores unrated as 0)."""
        rating = self.ratings.get(competency)
        return rating.level if rating else 0

    def levels(self) -> dict[str, int]:
        return {competency: rating.level for competency, rating in self.ratings.items()}

    def with_ratings(self, ratings: dict[str, Rating], **changes: object) -> Profile:
        return replace(self, ratings=ratings, **changes)


class RaterRelation(StrEnum):
    """Who wrote a review, relative to the person reviewed."""

    MANAGER = "manager"
    PEER = "peer"
    REPORT = "report"
    OTHER = "other"


@dataclass(frozen=True)
class Review:
    """Someone else's ratings of a person (contract section 9)."""

    about: str
    relation: RaterRelation
    ratings: dict[str, Rating] = field(default_factory=dict)
    rater: str | None = None  # never shown: peers and reports are anonymous, and names add nothing to a manager's view
    assessed_on: date | None = None
    file: str = ""

    def levels(self) -> dict[str, int]:
        return {competency: rating.level for competency, rating in self.ratings.items()}


_PLAIN_RATINGS = tuple(Rating(level) for level in range(6))
