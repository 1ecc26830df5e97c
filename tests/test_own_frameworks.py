"""Issue 18: an organisation's own framework, as it is (contract section 11).

Frameworks of our own, each a different shape, live under tests/frameworks/:
- five-level: a 5-level named scale (Aware ... Expert) with full descriptors, weights, groups, grades and advice;
- four-level: a 4-level scale (Awareness ... Leader) with general level descriptions only, no weights, no
  groups, no advice (roles.yaml alone);
- three-level: a 3-level scale as `framework import` made it from three-level.csv (names only, no descriptions,
  groups, weights or advice; test_framework_import checks it is the import's output, and the same from .xlsx).
Every command runs with --data-dir on each and shows that framework's level names, ids and counts, and never a
name of the bundled framework (its roles, competencies, articles, the Talent Triangle, "15 competencies").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from pmo_path.reading.framework import load_framework

FRAMEWORKS = Path(__file__).resolve().parent / "frameworks"


@dataclass(frozen=True)
class Case:
    folder: str
    levels: tuple[str, ...]  # the scale's names, 1..N
    current: str
    target: str
    ratings: dict[str, int]
    competencies: int
    roles: int
    grade: str  # the target's grade label

    @property
    def data_dir(self) -> str:
        return str(FRAMEWORKS / self.folder)


CASES = {
    "five-level": Case(
        "five-level",
        ("Aware", "Practised", "Competent", "Proficient", "Expert"),
        "delivery-associate",
        "delivery-lead",
        {"agile-delivery": 2, "user-research": 3, "service-design": 1, "data-literacy": 4, "budget-control": 2},
        5,
        4,
        "SEO",
    ),
    "four-level": Case(
        "four-level",
        ("Awareness", "Practitioner", "Expert", "Leader"),
        "office-analyst",
        "office-manager",
        {"risk-control": 2, "benefits-tracking": 1, "supplier-oversight": 1, "team-coaching": 3},
        4,
        3,
        "Band 7",
    ),
    "three-level": Case(  # what `framework import` made of three-level.csv (test_framework_import keeps them equal)
        "three-level",
        ("Awareness", "Practitioner", "Expert"),
        "change-analyst",
        "change-lead",
        {"scheduling": 2, "risk-handling": 1, "insight-reporting": 3, "sponsor-engagement": 1, "coaching": 0},
        5,
        4,
        "Band 6",
    ),
}


def bundled_names() -> list[str]:
    """What only the bundled framework would print: its role titles, competency names and article titles."""
    bundled = load_framework()
    names = [role.title for role in bundled.roles.values()]
    names += [c.name for c in bundled.competencies.values()]
    names += [source.title for source in bundled.sources.values()]
    return [*names, "Talent Triangle", "15 competencies", "strategic-thinking", "pmo-director"]


BUNDLED = bundled_names()


def assert_own(text: str, case: Case) -> None:
    for name in BUNDLED:
        assert name not in text, f"bundled name {name!r} printed under {case.folder}"


def profile_text(case: Case, ratings: dict[str, int] | None = None, name: str = "Ada Obi", on: str = "2026-11-20") -> str:
    lines = [f"name: {name}", f"current_role: {case.current}", f"target_role: {case.target}", f"assessed_on: {on}", "ratings:"]
    lines += [f"  {competency}: {level}" for competency, level in (ratings or case.ratings).items()]
    return "\n".join(lines) + "\n"


@pytest.fixture(params=sorted(CASES))
def case(request) -> Case:
    return CASES[request.param]


@pytest.fixture
def files(case, tmp_path):
    """A profile, a later one, and three peers' and a manager's reviews, for the framework of `case`."""
    me = tmp_path / "me.yaml"
    me.write_text(profile_text(case), encoding="utf-8")
    later = tmp_path / "me-later.yaml"
    later.write_text(
        profile_text(case, {c: min(level + 1, len(case.levels)) for c, level in case.ratings.items()}, on="2027-02-20")
    )
    team = tmp_path / "team"
    team.mkdir()
    for number, shift in enumerate((0, 1, 2)):
        ratings = {c: min(level + shift, len(case.levels)) for c, level in case.ratings.items()}
        (team / f"p{number}.yaml").write_text(profile_text(case, ratings, name=f"Person {number}"), encoding="utf-8")
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for number, relation in enumerate(("manager", "peer", "peer", "peer")):
        ratings = "\n".join(f"  {c}: {max(0, level - 1)}" for c, level in case.ratings.items())
        (reviews / f"r{number}.yaml").write_text(
            f"about: Ada Obi\nrater: Rater {number}\nrelation: {relation}\nratings:\n{ratings}\n", encoding="utf-8"
        )
    return {"me": str(me), "later": str(later), "team": str(team), "reviews": str(reviews)}


def run(invoke, case: Case, *args: str):
    result = invoke(*args, "--data-dir", case.data_dir)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    assert_own(result.stdout + result.stderr, case)
    return result


# --- validate, init, schema ----------------------------------------------------------------------------------------


def test_validate_counts_this_framework(invoke, case):
    result = run(invoke, case, "validate")
    assert f"{case.roles} roles, {case.competencies} competencies" in result.stdout


def test_init_lists_the_scale_and_the_framework_ids(invoke, case):
    text = run(invoke, case, "init").stdout
    framework = load_framework(case.data_dir)
    assert "Levels: 0 not yet, " + ", ".join(f"{n} {name}" for n, name in enumerate(case.levels, 1)) + "." in text
    for competency in framework.competencies:
        assert f"  {competency}:    # 0-{len(case.levels)}" in text
    first = next(iter(framework.competencies))
    assert f"#   {first}: {{level: 2," in text  # the evidence example names this framework's own id
    assert f"--data-dir {case.data_dir}" in text


def test_the_schema_follows_the_scale(invoke, case):
    schema = json.loads(run(invoke, case, "schema", "profile").stdout)
    ratings = schema["properties"]["ratings"]
    assert ratings["anyOf"][0]["propertyNames"]["enum"] == sorted(CASES[case.folder].ratings)
    number, words = ratings["anyOf"][0]["additionalProperties"]["oneOf"][0]["oneOf"]
    assert number == {"type": "integer", "minimum": 0, "maximum": len(case.levels)}
    assert words["enum"][1:] == list(case.levels)  # a level's name is offered as well as its number
    assert f"{len(case.levels)} ({case.levels[-1]})" in ratings["description"]
    for kind in ("review", "roles", "recommendations"):  # every schema, with this framework's wording only
        assert json.loads(run(invoke, case, "schema", kind).stdout)["title"] == f"pmo-path {kind} file"
    advice = json.loads(run(invoke, case, "schema", "recommendations").stdout)["properties"]["recommendations"]["anyOf"][0]
    levels = advice["additionalProperties"]["properties"]["levels"]
    assert levels["items"]["maximum"] == len(case.levels)


# --- one person ---------------------------------------------------------------------------------------------------


def test_assess_shows_level_names_and_the_grade(invoke, case, files):
    text = run(invoke, case, "assess", "-p", files["me"]).stdout
    assert f"({case.grade})" in text
    assert "Levels: 0 not yet · " + " · ".join(f"{n} {name}" for n, name in enumerate(case.levels, 1)) + "." in " ".join(
        text.split()
    )
    data = json.loads(run(invoke, case, "assess", "-p", files["me"], "-f", "json").stdout)
    assert data["scale"] == [{"level": 0, "name": "not yet"}] + [
        {"level": n, "name": name} for n, name in enumerate(case.levels, 1)
    ]


def test_plan_names_the_levels_and_says_where_there_is_no_advice(invoke, case, files):
    text = run(invoke, case, "plan", "-p", files["me"]).stdout
    if case.folder != "three-level":  # an imported matrix has level names only, no descriptions to quote
        assert f"(level {2} {case.levels[1]})" in text or f"(level {3} {case.levels[2]})" in text
    else:
        assert "Levels: 0 not yet · 1 Awareness · 2 Practitioner · 3 Expert." in text
    if case.folder != "five-level":
        assert "No advice yet in this framework for" in text
        assert "Source:" not in text  # no bundled advice borrowed
    else:
        assert "[Digital delivery framework 2026](https://example.org/dd-framework)" in text


def test_the_plan_chart_draws_this_scale(invoke, case, files, tmp_path):
    chart = tmp_path / "radar.svg"
    run(invoke, case, "plan", "-p", files["me"], "-o", str(tmp_path / "plan.md"), "--chart", str(chart))
    svg = chart.read_text(encoding="utf-8")
    assert svg.count('class="ring"') == len(case.levels) and f"levels 0-{len(case.levels)}</text>" in svg
    assert_own(svg, case)


def test_match_path_and_role_vs(invoke, case, files):
    framework = load_framework(case.data_dir)
    matched = json.loads(run(invoke, case, "match", "-p", files["me"], "--all", "-f", "json").stdout)
    assert isinstance(matched, list) and {m["role"] for m in matched} == set(framework.roles)  # a list, as the contract has it
    run(invoke, case, "match", "-p", files["me"])
    route = json.loads(run(invoke, case, "path", case.current, case.target, "-f", "json").stdout)
    assert route["steps"][0] == case.current and route["steps"][-1] == case.target
    compared = run(invoke, case, "role", case.current, "--vs", case.target).stdout
    assert case.levels[1] in compared and f"Level 1-{len(case.levels)} the role asks for" in " ".join(compared.split())
    shown = json.loads(run(invoke, case, "role", case.target, "-f", "json").stdout)
    assert shown["grade"] == case.grade and shown["scale"][-1]["name"] == case.levels[-1]


# --- people -------------------------------------------------------------------------------------------------------


def test_team_bench_feedback_progress(invoke, case, files):
    team = json.loads(run(invoke, case, "team", files["team"], "-t", case.target, "-f", "json").stdout)
    assert team["people"] == 3 and team["scale"][1]["name"] == case.levels[0]
    run(invoke, case, "team", files["team"], "-t", case.target)
    bench = json.loads(run(invoke, case, "bench", files["team"], "-f", "json").stdout)
    assert [row["role"] for row in bench] == list(load_framework(case.data_dir).roles)
    run(invoke, case, "bench", files["team"])
    feedback = json.loads(run(invoke, case, "feedback", files["me"], files["reviews"], "-f", "json").stdout)
    assert feedback["raters"]["peer"] == 3 and feedback["scale"][-1]["name"] == case.levels[-1]
    run(invoke, case, "feedback", files["me"], files["reviews"])
    progress = json.loads(run(invoke, case, "progress", files["me"], files["later"], "-f", "json").stdout)
    assert progress["after"] > progress["before"]
    run(invoke, case, "progress", files["me"], files["later"])


def test_form_carries_the_scale_and_the_framework(invoke, case, tmp_path):
    out = tmp_path / "form.html"
    run(invoke, case, "form", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1))
    framework = load_framework(case.data_dir)
    assert [c["id"] for c in data["competencies"]] == list(framework.competencies)
    labels = [level["label"] for level in data["competencies"][0]["levels"]]
    assert labels == ["not yet", *case.levels]
    if case.folder != "three-level":  # an imported matrix has level names only
        assert all(level["text"] for level in data["competencies"][0]["levels"][1:])  # a descriptor or the scale's own
    assert f"--data-dir {case.data_dir}" in data["check"]
    assert [entry["name"] for entry in data["scale"]] == ["not yet", *case.levels]
    assert all(bool(c["group"]) == (case.folder == "five-level") for c in data["competencies"])  # no groups: none shown
    assert_own(html, case)


def test_a_survey_answers_in_the_scales_own_words(invoke, tmp_path):
    case = CASES["five-level"]
    export = tmp_path / "survey.csv"
    export.write_text(
        "Timestamp,Your name,Rate yourself [Agile delivery],Rate yourself [User research]\n"
        "2026/11/20 10:00:00,Ada Obi,Proficient,3 - Competent\n"
        "2026/11/20 11:00:00,Sam Lee,practised,Not sure\n",
        encoding="utf-8",
    )
    team = json.loads(run(invoke, case, "team", str(export), "-t", case.target, "-f", "json").stdout)
    means = {c["competency"]: c["mean_current"] for c in team["competencies"]}
    assert team["people"] == 2 and means["agile-delivery"] == 3.0  # Proficient 4 and Practised 2
    wrong = export.read_text().replace("practised", "Legendary")
    export.write_text(wrong, encoding="utf-8")
    refused = invoke("team", str(export), "-t", case.target, "--data-dir", case.data_dir)
    assert refused.exit_code == 1 and "Legendary" in refused.stderr and "Proficient" in refused.stderr


def test_the_questionnaire_asks_on_this_scale(case, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PMO_PATH_DATA"}
    env.update(NO_COLOR="1", COLUMNS="100", LINES="40", TERM="xterm")
    top = len(case.levels)
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "pmo_path",
            "assess",
            "--current",
            case.current,
            "-t",
            case.target,
            "--save",
            "me.yaml",
            "--data-dir",
            case.data_dir,
        ],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None
    child.expect("Your name")
    child.sendline("Ada Obi")
    framework = load_framework(case.data_dir)
    asked = [r.competency for r in framework.roles[case.target].requirements]
    seen = ""
    child.expect(f"Your level: 0-{top}")
    seen += child.before
    child.sendline(str(top + 1))  # above the scale's top: refused, asked again
    child.expect(f"from 0 to {top}")
    for _ in asked:
        child.expect(f"Your level: 0-{top}")
        seen += child.before
        child.sendline("1")
    child.expect(pexpect.EOF)
    child.close()
    seen += child.before
    assert child.exitstatus == 0, seen
    for name in case.levels:
        assert name in seen
    assert_own(seen, case)
    saved = (tmp_path / "me.yaml").read_text(encoding="utf-8")
    assert all(f"{competency}: 1" in saved for competency in asked)


# --- bad input: one line naming the file and the field, exit 1 ----------------------------------------------------


def _own_copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "fw"
    shutil.copytree(FRAMEWORKS / "four-level", folder)
    roles = folder / "roles.yaml"
    roles.write_text(edit(roles.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


SCALE = """scale:
  - {name: Awareness, description: Knows the basics and where to find help}
  - {name: Practitioner, description: Applies it unaided on routine work}
  - {name: Expert, description: Handles the hard cases and teaches others}
  - {name: Leader, description: Sets the direction for the organisation}
