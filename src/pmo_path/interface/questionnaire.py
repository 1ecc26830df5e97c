"""The guided self-assessment: `pmo-path assess` without a profile, or `-p FILE -i`.

The conversation talks only through a small `Terminal` (show a line, ask for
one) so the whole flow can be driven by a script in tests and by Rich on
stderr for people; what it asks and how it reads replies is the pure
`domain.interview`. Prompts go to stderr so `-f json > result.json` still
gives clean JSON on stdout.

Nothing is lost: Ctrl-C, end of input, a closed terminal (SIGHUP) or a
`kill` (SIGTERM) at any prompt writes the answers so far (and the roles
chosen) to the --save file or to a new draft file, which `pmo-path assess -p
DRAFT -i` resumes at the first question not yet asked. A draft replaces the
--save file only when it holds everything that file holds (`drafts.
holds_everything`); otherwise it is created beside it, under a name no other
run can take. When that folder cannot be written it goes to the home or
temporary folder, and when none can, the answers are printed on stderr as
YAML. A second Ctrl-C while the draft is written waits for it. The
questionnaire returns the profile; the command saves the result and renders
it, so rendering can never lose the answers.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
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
from ..errors import InputError, Interrupted, PmoPathError
from ..reading.profile import dump_profile
from .atomic import atomic_write
from .drafts import create_draft, draft_state_of, holds_everything

STOP_SIGNALS = {"SIGHUP": "the terminal closed", "SIGTERM": "terminated"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class Signalled(BaseException):
    """SIGHUP or SIGTERM during the questionnaire: stop as Ctrl-C does, keeping the answers."""

    def __init__(self, number: int, name: str) -> None:
        super().__init__(name)
        self.number, self.name = number, name


def readable(text: str) -> str:
    """Typed text every saved file can hold: bytes that were not UTF-8 (kept as lone surrogates) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _raise_on_stop_signals(stopping):
    """Until the returned function is called, the first SIGHUP or SIGTERM raises Signalled.

    Once the questionnaire is stopping (`stopping()` is true: its input
    ended or was interrupted; a closed terminal gives end of input, then
    SIGHUP), or a signal was raised, later signals change nothing. The
    returned function puts the old handlers back."""
    import signal

    raised: list[int] = []

    def stop(number, frame):
        if not raised and not stopping():
            raised.append(number)
            raise Signalled(number, signal.Signals(number).name)

    previous = {}
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread: nothing to catch
                previous[number] = signal.signal(number, stop)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


