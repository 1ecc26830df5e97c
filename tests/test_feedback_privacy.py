"""Feedback privacy (issue 17, contract section 9 v3): "others" when 1 or 2 raters are hidden, means to a half
level in every format, and one review counted once however often it is given."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from fractions import Fraction

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
COMPETENCY = "business-acumen"


def me(level: int | None = 3) -> Profile:
    return Profile(ratings={COMPETENCY: Rating(level)} if level is not None else {}, name="Robin Vale", file="me.yaml")


def review(relation: str, level: int, number: int) -> Review:
    return Review(
        about="Robin Vale",
        relation=RaterRelation(relation),
        ratings={COMPETENCY: Rating(level)},
        rater=f"Hush {relation} {number}",
        file=f"r{number}.yaml",
    )


def run(framework, person: Profile, reviews: list[Review]):
    return compare_views(framework, person, reviews, framework.roles["pmo-manager"])


def every_format(framework, result) -> list[str]:
    return [
        render_to_text(feedback_view(framework, result), 120),
        feedback_report(framework, result),
        json.dumps(feedback_json(framework, result)),
        CsvRenderer().feedback(framework, result),
    ]


# --- "others" when a hidden group is small ---------------------------------------------------------------------------


def test_the_bundled_example_shows_others_delta_blind_spots_and_hidden_strengths(invoke):
    result = invoke("feedback", str(SELF), str(REVIEWS), "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = {row["competency"]: row for row in json.loads(result.stdout)["competencies"]}
    # Two reports rated project delivery: "others" is the manager and the three peers (5, 4, 5, 5: 4.75 -> 5.0).
    assert rows["project-delivery"] == {
        "competency": "project-delivery",
        "self": 5,
        "manager": 5.0,
        "peers": 4.5,
        "reports": None,
        "others": 5.0,
        "delta": 0.0,
        "left_out": 2,
    }
    assert (rows["people-development"]["others"], rows["people-development"]["left_out"]) == (4.0, 2)
    # Only the two reports rated collaborative leadership: nothing can be shown, and it says why.
    assert (rows["collaborative-leadership"]["others"], rows["collaborative-leadership"]["left_out"]) == (None, 2)
    assert rows["stakeholder-management"]["left_out"] == 0
    data = json.loads(result.stdout)
    assert data["blind_spots"] == ["stakeholder-management"] and data["hidden_strengths"] == ["change-leadership"]
    assert data["readiness"]["others"] is not None
    for format in ("table", "markdown"):
        text = " ".join(invoke("feedback", str(SELF), str(REVIEWS), "-f", format, env={"COLUMNS": "100"}).stdout.split())
        assert "2 ratings of Project delivery, 2 of Collaborative leadership, 2 of People development" in text, text


@pytest.mark.parametrize("hidden", [["peer"], ["report", "report"], ["other"], ["peer", "other"]])
def test_one_or_two_hidden_raters_leave_others_as_the_shown_raters_mean(framework, hidden):
    group = "report" if "peer" in hidden else "peer"  # a shown group of three, apart from the hidden raters
    shown = [review("manager", 4, 0)] + [review(group, 2, n) for n in (1, 2, 3)]
    quiet = [review(relation, 5, 10 + n) for n, relation in enumerate(hidden)]
    view = run(framework, me(3), shown + quiet).view(COMPETENCY)
    assert (view.others, view.left_out) == (2.5, len(hidden))  # (4 + 2 + 2 + 2) / 4, the hidden 5s left out
    assert view.delta == 0.5


@pytest.mark.parametrize(
    ("extra", "others"),
    [
        ([], 2.5),  # 0 hidden: the mean of all, (4 + 2 + 2 + 2) / 4
        (["other", "other", "other"], 3.5),  # 3 hidden: (4 + 2 + 2 + 2 + 5 + 5 + 5) / 7 = 3.57
        (["peer", "other", "other"], 3.5),  # 2 hidden peers and 1 other: 3 hidden
    ],
)
def test_none_or_three_hidden_raters_count_in_the_mean_of_all(framework, extra, others):
    reviews = [review("manager", 4, 0)] + [review("report", 2, n) for n in (1, 2, 3)]
    reviews += [review(relation, 5, 10 + n) for n, relation in enumerate(extra)]
    view = run(framework, me(3), reviews).view(COMPETENCY)
    assert (view.others, view.left_out) == (others, 0)


RELATIONS = st.sampled_from(list(RaterRelation))


SHOWN_GROUP = st.one_of(st.just([]), st.lists(st.integers(0, 5), min_size=MIN_GROUP, max_size=5))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(0, 5), max_size=2),
    SHOWN_GROUP,
    SHOWN_GROUP,
    st.sampled_from(["peer", "report", "other"]),
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=2),
)
def test_one_or_two_hidden_ratings_change_nothing_anyone_sees(framework, managers, peers, reports, relation, hidden):
    """Whatever the shown raters gave, 1 or 2 hidden ratings can be anything: every output stays the same."""
    if relation != "other" and (peers if relation == "peer" else reports):
        relation = "other"  # a peer added to a shown group of peers would be shown with it
    shown = [review("manager", level, n) for n, level in enumerate(managers)]
    shown += [review("peer", level, 10 + n) for n, level in enumerate(peers)]
    shown += [review("report", level, 20 + n) for n, level in enumerate(reports)]
    outputs = []
    for side in (0, 1):
        quiet = [review(relation, pair[side], 30 + n) for n, pair in enumerate(hidden)]
        outputs.append(every_format(framework, run(framework, me(3), shown + quiet)))
    assert outputs[0] == outputs[1]
    assert run(framework, me(3), shown + [review(relation, 5, 30 + n) for n in range(len(hidden))]).view(
        COMPETENCY
    ).left_out == len(hidden)


# --- a half level, half up, in every format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "shown"),
    [
        ((2, 2, 2, 3), 2.5),  # 2.25 ties and goes up (the table once printed 2.2, and 0.75 as 0.8)
        ((0, 1, 1, 1), 1.0),  # 0.75 ties and goes up
        ((3, 4, 4, 4), 4.0),  # 3.75
        ((2, 2, 2, 2, 3), 2.0),  # 2.2
        ((1, 1, 2), 1.5),  # 1.33
        ((1, 2, 2), 1.5),  # 1.67
        ((4, 5, 5), 4.5),  # 4.67 is nearer 4.5 than 5
    ],
)
def test_every_format_shows_the_same_half_level(framework, levels, shown):
    reviews = [review("peer", level, n) for n, level in enumerate(levels)]
    result = run(framework, me(None), reviews)
    view = result.view(COMPETENCY)
    assert view.peers == view.others == shown
    table, markdown, as_json, as_csv = every_format(framework, result)
    figure = f"{shown:.1f}"
    name = framework.competencies[COMPETENCY].name
    assert next(line for line in table.splitlines() if line.startswith(name)).split()[-1] == figure
    assert f"| {name} | · | · | {figure} | · | {figure} |" in markdown
    row = json.loads(as_json)["competencies"][0]
    assert (row["peers"], row["others"]) == (shown, shown)
    assert next(csv.DictReader(io.StringIO(as_csv.lstrip("\ufeff"))))["others"] == figure


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(RELATIONS, st.integers(0, 5)), min_size=1, max_size=10), st.integers(0, 5))
def test_shown_means_are_the_nearest_half_and_the_flags_follow_them(framework, raters, self_level):
    reviews = [review(rel.value, level, n) for n, (rel, level) in enumerate(raters)]
    result = run(framework, me(self_level), reviews)
    view = result.view(COMPETENCY)
    for relation, value in ((RaterRelation.PEER, view.peers), (RaterRelation.MANAGER, view.manager)):
        levels = [level for rel, level in raters if rel is relation]
        if value is not None:
            exact = Fraction(sum(levels), len(levels))
            assert (2 * value).is_integer()
            assert -Fraction(1, 4) < Fraction(value) - exact <= Fraction(1, 4)  # nearest half; a tie goes up
    if view.others is not None:
        assert (2 * view.others).is_integer() and view.delta == self_level - view.others
        assert (COMPETENCY in result.blind_spots) == (view.delta >= 1.5)
        assert (COMPETENCY in result.hidden_strengths) == (view.delta <= -1.5)


def test_a_fourth_peer_can_rarely_be_worked_out_from_two_runs(framework):
    """Three peers, then the same three and a fourth: at two decimals the difference gave the fourth rating every
    time; at half levels the two shown means leave more than one rating possible in 8 cases of 9."""

    def shown_mean(total: int, peers: int) -> float:
        levels = [total // peers + (1 if n < total % peers else 0) for n in range(peers)]
        return run(framework, me(None), [review("peer", level, n) for n, level in enumerate(levels)]).view(COMPETENCY).peers

    three = {total: shown_mean(total, 3) for total in range(16)}
    four = {total: shown_mean(total, 4) for total in range(21)}
    cases = unique = 0
    for total in range(16):
        for fourth in range(6):
            sums = [s for s in range(16) if three[s] == three[total]]
            possible = {x for s in sums for x in range(6) if four[s + x] == four[total + fourth]}
            cases += 1
            unique += len(possible) == 1
    assert unique / cases < 0.2


# --- one review counted once --------------------------------------------------------------------------------------


def lone_peer(folder) -> str:
    """One peer's review: on its own it must never be shown as a group."""
    path = folder / "only-peer.yaml"
    path.write_text(
        "about: Jordan Lee\nrater: Quiet Peer\nrelation: peer\nratings:\n  strategic-thinking: 1\n  business-acumen: 5\n",
        encoding="utf-8",
    )
    return str(path)


