"""The bundled advice covers every competency at every level band, and its tags say whom it is for.

Who sees what goes through the engine's own gate (`eligible_for`, contract section 3),
not through `rank`, so these hold whatever the ranking order does.
"""

from __future__ import annotations

import pytest

from pmo_path.domain.advice import Move, eligible_for
from pmo_path.domain.scoring import score
from pmo_path.reading.framework import load_framework

BANDS = {"beginner 0-1": {0, 1}, "developing 2-3": {2, 3}, "advanced 4": {4}}
PMO_LEADERS = ("portfolio-office-manager", "pmo-director", "enterprise-pmo-director")
PORTFOLIO_LEVEL = {"portfolio-office-manager", "pmo-director", "enterprise-pmo-director", "portfolio-manager"}


@pytest.fixture(scope="module")
def fw():
    return load_framework()


def shown_to(fw, now: str, target: str, ratings: dict[str, int]) -> set[str]:
    """Every recommendation the gate lets through for this person, however many `rank` would pick."""
    gaps = {g.competency: g for g in score(fw, ratings, fw.roles[target]).rated_gaps}
    move = Move.of(fw.roles[now], fw.roles[target])
    return {r.id for r in fw.recommendations.values() if eligible_for(r, gaps, ratings, move)}


@pytest.mark.parametrize("band", BANDS)
def test_every_competency_has_a_recommendation_at_every_band(fw, band):
    missing = [
        c for c in fw.competencies if not any(c in r.builds and BANDS[band] & set(r.levels) for r in fw.recommendations.values())
    ]
    assert missing == [], f"no advice at {band} for {missing}"


def test_every_competency_has_a_step_within_six_months(fw):
    slow = [
        c
        for c in fw.competencies
        if not any(c in r.builds and r.horizon in ("30-days", "6-months") for r in fw.recommendations.values())
    ]
    assert slow == []


def test_every_recommendation_states_its_levels(fw):
    for rec in fw.recommendations.values():
        assert rec.levels, rec.id
        assert all(0 <= level <= 5 for level in rec.levels), rec.id
        assert set(rec.levels) != {5}, f"{rec.id}: level 5 has nothing left to build"


def test_recommendation_count_is_in_the_planned_range(fw):
    assert 60 <= len(fw.recommendations) <= 75


def test_pmo_leaders_keep_a_core_delivery_foundation(fw):
    for role_id in PMO_LEADERS:
        requirement = next(r for r in fw.roles[role_id].requirements if r.competency == "project-delivery")
        assert requirement.level >= 3 and requirement.weight >= 2, role_id


def test_portfolio_manager_does_not_step_down_to_a_portfolio_office(fw):
    assert "portfolio-office-manager" not in fw.roles["portfolio-manager"].next


# Who must NOT be told what (issue 10), by the contract's eligibility rule.
SAM = {  # PMO analyst heading to PMO manager
    "project-delivery": 2,
    "program-management": 1,
    "portfolio-management": 2,
    "pmo-governance": 3,
    "metrics-reporting": 4,
    "stakeholder-management": 2,
    "collaborative-leadership": 2,
    "executive-communication": 1,
    "people-development": 1,
    "change-leadership": 1,
    "strategic-thinking": 1,
    "business-acumen": 2,
    "value-delivery": 2,
    "financial-management": 2,
    "cross-functional-experience": 1,
}
DANA = {  # senior PM heading to PMO director
    "project-delivery": 5,
    "program-management": 3,
    "portfolio-management": 2,
    "pmo-governance": 2,
    "metrics-reporting": 3,
    "stakeholder-management": 4,
    "collaborative-leadership": 3,
    "executive-communication": 2,
    "people-development": 3,
    "change-leadership": 2,
    "strategic-thinking": 2,
    "business-acumen": 2,
    "value-delivery": 3,
    "financial-management": 2,
    "cross-functional-experience": 2,
}
BEGINNER = {c: 0 for c in SAM} | {"project-delivery": 1, "metrics-reporting": 1, "business-acumen": 1}
# Issue 20 review (a PMO director's sign-off on eight more people): pitched at their level and move.
JON = SAM | {"pmo-governance": 2, "metrics-reporting": 3, "financial-management": 2}  # analyst, 4 years, aiming high
NIA = {c: 4 for c in SAM} | {  # portfolio office manager near PMO director
    "executive-communication": 3,
    "strategic-thinking": 3,
    "financial-management": 3,
    "cross-functional-experience": 3,
}
CHEN = {c: 2 for c in SAM} | {  # PM nearly ready for senior PM: only value delivery 2 -> 3 is left
    "project-delivery": 4,
    "stakeholder-management": 4,
    "executive-communication": 3,
    "collaborative-leadership": 3,
    "financial-management": 3,
    "metrics-reporting": 3,
}
AMIR = BEGINNER | {"project-delivery": 2, "metrics-reporting": 2, "stakeholder-management": 2, "pmo-governance": 1}


