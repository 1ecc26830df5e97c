"""The speed budget of pmo-path, measured against floors taken in the same run.

Each check runs a floor (the least any program built on the same libraries
could cost) and the subject alternately, floor, subject, floor, subject...,
so both see the same machine load, and compares the medians:

- `assess -p examples/jordan-lee.yaml -f json` within 0.95x of a do-nothing
  typer app with the same `-p` and `-f` options (typer's option conversion,
  which imports pydantic, is part of the floor);
- `feedback` with 1 self and 12 reviews within 1.3x of that floor;
- `--version` within 0.6x of `python -c "import typer, rich.console, rich.table, yaml"`;
- completing a role id (`pmo-path role pmo-<Tab>`, as the bash script asks
  for it) within 1.5x of `--version`, with the roles cache warm (the warm-up
  run fills it, as the first Tab does);
- `team -f json` over 10,000 generated profiles within 1.0x of one process
  reading and `yaml.load(..., Loader=yaml.CSafeLoader)`-ing the same files,
  with peak memory (max RSS of the largest process, from `os.wait4`) under
  200 MiB; the team table within 1.2x of that JSON run;
- `team -f json` over the same people as one Google Forms-shaped survey CSV
  (Timestamp, Email address, question titles, role titles, `3 - practitioner`)
  within 1.2x of the same team as YAML files;
- with --large, `team -f json` over 100,000 profiles under 500 MiB peak;
- hostile but small inputs, each under the size limits, finish in under
  HOSTILE_BUDGET_S seconds: a 1 MiB survey through
  `bench`, `team --members all`, `team -f json` and `validate`; a 300-role
  framework with a 39 KB survey through `bench`; framework folders with
  18,000 source ids and 2,000 references to unknown ones, or 900 ids and
  20,000 unknown references (did-you-mean); a 1 MiB profile of unknown
  competency ids; a survey cell of 600,000 characters. The measure is CPU
  time (user + system, median of 3): on a shared machine the wall time
  also counts other people's work; both are printed. They run with the full
  budget, or alone with `--only hostile`.


Every program runs on this interpreter (`sys.executable`), the subject as
the `pmo-path` console script next to it (or `-m pmo_path` without one).
Bytecode caching is on for every child (PYTHONDONTWRITEBYTECODE is dropped),
as for an installed package, whose .pyc files pip writes at install time;
the warm-up runs write any that are missing.

    python benchmarks/run.py            # the full budget (takes a few minutes)
    python benchmarks/run.py --quick    # a smoke run: 5 runs each, 1,000 profiles
    python benchmarks/run.py --only hostile   # the 5-second budget on hostile inputs

The team budget is set for 10,000 profiles. With fewer (--quick), the fixed
start of any typer command (typer, pydantic, the framework: about 0.2 s)
is a large part of the run, so a smaller team is held to 2.2x instead: loose,
but it still catches work done per file that should be done once.

Exit status 0 when every check is within budget, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "jordan-lee.yaml"
MIB = 1024 * 1024
MEMORY_BUDGET_MIB = 200
TEAM_BUDGET, SMALL_TEAM_BUDGET, FULL_TEAM = 1.0, 2.2, 10_000
TABLE_BUDGET = 1.2  # the team table against the same run's JSON
SURVEY_BUDGET = 1.2  # the team as one survey export against the same team as YAML files
LARGE_TEAM, LARGE_MEMORY_BUDGET_MIB = 100_000, 500
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

# The same options, with the same annotation types, as the real `assess`.
TYPER_FLOOR = textwrap.dedent(
    """
    from enum import Enum
    from typing import Annotated, Optional

    import rich.console
    import rich.table
    import typer
    import yaml


    class Format(str, Enum):
        table = "table"
        json = "json"
        markdown = "markdown"


    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


    @app.command()
    def assess(
        profile: Annotated[Optional[str], typer.Option("--profile", "-p")] = None,
        format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    ) -> None:
        pass


    app()
    """
)

YAML_FLOOR = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import yaml

    for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    """
)