def copies_of_one_review(folder, how: str) -> list[str]:
    folder.mkdir(exist_ok=True)
    source = lone_peer(folder)
    made = [source]
    for n in (2, 3):
        target = folder / f"peer-{n}.yaml"
        if how == "hard link":
            os.link(source, target)
        elif how == "copy":
            shutil.copy(source, target)
        elif how == "symlink":
            os.symlink(source, target)
        elif how == "copy with other line endings and comments":
            text = (folder / "only-peer.yaml").read_text(encoding="utf-8")
            target.write_text(f"# copy {n}\n" + text.replace("\n", "\r\n"), encoding="utf-8")
        made.append(str(target))
    return made


@pytest.mark.parametrize("how", ["hard link", "copy", "symlink", "copy with other line endings and comments"])
@pytest.mark.parametrize("as_folder", [True, False])
def test_copies_and_links_of_one_review_count_once_and_never_show_it(invoke, tmp_path, how, as_folder):
    folder = tmp_path / "reviews"
    files = copies_of_one_review(folder, how)
    result = invoke("feedback", str(SELF), *([str(folder)] if as_folder else files), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["raters"]["peer"] == 1
    row = next(r for r in data["competencies"] if r["competency"] == "business-acumen")
    assert row["peers"] is None and row["others"] is None
    assert result.stderr.count("counted once") == 2, result.stderr
    assert "Quiet Peer" not in result.stderr + result.stdout


def test_two_peers_who_rate_alike_are_two_raters(invoke, tmp_path):
    """Identical ratings from different people are not copies: the rater (or the file's own text) differs."""
    for n in range(3):
        (tmp_path / f"p{n}.yaml").write_text(
            f"about: Jordan Lee\nrater: Peer {n}\nrelation: peer\nratings:\n  business-acumen: 3\n", encoding="utf-8"
        )
    result = invoke("feedback", str(SELF), str(tmp_path), "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["raters"]["peer"] == 3


def test_team_counts_a_copied_review_once_in_its_blind_spots(invoke, tmp_path):
    """A member's one peer review and two copies of it beside the profiles: still one peer, so no group to show."""
    shutil.copy(SELF, tmp_path / "jordan.yaml")
    shutil.copy(EXAMPLES / "sam-okafor.yaml", tmp_path / "sam.yaml")
    review = "about: Jordan Lee\nrelation: peer\nratings:\n  stakeholder-management: 1\n"
    for n in range(3):
        (tmp_path / f"copy-{n}.yaml").write_text(f"# copy {n}\n{review}", encoding="utf-8")
    data = json.loads(invoke("team", str(tmp_path), "-t", "pmo-director", "-f", "json").stdout)
    assert data["reviewed"] == 1 and data["blind_spots"] == []  # one peer alone shows nothing
    (tmp_path / "copy-1.yaml").write_text(review.replace("peer", "manager"), encoding="utf-8")
    data = json.loads(invoke("team", str(tmp_path), "-t", "pmo-director", "-f", "json").stdout)
    assert data["blind_spots"] == [{"competency": "stakeholder-management", "people": 1}]  # a manager is shown


def test_the_plan_says_how_many_ratings_others_leaves_out(invoke, tmp_path):
    result = invoke("plan", "-p", str(SELF), "--reviews", str(REVIEWS), env={"PMO_PATH_TODAY": "2026-11-20"})
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("## How others see you", 1)[1].split("\n## ", 1)[0]
    assert "2 ratings of Project delivery, 2 of Collaborative leadership, 2 of People development" in section
    # A copy of a review given to the plan is set aside and named, as feedback does.
    shutil.copy(REVIEWS / "peer-1.yaml", tmp_path / "peer-1-again.yaml")
    again = invoke(
        "plan",
        *("-p", str(SELF), "--reviews", str(REVIEWS), "--reviews", str(tmp_path / "peer-1-again.yaml")),
        env={"PMO_PATH_TODAY": "2026-11-20"},
    )
    assert again.exit_code == 0 and "peer-1-again.yaml: the same review as" in again.stderr
    assert again.stdout.split("## How others see you", 1)[1] == result.stdout.split("## How others see you", 1)[1]