@pytest.mark.parametrize(
    ("now", "target", "ratings", "never", "always"),
    [
        (
            "pmo-analyst",
            "pmo-manager",
            SAM,
            {
                "set-up-and-staff-a-pmo",
                "coaching-shadowing-programme",
                "gain-delivery-experience",
                "step-out-into-business-role",
                "enterprise-resource-management",
                "leadership-presence-politics",
            },
            {"pmo-mentor-monthly"},
        ),
        (
            "senior-project-manager",
            "pmo-director",
            DANA,
            {"step-out-into-business-role", "pmo-rotation", "business-operations-secondment", "pmo-helper-assignment"},
            {"one-slide-executive-summary", "elevator-pitch", "write-an-enterprise-view"},
        ),
        (
            "project-coordinator",
            "pmo-director",
            BEGINNER,
            {
                "manage-up-value-framing",
                "leadership-presence-politics",
                "targeted-c-suite-insights",
                "enterprise-resource-management",
                "set-up-and-staff-a-pmo",
            },
            {"talk-to-pmo-leader", "pmo-helper-assignment", "run-a-small-piece-end-to-end"},
        ),
        (
            "project-coordinator",
            "portfolio-manager",
            BEGINNER,
            {"enterprise-resource-management", "recommend-a-funding-trade-off", "pfmp-certification"},
            {"read-two-business-cases"},
        ),
        (  # recruiting a PMO team, leaving the PMO for years, a coffee-machine pitch at exec. comm. 1: not yet
            "pmo-analyst",
            "portfolio-office-manager",
            JON,
            {"set-up-and-staff-a-pmo", "step-out-into-business-role", "elevator-pitch"},
            {"improve-methodology", "business-operations-secondment", "present-at-a-steering-committee"},
        ),
        (  # enterprise resource management is her office's job already; preparing figures is below financial 3
            "portfolio-office-manager",
            "pmo-director",
            NIA,
            {"enterprise-resource-management", "prepare-numbers-for-a-funding-review"},
            {"recommend-a-funding-trade-off", "elevator-pitch"},
        ),
        (  # a debrief builds delivery, not value; Attwood's value test does
            "project-manager",
            "senior-project-manager",
            CHEN,
            {"learn-from-failure-and-success"},
            {"value-over-perfect-execution"},
        ),
        (  # at metrics 2 he has compiled status figures; the next step analyses them
            "project-coordinator",
            "pmo-analyst",
            AMIR,
            {"compile-the-monthly-metrics"},
            {"pmo-helper-assignment", "help-adopt-a-new-way-of-working"},
        ),
    ],
)
def test_advice_is_tagged_for_the_right_person(fw, now, target, ratings, never, always):
    shown = shown_to(fw, now, target, ratings)
    assert never & shown == set()
    assert always <= shown


def test_portfolio_moves_are_only_for_portfolio_level_targets(fw):
    for rec_id in ("gain-delivery-experience", "step-out-into-business-role", "enterprise-resource-management"):
        heading = set(fw.recommendations[rec_id].heading_to)
        assert heading and heading <= PORTFOLIO_LEVEL, rec_id