COMPETENCIES = (
    "project-delivery",
    "program-management",
    "portfolio-management",
    "pmo-governance",
    "metrics-reporting",
    "stakeholder-management",
    "collaborative-leadership",
    "executive-communication",
    "people-development",
    "change-leadership",
    "strategic-thinking",
    "business-acumen",
    "value-delivery",
    "financial-management",
    "cross-functional-experience",
)
ROLES = ("project-manager", "senior-project-manager", "pmo-analyst", "pmo-manager", "program-manager")
EVIDENCE = (
    "Ran the steering committee for three business units",
    "Wrote the FY27 portfolio case",
    "Coached two new project managers",
    "Rebuilt the monthly portfolio report",
)


@dataclass
class Check:
    name: str
    floor: list[str]
    subject: list[str]
    budget: float
    env: dict[str, str] | None = None  # added to both programs' environment
    floor_ms: float = 0.0
    subject_ms: float = 0.0
    peak_mib: float = 0.0

    @property
    def ratio(self) -> float:
        return self.subject_ms / self.floor_ms

    @property
    def ok(self) -> bool:
        return self.ratio <= self.budget


def subject_command() -> list[str]:
    """The installed `pmo-path` script run by this interpreter, as people run it."""
    script = Path(sys.executable).with_name("pmo-path")
    if script.is_file():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "pmo_path"]


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time in ms and peak RSS in MiB of one fresh child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, env={**CHILD_ENV, **(env or {})})
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"benchmark command failed ({child.returncode}): {' '.join(argv)}\n{errors}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(check: Check, runs: int) -> None:
    """Alternate floor and subject; keep the medians and the subject's peak memory."""
    run_once(check.floor, check.env)  # warm the file cache and .pyc files for both
    run_once(check.subject, check.env)
    floor, subject, peak = [], [], 0.0
    for _ in range(runs):
        floor.append(run_once(check.floor, check.env)[0])
        elapsed, rss = run_once(check.subject, check.env)
        subject.append(elapsed)
        peak = max(peak, rss)
    check.floor_ms, check.subject_ms, check.peak_mib = statistics.median(floor), statistics.median(subject), peak


def write_team(folder: Path, people: int, seed: int = 2026) -> None:
    """Realistic profiles: every competency rated, about one in five with evidence."""
    rng = random.Random(seed)
    for number in range(people):
        lines = [
            f"name: Person {number:05d}",
            f"current_role: {rng.choice(ROLES)}",
            "target_role: pmo-director",
            f"years_experience: {rng.randint(2, 25)}",
            f"assessed_on: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "ratings:",
        ]
        for competency in COMPETENCIES:
            level = rng.choices(range(6), weights=(1, 2, 4, 5, 3, 1))[0]
            if rng.random() < 0.2:
                lines.append(f'  {competency}: {{level: {level}, evidence: "{rng.choice(EVIDENCE)}"}}')
            else:
                lines.append(f"  {competency}: {level}")
        (folder / f"person-{number:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


ROLE_TITLES = {
    "project-manager": "Project Manager",
    "senior-project-manager": "Senior Project Manager",
    "pmo-analyst": "PMO Analyst",
    "pmo-manager": "PMO Manager",
    "program-manager": "Program Manager",
}
LEVEL_NAMES = ("none", "aware", "developing", "practitioner", "advanced", "expert")


def write_survey(path: Path, people: int, seed: int = 2026) -> None:
    """The people of `write_team` (the same draws), as Google Forms exports them: one CSV row a person."""
    import csv

    rng = random.Random(seed)
    names = [competency.replace("-", " ").capitalize() for competency in COMPETENCIES]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Timestamp", "Email address", "Your name", "Your current role", "The role you aim for", "Years of experience"]
            + [f"Rate yourself [{name}]" for name in names]
        )
        for number in range(people):
            role, years = rng.choice(ROLES), rng.randint(2, 25)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            row = [f"2026/{month:02d}/{day:02d} 9:14:03 AM GMT+1", f"p{number}@example.org", f"Person {number:05d}"]
            row += [ROLE_TITLES[role], "PMO Director", str(years)]
            for _competency in COMPETENCIES:
                level = rng.choices(range(6), weights=(1, 2, 4, 5, 3, 1))[0]
                if rng.random() < 0.2:
                    rng.choice(EVIDENCE)  # the YAML team's evidence note: a survey has none, the draws stay in step
                row.append(f"{level} - {LEVEL_NAMES[level]}")
            writer.writerow(row)