"""


@pytest.mark.parametrize(
    ("name", "edit", "field", "message"),
    [
        (
            "one level",
            lambda t: t.replace(SCALE, "scale: [Only]\n"),
            "scale",
            "a scale lists 2 to 7 levels (0 is implied), found 1",
        ),
        (
            "eight levels",
            lambda t: t.replace(SCALE, "scale: [A1, A2, A3, A4, A5, A6, A7, A8]\n"),
            "scale",
            "a scale lists 2 to 7 levels (0 is implied), found 8",
        ),
        (
            "duplicate names",
            lambda t: t.replace("{name: Leader,", "{name: expert,"),
            "scale",
            "levels 3 and 4 are both named 'expert'",
        ),
        ("blank name", lambda t: t.replace("{name: Leader,", "{name: '  ',"), "scale[3].name", "must not be empty"),
        (
            "a level the scale lacks",
            lambda t: t.replace("risk-control: Awareness", "risk-control: Master"),
            "roles.office-analyst.requirements.risk-control",
            "'Master' is not a level of the scale",
        ),
        (
            "a level above the top",
            lambda t: t.replace("risk-control: Awareness", "risk-control: 5"),
            "roles.office-analyst.requirements.risk-control",
            "must be from 1 to 4, found 5",
        ),
    ],
)
def test_a_bad_scale_is_one_line_naming_the_file_and_field(invoke, tmp_path, name, edit, field, message):
    folder = _own_copy(tmp_path, edit)
    result = invoke("roles", "--data-dir", str(folder))
    assert result.exit_code == 1, result.stdout
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Error: {folder / 'roles.yaml'}:") and f": {field}: {message}" in first, first
    assert "Traceback" not in result.stderr


def test_a_rating_above_the_top_names_the_file_and_field(invoke, tmp_path):
    case = CASES["four-level"]
    me = tmp_path / "me.yaml"
    me.write_text(profile_text(case, {"risk-control": 5}), encoding="utf-8")
    result = invoke("assess", "-p", str(me), "--data-dir", case.data_dir)
    assert result.exit_code == 1
    line = me.read_text().splitlines().index("  risk-control: 5") + 1
    assert result.stderr.splitlines()[0] == f"Error: {me}:{line}: ratings.risk-control: must be from 0 to 4, found 5"


def test_profiles_and_reviews_take_a_levels_name_as_survey_cells_and_requirements_do(invoke, tmp_path):
    case = CASES["four-level"]
    me = tmp_path / "me.yaml"
    text = profile_text(case).replace("risk-control: 2", "risk-control: Practitioner")
    text = text.replace("team-coaching: 3", "team-coaching: {level: expert, evidence: Coached two leads}")
    me.write_text(text.replace("supplier-oversight: 1", "supplier-oversight: AWARENESS"), encoding="utf-8")
    review = tmp_path / "review.yaml"
    review.write_text("about: Ada Obi\nrater: Bo\nrelation: peer\nratings:\n  risk-control: leader\n", encoding="utf-8")
    from pmo_path.reading.profile import dump_profile, load_profile

    framework = load_framework(case.data_dir)
    profile = load_profile(str(me), framework)
    assert {c: r.level for c, r in profile.ratings.items()} == {
        "risk-control": 2,
        "benefits-tracking": 1,
        "supplier-oversight": 1,
        "team-coaching": 3,
    }
    assert profile.ratings["team-coaching"].evidence == "Coached two leads"
    assert "Office Manager" in run(invoke, case, "assess", "-p", str(me)).stdout
    run(invoke, case, "validate", str(me), str(review))
    # What pmo-path writes keeps numbers: a profile it saves from one rated with names.
    written = dump_profile(profile, framework)
    assert "  risk-control: 2" in written and "level: 3" in written and "Practitioner" not in written
    # A word that names no level is one line naming the file, the field and the names it could be.
    me.write_text(profile_text(case).replace("risk-control: 2", "risk-control: Guru"), encoding="utf-8")
    result = invoke("assess", "-p", str(me), "--data-dir", case.data_dir)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Error: {me}:") and "ratings.risk-control: 'Guru' is not a level" in first
    assert "Practitioner" in first


@pytest.mark.parametrize("how", ["table", "markdown"])
def test_roles_without_years_show_a_dash_and_seniority_is_never_called_a_level(invoke, how):
    case = CASES["four-level"]  # its roles give no years
    roles = run(invoke, case, "roles", "-f", how).stdout
    assert "0-0" not in roles and "Level" not in roles and "Seniority" in roles
    row = next(line for line in roles.splitlines() if "Office Manager" in line)
    assert re.search(r"(^|\s|\|)-(\s|\|)", row.split("Office Manager")[1]), row  # the years cell is a dash
    card = run(invoke, case, "role", "office-manager", "-f", how).stdout
    assert "Portfolio office, seniority 2" in card and "level 2" not in card and "years" not in card
    both = run(invoke, case, "role", "office-analyst", "--vs", "office-manager", "-f", how).stdout
    assert "level 1 →" not in both
    if how == "table":
        assert "Portfolio office, seniority 1 → Portfolio office, seniority 2" in both


def test_where_every_weight_is_the_default_the_points_legends_name_only_that_weight(invoke, tmp_path):
    case = CASES["four-level"]  # no weights given: every requirement is important (2)
    me = tmp_path / "me.yaml"
    me.write_text(profile_text(case), encoding="utf-8")
    team = tmp_path / "team"
    team.mkdir()
    (team / "me.yaml").write_text(profile_text(case), encoding="utf-8")
    shown = [
        run(invoke, case, "plan", "-p", str(me)).stdout,
        run(invoke, case, "team", str(team), "-t", "office-director").stdout,
        run(invoke, case, "team", str(team), "-t", "office-director", "-f", "markdown").stdout,
        run(invoke, case, "path", "office-analyst", "office-director", "-p", str(me)).stdout,
        run(invoke, case, "path", "office-analyst", "office-director", "-p", str(me), "-f", "markdown").stdout,
    ]
    for text in shown:
        flat = " ".join(text.split())
        assert "counted 2 each (every requirement is important" in flat, flat[-600:]
        assert "if core" not in flat and "if useful" not in flat


@pytest.mark.parametrize(
    ("weights", "said"),
    [
        ({3, 2, 1}, "counted 3 if core, 2 if important, 1 if useful"),
        ({1, 3}, "counted 3 if core, 1 if useful"),
        ({2}, "counted 2 each (every requirement is important)"),
        ({3}, "counted 3 each (every requirement is core)"),
    ],
)
def test_the_points_legend_names_the_weights_the_requirements_use(weights, said):
    from pmo_path.render.wording import counted

    assert counted(weights) == said


# --- optional parts ------------------------------------------------------------------------------------------------


def test_weights_left_out_take_the_default_and_only_core_counts_for_the_verdict():
    four = load_framework(CASES["four-level"].data_dir)
    assert {r.weight for role in four.roles.values() for r in role.requirements} == {2}
    five = load_framework(CASES["five-level"].data_dir)
    lead = five.roles["delivery-lead"]
    assert {r.competency: (r.level, r.weight) for r in lead.requirements} == {
        "agile-delivery": (4, 3),
        "service-design": (2, 2),
        "user-research": (3, 2),
        "data-literacy": (3, 1),
        "budget-control": (2, 2),
    }


def test_the_ladder_rule_is_the_frameworks_own(invoke, tmp_path):
    folder = tmp_path / "fw"
    shutil.copytree(FRAMEWORKS / "five-level", folder)
    roles = folder / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("      service-design: Competent\n", "      service-design: Aware\n", 1), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(folder))
    assert result.exit_code == 1
    assert "asks level 1 of service-design, less than the more junior 'delivery-lead' (2)" in result.stdout
    roles.write_text(text.replace("ladder_rule: [service-design]\n", "ladder_rule: [strategic-thinking]\n"), encoding="utf-8")
    unknown = invoke("validate", "--data-dir", str(folder))
    assert unknown.exit_code == 1 and "ladder_rule[0]: unknown competency 'strategic-thinking'" in unknown.stdout


def test_roles_alone_warn_of_every_hole_and_strict_makes_them_errors(invoke):
    case = CASES["four-level"]
    result = invoke("validate", "--data-dir", case.data_dir)
    assert result.exit_code == 0
    holes = [line for line in result.stdout.splitlines() if "is built by no recommendation" in line]
    assert len(holes) == case.competencies
    strict = invoke("validate", "--strict", "--data-dir", case.data_dir)
    assert strict.exit_code == 1 and f"{case.competencies} problems" in strict.stderr


# --- printed commands run as printed, with --data-dir and with PMO_PATH_DATA ----------------------------------------


@pytest.mark.parametrize("how", ["option", "environment"])
def test_what_init_and_the_plan_suggest_runs_as_printed(invoke, case, tmp_path, monkeypatch, how):
    import shlex

    monkeypatch.chdir(tmp_path)
    given = ["--data-dir", case.data_dir] if how == "option" else []
    env = {"PMO_PATH_DATA": case.data_dir} if how == "environment" else None
    made = invoke("init", "me.yaml", *given, env=env)
    assert made.exit_code == 0, made.stderr
    text = Path("me.yaml").read_text(encoding="utf-8")
    for competency, level in case.ratings.items():
        text = text.replace(f"  {competency}:    #", f"  {competency}: {level}    #")
    text = text.replace("current_role:  ", f"current_role: {case.current} ", 1)
    Path("me.yaml").write_text(text.replace("target_role:  ", f"target_role: {case.target} ", 1), encoding="utf-8")
    suggested = [line.split("run: ", 1)[1] for line in made.stderr.splitlines() if line.startswith("Next:")]
    suggested += [line.split("`")[1] for line in text.splitlines() if line.startswith("# Run `")]
    plan = invoke("plan", "-p", "me.yaml", "-t", case.target, *given, env=env)
    suggested += re.findall(r"`(pmo-path [^`]+)`", plan.stdout)
    assert len(suggested) >= 3, suggested
    for command in suggested:
        words = shlex.split(command)
        assert words[-2:] == ["--data-dir", case.data_dir], command  # kept, from the option or the variable
        if "-i" in words:  # the review step's questionnaire needs a terminal (its --data-dir is what matters here):
            saved = words[words.index("--save") + 1]  # its answers, as if given, for the next command to compare
            Path(saved).write_text(Path("me.yaml").read_text(encoding="utf-8"), encoding="utf-8")
            continue
        result = invoke(*words[1:])  # without the variable: the command alone must find the framework
        assert result.exit_code == 0, (command, result.stderr)
        assert_own(result.stdout, case)


@pytest.mark.parametrize("advice", ["", "schema_version: 1\nrecommendations: {}\n"])
def test_an_empty_advice_file_is_no_advice_yet(invoke, tmp_path, advice):
    folder = tmp_path / "fw"
    shutil.copytree(FRAMEWORKS / "four-level", folder)
    (folder / "recommendations.yaml").write_text(advice, encoding="utf-8")
    result = invoke("validate", "--data-dir", str(folder))
    assert result.exit_code == 0, result.stdout
    assert "3 roles, 4 competencies, 0 recommendations" in result.stdout
    assert result.stdout.count("is built by no recommendation") == 4
