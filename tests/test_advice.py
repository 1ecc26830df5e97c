"""Recommendation ranking: cover the top gaps, prefer advice suited to the move."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from conftest import bundled_framework
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.advice import rank
from pmo_path.framework import Recommendation
from pmo_path.scoring import Gap


def rec(rec_id: str, builds: tuple[str, ...], suits: tuple[str, ...] = (), levels: tuple[int, ...] = ()):
    return Recommendation(rec_id, rec_id.title(), "Do it.", "Because.", builds, "experience", "6-months",
                          suits, levels, ("fagg-pm-to-pmo-director",))


def with_recs(framework, *recs):
    return replace(framework, recommendations={r.id: r for r in recs})


def test_suited_advice_beats_generic_at_equal_coverage(framework):
    custom = with_recs(framework, rec("generic", ("strategic-thinking",)),
                       rec("suited", ("strategic-thinking",), suits=("pmo-director",)))
    gaps = [Gap("strategic-thinking", 1, 4, 3)]
    chosen = rank(custom, gaps, {}, move={"pmo-director", "pmo", "project-manager", "delivery"}, top=2)
    assert [a.recommendation.id for a in chosen] == ["suited", "generic"]


def test_advice_for_someone_else_comes_after_generic(framework):
    custom = with_recs(framework, rec("elsewhere", ("strategic-thinking",), suits=("portfolio-manager",)),
                       rec("generic", ("strategic-thinking",)))
    chosen = rank(custom, [Gap("strategic-thinking", 1, 4, 3)], {}, move={"pmo-director", "pmo"}, top=2)
    assert [a.recommendation.id for a in chosen] == ["generic", "elsewhere"]


def test_level_fit_breaks_ties(framework):
    custom = with_recs(framework, rec("for-experts", ("strategic-thinking",), levels=(4, 5)),
                       rec("for-beginners", ("strategic-thinking",), levels=(0, 1)))
    chosen = rank(custom, [Gap("strategic-thinking", 1, 4, 3)], {"strategic-thinking": 1}, top=1)
    assert chosen[0].recommendation.id == "for-beginners"


def test_coverage_of_priority_comes_first(framework):
    custom = with_recs(framework, rec("small", ("value-delivery",), suits=("pmo-director",)),
                       rec("big", ("strategic-thinking",)))
    gaps = [Gap("strategic-thinking", 1, 4, 3), Gap("value-delivery", 3, 4, 1)]
    chosen = rank(custom, gaps, {}, move={"pmo-director"}, top=1)
    assert chosen[0].recommendation.id == "big"


def test_no_third_recommendation_for_one_gap_while_another_is_unaddressed(framework):
    custom = with_recs(
        framework,
        *(rec(f"top-{n}", ("strategic-thinking",)) for n in range(4)),
        rec("other", ("value-delivery",)),
    )
    gaps = [Gap("strategic-thinking", 0, 5, 3), Gap("value-delivery", 3, 4, 1)]  # priorities 15 and 1
    chosen = [a.recommendation.id for a in rank(custom, gaps, {}, top=4)]
    assert chosen[:3] == ["top-0", "top-1", "other"]
    assert len(chosen) == 4  # once every gap is addressed, more help for the big one is fine


def test_only_gapped_competencies_are_addressed(framework):
    custom = with_recs(framework, rec("mixed", ("strategic-thinking", "project-delivery")),
                       rec("ungapped", ("project-delivery",)))
    chosen = rank(custom, [Gap("strategic-thinking", 1, 3, 2)], {}, top=5)
    assert [(a.recommendation.id, a.addresses) for a in chosen] == [("mixed", ("strategic-thinking",))]


@st.composite
def gaps_strategy(draw):
    framework = bundled_framework()
    competencies = draw(st.lists(st.sampled_from(list(framework.competencies)), min_size=1, max_size=8, unique=True))
    gaps = [Gap(c, draw(st.integers(0, 3)), draw(st.integers(4, 5)), draw(st.integers(1, 3))) for c in competencies]
    return framework, gaps, draw(st.integers(1, 10))


@settings(max_examples=120, deadline=None)
@given(gaps_strategy())
def test_bundled_ranking_rules_hold_for_any_gaps(case):
    framework, gaps, top = case
    levels = {g.competency: g.current for g in gaps}
    chosen = rank(framework, gaps, levels, move={"project-manager", "delivery", "pmo-manager", "pmo"}, top=top)
    gapped = {g.competency for g in gaps}
    assert len(chosen) <= top
    assert len({a.recommendation.id for a in chosen}) == len(chosen)
    for advice in chosen:
        assert advice.addresses and set(advice.addresses) <= gapped
        assert set(advice.addresses) <= set(advice.recommendation.builds)
    # A single gap never gets a third recommendation while another gap, which some
    # recommendation could address, is still unaddressed.
    addressable = {c for r in framework.recommendations.values() for c in r.builds} & gapped
    seen: Counter[str] = Counter()
    for advice in chosen:
        if len(advice.addresses) == 1 and seen[advice.addresses[0]] >= 2:
            assert addressable <= set(seen)
        seen.update(advice.addresses)
    assert rank(framework, gaps, levels, top=top) == rank(framework, gaps, levels, top=top)
