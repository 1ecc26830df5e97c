"""The notes about a person's move that every format words the same way (contract section 3, v3).

Each function returns plain words; `esc` makes text from files inert in the
caller's format (identity for the terminal, which never interprets markup)
and `cmd` shows a command (a code span in Markdown).
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.assessment import Assessment
from ..domain.model import Framework, Recommendation
from ..domain.scoring import Score
from .wording import command_line, file_word, gap_levels, named_file

Wrap = Callable[[object], str]


def _same(text: object) -> str:
    return "" if text is None else str(text)


def range_headline(score: Score) -> str | None:
    """`32.5-85.0%, rate 8 more to know`: a provisional result's range in place of a confident verdict."""
    span = score.readiness_range
    if span is None:
        return None
    count = len(score.unrated_required)
    return f"{span[0]:.1f}-{span[1]:.1f}%, rate {count} more to know"


UNRATED_EVIDENCE = "rate it first: the evidence to gather is one level above yours, not known until you rate it."


PROVISIONAL_MATCH = (
    'A range and "rate N more" instead of a verdict: the role needs N competencies you did not rate; '
    "the range runs from counting them 0 to counting them met"
)


def readiness_span(score: Score) -> str:
    """`32.5-85.0` for a provisional score (its range), else `80.9`: the readiness a list of roles shows."""
    span = score.readiness_range
    return f"{score.readiness:.1f}" if span is None else f"{span[0]:.1f}-{span[1]:.1f}"


def rate_more(score: Score) -> str | None:
    """`rate 8 more`: what a provisional score shows in place of a verdict word; None when nothing is unrated."""
    return f"rate {len(score.unrated_required)} more" if score.provisional else None


def experience_line(result: Assessment, esc: Wrap = _same) -> str | None:
    """`PMO Director: typically 10-20 years; you have 9`, or None when the role gives no typical years."""
    years, typical = result.experience
    if typical is None:
        return None
    line = f"{esc(result.target.title)}: typically {typical[0]}-{typical[1]} years"
    if years is None:
        return line + "; add years_experience to your profile to compare"
    return line + f"; you have {years:g}"


def onward_line(result: Assessment, framework: Framework, esc: Wrap = _same) -> str | None:
    """Why a ready person's steps aim further: the next role up, or keeping sharp where there is none."""
    if result.onward is not None:
        onward = result.onward
        gaps = ", ".join(
            f"{esc(framework.competencies[g.competency].name)} {gap_levels(g.current, g.required, g.rated)}" for g in onward.gaps
        )
        return (
            f"You are ready for {esc(result.target.title)}; the steps below also aim at the next role up, "
            f"{esc(onward.role.title)} ({onward.readiness:.1f}%, {onward.verdict}). Its gaps: {gaps}."
        )
    if result.sharpening:
        target = result.target
        higher = [framework.roles[r] for r in target.next if r in framework.roles]
        higher = [role for role in higher if role.seniority > target.seniority]
        where = (
            f"you meet {esc(min(higher, key=lambda role: role.seniority).title)}, the next role up, too"
            if higher
            else "no more senior role follows it in this framework"
        )
        return f"You are ready for {esc(target.title)} and {where}: the steps below keep you sharp and pass on what you know."
    return None


def second_view(result: Assessment, framework: Framework) -> tuple[str, list[str]] | None:
    """Self-ratings that say ready: ask a manager and peers before acting; the words and the commands to run.

    Each command runs as printed: the profile's real path, shell-quoted, and
    the data folder in use.
    """
    if not result.needs_second_view:
        return None
    data_dir = framework.data_dir
    commands = []
    if result.profile.name:
        commands.append(
            command_line(
                "assess", "--about", result.profile.name, "--relation", "peer", "--save", "review.yaml", data_dir=data_dir
            )
        )
    if named_file(result.profile.file):
        commands.append(command_line("feedback", file_word(result.profile.file), "reviews/", data_dir=data_dir))
    how = (
        "with the first command below (your manager with --relation manager)"
        if result.profile.name
        else "with pmo-path assess --about and the name in your profile"
    )
    compare = (
        f"{'the second' if len(commands) == 2 else 'the'} command"
        if named_file(result.profile.file)
        else "pmo-path feedback, your profile's file and that folder"
    )
    return (
        f"These are your own ratings only. Before acting on them, ask your manager and two or three peers to rate you "
        f"{how}, collect their files in a reviews/ folder, then compare with {compare}.",
        commands,
    )


def credential_line(rec: Recommendation, esc: Wrap = _same, link: Wrap | None = None) -> str | None:
    """`Credential: PMP, awarded by PMI; check the current requirements at URL` (`link` draws the URL, else `esc`)."""
    found = rec.credential
    if found is None:
        return None
    page = (link or esc)(found.url)
    return f"Credential: {esc(found.name)}, awarded by {esc(found.body)}; check the current requirements at {page}"
