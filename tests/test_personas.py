"""Advice a PMO director would sign off: who gets what, persona by persona (contract section 3).

Each persona in tests/personas is one kind of move. The assertions encode the
judgement: nothing shown whose conditions exclude the person, beginners get
first steps, a delivery star gets executive communication and strategy first.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from pmo_path.domain.advice import Move, conditions_hold, gate_competencies
from pmo_path.domain.assessment import assess
from pmo_path.domain.scoring import score
from pmo_path.reading.profile import load_profile
from pmo_path.render.safe import markdown

PERSONAS = Path(__file__).resolve().parent / "personas"


def advice_for(framework, persona: str):
    result = assess(framework, load_profile(str(PERSONAS / f"{persona}.yaml"), framework))
    return result, [a.recommendation for a in result.advice]


def ids(recommendations) -> list[str]:
    return [r.id for r in recommendations]


@pytest.mark.parametrize("persona", sorted(p.stem for p in PERSONAS.glob("*.yaml")))
def test_nothing_shown_is_meant_for_someone_else(framework, persona):
    result, shown = advice_for(framework, persona)
    levels = result.profile.levels()
    move = Move.of(result.current, result.target)
    assert len(shown) == 5
    for advice in result.advice:
        assert conditions_hold(advice.recommendation, move), advice.recommendation.id
        gate = gate_competencies(advice.recommendation)  # a credential's gate reads its main competency only
        assert all(levels[c] in advice.recommendation.levels for c in advice.addresses if c in gate)


def test_a_beginner_gets_first_steps(framework):
    _, shown = advice_for(framework, "beginner")
    assert all(min(r.levels) <= 1 for r in shown), ids(shown)
    assert {"talk-to-pmo-leader", "pmo-helper-assignment", "run-a-small-piece-end-to-end"} & set(ids(shown))
    assert not {
        "targeted-c-suite-insights",
        "recommend-a-funding-trade-off",
        "set-up-and-staff-a-pmo",
        "enterprise-resource-management",
        "manage-up-value-framing",
    } & set(ids(shown))
    assert sum(r.horizon == "30-days" for r in shown) >= 2  # something to do this month


def test_a_coordinator_heading_for_the_pmo_helps_it_first(framework):
    _, shown = advice_for(framework, "coordinator-to-analyst")
    assert "pmo-helper-assignment" in ids(shown) and "talk-to-pmo-leader" in ids(shown)
    assert "enterprise-resource-management" not in ids(shown)


def test_an_analyst_heading_for_pmo_manager_is_not_told_to_do_the_target_job(framework):
    _, shown = advice_for(framework, "analyst-to-pmo-manager")
    assert not {
        "set-up-and-staff-a-pmo",
        "coaching-shadowing-programme",
        "gain-delivery-experience",
        "step-out-into-business-role",
    } & set(ids(shown))
    assert "pmo-mentor-monthly" in ids(shown)
    # a PMO manager runs a team, but at people development 1 the first step is teaching or mentoring one person,
    # not line-managing a team
    assert {"teach-one-technique", "mentor-a-newcomer"} & set(ids(shown))
    assert "manage-direct-reports" not in ids(shown)


def test_a_delivery_star_gets_executive_communication_and_strategy_first(framework):
    result, shown = advice_for(framework, "senior-pm-to-director")
    assert set(result.advice[0].addresses) & {"executive-communication", "strategic-thinking"}
    assert not {
        "step-out-into-business-role",
        "pmo-rotation",
        "pmo-helper-assignment",
        "talk-to-pmo-leader",
        "gain-delivery-experience",
    } & set(ids(shown))
    assert any("fagg-pm-to-pmo-director" in r.sources for r in shown)  # the article about exactly this move


def test_a_pmo_manager_three_levels_short_in_a_core_competency_is_not_close(framework):
    result, shown = advice_for(framework, "pmo-manager-to-portfolio-office")
    assert result.score.verdict == "developing"
    assert "portfolio-management" in result.advice[0].addresses
    assert not {"talk-to-pmo-leader", "pmo-mentor-monthly", "pmo-helper-assignment"} & set(ids(shown))


def test_a_near_ready_director_polishes_what_is_left(framework):
    result, shown = advice_for(framework, "near-ready-director")
    assert result.score.verdict in ("ready", "close")
    # the director role asks financial management 4 (core): the budget goes to the most critical work (Fagg)
    left = {g.competency for g in result.score.gaps}
    assert left == {"executive-communication", "strategic-thinking", "financial-management"}
    covered = {c for a in result.advice for c in a.addresses}
    assert left <= covered  # every gap left for the director role gets a step
    # ready, so the rest aim at the enterprise role after it, ranked with what is left as one pool
    assert result.onward is not None and covered <= left | {g.competency for g in result.onward.gaps}
    assert all(max(r.levels) >= 3 for r in shown)


def test_match_for_a_senior_pm_starts_with_moves_not_junior_roles(invoke):
    import json

    data = json.loads(invoke("match", "-p", str(PERSONAS / "senior-pm-to-director.yaml"), "-f", "json").stdout)
    assert data[0]["role"] not in ("pmo-analyst", "project-coordinator", "project-manager")
    assert all(row["role"] not in ("pmo-analyst", "project-coordinator", "project-manager") for row in data)


# --- issue 20: the situations a PMO director would not sign, one profile each (tests/situations) ------------------

SITUATIONS = Path(__file__).resolve().parent / "situations"


def situation(framework, name: str, top: int = 5):
    result = assess(framework, load_profile(str(SITUATIONS / f"{name}.yaml"), framework), top=top)
    return result, ids(a.recommendation for a in result.advice)


def moves(framework, result) -> list[str]:
    from pmo_path.domain.navigation import ranked_roles

    return [m.role.id for m in ranked_roles(framework, result.profile.levels(), result.current)]


def test_a_pmo_manager_heading_for_a_portfolio_office_gets_the_portfolio_work_itself(framework):
    result, shown = situation(framework, "pmo-manager-to-portfolio-office")
    assert result.score.verdict == "developing"
    # PMO director asks the same portfolio and financial work as core (Fagg), so it is no longer "close" for her
    director = score(framework, result.profile.levels(), framework.roles["pmo-director"])
    assert director.verdict == "developing" and director.readiness < result.score.readiness
    # PM Network's steps for exactly this move, at portfolio management 1, and the funding review open to PMO managers
    assert shown[:3] == [
        "investment-appraisal-prioritisation",
        "enterprise-resource-management",
        "prepare-numbers-for-a-funding-review",
    ]
    kinds = [framework.recommendations[r].kind for r in shown]
    assert "reading" not in kinds and "learning" not in kinds
    assert all(max(framework.recommendations[r].levels) >= 2 for r in shown)  # nothing pitched below her


def test_a_portfolio_manager_aiming_at_director_is_told_to_run_a_pmo_and_manage_people(framework):
    result, shown = situation(framework, "portfolio-manager-to-director")
    assert result.score.verdict == "close"
    assert {"set-up-and-staff-a-pmo", "manage-direct-reports"} <= set(shown)
    assert "follow-pmi-thought-leadership" not in shown  # reading reports is not how to learn to run a PMO
    # the first step for each core gap is a doing step
    first_for = {}
    for advice in result.advice:
        first_for.setdefault(advice.addresses[0], advice.recommendation.kind)
    assert first_for["people-development"] in ("experience", "assignment", "visibility", "mentoring")
    assert first_for["pmo-governance"] in ("experience", "assignment", "visibility", "mentoring")


def test_a_senior_pm_aiming_at_director_starts_with_her_sponsor_not_an_entry_step(framework):
    _, shown = situation(framework, "senior-pm-to-director")
    assert shown[0] == "tell-your-sponsor-your-aim"
    assert not {"talk-to-pmo-leader", "pmo-helper-assignment", "pmo-rotation"} & set(shown)
    _, eight = situation(framework, "senior-pm-to-director", top=8)
    # Fagg's gaps for her: the enterprise view, managing people, diversified experience
    assert {"map-enterprise-workflows", "write-an-enterprise-view", "enterprise-resource-management"} & set(eight)
    assert {"coach-the-project-managers", "manage-direct-reports"} & set(eight)
    assert {"bridging-role", "work-outside-remit", "try-different-environments"} & set(eight)
    # the article wrote "keep a delivery route open" for people outside a PMO: it fits her, never a PMO insider
    route = framework.recommendations["maintain-delivery-route"]
    assert route.in_now == ("delivery",) and route.heading_to == ("pmo",)


def test_a_coordinator_who_left_most_unrated_gets_his_first_steps_and_an_honest_range(framework):
    result, shown = situation(framework, "coordinator-mostly-unrated")
    found = result.score
    assert found.provisional and len(found.unrated_required) == 8
    assert found.readiness_range == (found.readiness, 97.5) and found.readiness < 50
    # the steps the article gives him build competencies he did not rate: they still show, first
    assert shown[:3] == ["pmo-helper-assignment", "talk-to-pmo-leader", "pmo-mentor-monthly"]


def test_a_coordinator_table_headline_shows_the_range_not_a_verdict(invoke):
    out = invoke("assess", "-p", str(SITUATIONS / "coordinator-mostly-unrated.yaml")).stdout
    headline = next(line for line in out.splitlines() if line.startswith("Readiness"))
    assert "27.5-97.5%, rate 8 more to know" in headline and "stretch" not in headline


def test_fifteen_self_rated_fives_get_a_second_view_and_steps_to_keep_sharp(framework):
    result, shown = situation(framework, "all-fives-director")
    assert result.score.verdict == "ready" and result.needs_second_view and result.sharpening
    assert result.onward is None  # they meet the enterprise role too
    assert shown[:2] == ["coach-your-successors", "share-what-you-know"]
    # a PMO director's moves never include the top of the delivery ladder, a step down
    assert moves(framework, result) == ["pmo-director", "enterprise-pmo-director"]


def test_the_second_view_prints_commands_that_run(invoke, tmp_path):
    import shlex
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "data", tmp_path / "my data")
    shutil.copy(SITUATIONS / "all-fives-director.yaml", tmp_path / "max five's.yaml")
    with contextlib.chdir(tmp_path):
        out = invoke("assess", "-p", "max five's.yaml", "--data-dir", "my data", env={"COLUMNS": "60"}).stdout
        # at 60 columns the commands break between words with shell continuations; joined, they run as printed
        assert all(len(line) <= 60 for line in out.splitlines())
        joined = out.replace(" \\\n", " ")
        commands = [" ".join(line.split()) for line in joined.splitlines() if line.strip().startswith("pmo-path ")]
        assert commands == [
            "pmo-path assess --about 'Max Five' --relation peer --save review.yaml --data-dir 'my data'",
            "pmo-path feedback 'max five'\"'\"'s.yaml' reviews/ --data-dir 'my data'",
        ]
        Path("reviews").mkdir()
        Path("reviews", "peer.yaml").write_text(
            "about: Max Five\nrelation: peer\nratings:\n  strategic-thinking: 3\n", encoding="utf-8"
        )
        ran = invoke(*shlex.split(commands[1])[1:])
        assert ran.exit_code == 0, ran.stderr
        plan_text = invoke("plan", "-p", "max five's.yaml").stdout
    assert "**Second view:**" in plan_text and "consider a more senior target" not in plan_text


def test_a_ready_person_gets_steps_toward_the_next_role_up(framework):
    result, shown = situation(framework, "analyst-ready-for-pmo-manager")
    assert result.score.verdict == "ready" and result.onward.role.id == "portfolio-office-manager"
    assert len(shown) == 5 and shown[0] == "investment-appraisal-prioritisation"
    assert all(set(a.addresses) <= {g.competency for g in result.onward.gaps} for a in result.advice)


def test_a_ready_persons_json_and_plan_name_the_role_up_and_its_gaps(invoke):
    import json

    path = str(SITUATIONS / "analyst-ready-for-pmo-manager.yaml")
    data = json.loads(invoke("assess", "-p", path, "-f", "json").stdout)
    assert data["onward"]["id"] == "portfolio-office-manager" and data["second_view"] is True
    assert data["onward"]["gaps"][0]["competency"] == "portfolio-management"
    assert {a for r in data["recommendations"] for a in r["addresses"]} <= {g["competency"] for g in data["onward"]["gaps"]}
    plan_text = invoke("plan", "-p", path).stdout
    assert "the next role up, Portfolio Office Manager" in plan_text and "Its gaps: Portfolio management 3→4" in plan_text


def test_all_zeros_match_starts_at_the_first_rung_and_nobody_teaches_at_zero(framework):
    result, shown = situation(framework, "all-zeros")
    assert moves(framework, result)[0] == "project-coordinator"
    assert moves(framework, result)[-1] == "enterprise-pmo-director"
    assert "teach-one-technique" not in shown
    assert shown[0] == "run-a-small-piece-end-to-end"


def test_an_analyst_heading_for_pmo_manager_does_the_governance_work(framework):
    result, shown = situation(framework, "analyst-to-pmo-manager")
    governance = [r for r, a in zip(shown, result.advice, strict=True) if "pmo-governance" in a.addresses]
    kinds = [framework.recommendations[r].kind for r in governance]
    assert "improve-methodology" in governance
    assert kinds.index("assignment") < (kinds.index("learning") if "learning" in kinds else len(kinds))
    assert "follow-pmi-thought-leadership" not in shown and "senior-leader-network" not in shown  # executive comm. 1
    assert "present-at-a-steering-committee" in shown


def test_experience_stands_beside_the_typical_years(framework, invoke):
    result, _ = situation(framework, "senior-pm-to-director")
    assert result.experience == (11, (10, 20))
    out = invoke("assess", "-p", str(SITUATIONS / "senior-pm-to-director.yaml")).stdout
    assert "PMO Director: typically 10-20 years; you have 11" in out


def test_every_pmi_credential_is_in_the_data_with_its_page_and_no_figures(framework):
    import re

    credentials = {r.credential.name.split()[0]: r for r in framework.recommendations.values() if r.credential}
    assert set(credentials) == {"CAPM", "PMP", "PMI-PMOCP", "PgMP", "PfMP"}
    for rec in credentials.values():
        assert rec.kind == "certification" and rec.credential.url.startswith("https://www.pmi.org/")
        assert re.search(r"\bcurrent (\S+ )?requirements\b", rec.action), rec.id  # checked on the body's page
        assert not re.search(r"\d", rec.action + rec.why), rec.id  # no hours, months or fees that go stale


def test_a_credential_step_names_the_body_and_its_page_in_every_format(invoke, tmp_path):
    import json

    me = tmp_path / "pm.yaml"
    me.write_text(
        "current_role: project-manager\ntarget_role: senior-project-manager\nratings:\n"
        "  project-delivery: 3\n  stakeholder-management: 4\n  executive-communication: 3\n",
        encoding="utf-8",
    )
    data = json.loads(invoke("assess", "-p", str(me), "-f", "json").stdout)
    pmp = next(r for r in data["recommendations"] if r["kind"] == "certification")
    assert pmp["credential"] == {
        "name": "PMP (Project Management Professional)",
        "body": "Project Management Institute (PMI)",
        "url": "https://www.pmi.org/certifications/project-management-pmp",
    }
    line = "check the current requirements at https://www.pmi.org/certifications/project-management-pmp"
    assert line in " ".join(invoke("assess", "-p", str(me), env={"COLUMNS": "200"}).stdout.split())
    # in the plan the page is a link (a person's text is never one: see test_text_is_data)
    page = "https://www.pmi.org/certifications/project-management-pmp"
    assert f"check the current requirements at [{markdown(page)}]({page})" in invoke("plan", "-p", str(me)).stdout


# --- a fresh PMO director's review of the issue-20 engine: four engine problems, one situation each -------------


def test_a_ready_person_with_one_small_gap_gets_the_next_roles_core_work_too(framework):
    """Target and onward gaps are one pool: a useful gap of one level never takes three of five steps."""
    from collections import Counter

    result, shown = situation(framework, "analyst-ready-one-small-gap")
    assert result.score.verdict == "ready" and [g.competency for g in result.score.gaps] == ["value-delivery"]
    assert result.onward is not None and result.onward.role.id == "portfolio-office-manager"
    steps_for = Counter(c for a in result.advice for c in a.addresses)
    assert steps_for["value-delivery"] <= 2
    # the portfolio office's core gaps (PM Network's move into portfolio work) get their steps
    assert steps_for["portfolio-management"] >= 1 and steps_for["financial-management"] >= 1
    assert shown[0] == "investment-appraisal-prioritisation"
    assert len(shown) == 5


def test_an_unrated_gap_says_rate_it_first_not_the_level_1_descriptor(invoke, framework):
    """A PMO manager of 9 years is never asked for level-1 evidence ("tracked spend for own tasks")."""
    import json

    path = str(SITUATIONS / "pmo-manager-two-unrated.yaml")
    data = json.loads(invoke("assess", "-p", path, "-f", "json").stdout)
    unrated = [g for g in data["gaps"] if not g["rated"]]
    assert {g["competency"] for g in unrated} == {"business-acumen", "financial-management"}
    assert all(g["next_level"] is None for g in unrated)
    rated = [g for g in data["gaps"] if g["rated"]]
    assert rated and all(g["next_level"]["level"] == g["current"] + 1 for g in rated)
    level_one = [framework.competencies[c].levels[1] for c in ("business-acumen", "financial-management")]
    for plan_text in (invoke("plan", "-p", path).stdout, invoke("assess", "-p", path, "-f", "markdown").stdout):
        assert not any(descriptor in plan_text for descriptor in level_one)
        evidence = plan_text.split("Evidence to gather")[1].split("**Provisional:**")[0]
        assert "- **Financial management** (not rated): rate it first" in evidence
        assert "- **Business acumen** (not rated): rate it first" in evidence
        assert "- **Portfolio management** (level 2): " + framework.competencies["portfolio-management"].levels[2] in evidence


def test_match_is_honest_about_unrated_competencies_in_every_format(invoke):
    """The coordinator who rated 3 of PMO Analyst's 11 competencies is not told "stretch" anywhere."""
    import csv
    import io
    import json

    path = str(SITUATIONS / "coordinator-mostly-unrated.yaml")
    for columns in (120, 80, 60):
        out = invoke("match", "-p", path, env={"COLUMNS": str(columns)}).stdout
        assert max(len(line) for line in out.splitlines()) <= columns
        row = next(line for line in out.splitlines() if "PMO Analyst" in line)
        assert "27.5-97.5" in row and "rate 8 more" in row and "stretch" not in out
    markdown = invoke("match", "-p", path, "-f", "markdown").stdout
    assert "| 3 | PMO Analyst (`pmo-analyst`) | 27.5-97.5% | rate 8 more |" in markdown and "stretch" not in markdown
    data = json.loads(invoke("match", "-p", path, "-f", "json").stdout)
    analyst = next(row for row in data if row["role"] == "pmo-analyst")
    assert analyst["provisional"] is True and analyst["readiness_range"] == [27.5, 97.5]
    assessed = json.loads(invoke("assess", "-p", path, "-f", "json").stdout)
    assert assessed["readiness_range"] == analyst["readiness_range"]  # match and assess agree
    table = list(csv.DictReader(io.StringIO(invoke("match", "-p", path, "-f", "csv").stdout.removeprefix("\ufeff"))))
    row = next(r for r in table if r["role"] == "pmo-analyst")
    assert (row["provisional"], row["readiness_low"], row["readiness_high"]) == ("true", "27.5", "97.5")
    # a result with nothing unrated keeps its verdict word, and no range
    ready = json.loads(invoke("match", "-p", str(SITUATIONS / "analyst-ready-for-pmo-manager.yaml"), "-f", "json").stdout)
    assert all(row["provisional"] is False and row["readiness_range"] is None for row in ready)
    out = invoke("match", "-p", str(SITUATIONS / "analyst-ready-for-pmo-manager.yaml")).stdout
    assert "ready" in next(line for line in out.splitlines() if "PMO Manager" in line)


