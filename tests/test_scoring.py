"""The scoring engine as a library: hand-worked examples and the formula's properties."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import bundled_framework
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.domain.assessment import assess, resolve_target
from pmo_path.domain.model import Profile, Rating, Requirement, Role, Thresholds
from pmo_path.domain.scoring import Gap, readiness, score, verdict
from pmo_path.errors import InputError


def make_role(requirements: dict[str, tuple[int, int]], role_id: str = "test-role") -> Role:
    return Role(
        id=role_id,
        title="Test Role",
        track="pmo",
        seniority=3,
        summary="For tests.",
        years=(0, 1),
        requirements=tuple(Requirement(c, level, weight) for c, (level, weight) in requirements.items()),
        next=(),
        sources=("fagg-pm-to-pmo-director",),
    )


def test_hand_worked_example(framework):
    # A: 3*min(2,4)=6, B: 2*min(3,3)=6, C unrated: 0  ->  12 / (12 + 6 + 2) = 60.0
    role = make_role({"strategic-thinking": (4, 3), "project-delivery": (3, 2), "financial-management": (2, 1)})
    result = score(framework, {"strategic-thinking": 2, "project-delivery": 3}, role)
    assert result.readiness == 60.0
    assert result.verdict == "developing"
    assert [(g.competency, g.gap, g.priority) for g in result.gaps] == [
        ("strategic-thinking", 2, 6),
        ("financial-management", 2, 2),
    ]
    assert [g.competency for g in result.strengths] == ["project-delivery"]
    assert result.unrated == tuple(c for c in framework.competencies if c not in ("strategic-thinking", "project-delivery"))
    assert result.unrated_required == ("financial-management",)


def test_surplus_does_not_count_beyond_the_requirement(framework):
    role = make_role({"project-delivery": (3, 3), "strategic-thinking": (3, 1)})
    result = score(framework, {"project-delivery": 5, "strategic-thinking": 0}, role)
    # 3*3 + 1*0 = 9 of 12 -> 75.0, not boosted by the surplus in project delivery
    assert result.readiness == 75.0
    assert result.verdict == "close"


@pytest.mark.parametrize(
    ("met", "total", "expected"),
    [(1, 3, 33.3), (2, 3, 66.7), (1, 16, 6.3), (5, 16, 31.3), (0, 7, 0.0), (7, 7, 100.0), (61, 100, 61.0)],
)
def test_readiness_rounds_half_up_to_one_decimal(met, total, expected):
    gaps = [Gap("x", met, total, 1)]
    assert readiness(gaps) == expected


def test_ties_in_gaps_go_to_bigger_gap_then_framework_order(framework):
    # priority 4 twice: weight 2 x gap 2 and weight 1 x gap 4 -> bigger gap first;
    # priority 2 twice with equal gaps -> framework order (project-delivery before strategic-thinking)
    role = make_role(
        {
            "strategic-thinking": (2, 1),
            "project-delivery": (2, 1),
            "business-acumen": (2, 2),
            "value-delivery": (4, 1),
        }
    )
    result = score(framework, {}, role)
    assert [g.competency for g in result.gaps] == [
        "value-delivery",
        "business-acumen",
        "project-delivery",
        "strategic-thinking",
    ]


THRESHOLDS = Thresholds(ready=90, ready_max_core_gap=1, close=75, developing=50)


@pytest.mark.parametrize(
    ("value", "core_gap", "expected"),
    [
        (100.0, 0, "ready"),
        (90.0, 1, "ready"),
        (95.0, 2, "close"),
        (89.9, 0, "close"),
        (75.0, 0, "close"),
        (74.9, 0, "developing"),
        (50.0, 3, "developing"),
        (49.9, 0, "stretch"),
        (0.0, 5, "stretch"),
    ],
)
def test_verdict_thresholds(value, core_gap, expected):
    requirements = [Gap("core", 5 - core_gap, 5, 3), Gap("other", 0, 2, 1)]
    assert verdict(value, requirements, THRESHOLDS) == expected


def test_thresholds_come_from_the_framework(framework):
    role = make_role({"project-delivery": (4, 1)})
    strict = replace(framework, thresholds=Thresholds(ready=100, ready_max_core_gap=0, close=100, developing=80))
    assert score(framework, {"project-delivery": 3}, role).verdict == "close"  # 75.0 with the bundled thresholds
    assert score(strict, {"project-delivery": 3}, role).verdict == "stretch"


def test_assess_uses_target_option_over_profile(framework):
    profile = Profile(ratings={"project-delivery": Rating(3)}, current_role="project-manager", target_role="pmo-director")
    assert resolve_target(framework, profile, None).id == "pmo-director"
    assert resolve_target(framework, profile, framework.roles["pmo-manager"]).id == "pmo-manager"
    with pytest.raises(InputError, match="did you mean 'pmo-manager'"):
        resolve_target(framework, Profile(target_role="pmo-manger"), None)
    with pytest.raises(InputError, match="no target role"):
        resolve_target(framework, Profile(), None)


def test_assessment_of_example_profile_is_consistent(framework):
    profile = Profile(
        ratings={c: Rating(2) for c in framework.competencies},
        current_role="senior-project-manager",
        target_role="pmo-director",
    )
    result = assess(framework, profile, top=5)
    assert result.path[0] == "senior-project-manager" and result.path[-1] == "pmo-director"
    assert 0 < len(result.advice) <= 5
    gapped = {g.competency for g in result.score.gaps}
    for advice in result.advice:
        assert advice.addresses and set(advice.addresses) <= gapped


# ---- properties -------------------------------------------------------------

levels_strategy = st.integers(min_value=0, max_value=5)


@st.composite
def role_and_ratings(draw):
    framework = bundled_framework()
    role = draw(st.sampled_from(list(framework.roles.values())))
    ratings = draw(st.dictionaries(st.sampled_from(list(framework.competencies)), levels_strategy))
    return framework, role, ratings


@settings(max_examples=150, deadline=None)
@given(role_and_ratings())
def test_readiness_is_a_percentage(case):
    framework, role, ratings = case
    result = score(framework, ratings, role)
    assert 0.0 <= result.readiness <= 100.0
    assert result.verdict in ("ready", "close", "developing", "stretch")


@settings(max_examples=100, deadline=None)
@given(role_and_ratings(), st.integers(min_value=0, max_value=2))
def test_meeting_every_requirement_gives_100_and_no_gaps(case, surplus):
    framework, role, ratings = case
    for requirement in role.requirements:
        ratings[requirement.competency] = min(5, max(ratings.get(requirement.competency, 0), requirement.level + surplus))
    result = score(framework, ratings, role)
    assert result.readiness == 100.0
    assert result.gaps == ()
    assert result.verdict == "ready"


@settings(max_examples=150, deadline=None)
@given(role_and_ratings(), st.data())
def test_raising_a_rating_never_lowers_readiness_nor_raises_a_gap(case, data):
    framework, role, ratings = case
    competency = data.draw(st.sampled_from(list(framework.competencies)))
    before = score(framework, ratings, role)
    raised = dict(ratings)
    raised[competency] = data.draw(st.integers(min_value=ratings.get(competency, 0), max_value=5))
    after = score(framework, raised, role)
    assert after.readiness >= before.readiness
    gap_before = {g.competency: g.gap for g in before.gaps}
    for gap in after.gaps:
        assert gap.gap <= gap_before.get(gap.competency, 0)


@settings(max_examples=100, deadline=None)
@given(role_and_ratings(), st.randoms(use_true_random=False))
def test_order_is_deterministic_whatever_the_input_order(case, rng):
    framework, role, ratings = case
    items = list(ratings.items())
    rng.shuffle(items)
    first, second = score(framework, ratings, role), score(framework, dict(items), role)
    assert first == second
    keys = [(not g.rated, -g.priority, -g.gap, list(framework.competencies).index(g.competency)) for g in first.gaps]
    assert keys == sorted(keys)


@settings(max_examples=60, deadline=None)
@given(role_and_ratings())
def test_all_zero_ratings_give_zero(case):
    framework, role, _ = case
    assert score(framework, dict.fromkeys(framework.competencies, 0), role).readiness == 0.0


# --- v3: the provisional range, match ties, evidence to gather ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(role_and_ratings(), st.data())
def test_raising_a_rating_never_lowers_the_range_low_end(case, data):
    framework, role, ratings = case
    competency = data.draw(st.sampled_from(list(framework.competencies)))
    raised = {**ratings, competency: data.draw(st.integers(min_value=ratings.get(competency, 0), max_value=5))}
    before, after = score(framework, ratings, role), score(framework, raised, role)
    low_before = before.readiness_range[0] if before.readiness_range else before.readiness
    low_after = after.readiness_range[0] if after.readiness_range else after.readiness
    assert low_after >= low_before and after.readiness >= before.readiness


@settings(max_examples=200, deadline=None)
@given(role_and_ratings())
def test_the_range_always_contains_the_rated_readiness(case):
    framework, role, ratings = case
    result = score(framework, ratings, role)
    if not result.provisional:
        assert result.readiness_range is None
        return
    low, high = result.readiness_range
    assert low == result.readiness <= high <= 100.0
    # the high end is exactly the readiness with every unrated requirement met
    met = {**ratings, **{r.competency: r.level for r in role.requirements if r.competency not in ratings}}
    assert high == score(framework, met, role).readiness


def test_a_provisional_range_by_hand(framework):
    # A rated 2 of 4 (w3), B unrated needs 3 (w2): low 6 / 18 = 33.3, high (6 + 6) / 18 = 66.7
    role = make_role({"strategic-thinking": (4, 3), "project-delivery": (3, 2)})
    result = score(framework, {"strategic-thinking": 2}, role)
    assert result.readiness_range == (33.3, 66.7)
    assert score(framework, {"strategic-thinking": 2, "project-delivery": 0}, role).readiness_range is None


def test_next_level_is_the_descriptor_one_level_up(framework):
    from pmo_path.domain.scoring import next_level

    assert next_level(framework, Gap("strategic-thinking", 2, 4, 3)) == (
        3,
        framework.competencies["strategic-thinking"].levels[3],
    )
    # unrated: the level is unknown, so is the one above it (never the level-1 descriptor for a 9-year PMO manager)
    assert next_level(framework, Gap("strategic-thinking", 0, 4, 3, rated=False)) is None


def test_match_ties_go_to_the_nearest_step_up(framework):
    from pmo_path.domain.scoring import match

    zeros = dict.fromkeys(framework.competencies, 0)
    # all zeros: every role is 0; without a current role the most junior comes first, never the enterprise director
    ranked = [s.role.id for s in match(framework, zeros)]
    assert ranked[0] == "project-coordinator" and ranked[-1] == "enterprise-pmo-director"
    seniorities = [framework.roles[r].seniority for r in ranked]
    assert seniorities == sorted(seniorities)
    # from a PMO manager (seniority 3), the same seniority first, then one step up, then two
    here = framework.roles["pmo-manager"]
    ranked = [s.role for s in match(framework, zeros, here)]
    assert [abs(r.seniority - 3) for r in ranked] == sorted(abs(r.seniority - 3) for r in ranked)