def write_reviews(folder: Path, seed: int = 12) -> None:
    """Twelve reviews of the example person: a manager, six peers, four reports and one other."""
    rng = random.Random(seed)
    relations = ["manager"] + ["peer"] * 6 + ["report"] * 4 + ["other"]
    for number, relation in enumerate(relations):
        lines = ["about: Jordan Lee", f"rater: Rater {number}", f"relation: {relation}", "ratings:"]
        lines += [f"  {competency}: {rng.randint(1, 5)}" for competency in COMPETENCIES]
        (folder / f"review-{number:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 runs each and 1,000 profiles: a smoke run")
    parser.add_argument("--runs", type=int, help="runs of each program (default 21, team 11; --quick 5)")
    parser.add_argument("--people", type=int, help="profiles for the team check (default 10,000; --quick 1,000)")
    parser.add_argument("--large", action="store_true", help=f"also the peak memory of team over {LARGE_TEAM:,} profiles")
    parser.add_argument(
        "--only",
        choices=("assess", "feedback", "version", "completion", "team", "table", "survey", "hostile"),
        action="append",
        help="run only this check (repeatable)",
    )
    options = parser.parse_args()
    runs = options.runs or (5 if options.quick else 21)
    team_runs = options.runs or (5 if options.quick else 11)
    people = options.people or (1_000 if options.quick else FULL_TEAM)

    subject = subject_command()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="pmo-path-bench-") as temporary:
        folder = Path(temporary)
        (folder / "typer_floor.py").write_text(TYPER_FLOOR, encoding="utf-8")
        (folder / "yaml_floor.py").write_text(YAML_FLOOR, encoding="utf-8")
        team = folder / "team"
        team.mkdir()
        write_team(team, people)
        survey = folder / "survey.csv"
        write_survey(survey, people)
        reviews = folder / "reviews"
        reviews.mkdir()
        write_reviews(reviews)

        all_checks = [
            (
                Check(
                    "assess -f json",
                    [python, str(folder / "typer_floor.py"), "-p", str(EXAMPLE), "-f", "json"],
                    [*subject, "assess", "-p", str(EXAMPLE), "-f", "json"],
                    0.95,
                ),
                runs,
            ),
            (
                Check(
                    "feedback (1 self, 12 reviews)",
                    [python, str(folder / "typer_floor.py"), "-p", str(EXAMPLE), "-f", "json"],
                    [*subject, "feedback", str(EXAMPLE), str(reviews), "-f", "json"],
                    1.3,
                ),
                runs,
            ),
            (
                Check("--version", [python, "-c", "import typer, rich.console, rich.table, yaml"], [*subject, "--version"], 0.6),
                runs,
            ),
            (
                Check(
                    "complete a role id",
                    [*subject, "--version"],
                    subject,
                    1.5,
                    env={"_PMO_PATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmo-path role pmo-", "COMP_CWORD": "2"},
                ),
                runs,
            ),
            (
                Check(
                    f"team ({people:,} profiles)",
                    [python, str(folder / "yaml_floor.py"), str(team)],
                    [*subject, "team", str(team), "-t", "pmo-director", "-f", "json"],
                    TEAM_BUDGET if people >= FULL_TEAM else SMALL_TEAM_BUDGET,
                ),
                team_runs,
            ),
            (
                Check(
                    f"team table vs json ({people:,})",
                    [*subject, "team", str(team), "-t", "pmo-director", "-f", "json"],
                    [*subject, "team", str(team), "-t", "pmo-director"],
                    TABLE_BUDGET,
                ),
                team_runs,
            ),
            (
                Check(
                    f"team survey CSV ({people:,})",
                    [*subject, "team", str(team), "-t", "pmo-director", "-f", "json"],
                    [*subject, "team", str(survey), "-t", "pmo-director", "-f", "json"],
                    SURVEY_BUDGET,
                ),
                team_runs,
            ),
        ]
        names = ("assess", "feedback", "version", "completion", "team", "table", "survey")
        wanted = options.only or [*names, "hostile"]
        checks = [pair for key, pair in zip(names, all_checks, strict=True) if key in wanted]
        print(f"python {sys.version.split()[0]} at {python}; subject: {' '.join(Path(p).name for p in subject)}", flush=True)
        for check, count in checks:
            print(f"measuring {check.name}: {count} runs each, alternating ...", file=sys.stderr, flush=True)
            measure(check, count)

    print()
    print(f"{'check':<29} {'floor ms':>9} {'subject ms':>11} {'ratio':>6} {'budget':>7}  result")
    failed = False
    for check, _count in checks:
        verdict = "OK" if check.ok else "OVER"
        failed |= not check.ok
        print(
            f"{check.name:<29} {check.floor_ms:>9.1f} {check.subject_ms:>11.1f} {check.ratio:>6.2f} "
            f"{check.budget:>6.2f}x  {verdict}"
        )
    if "team" in wanted:
        team_check = next(check for check, _ in checks if check.name.startswith("team ("))
        memory_ok = team_check.peak_mib < MEMORY_BUDGET_MIB
        failed |= not memory_ok
        print(
            f"{'team peak memory':<29} {'':>9} {team_check.peak_mib:>7.1f} MiB {'':>6} {MEMORY_BUDGET_MIB:>3} MiB  "
            f"{'OK' if memory_ok else 'OVER'}"
        )
    if options.large:
        failed |= not large_team_memory(subject)
    if "hostile" in wanted:
        failed |= not hostile_budget(subject)
    return 1 if failed else 0