def test_pfmp_waits_for_portfolio_management_not_strategic_thinking(framework):
    """A credential's level gate reads its main competency, the first it builds: PfMP is a portfolio credential."""
    from dataclasses import replace

    from pmo_path.domain.advice import eligible_for

    pfmp = framework.recommendations["pfmp-certification"]
    assert pfmp.builds[0] == "portfolio-management" and 2 not in pfmp.levels
    result, _ = situation(framework, "program-manager-to-portfolio-manager", top=40)
    levels = result.profile.levels()
    assert (levels["portfolio-management"], levels["strategic-thinking"]) == (2, 3)
    assert "pfmp-certification" not in [a.recommendation.id for a in result.advice]
    move = Move.of(result.current, result.target)

    def shown(ratings) -> bool:
        gaps = {g.competency: g for g in score(framework, ratings, result.target).gaps}
        return bool(eligible_for(pfmp, gaps, ratings, move))

    assert not shown(levels)
    # at portfolio management 3 it fits, whatever the strategy level (strategic thinking 1 is outside its levels)
    assert shown({**levels, "portfolio-management": 3})
    assert shown({**levels, "portfolio-management": 3, "strategic-thinking": 1})
    # a PMO lead decides which competency a credential is gated on by listing it first
    reordered = replace(pfmp, builds=("strategic-thinking", "portfolio-management", "value-delivery"))
    gaps = {g.competency: g for g in score(framework, levels, result.target).gaps}
    assert eligible_for(reordered, gaps, levels, move)
