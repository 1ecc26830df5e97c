"""How others see you (contract section 9): anonymity, blind spots, readiness on both views, bad input."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_path.domain.feedback import MIN_GROUP, compare_views
from pmo_path.domain.model import Profile, RaterRelation, Rating, Review
from pmo_path.interface.terminal import render_to_text
from pmo_path.render.as_csv import CsvRenderer
from pmo_path.render.as_json import feedback as feedback_json
from pmo_path.render.markdown_people import feedback_report
from pmo_path.render.table_people import feedback_view

REVIEWS = EXAMPLES / "reviews"
SELF = EXAMPLES / "jordan-lee.yaml"
COMPETENCY = "strategic-thinking"


def person(level: int | None = 3) -> Profile:
    ratings = {COMPETENCY: Rating(level)} if level is not None else {}
    return Profile(ratings=ratings, name="Jordan Lee", target_role="pmo-director", file="me.yaml")


def review(relation: str, level: int, number: int = 0, competency: str = COMPETENCY) -> Review:
    return Review(
        about="Jordan Lee",
        relation=RaterRelation(relation),
        ratings={competency: Rating(level)},
        rater=f"Secret Name {relation} {number}",
        file=f"{relation}-{number}.yaml",
    )


def run(framework, me: Profile, reviews: list[Review]):
    return compare_views(framework, me, reviews, framework.roles["pmo-director"])


# --- blind spots and hidden strengths at the edge ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("self_level", "others", "blind", "hidden"),
    [
        (4, [2, 3], True, False),  # self - mean = 4 - 2.5 = 1.5: a blind spot
        (4, [3, 3], False, False),  # 1.0
        (1, [3, 2], False, True),  # mean - self = 1.5: a hidden strength
        (2, [3, 3], False, False),
    ],
)
def test_blind_spot_and_hidden_strength_start_at_one_and_a_half(framework, self_level, others, blind, hidden):
    result = run(framework, person(self_level), [review("manager", level, n) for n, level in enumerate(others)])
    assert (COMPETENCY in result.blind_spots, COMPETENCY in result.hidden_strengths) == (blind, hidden)


def test_the_flags_follow_the_figures_shown(framework):
    # 100 raters at a mean of 2.51 (self 4 - 2.51 = 1.49): the others' mean is shown as 2.5 and the delta as
    # +1.5, so it is a blind spot; a flag that disagreed with the figure beside it would read as a bug.
    reviews = [review("manager", 3, n) for n in range(51)] + [review("other", 2, 100 + n) for n in range(49)]
    result = run(framework, person(4), reviews)
    view = result.view(COMPETENCY)
    assert (view.others, view.delta) == (2.5, 1.5) and COMPETENCY in result.blind_spots
    # 2.74 is shown as 2.5 too; 2.76 as 3.0, a delta of 1.0: no flag.
    reviews = [review("manager", 3, n) for n in range(76)] + [review("other", 2, 100 + n) for n in range(24)]
    result = run(framework, person(4), reviews)
    assert result.view(COMPETENCY).delta == 1.0 and not result.blind_spots


# --- anonymity ---------------------------------------------------------------------------------------------------


def test_two_peers_are_never_shown_on_their_own(framework):
    result = run(framework, person(3), [review("manager", 4), review("peer", 1, 1), review("peer", 2, 2)])
    view = result.view(COMPETENCY)
    assert view.manager == 4.0 and view.peers is None
    # With the manager shown, the mean of all three would give the two peers away: "others" is the manager's
    # rating only, and says that two ratings were left out.
    assert (view.others, view.left_out) == (4.0, 2)


def test_three_peers_are_shown_as_a_group(framework):
    result = run(framework, person(3), [review("peer", level, n) for n, level in enumerate((1, 2, 4))])
    assert result.view(COMPETENCY).peers == 2.5 and result.view(COMPETENCY).others == 2.5  # 2.33, to a half level


def outputs(framework, result) -> list[str]:
    return [
        render_to_text(feedback_view(framework, result), 120),
        feedback_report(framework, result),
        json.dumps(feedback_json(framework, result)),
        CsvRenderer().feedback(framework, result),
    ]


RELATIONS = st.sampled_from(["manager", "peer", "report", "other"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(RELATIONS, st.integers(0, 5)), min_size=1, max_size=9), st.integers(0, 5))
def test_no_output_reveals_a_small_group_or_names_a_rater(framework, raters, self_level):
    reviews = [review(relation, level, n) for n, (relation, level) in enumerate(raters)]
    result = run(framework, person(self_level), reviews)
    view = result.view(COMPETENCY)
    peers = [level for relation, level in raters if relation == "peer"]
    reports = [level for relation, level in raters if relation == "report"]
    for group, shown in ((peers, view.peers), (reports, view.reports)):
        if 0 < len(group) < MIN_GROUP:
            assert shown is None
    # Whatever is shown, the ratings of a small group cannot be worked out from it: the hidden raters
    # behind "others" are none or at least three.
    hidden = (len(peers) if 0 < len(peers) < MIN_GROUP else 0) + (len(reports) if 0 < len(reports) < MIN_GROUP else 0)
    hidden += sum(1 for relation, _ in raters if relation == "other")
    assert view.left_out == (hidden if 0 < hidden < MIN_GROUP else 0)
    for text in outputs(framework, result):
        assert "Secret Name" not in text


# --- the command ----------------------------------------------------------------------------------------------------


def test_feedback_json_is_the_contract_shape(invoke):
    result = invoke("feedback", str(SELF), str(REVIEWS), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version",
        "scale",
        "person",
        "target",
        "raters",
        "competencies",
        "blind_spots",
        "hidden_strengths",
        "readiness",
    ]
    assert data["raters"] == {"manager": 1, "peer": 3, "report": 2, "other": 0}
    assert all(
        list(row) == ["competency", "self", "manager", "peers", "reports", "others", "delta", "left_out"]
        for row in data["competencies"]
    )
    assert data["blind_spots"] == ["stakeholder-management"] and data["hidden_strengths"] == ["change-leadership"]
    assert all(row["reports"] is None for row in data["competencies"])  # two reports: never shown
    assert set(data["readiness"]) == {"self", "others"}


def test_feedback_table_shows_descriptors_side_by_side(invoke, framework):
    result = invoke("feedback", str(SELF), *map(str, sorted(REVIEWS.glob("*.yaml"))), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    levels = framework.competencies["stakeholder-management"].levels
    assert levels[4] in " ".join(result.stdout.split()) and levels[2] in " ".join(result.stdout.split())
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


@pytest.mark.parametrize(
    ("make", "message", "code"),
    [
        (lambda d: (str(d / "review.yaml"), [str(REVIEWS)]), "is a review", 1),
        (lambda d: (str(SELF), [str(SELF)]), "is given twice", 1),
        (lambda d: (str(SELF), [str(d / "other-self.yaml")]), "is a profile, not a review", 1),
        (lambda d: (str(SELF), [str(d / "someone-else.yaml")]), "is about 'Sam Okafor', but", 1),
        (lambda d: (str(SELF), [str(d / "no-about.yaml")]), "missing required key 'about'", 1),
        (lambda d: (str(SELF), [str(d / "bad-relation.yaml")]), "did you mean 'peer'", 1),
        (lambda d: (str(SELF), [str(REVIEWS / "peer-1.yaml"), str(REVIEWS / "peer-1.yaml")]), "given twice", 1),
    ],
)
def test_bad_review_input_is_one_line(invoke, tmp_path, make, message, code):
    shutil.copy(REVIEWS / "peer-1.yaml", tmp_path / "review.yaml")
    shutil.copy(EXAMPLES / "sam-okafor.yaml", tmp_path / "other-self.yaml")
    (tmp_path / "someone-else.yaml").write_text("about: Sam Okafor\nrelation: peer\nratings: {}\n", encoding="utf-8")
    (tmp_path / "no-about.yaml").write_text("relation: peer\nratings: {}\n", encoding="utf-8")
    (tmp_path / "bad-relation.yaml").write_text("about: Jordan Lee\nrelation: peeer\n", encoding="utf-8")
    self_file, reviews = make(tmp_path)
    result = invoke("feedback", self_file, *reviews)
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == "" and result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert message in result.stderr, result.stderr


def test_validate_accepts_reviews_and_names_their_problems(invoke, tmp_path):
    assert invoke("validate", str(REVIEWS)).exit_code == 0
    (tmp_path / "r.yaml").write_text("about: Jordan Lee\nrelation: boss\nratings:\n  strategic-thinking: 7\n")
    result = invoke("validate", str(tmp_path / "r.yaml"))
    assert result.exit_code == 1
    assert ":2: relation: unknown relation 'boss'" in result.stdout
    assert ":4: ratings.strategic-thinking: must be from 0 to 5, found 7" in result.stdout


# --- plan, team, progress and the questionnaire -------------------------------------------------------------------


def test_plan_with_reviews_says_how_others_see_you_and_counts_the_blind_spot(invoke):
    alone = invoke("plan", "-p", str(SELF), env={"PMO_PATH_TODAY": "2026-11-20"}).stdout
    result = invoke("plan", "-p", str(SELF), "--reviews", str(REVIEWS), env={"PMO_PATH_TODAY": "2026-11-20"})
    assert result.exit_code == 0, result.stderr
    assert "## How others see you" in result.stdout and "## How others see you" not in alone
    assert "Blind spot: Stakeholder management" in result.stdout
    assert "| Stakeholder management |" not in alone.split("## Route")[0]  # met by the self-rating (4)
    assert "| Stakeholder management | Power skills | 2 | 4 | 2 |" in result.stdout  # a gap the others see is a gap
    for secret in ("Alex Kim", "Peer 1", "Report 1"):
        assert secret not in result.stdout


def test_team_reads_reviews_beside_profiles_and_names_no_rater(invoke, tmp_path):
    for path in [*EXAMPLES.glob("*.yaml"), *REVIEWS.glob("*.yaml")]:
        shutil.copy(path, tmp_path / path.name)
    result = invoke("team", str(tmp_path), "-t", "pmo-director", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["people"] == 2 and data["reviewed"] == 1
    assert data["blind_spots"] == [{"competency": "stakeholder-management", "people": 1}]
    table = invoke("team", str(tmp_path), "-t", "pmo-director").stdout
    assert "Common blind spots" in table and "Alex Kim" not in table and "Peer 1" not in table


def test_progress_with_three_files_orders_by_date_and_keeps_undated_in_place(invoke, tmp_path):
    text = SELF.read_text(encoding="utf-8")
    for name, day, level in (("c.yaml", "2026-09-01", 4), ("a.yaml", "2026-01-01", 2), ("b.yaml", None, 3)):
        body = text.replace("  strategic-thinking: 2", f"  strategic-thinking: {level}")
        body = (
            body.replace("assessed_on: 2026-11-20", f"assessed_on: {day}")
            if day
            else "\n".join(line for line in body.splitlines() if not line.startswith("assessed_on")) + "\n"
        )
        (tmp_path / name).write_text(body, encoding="utf-8")
    files = [str(tmp_path / n) for n in ("c.yaml", "b.yaml", "a.yaml")]
    result = invoke("progress", *files, "-f", "json", "--chart", str(tmp_path / "trend.svg"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [h["file"].rsplit("/", 1)[-1] for h in data["history"]] == ["a.yaml", "b.yaml", "c.yaml"]
    assert data["history"][1]["assessed_on"] is None
    assert data["changes"] == [{"competency": "strategic-thinking", "before": 2, "after": 4}]  # first against last
    import xml.dom.minidom

    svg = xml.dom.minidom.parse(str(tmp_path / "trend.svg"))
    assert len(svg.getElementsByTagName("circle")) == 3
    table = invoke("progress", *files, env={"COLUMNS": "80"}).stdout
    assert ("Over time (3 assessments)" in table and "▁" in table) or "▄" in table


def test_two_file_progress_json_keeps_the_contract_keys_first(invoke, tmp_path):
    """Section 5's keys in their order; newly_rated and no_longer_rated are added after them, history only for 3+."""
    result = invoke("progress", str(SELF), str(SELF), "-f", "json")
    assert list(json.loads(result.stdout)) == [
        "scale",  # issue 18: the level names at the top
        *("target", "before", "after", "delta", "changes", "closed", "opened"),
        *("newly_rated", "no_longer_rated"),
        *("before_range", "after_range"),  # provisional readiness as a range, else null
    ]