@contextlib.contextmanager
def _signals_held():
    """Ctrl-C, SIGHUP and SIGTERM do nothing for a moment (while the draft is written)."""
    import signal

    previous = {}
    for name in ("SIGINT", *STOP_SIGNALS):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):
                previous[number] = signal.signal(number, lambda *_: None)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


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
        self.stopping = False
        reconfigure = getattr(sys.stdin, "reconfigure", None)
        if reconfigure is not None:  # a byte that is not UTF-8 is kept (then replaced), never a crash
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="surrogateescape")

    def show(self, text: str = "", style: str = "") -> None:
        from rich.text import Text

        from ..render.safe import visible
        from .terminal import Inert

        self.console.print(Inert(Text(visible(text), style=style or "")))

    def ask(self, prompt: str) -> str:
        """The prompt (which may quote a file name or a name) with controls shown as escapes, never obeyed."""
        from rich.text import Text

        from ..render.safe import one_line
        from .terminal import Inert

        try:
            return self.console.input(Inert(Text(one_line(prompt), style="bold")))
        except BaseException:  # Ctrl-C, end of input, a terminal gone: stopping, so SIGHUP and SIGTERM now wait
            self.stopping = True
            raise


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
        self.kept: tuple[str | None, list[str]] | None = None  # where the draft went, once written

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
            self.name = readable(reply)
            if self.name != reply:
                self.say(f"Your name had bytes that are not UTF-8; they are kept as \ufffd: {self.name}", "yellow")
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
                text = self.draft_text()
                with _signals_held():
                    draft, _ = self.keep_draft(text)
                if draft is None:
                    self._print_last_resort(text)
                raise InputError(f"{err}; your answers are {f'in {draft}' if draft else 'printed above'}") from None
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

    def draft_text(self) -> str:
        """The answers so far as a draft: the profile or review, with the line that lets it resume."""
        text = self.dump(self.profile())
        state = DraftState(tuple(self.asked), tuple(sorted(self.skipped)), self.everything).line()
        return text.replace("\n", f"\n{state}\n", 1)

    def keep_draft(self, text: str, now: datetime | None = None) -> tuple[str | None, list[str]]:
        """Write the draft where it cannot replace anything it does not hold: (its path or None, places refused).

        To --save (or the draft being resumed) when that file is new or holds
        nothing the draft lacks; else to a new draft file beside it (or here).
        When that folder cannot be written, to the home folder, then the
        temporary folder.
        """
        stamp = now or datetime.now()
        save = self.settings.save or (self.settings.source if self.settings.draft is not None else None)
        refused: list[str] = []
        if save and holds_everything(save, text, self.framework):
            try:
                atomic_write(save, text)
                return save, refused
            except InputError:
                refused.append(save)
        for folder in (os.path.dirname(save) if save else "", os.path.expanduser("~"), _temporary_folder()):
            if folder is None or (folder or "this folder") in refused:
                continue
            try:
                return create_draft(folder, stamp, text), refused
            except InputError:
                refused.append(folder or "this folder")
        return None, refused

    def stopped(self, how: str, code: int = 130) -> Interrupted:
        """The one-line message (and the saved draft) for Ctrl-C, end of input, SIGHUP or SIGTERM.

        Further signals wait until it is done: pressing Ctrl-C twice cannot lose the answers."""
        with _signals_held():
            return self._stop(how, code)

    def _stop(self, how: str, code: int) -> Interrupted:
        if not self.touched:
            self._say_safely("")
            return Interrupted(f"Stopped ({how}); nothing answered yet, nothing saved.", code)
        text = self.draft_text()
        if self.kept is None:  # once only, even when stopping starts again
            self.kept = self.keep_draft(text)
        path, refused = self.kept
        count = len(self.profile().ratings)  # every answer in the draft, a resumed run's earlier ones too
        answers = f"{count} answer{'' if count == 1 else 's'}"
        self._say_safely("")
        save = self.settings.save
        if path is None:
            self._say_safely(f"Your answers could not be saved: {', '.join(refused)} cannot be written.", "yellow")
            self._print_last_resort(text)
            return Interrupted(
                f"Stopped ({how}): {answers} not saved; they are printed above as YAML. "
                "Save them in a .yaml file to resume with -i -p.",
                code,
            )
        if save and not _same_path(save, path):  # say why the answers are not where asked
            reason = "cannot be written" if save in refused else "holds answers this draft does not, so it is left as it was"
            self._say_safely(f"{save} {reason}; your answers are in {path}.", "yellow")
        from ..render.wording import command_line, file_word

        resume = command_line("assess", "-i", "-p", file_word(path), data_dir=self.framework.data_dir)
        return Interrupted(f"Stopped ({how}): {answers} saved. Resume: {resume}", code)

    def _say_safely(self, text: str, style: str = "") -> None:
        """A line for a terminal that may have gone away (SIGHUP): losing it must not lose the draft."""
        with contextlib.suppress(OSError, ValueError):
            self.say(text, style)

    @staticmethod
    def _print_last_resort(text: str) -> None:
        """The draft itself on stderr, as plain YAML (pmo-path's YAML escapes every control character)."""
        if sys.stderr is None:
            return
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"--- # pmo-path draft\n{text}...\n")
            sys.stderr.flush()


def _same_path(first: str, second: str) -> bool:
    try:
        return os.path.abspath(first) == os.path.abspath(second)
    except OSError:  # the current folder was removed
        return first == second


def _temporary_folder() -> str | None:
    import tempfile

    try:
        return tempfile.gettempdir()
    except OSError:  # no usable temporary folder at all
        return None


def run_questionnaire(
    framework: Framework, settings: Settings, terminal: Terminal | None = None, today: date | None = None
) -> Profile:
    """The whole conversation: name, roles, ratings, saving. Returns the finished profile.

    Outputs are checked by the caller before this starts. Ctrl-C and end of
    input raise Interrupted (exit 130) after keeping the answers; SIGHUP and
    SIGTERM too, with exit 128 + the signal's number (129, 143).
    """
    interview = Interview(framework, settings, terminal or ConsoleTerminal(), today or date.today())
    restore = _raise_on_stop_signals(lambda: getattr(interview.terminal, "stopping", False))
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
        raise _stop(interview, "interrupted", 130) from None
    except EOFError:
        raise _stop(interview, "end of input", 130) from None
    except Signalled as signalled:
        raise _stop(interview, STOP_SIGNALS[signalled.name], 128 + signalled.number) from None
    except OSError:  # the terminal went away (EIO) before its SIGHUP arrived
        raise _stop(interview, STOP_SIGNALS["SIGHUP"], 128 + 1) from None
    finally:
        restore()


def _stop(interview: Interview, how: str, code: int) -> Interrupted:
    """`interview.stopped`, again if a signal lands before it holds them (EOF, then the terminal's SIGHUP)."""
    while True:
        try:
            return interview.stopped(how, code)
        except Signalled as signalled:
            how, code = STOP_SIGNALS[signalled.name], 128 + signalled.number
        except KeyboardInterrupt:
            how, code = "interrupted", 130


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
        target=target.id if target else None,
        everything=target is None,
        save=save,
        force=force,
        about=readable(about),
        relation=relation,
    )
    return run_questionnaire(framework, settings, today=today)