def large_team_memory(subject: list[str]) -> bool:
    """Peak memory of `team -f json` over LARGE_TEAM profiles (the largest process of the run)."""
    with tempfile.TemporaryDirectory(prefix="pmo-path-bench-large-") as temporary:
        team = Path(temporary)
        print(f"writing {LARGE_TEAM:,} profiles ...", file=sys.stderr, flush=True)
        write_team(team, LARGE_TEAM)
        seconds, peak = run_once([*subject, "team", str(team), "-t", "pmo-director", "-f", "json"])
    ok = peak < LARGE_MEMORY_BUDGET_MIB
    print(
        f"{f'team {LARGE_TEAM:,} peak memory':<29} {seconds:>9.0f} ms {peak:>7.1f} MiB {'':>2} "
        f"{LARGE_MEMORY_BUDGET_MIB} MiB  {'OK' if ok else 'OVER'}"
    )
    return ok


HOSTILE_BUDGET_S = 5.0
HOSTILE_RUNS = 3


def write_sized_survey(path: Path, limit: int, seed: int = 17) -> int:
    """A survey export of as many people as fit in `limit` bytes; returns how many."""
    rng = random.Random(seed)
    lines = [",".join(["name", "current_role", "target_role", *COMPETENCIES])]
    size = len(lines[0]) + 1
    while True:
        cells = [f"Person {len(lines)}", rng.choice(ROLES), "pmo-director", *(str(rng.randint(0, 5)) for _ in COMPETENCIES)]
        line = ",".join(cells)
        if size + len(line) + 1 > limit:
            break
        lines.append(line)
        size += len(line) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def bundled_data() -> Path:
    return REPO / "data"


def write_many_roles(folder: Path, roles: int) -> None:
    """The bundled roles.yaml with copies of its roles (new ids, no `next`) up to `roles` in all."""
    import re

    text = (bundled_data() / "roles.yaml").read_text(encoding="utf-8")
    head, body = text.split("\nroles:\n", 1)
    blocks = [b for b in re.split(r"\n(?=  [a-z][a-z0-9-]*:\n)", body) if re.match(r"\s*  [a-z]", b)]
    extra, number = [], 0
    while len(blocks) + number < roles:
        block = blocks[number % len(blocks)]
        role = re.match(r"\s*  ([a-z][a-z0-9-]*):\n", block).group(1)
        copy = block.replace(f"  {role}:\n", f"  {role}-copy-{number}:\n", 1)
        copy = re.sub(r"next: \[[^\]]*\]", "next: []", copy)
        extra.append("\n" + copy.strip("\n") + "\n")
        number += 1
    folder.mkdir()
    (folder / "roles.yaml").write_text(head + "\nroles:\n" + body + "".join(extra), encoding="utf-8")


