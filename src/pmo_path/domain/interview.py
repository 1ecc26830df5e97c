"""The questionnaire's pure half: what to ask, how to read a reply, the profile that results, draft names.

No terminal and no files here: `interface.questionnaire` holds the
conversation and the saving, and drives these.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .model import Competency, Framework, Profile, Rating

DRAFT_PREFIX = "pmo-path-draft-"
DRAFT_MARK = "# pmo-path draft:"
LEVEL_PROMPT = "Your level: 0-5, s to skip, ? for the levels"
LEVEL_HINT = "type a level from 0 to 5, s to skip it, or ? to see the levels again"
MAX_WIDTH = 100


@dataclass(frozen=True, slots=True)
class Answer:
    """One reply to a rating question: a level, keep the default, skip, help, or invalid (with a hint)."""

    kind: str  # "level" | "keep" | "skip" | "help" | "invalid"
    level: int | None = None
    hint: str = ""


def parse_answer(text: str, default: int | None = None) -> Answer:
    """Read a reply; Enter keeps `default` when there is one."""
    reply = text.strip().lower()
    if reply == "":
        if default is None:
            return Answer("invalid", hint=f"No answer: {LEVEL_HINT}.")
        return Answer("keep", default)
    if reply in ("s", "skip"):
        return Answer("skip")
    if reply in ("?", "h", "help"):
        return Answer("help")
    if reply.isdecimal() and len(reply) <= 3:
        level = int(reply)
        if 0 <= level <= 5:
            return Answer("level", level)
        return Answer("invalid", hint=f"{level} is not a level: {LEVEL_HINT}.")
    shown = text.strip() if len(text.strip()) <= 20 else text.strip()[:20] + "…"
    return Answer("invalid", hint=f"'{shown}' is not an answer: {LEVEL_HINT}.")


def role_menu(framework: Framework) -> list[str]:
    """Role ids in the order they are numbered 1..n: by track, most junior first."""
    return [role.id for ladder in framework.roles_by_track().values() for role in ladder]


def parse_role_choice(text: str, menu: list[str], allow_none: bool) -> str | None:
    """The role id picked by number (or typed as an id); None for 'not one of these'.

    Raises ValueError with a one-line hint for anything else.
    """
    reply = text.strip().lower()
    if reply in menu:
        return reply
    if reply.isdecimal() and len(reply) <= 4:
        number = int(reply)
        if 1 <= number <= len(menu):
            return menu[number - 1]
        if number == 0 and allow_none:
            return None
    lowest = 0 if allow_none else 1
    raise ValueError(f"Type a number from {lowest} to {len(menu)}" + (" (0: none of these)." if allow_none else "."))


def questions_for(framework: Framework, target_role: str | None, everything: bool) -> list[Competency]:
    """What to ask, in framework order: the target's requirements, or every competency."""
    if everything or target_role is None:
        return list(framework.competencies.values())
    needed = {requirement.competency for requirement in framework.roles[target_role].requirements}
    return [competency for competency in framework.competencies.values() if competency.id in needed]


def question_lines(
    framework: Framework,
    competency: Competency,
    number: int,
    total: int,
    width: int,
    existing: Rating | None = None,
    about: str | None = None,
) -> list[str]:
    """The question as plain lines wrapped to `width`: name, description, the levels. No required level.

    With `about`, worded for rating someone else: which of these has that person done?
    """
    width = max(40, min(width, MAX_WIDTH))
    group = framework.groups.get(competency.group, competency.group)
    lines = ["", f"question {number} of {total}  ·  {competency.name}  ({group})"]
    lines += textwrap.wrap(competency.description, width - 2, initial_indent="  ", subsequent_indent="  ")
    if about:
        ask = f"How far has {first_name(about)} gone? Pick the highest level you have seen {first_name(about)} reach."
        lines += textwrap.wrap(ask, width - 2, initial_indent="  ", subsequent_indent="  ")
    lines += level_lines(framework, competency, width)
    if existing is not None:
        lines.append(f"  Last time: {existing.level}" + (f"  ·  evidence: {existing.evidence}" if existing.evidence else ""))
        if existing.evidence:
            lines.append("  (the evidence note is kept if you keep the level)")
    return lines


