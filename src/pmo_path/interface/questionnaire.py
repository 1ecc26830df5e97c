"""The guided self-assessment: `pmo-path assess` without a profile, or `-p FILE -i`.

The conversation talks only through a small `Terminal` (show a line, ask for
one) so the whole flow can be driven by a script in tests and by Rich on
stderr for people; what it asks and how it reads replies is the pure
`domain.interview`. Prompts go to stderr so `-f json > result.json` still
gives clean JSON on stdout.

Nothing is lost: Ctrl-C or end of input at any prompt writes the answers so
far (and the roles chosen) to the --save file or to a fresh draft file, which
`pmo-path assess -p DRAFT -i` resumes at the first question not yet asked. A
draft never replaces a file holding more ratings than it does (it is written
beside it), and when the folder cannot be written it goes to the home or
temporary folder. The questionnaire returns the profile; the command saves
the result and renders it, so rendering can never lose the answers.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from ..domain.interview import (
    DraftState,
    all_same,
    answered_profile,
    default_save_name,
    level_lines,
    level_prompt,
    parse_answer,
    parse_role_choice,
    question_lines,
    questions_for,
    review_save_name,
    role_menu,
)
from ..domain.model import Framework, Profile, Role
from ..errors import InputError, Interrupted, PmoPathError, Problem
from ..reading.profile import dump_profile
from .atomic import atomic_write
from .drafts import draft_state_of, existing_ratings, fresh_draft


class Terminal(Protocol):
    width: int

    def show(self, text: str = "", style: str = "") -> None: ...

    def ask(self, prompt: str) -> str:
        """One line of input; raises KeyboardInterrupt (Ctrl-C) or EOFError (end of input)."""
        ...


class ConsoleTerminal:
    """Rich on stderr: colour only on a terminal and without NO_COLOR; input() underneath."""

    def __init__(self) -> None:
        from .terminal import console

        self.console = console(stderr=True)
        self.width = self.console.width

    def show(self, text: str = "", style: str = "") -> None:
        from rich.text import Text

        from .terminal import Inert

        self.console.print(Inert(Text(text, style=style or "")))

    def ask(self, prompt: str) -> str:
        from rich.text import Text

        return self.console.input(Text(prompt, style="bold"))


@dataclass
class Settings:
    """What the command line decided before the first question."""

    base: Profile = field(default_factory=Profile)  # the profile being re-assessed, or empty
    source: str | None = None  # its file when re-assessing
    current: str | None = None  # --current
    target: str | None = None  # --target
    everything: bool = False  # --all
    save: str | None = None  # --save
    force: bool = False  # --force: --save may replace a read-only file
    draft: DraftState | None = None  # set when `source` is a draft being resumed
    about: str | None = None  # --about: rating someone else, for a review file
    relation: str | None = None  # --relation: manager, peer, report or other


class Interview:
    """One run of the questionnaire: its answers so far and what to do with them."""

    def __init__(self, framework: Framework, settings: Settings, terminal: Terminal, today: date) -> None:
        self.framework, self.settings, self.terminal, self.today = framework, settings, terminal, today
        base = settings.base
        self.current = settings.current or base.current_role
        self.target = settings.target or base.target_role
        self.name = base.name
        resumed = settings.draft or DraftState()
        self.everything = settings.everything or resumed.everything
        self.asked: list[str] = list(resumed.asked)
        self.skipped: set[str] = set(resumed.skipped)
        self.answers: dict[str, int | None] = {}
        self.touched = False  # anything typed this run that a draft should keep

    def profile(self) -> Profile:
        answered = answered_profile(self.settings.base, self.answers, self.current, self.target, self.today)
        return answered.with_ratings(answered.ratings, name=self.name) if self.name != answered.name else answered

    @property
    def about(self) -> str | None:
        return self.settings.about

    @property
    def kind(self) -> str:
        return f"review of {self.about}" if self.about else "profile"

    def dump(self, finished: Profile) -> str:
        """The file to save: a profile, or a review when rating someone else."""
        if not self.about:
            return dump_profile(finished, self.framework)
        from ..domain.model import RaterRelation, Review
        from ..reading.review import dump_review

        review = Review(
            about=self.about,
            relation=RaterRelation(self.settings.relation),
            ratings=finished.ratings,
            rater=finished.name,
            assessed_on=self.today,
        )
        return dump_review(review, self.framework)

    def ask_name(self) -> None:
        if self.name or self.settings.draft is not None:  # a resumed draft was asked already
            return
        prompt = (
            "Your name, kept in the file and never shown (Enter to leave it out): "
            if self.about
            else "Your name, for the plan's title (Enter to leave it out): "
        )
        reply = self.terminal.ask(prompt).strip()
        if reply:
            self.name = reply
            self.touched = True

    def say(self, text: str = "", style: str = "") -> None:
        self.terminal.show(text, style)

    def choose_roles(self) -> None:
        ask_current = self.current is None and not self.about
        ask_target = self.target is None and not self.about  # a review rates every competency unless -t says
        if not (ask_current or ask_target):
            return
        menu = role_menu(self.framework)
        self.say("Roles", "bold")
        number = 0
        for track, ladder in self.framework.roles_by_track().items():
            if ladder:
                self.say(self.framework.tracks.get(track, track), "bold")
            for role in ladder:
                number += 1
                self.say(f"  {number:>2}  {role.title}")
        if ask_current:
            self.say("   0  none / I'm not in one of these roles")
            self.current = self._pick_role("Your current role (number, 0 if none of these): ", menu, True)
        if ask_target:
            self.target = self._pick_role("Your target role (number): ", menu, False)

    def warn_if_same_role(self) -> None:
        if self.current is not None and self.current == self.target:
            title = self.framework.roles[self.current].title
            self.say(
                f"Your current and target role are both {title}: the result shows how fully you fill "
                "the role you have, not a next step. Pick another target with --target to plan a move.",
                "yellow",
            )

    def _pick_role(self, prompt: str, menu: list[str], allow_none: bool) -> str | None:
        while True:
            reply = self.terminal.ask(prompt)
            try:
                chosen = parse_role_choice(reply, menu, allow_none)
            except ValueError as hint:
                self.say(str(hint), "yellow")
                continue
            self.touched = True
            return chosen

    def rate(self) -> None:
        questions = questions_for(self.framework, self.target, self.everything)
        for number, competency in enumerate(questions, 1):
            if competency.id in self.asked:  # a resumed draft: answered or skipped before
                continue
            existing = self.settings.base.ratings.get(competency.id)
            lines = question_lines(self.framework, competency, number, len(questions), self.terminal.width, existing, self.about)
            for line in lines:
                self.say(line)
            default = existing.level if existing else None
            skip_default = default is None and competency.id in self.skipped
            while True:
                reply = self.terminal.ask(level_prompt("s" if skip_default else default, self.about))
                answer = parse_answer("s" if skip_default and not reply.strip() else reply, default)
                if answer.kind == "help":  # only the levels asked for, not the whole question again
                    for line in level_lines(self.framework, competency, self.terminal.width):
                        self.say(line)
                    continue
                if answer.kind == "invalid":
                    self.say(answer.hint, "yellow")
                    continue
                break
            self.answers[competency.id] = answer.level
            self.asked.append(competency.id)
            if answer.level is None:
                self.skipped.add(competency.id)
            else:
                self.skipped.discard(competency.id)
            self.touched = True

    def warn_if_all_same(self, finished: Profile) -> None:
        asked = [competency.id for competency in questions_for(self.framework, self.target, self.everything)]
        levels = [finished.ratings[c].level for c in asked if c in finished.ratings]
        if all_same(levels):
            self.say("")
            self.say(
                f"Every answer was {levels[0]}: the result says less than it could. Checking each level "
                "against your own record gives a sharper picture.",
                "yellow",
            )

    def save_at_end(self, finished: Profile) -> str | None:
        """Write to --save, or offer to; an existing file is replaced only on an explicit yes."""
        if self.settings.save:
            try:
                atomic_write(self.settings.save, self.dump(finished))
            except InputError as err:
                draft = self.keep_draft()
                raise InputError(f"{err}; your answers are in {draft}") from None
            self.say(f"Saved your {self.kind} to {self.settings.save}", "green")
            return self.settings.save
        from .outputs import check_writable

        suggestion = (
            review_save_name(self.about, self.settings.relation, finished.name)
            if self.about
            else default_save_name(finished, self.settings.source, self.today, self.settings.draft is not None)
        )
        self.say("")
        while True:
            reply = self.terminal.ask(f"Save your {self.kind}? File name [{suggestion}], or n to skip: ").strip()
            if reply.lower() in ("n", "no"):
                self.say("Not saved.")
                return None
            path = reply or suggestion
            try:
                check_writable(path, "file name", force=True)
            except PmoPathError as err:
                self.say(str(err), "yellow")
                continue
            if Path(path).exists() and not Path(path).is_dir() and not self.completes_draft(path):
                confirm = self.terminal.ask(f"{path} exists. Replace it? [y/N]: ").strip().lower()
                if confirm not in ("y", "yes"):
                    continue
            try:
                atomic_write(path, self.dump(finished))
            except InputError as err:
                self.say(str(err), "yellow")
                continue
            self.say(f"Saved your {self.kind} to {path}", "green")
            if self.settings.draft is not None and not self.completes_draft(path):
                self.say(f"The draft {self.settings.source} is no longer needed; you may delete it.", "dim")
            return path

    def completes_draft(self, path: str) -> bool:
        """Saving over the draft being resumed: it only gains answers, so it needs no confirmation."""
        source = self.settings.source
        return self.settings.draft is not None and bool(source) and os.path.abspath(source) == os.path.abspath(path)

    def keep_draft(self, now: datetime | None = None) -> str:
        """Write the answers so far where they cannot replace anything fuller; return the path.

        To --save when that file is new or holds no more ratings than the draft;
        else to a fresh draft file beside it (or here). When that folder cannot
        be written, to the home folder, then the temporary folder.
        """
        draft = self.profile()
        text = self.dump(draft)
        state = DraftState(tuple(self.asked), tuple(sorted(self.skipped)), self.everything).line()
        text = text.replace("\n", f"\n{state}\n", 1)
        stamp = now or datetime.now()
        save = self.settings.save
        held = existing_ratings(save, self.framework) if save else None
        if save and (held is None or 0 <= held <= len(draft.ratings)):
            places = [save]
        else:
            places = [fresh_draft(os.path.dirname(save) if save else "", stamp)]
        places += [fresh_draft(folder, stamp) for folder in (os.path.expanduser("~"), tempfile.gettempdir())]
        for path in places:
            try:
                atomic_write(path, text)
                return path
            except InputError:
                continue
        raise InputError(Problem(places[0], "cannot write the draft here, in the home folder or in the temporary folder"))

    def stopped(self, how: str) -> Interrupted:
        """The one-line message (and the saved draft) for Ctrl-C or end of input."""
        self.say("")
        if not self.touched:
            return Interrupted(f"Stopped ({how}); nothing answered yet, nothing saved.")
        path = self.keep_draft()
        count = sum(level is not None for level in self.answers.values())
        save = self.settings.save
        if save and os.path.abspath(save) != os.path.abspath(path):  # say why the answers are not where asked
            reason = "holds more answers, so it is left as it was" if os.path.lexists(save) else "cannot be written"
            self.say(f"{save} {reason}; your answers are in {path}.", "yellow")
        from ..render.wording import command_line, file_word

        resume = command_line("assess", "-i", "-p", file_word(path), data_dir=self.framework.data_dir)
        return Interrupted(f"Stopped ({how}): {count} answer{'' if count == 1 else 's'} saved. Resume: {resume}")


def run_questionnaire(
    framework: Framework, settings: Settings, terminal: Terminal | None = None, today: date | None = None
) -> Profile:
    """The whole conversation: name, roles, ratings, saving. Returns the finished profile.

    Outputs are checked by the caller before this starts. Ctrl-C and end of
    input raise Interrupted (exit 130) after keeping the answers.
    """
    interview = Interview(framework, settings, terminal or ConsoleTerminal(), today or date.today())
    try:
        lead = (
            f"Rate {settings.about} on what you have seen them do."
            if settings.about
            else "Rate yourself against what you have actually done."
        )
        interview.say(f"{lead} Ctrl-C stops and keeps your answers.", "dim")
        interview.ask_name()
        interview.choose_roles()
        interview.warn_if_same_role()
        interview.rate()
        finished = interview.profile()
        interview.warn_if_all_same(finished)
        interview.say("")
        saved = interview.save_at_end(finished)
        interview.say("")
        return replace(finished, file=saved) if saved else finished  # hints name the file it is in
    except KeyboardInterrupt:
        raise interview.stopped("interrupted") from None
    except EOFError:
        raise interview.stopped("end of input") from None


def ask(
    framework: Framework,
    source: str | None,
    current: str | None,
    target: Role | None,
    everything: bool,
    save: str | None,
    force: bool,
    today: date,
) -> Profile:
    """`assess` without a profile, or `-p FILE -i`: the questionnaire from the command's options."""
    from ..reading.profile import load_profile

    base = load_profile(source, framework) if source else Profile(file="questionnaire")
    settings = Settings(
        base=base,
        source=source,
        current=current,
        target=target.id if target else None,
        everything=everything,
        save=save,
        force=force,
        draft=draft_state_of(source),
    )
    return run_questionnaire(framework, settings, today=today)


def ask_about(
    framework: Framework, about: str, relation: str, target: Role | None, save: str | None, force: bool, today: date
) -> Profile:
    """`assess --about NAME --relation R`: the questionnaire worded for rating someone else, saved as a review."""
    settings = Settings(
        target=target.id if target else None, everything=target is None, save=save, force=force, about=about, relation=relation
    )
    return run_questionnaire(framework, settings, today=today)