def write_many_ids(folder: Path, sources: int, unknown: int) -> None:
    """A framework folder with `sources` extra source ids and `unknown` references to ids that do not exist."""
    folder.mkdir()
    roles = (bundled_data() / "roles.yaml").read_text(encoding="utf-8")
    declared = "".join(f"  extra-source-{n:05d}:\n    title: T{n}\n    author: A\n" for n in range(sources))
    (folder / "roles.yaml").write_text(roles.replace("\nsources:\n", "\nsources:\n" + declared, 1), encoding="utf-8")
    advice = (bundled_data() / "recommendations.yaml").read_text(encoding="utf-8")
    cited = "".join(f"no-such-source-{n}, " for n in range(unknown))
    (folder / "recommendations.yaml").write_text(advice.replace("sources: [", f"sources: [{cited}", 1), encoding="utf-8")


def hostile_inputs(folder: Path) -> list[tuple[str, list[str], tuple[int, ...]]]:
    """(name, arguments, the exit codes that are right) for each hostile but small input, written under `folder`."""
    survey = folder / "survey-1mib.csv"
    people = write_sized_survey(survey, MIB)
    small = folder / "survey-39kb.csv"
    write_sized_survey(small, 39 * 1024)
    write_many_roles(folder / "roles-300", 300)
    write_many_ids(folder / "ids-18k", 18_000, 2_000)
    write_many_ids(folder / "refs-20k", 900, 20_000)
    unknown = folder / "unknown-ids.yaml"
    unknown.write_text("ratings:\n" + "".join(f"  made-up-{n:06d}: 3\n" for n in range(MIB // 20)), encoding="utf-8")
    huge = folder / "huge-cell.csv"
    huge.write_text(f'name,project-delivery\nAda,3\n"{"Z" * 600_000}",4\nBea,2\n', encoding="utf-8")
    return [
        (f"bench, 1 MiB survey ({people:,})", ["bench", str(survey), "-f", "json"], (0,)),
        ("team --members all, 1 MiB", ["team", str(survey), "-t", "pmo-director", "--members", "all"], (0,)),
        ("team -f json, 1 MiB survey", ["team", str(survey), "-t", "pmo-director", "-f", "json"], (0,)),
        ("validate, 1 MiB survey", ["validate", str(survey)], (0,)),
        ("bench, 300 roles, 39 KB survey", ["bench", str(small), "--data-dir", str(folder / "roles-300")], (0,)),
        ("validate, 18,000 ids, 2,000 unknown", ["validate", "--data-dir", str(folder / "ids-18k")], (1,)),
        ("validate, 900 ids, 20,000 unknown", ["validate", "--data-dir", str(folder / "refs-20k")], (1,)),
        ("validate, 1 MiB of unknown ids", ["validate", str(unknown)], (1,)),
        ("team, a 600,000-character cell", ["team", str(huge), "-t", "pmo-manager", "-f", "json"], (1,)),
    ]


def timed(argv: list[str], codes: tuple[int, ...]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run; a wrong exit code or a traceback stops the benchmark."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, env=CHILD_ENV)
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if child.stderr:
        child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in codes or "Traceback" in errors:
        raise SystemExit(f"hostile input gave exit {code}: {' '.join(argv)}\n{errors[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def hostile_budget(subject: list[str]) -> bool:
    """Each hostile but small input, HOSTILE_RUNS times: the median CPU time must be under HOSTILE_BUDGET_S."""
    ok = True
    with tempfile.TemporaryDirectory(prefix="pmo-path-hostile-") as temporary:
        print("writing hostile inputs ...", file=sys.stderr, flush=True)
        checks = hostile_inputs(Path(temporary))
        print(f"\n{'hostile input':<36} {'wall s':>7} {'cpu s':>6} {'budget':>7}  result")
        for name, arguments, codes in checks:
            runs = [timed([*subject, *arguments], codes) for _ in range(HOSTILE_RUNS)]
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            within = cpu < HOSTILE_BUDGET_S
            ok &= within
            print(f"{name:<36} {wall:>7.2f} {cpu:>6.2f} {HOSTILE_BUDGET_S:>6.1f}s  {'OK' if within else 'OVER'}", flush=True)
    return ok


if __name__ == "__main__":
    sys.exit(main())
