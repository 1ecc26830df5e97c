"""`pmo-path validate`: every problem in the framework, profiles, reviews and survey exports, at once.

The loaders raise one InputError carrying all the problems of a file; here we
gather them across files so a broken profile never hides a broken framework
(or the other way round). The same person in two inputs is a warning, not a
problem: `team` and `bench` count them once (`domain.people`), so the input
is usable, but the lead should know which one is set aside.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..domain.model import Framework, Profile
from ..errors import InputError, Problem
from .framework import bundled_data_dir, data_files, load_framework
from .profile import profile_from_document
from .review import is_review, review_from_document
from .yamldoc import load_file, printable


@dataclass
class Report:
    framework_files: list[str] = field(default_factory=list)
    framework: Framework | None = None
    profiles: int = 0  # every file given: profiles and reviews
    reviews: int = 0
    problems: list[Problem | str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # usable, but worth knowing: a person in two inputs
    survey_notes: list[str] = field(default_factory=list)  # what survey reading did: columns left out
    people: list[tuple[str, Profile]] = field(default_factory=list)  # for the one-person-once check

    def files_with_problems(self) -> int:
        return len({problem.file if isinstance(problem, Problem) else "" for problem in self.problems})

    def profiles_only_parsed(self) -> bool:
        """True when a broken framework left the profiles checked for YAML syntax only."""
        return self.framework is None and self.profiles > 0

    def summary(self) -> str:
        """The one line shown when all is well."""
        if self.framework is None:
            return ""
        framework = self.framework
        line = (
            f"OK: framework ({len(framework.roles)} roles, {len(framework.competencies)} competencies, "
            f"{len(framework.recommendations)} recommendations)"
        )
        profiles = self.profiles - self.reviews
        counts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((profiles, "profile"), (self.reviews, "review")) if n]
        if counts:
            line += " and " + ", ".join(counts)
        return line

    def lines(self) -> list[str]:
        """What stdout shows: each problem, FILE:LINE: FIELD: MESSAGE, in reading order, then each warning; or the OK line."""
        found = [str(problem) for problem in self.problems] + [str(warning) for warning in self.warnings]
        return found if self.problems else found + [self.summary()]

    def notes(self) -> list[str]:
        """What stderr adds: which framework files were read, and how far profiles could be checked."""
        notes = [f"Framework files: {', '.join(self.framework_files)}"] if self.framework_files else []
        notes += [f"Note: {line}" for line in self.survey_notes]
        if self.warnings:
            count = len(self.warnings)
            notes.append(f"{count} warning{'s' if count != 1 else ''}: team and bench count each person once")
        if self.profiles_only_parsed():
            notes.append("The profiles were checked for YAML syntax only: fix the framework first.")
        return notes

    def tally(self) -> str:
        count, files = len(self.problems), self.files_with_problems()
        return f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def validate(data_dir: str | os.PathLike | None, profile_paths: list[str], columns: str | None = None) -> Report:
    """Check the active framework, then each profile or review against it; collect, never raise.

    `columns` is the `--columns` map file for survey exports."""
    report = Report()
    try:
        bundled = bundled_data_dir().resolve()
        for path in data_files(data_dir):
            report.framework_files.append(f"{path} (bundled)" if path.resolve().parent == bundled else str(path))
        report.framework = load_framework(data_dir)
    except InputError as err:
        report.problems.extend(err.problems)
    mapping = None
    if columns is not None and report.framework is not None:
        from .survey import read_column_map

        try:
            mapping = read_column_map(columns, report.framework)
        except InputError as err:
            report.problems.extend(err.problems)
    from .team_files import file_identity

    seen: set = set()  # a file named twice, found in a folder named too, or linked, is read once (as `team` does)
    for path in profile_paths:
        for file in _files(path, report.problems):
            if file != "-" and file_identity(file) in seen:
                continue
            seen.add(file_identity(file))
            if file.lower().endswith((".csv", ".xlsx")):
                _check_survey(file, report, mapping)
                continue
            try:
                doc = load_file(file)  # with a broken framework, only the YAML itself can be checked
                review = is_review(doc)
                report.reviews += review
                if report.framework is not None:
                    read = (review_from_document if review else profile_from_document)(doc, report.framework)
                    if not review:
                        report.people.append((doc.name, read))  # <stdin> for -, as its problems name it
            except InputError as err:
                report.problems.extend(err.problems)
            report.profiles += 1
    _one_person_once(report)
    return report


def _one_person_once(report: Report) -> None:
    """A warning for each input that `team` and `bench` would set aside: the same person counted from another."""
    from ..domain.people import one_each

    _kept, set_aside = one_each(report.people)
    for aside in set_aside:
        file, _, row = aside.file.rpartition(":") if _is_row(aside.file) else (aside.file, "", "")
        report.warnings.append(
            Problem(
                file,
                f"warning: {printable(aside.name)} is also in {aside.kept}, which team and bench count (the latest); "
                "this one is set aside",
                "name",
                int(row) if row else None,
            )
        )


def _is_row(file: str) -> bool:
    """A survey row's place, FILE:ROW, as team names it."""
    base, _, row = file.rpartition(":")
    return bool(base) and row.isdigit() and base.lower().endswith((".csv", ".xlsx"))


def _check_survey(file: str, report: Report, mapping: dict[str, str] | None) -> None:
    """A survey export: each row is a profile, checked as `team` reads it (FILE:ROW: column: message)."""
    from .csv_team import read_csv_team
    from .survey import Notice

    if report.framework is None:  # its columns are named by the framework: nothing to check them against
        return
    try:
        people, failures = read_csv_team(file, report.framework, mapping)
    except InputError as err:
        report.problems.extend(err.problems)
        return
    notices = [failure for failure in failures if isinstance(failure, Notice)]
    failures = [failure for failure in failures if not isinstance(failure, Notice)]
    report.survey_notes += [str(problem) for notice in notices for problem in notice.problems]
    for failure in failures:
        report.problems.extend(failure.problems)
    report.people += people
    report.profiles += len(people) + len({p.line for f in failures for p in f.problems if isinstance(p, Problem) and p.line})


def _files(path: str, problems: list[Problem | str]) -> list[str]:
    """The file named, '-' for stdin, or the *.yaml / *.yml / *.csv / *.xlsx in a folder (as `team` reads them)."""
    from .team_files import profile_files

    if path == "-":
        return [path]
    found, missing = profile_files([path])
    for err in missing:
        problems.extend(err.problems)
    if not found and not missing:
        problems.append(Problem(path, "no profile files (*.yaml, *.yml, *.csv, *.xlsx) in this folder"))
    return found
