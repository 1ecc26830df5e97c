"""One person counts once: the same name in several inputs is one member of the team.

A person is in two inputs when a survey row is resubmitted, when a form's
download is saved twice (`alice-martin.yaml`, `alice-martin (1).yaml`), or
when they are in a YAML file and a survey too. Names are compared as people
read them: any case, any spacing, Unicode-normalised (NFKC, so a
full-width or composed letter is the same letter). The one counted is the
latest by `assessed_on` (an input without a date is older than any dated
one), then the later input in the order given.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from .model import Profile


@dataclass(frozen=True)
class SetAside:
    """An input not counted because the same person is counted from another."""

    file: str  # the input set aside: a file, or FILE:ROW for a survey row
    name: str
    kept: str  # the input counted instead


def person_key(name: str) -> str:
    """A name as two inputs are compared: NFKC, any case, runs of space as one."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def one_each(profiles: list[tuple[str, Profile]]) -> tuple[list[tuple[str, Profile]], list[SetAside]]:
    """Each person once, where their counted input stood; the rest, in input order, as SetAsides.

    Profiles without a name cannot be matched to anyone and are all kept."""
    chosen: dict[str, int] = {}  # person -> index in `profiles` of the input counted
    for index, (_file, profile) in enumerate(profiles):
        if not profile.name or not profile.name.strip():
            continue
        key = person_key(profile.name)
        best = chosen.get(key)
        if best is None or _when(profile) >= _when(profiles[best][1]):
            chosen[key] = index  # later, or as late and a later input
    if len(chosen) == sum(1 for _, p in profiles if p.name and p.name.strip()):
        return profiles, []  # nobody twice: the common case costs one pass
    counted = set(chosen.values())
    kept, aside = [], []
    placed: set[str] = set()
    for index, (file, profile) in enumerate(profiles):
        key = person_key(profile.name) if profile.name and profile.name.strip() else None
        if key is None:
            kept.append((file, profile))
            continue
        if key not in placed:  # the person keeps the place of their first input, with the input counted
            placed.add(key)
            kept.append(profiles[chosen[key]])
        if index not in counted:
            aside.append(SetAside(file, profile.name, profiles[chosen[key]][0]))
    return kept, aside


def _when(profile: Profile) -> date:
    return profile.assessed_on or date.min