def test_about_needs_a_relation_and_a_known_one(invoke):
    assert invoke("assess", "--about", "Jordan Lee").exit_code == 2
    wrong = invoke("assess", "-p", str(SELF), "--about", "Jordan Lee", "--relation", "manager")
    assert wrong.exit_code == 2 and "--about" in wrong.stderr


def test_pty_rating_someone_else_writes_a_review(framework, tmp_path):
    import os
    import sys

    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "pmo_path", "assess", "--about", "Jordan Lee", "--relation", "peer", "-t", "pmo-manager", "--save", "r.yaml"],
        cwd=str(tmp_path),
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        encoding="utf-8",
        timeout=10,
    )
    child.delaybeforesend = None
    child.expect("never shown")
    child.sendline("")
    questions = [c for c in framework.roles["pmo-manager"].requirements]
    child.expect("How far has Jordan gone")
    for _ in questions:
        child.expect("Jordan's level")
        child.sendline("3")
    child.expect("Saved your review of Jordan Lee to r.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    from pmo_path.reading.review import load_review

    review = load_review(str(tmp_path / "r.yaml"), framework)
    assert review.about == "Jordan Lee" and review.relation == "peer" and len(review.ratings) == len(questions)


def test_the_legend_says_what_is_hidden_and_why_for_the_columns_shown(invoke, tmp_path):
    """Two reports: their column is hidden for that reason, said once; a narrow table leaves out the groups and says so."""
    wide = " ".join(invoke("feedback", str(SELF), str(REVIEWS), env={"COLUMNS": "120"}).stdout.split())
    assert "Reports · only 2 reports; 3 are needed to keep them anonymous" in wide
    assert "Others · nobody else rated it, or showing it would give away a hidden rating" in wide
    assert "fewer than 3 peers or reports rated it" not in wide
    narrow = " ".join(invoke("feedback", str(SELF), str(REVIEWS), env={"COLUMNS": "60"}).stdout.split())
    assert "Reports ·" not in narrow and "Peers ·" not in narrow
    assert "The manager's, peers' and reports' columns need a wider terminal or -f json" in narrow
    markdown = invoke("feedback", str(SELF), str(REVIEWS), "-f", "markdown").stdout
    assert "Reports · only 2 reports; 3 are needed to keep them anonymous" in markdown and "◀ blind spot" not in markdown
    for path in REVIEWS.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    third = (REVIEWS / "report-2.yaml").read_text(encoding="utf-8").replace("Report 2", "Report 3")
    (tmp_path / "report-3.yaml").write_text(third, encoding="utf-8")
    three = " ".join(invoke("feedback", str(SELF), str(tmp_path), env={"COLUMNS": "120"}).stdout.split())
    assert "only 2 reports" not in three and "Reports · only" not in three


def test_the_readiness_line_has_one_space_before_each_figure(invoke):
    result = invoke("feedback", str(SELF), str(REVIEWS), env={"COLUMNS": "120"})
    line = next(line for line in result.stdout.splitlines() if line.startswith("Readiness for "))
    assert re.fullmatch(r"Readiness for .+: self \d+\.\d%, others (\d+\.\d%|n/a)", line.rstrip()), line