def level_lines(framework: Framework, competency: Competency, width: int) -> list[str]:
    """The levels 0-5 of a competency, one wrapped entry each: what `?` shows again."""
    width = max(40, min(width, MAX_WIDTH))
    label_width = max(len(name) for name in framework.scale.values()) if framework.scale else 0
    lines = [f"  0  {framework.scale.get(0, 'none')}"]
    for level in sorted(competency.levels):
        head = f"  {level}  {framework.scale.get(level, '').ljust(label_width)}  "
        lines += textwrap.wrap(competency.levels[level], width, initial_indent=head, subsequent_indent=" " * len(head))
    return lines


def level_prompt(default: int | str | None, about: str | None = None) -> str:
    """The prompt, with the Enter default in brackets (a level, or `s` for a question skipped before)."""
    prompt = (
        LEVEL_PROMPT
        if not about
        else LEVEL_PROMPT.replace("Your level", f"{first_name(about)}'s level").replace("s to skip", "s if you cannot judge")
    )
    return f"{prompt} [{default}]: " if default is not None else f"{prompt}: "


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def review_save_name(about: str, relation: str, rater: str | None) -> str:
    """`alex-kim-on-jordan-lee.yaml`: who rated whom, so a folder of reviews reads well."""
    return f"{slug(rater) or relation}-on-{slug(about) or 'someone'}.yaml"


def answered_profile(
    base: Profile, answers: dict[str, int | None], current_role: str | None, target_role: str | None, today: date
) -> Profile:
    """The base profile with this run's answers: None means skipped (unrated).

    An evidence note stays only while its level stays: a changed level needs new evidence.
    Competencies not asked keep their ratings.
    """
    ratings = dict(base.ratings)
    for competency, level in answers.items():
        before = ratings.get(competency)
        if level is None:
            ratings.pop(competency, None)
        elif before is None or before.level != level:
            ratings[competency] = Rating(level)
    return base.with_ratings(ratings, current_role=current_role, target_role=target_role, assessed_on=today)


def all_same(levels: list[int]) -> bool:
    """Every answer identical (and more than one): the result then says little."""
    return len(levels) > 1 and len(set(levels)) == 1


def slug(text: str | None) -> str:
    return re.sub(r"[\W_]+", "-", (text or "").lower()).strip("-")


def draft_name(now: datetime) -> str:
    return f"{DRAFT_PREFIX}{now:%Y%m%d-%H%M%S}.yaml"


def is_draft(path: str | None) -> bool:
    return bool(path) and Path(path).name.startswith(DRAFT_PREFIX)


def default_save_name(profile: Profile, source: str | None, today: date, resuming_draft: bool = False) -> str:
    """Where to offer saving: a new dated file, so last quarter's profile stays for `pmo-path progress`.

    Re-assessing `me.yaml` (or `me-2026-08-01.yaml`) offers `me-<today>.yaml` beside it.
    Finishing a draft that was saved under a name of the person's choosing
    (`--save me.yaml`, then Ctrl-C) offers that same file: it is completed, not copied.
    """
    if source and source != "-" and not is_draft(source):
        if resuming_draft:
            return source
        path = Path(source)
        stem = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", path.stem)
        return str(path.with_name(f"{stem}-{today.isoformat()}{path.suffix or '.yaml'}"))
    return f"{slug(profile.name) or 'pmo-path-profile'}-{today.isoformat()}.yaml"


@dataclass(frozen=True)
class DraftState:
    """What a draft remembers beyond its ratings, in one comment line the profile reader ignores."""

    asked: tuple[str, ...] = ()  # questions already answered or skipped, in order
    skipped: tuple[str, ...] = ()
    everything: bool = False  # started with --all

    def line(self) -> str:
        return (
            f"{DRAFT_MARK} asked={','.join(self.asked)}; skipped={','.join(self.skipped)}; "
            f"all={'yes' if self.everything else 'no'}"
        )


def read_draft_state(text: str) -> DraftState | None:
    """The DraftState of a draft's text, or None for a profile that is no draft."""
    for line in text.splitlines():
        if line.startswith(DRAFT_MARK):
            fields = dict(part.strip().partition("=")[::2] for part in line[len(DRAFT_MARK) :].split(";"))
            ids = {key: tuple(i for i in fields.get(key, "").split(",") if i) for key in ("asked", "skipped")}
            return DraftState(ids["asked"], ids["skipped"], fields.get("all") == "yes")
    return None
