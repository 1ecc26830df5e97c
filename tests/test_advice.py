"""Recommendation choice (contract section 3): eligibility is a gate; then cover the top gaps, aimed advice first."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from conftest import bundled_framework
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.domain.advice import Move, conditions_hold, eligible_for, gate_competencies, rank, rank_together
from pmo_path.domain.model import Recommendation
from pmo_path.domain.scoring import Gap, score

PM_TO_DIRECTOR = Move(frozenset({"project-manager", "delivery"}), frozenset({"pmo-director", "pmo"}))
ALL_LEVELS = (0, 1, 2, 3, 4)


def rec(
    rec_id: str,
    builds: tuple[str, ...],
    levels: tuple[int, ...] = ALL_LEVELS,
    horizon: str = "6-months",
    in_now: tuple[str, ...] = (),
    heading_to: tuple[str, ...] = (),
):
    return Recommendation(
        id=rec_id,
        title=rec_id.title(),
        action="Do it.",
        why="Because.",
        builds=builds,
        kind="experience",
        horizon=horizon,
        levels=levels,
        sources=("fagg-pm-to-pmo-director",),
        in_now=in_now,
        heading_to=heading_to,
    )


def with_recs(framework, *recs):
    return replace(framework, recommendations={r.id: r for r in recs})


def ids(chosen) -> list[str]:
    return [a.recommendation.id for a in chosen]


def test_aimed_advice_beats_generic_for_the_same_gap(framework):
    custom = with_recs(
        framework, rec("generic", ("strategic-thinking",)), rec("aimed", ("strategic-thinking",), heading_to=("pmo-director",))
    )
    chosen = rank(custom, [Gap("strategic-thinking", 1, 4, 3)], {"strategic-thinking": 1}, PM_TO_DIRECTOR, top=2)
    assert ids(chosen) == ["aimed", "generic"]
    assert [a.aimed for a in chosen] == [True, False]


def test_advice_for_someone_else_is_never_shown(framework):
    custom = with_recs(
        framework,
        rec("other-target", ("strategic-thinking",), heading_to=("portfolio-manager",)),
        rec("in-a-pmo-only", ("strategic-thinking",), in_now=("pmo",)),
        rec("for-experts", ("strategic-thinking",), levels=(3, 4)),
        rec("generic", ("strategic-thinking",)),
    )
    chosen = rank(custom, [Gap("strategic-thinking", 1, 4, 3)], {"strategic-thinking": 1}, PM_TO_DIRECTOR, top=5)
    assert ids(chosen) == ["generic"]


def test_in_now_and_heading_to_are_two_conditions(framework):
    both = rec("both", ("strategic-thinking",), in_now=("delivery",), heading_to=("pmo",))
    assert conditions_hold(both, PM_TO_DIRECTOR)
    assert not conditions_hold(both, Move(frozenset({"pmo-analyst", "pmo"}), frozenset({"pmo-director", "pmo"})))
    assert not conditions_hold(both, Move(frozenset({"project-manager", "delivery"}), frozenset({"program-manager", "delivery"})))
    # someone heading to a PMO role is not "in" one; without a current role, in_now never holds
    assert not conditions_hold(rec("x", ("strategic-thinking",), in_now=("pmo",)), PM_TO_DIRECTOR)
    assert not conditions_hold(both, Move(frozenset(), frozenset({"pmo-director", "pmo"})))


def test_a_level_outside_levels_is_not_addressed(framework):
    mixed = rec("mixed", ("strategic-thinking", "value-delivery"), levels=(0, 1))
    gaps = {"strategic-thinking": Gap("strategic-thinking", 1, 4, 3), "value-delivery": Gap("value-delivery", 3, 4, 2)}
    levels = {"strategic-thinking": 1, "value-delivery": 3}
    assert eligible_for(mixed, gaps, levels, PM_TO_DIRECTOR) == ("strategic-thinking",)
    assert eligible_for(mixed, gaps, {**levels, "strategic-thinking": 2}, PM_TO_DIRECTOR) == ()


def test_unrated_gaps_get_no_advice(framework):
    custom = with_recs(framework, rec("for-unrated", ("financial-management",)), rec("rated", ("strategic-thinking",)))
    gaps = [Gap("financial-management", 0, 3, 3, rated=False), Gap("strategic-thinking", 2, 4, 2)]
    chosen = rank(custom, gaps, {"strategic-thinking": 2}, PM_TO_DIRECTOR, top=5)
    assert ids(chosen) == ["rated"]


def test_the_most_pressing_gap_is_covered_first(framework):
    custom = with_recs(
        framework, rec("small", ("value-delivery",), heading_to=("pmo-director",)), rec("big", ("strategic-thinking",))
    )
    gaps = [Gap("strategic-thinking", 1, 4, 3), Gap("value-delivery", 3, 4, 1)]
    chosen = rank(custom, gaps, {"strategic-thinking": 1, "value-delivery": 3}, PM_TO_DIRECTOR, top=1)
    assert ids(chosen) == ["big"]


def test_no_piling_onto_one_gap_while_another_is_open(framework):
    custom = with_recs(
        framework, *(rec(f"top-{n}", ("strategic-thinking",)) for n in range(4)), rec("other", ("value-delivery",))
    )
    gaps = [Gap("strategic-thinking", 0, 5, 3), Gap("value-delivery", 3, 4, 1)]  # priorities 15 and 1
    chosen = ids(rank(custom, gaps, {"strategic-thinking": 0, "value-delivery": 3}, PM_TO_DIRECTOR, top=4))
    assert chosen == ["top-0", "top-1", "other", "top-2"]  # a third for the big gap only once the other has one


def test_nearer_horizon_first_between_equal_steps(framework):
    custom = with_recs(
        framework,
        rec("later", ("strategic-thinking",), horizon="1-2-years"),
        rec("soon", ("strategic-thinking",), horizon="30-days"),
    )
    chosen = rank(custom, [Gap("strategic-thinking", 1, 4, 3)], {"strategic-thinking": 1}, PM_TO_DIRECTOR, top=1)
    assert ids(chosen) == ["soon"]


# --- properties over the bundled data ---------------------------------------------------------------------------

MOVES = [Move(frozenset(), frozenset({"pmo-manager", "pmo"}))] + [
    Move(frozenset({now, bundled_framework().roles[now].track}), frozenset({target, bundled_framework().roles[target].track}))
    for now in bundled_framework().roles
    for target in bundled_framework().roles
]


@st.composite
def people(draw):
    framework = bundled_framework()
    rated = draw(st.lists(st.sampled_from(list(framework.competencies)), max_size=15, unique=True))
    levels = {c: draw(st.integers(0, 5)) for c in rated}
    return framework, levels, draw(st.sampled_from(MOVES)), draw(st.integers(1, 10))


def target_of(framework, move: Move):
    return next(framework.roles[i] for i in move.heading if i in framework.roles)


@settings(max_examples=200, deadline=None)
@given(people())
def test_every_recommendation_shown_is_eligible(case):
    framework, levels, move, top = case
    result = score(framework, levels, target_of(framework, move))
    chosen = rank(framework, result.gaps, levels, move, top)
    gaps = {g.competency: g for g in result.gaps}
    assert len(chosen) <= top and len({a.recommendation.id for a in chosen}) == len(chosen)
    seen: Counter[str] = Counter()
    for advice in chosen:
        rec_ = advice.recommendation
        assert advice.addresses and set(advice.addresses) <= set(gaps) & set(rec_.builds)
        # an unrated gap (level 0) counts only for advice aimed at this move
        assert all(gaps[c].rated or advice.aimed for c in advice.addresses)
        assert advice.aimed == bool(rec_.in_now or rec_.heading_to)
        # the level gate: every competency addressed fits; for a credential, its main competency (listed first)
        assert all(
            levels.get(c, 0) in rec_.levels
            for c in gate_competencies(rec_)
            if rec_.kind == "certification" or c in advice.addresses
        )
        assert conditions_hold(rec_, move)
        seen.update(advice.addresses)
    # as many eligible ones as asked for, when there are that many
    eligible = [r for r in framework.recommendations.values() if eligible_for(r, gaps, levels, move)]
    assert len(chosen) == min(top, len(eligible))
    assert rank(framework, result.gaps, levels, move, top) == chosen


@settings(max_examples=200, deadline=None)
@given(people(), st.data())
def test_raising_a_rating_never_brings_lower_band_advice_for_it(case, data):
    framework, levels, move, top = case
    if not levels:
        return
    competency = data.draw(st.sampled_from(sorted(levels)))
    raised = {**levels, competency: min(5, levels[competency] + data.draw(st.integers(1, 3)))}
    target = target_of(framework, move)
    after = rank(framework, score(framework, raised, target).gaps, raised, move, top)
    for advice in after:
        gated = competency in advice.addresses and competency in gate_competencies(advice.recommendation)
        if gated:
            assert raised[competency] in advice.recommendation.levels
            # advice only fitting the level they had before cannot follow them up
            assert max(advice.recommendation.levels) >= raised[competency]


# --- v3: move-aimed advice and unrated competencies, doing before reading -----------------------------------------


def test_doing_comes_before_reading_for_a_core_gap(framework):
    reading = replace(rec("read-about-it", ("pmo-governance",), horizon="30-days"), kind="reading")
    doing = replace(rec("do-it", ("pmo-governance",), horizon="6-months"), kind="assignment")
    custom = with_recs(framework, reading, doing)
    core = [Gap("pmo-governance", 3, 4, 3)]
    assert ids(rank(custom, core, {"pmo-governance": 3}, PM_TO_DIRECTOR, top=2)) == ["do-it", "read-about-it"]
    # for a useful (weight 1) gap the nearer horizon still wins: the rule is about core gaps
    useful = [Gap("pmo-governance", 3, 4, 1)]
    assert ids(rank(custom, useful, {"pmo-governance": 3}, PM_TO_DIRECTOR, top=2)) == ["read-about-it", "do-it"]


def test_aimed_advice_counts_an_unrated_competency_as_level_0(framework):
    aimed = rec("aimed", ("pmo-governance",), levels=(0, 1), heading_to=("pmo-director",))
    generic = rec("generic", ("pmo-governance",), levels=(0, 1))
    custom = with_recs(framework, aimed, generic)
    unrated = [Gap("pmo-governance", 0, 4, 3, rated=False)]
    chosen = rank(custom, unrated, {}, PM_TO_DIRECTOR, top=5)
    assert ids(chosen) == ["aimed"]  # generic advice waits for a rating; the move's own step does not


@settings(max_examples=200, deadline=None)
@given(people(), st.data())
def test_an_unrated_competency_never_hides_advice_aimed_at_the_move(case, data):
    framework, levels, move, _ = case
    competency = data.draw(st.sampled_from(list(framework.competencies)))
    rated_zero = {**levels, competency: 0}
    unrated = {c: v for c, v in levels.items() if c != competency}
    target = target_of(framework, move)
    gaps_zero = {g.competency: g for g in score(framework, rated_zero, target).gaps}
    gaps_unrated = {g.competency: g for g in score(framework, unrated, target).gaps}
    for recommendation in framework.recommendations.values():
        if recommendation.in_now or recommendation.heading_to:
            assert eligible_for(recommendation, gaps_unrated, unrated, move) == eligible_for(
                recommendation, gaps_zero, rated_zero, move
            ), recommendation.id


# --- a fresh review of the issue-20 engine: one pool for a ready person, credentials gated on their main one ------


def onward_of(framework, role):
    higher = [framework.roles[r] for r in role.next if framework.roles[r].seniority > role.seniority]
    return min(higher, key=lambda r: r.seniority) if higher else None


@settings(max_examples=200, deadline=None)
@given(people())
def test_target_and_onward_gaps_share_one_rule_against_piling(case):
    """No gap of either role gets a third step while a gap of either that an eligible step could open has none."""
    framework, levels, move, top = case
    target = target_of(framework, move)
    onward = onward_of(framework, target)
    if onward is None:
        return
    pools = [
        (score(framework, levels, target).gaps, move),
        (score(framework, levels, onward).gaps, Move(move.now, frozenset({onward.id, onward.track}))),
    ]
    chosen = rank_together(framework, pools, levels, top)

    def eligible(rec) -> set[str]:
        return {c for gaps, m in pools for c in eligible_for(rec, {g.competency: g for g in gaps}, levels, m)}

    times: Counter[str] = Counter()
    picked: set[str] = set()
    credential = False
    for advice in chosen:
        assert set(advice.addresses) == eligible(advice.recommendation) != set()
        if all(times[c] >= 2 for c in advice.addresses):  # a third step for every gap it addresses...
            left = [
                r
                for r in framework.recommendations.values()
                if r.id not in picked and not (credential and r.kind == "certification")
            ]
            assert not any(times[c] == 0 for r in left for c in eligible(r))  # ...only when no other gap can open
        times.update(advice.addresses)
        picked.add(advice.recommendation.id)
        credential = credential or advice.recommendation.kind == "certification"


@settings(max_examples=200, deadline=None)
@given(people(), st.data())
def test_a_credential_is_gated_on_its_main_competency_alone(case, data):
    """Changing a credential's other competencies, while a gap it builds stays open, never changes who sees it."""
    framework, levels, move, _ = case
    credentials = [r for r in framework.recommendations.values() if r.kind == "certification" and len(r.builds) > 1]
    credential = data.draw(st.sampled_from(credentials))
    other = data.draw(st.sampled_from(credential.builds[1:]))
    changed = {**levels, other: data.draw(st.integers(0, 5))}
    target = target_of(framework, move)
    before = eligible_for(credential, {g.competency: g for g in score(framework, levels, target).gaps}, levels, move)
    after = eligible_for(credential, {g.competency: g for g in score(framework, changed, target).gaps}, changed, move)
    still_open = [c for c in before if c != other] or [c for c in after if c != other]
    if still_open:
        assert bool(before) == bool(after)
    main = credential.builds[0]
    if before:
        assert levels.get(main, 0) in credential.levels


@settings(max_examples=200, deadline=None)
@given(people())
def test_the_evidence_to_gather_is_one_level_up_and_only_where_rated(case):
    from pmo_path.domain.scoring import next_level

    framework, levels, move, _ = case
    for gap in score(framework, levels, target_of(framework, move)).gaps:
        found = next_level(framework, gap)
        if not gap.rated:
            assert found is None  # the level above an unknown is unknown: rate it first
        else:
            assert found == (gap.current + 1, framework.competencies[gap.competency].levels[gap.current + 1])


@settings(max_examples=100, deadline=None)
@given(people())
def test_match_never_states_a_verdict_for_a_provisional_role(case):
    from pmo_path.domain.navigation import ranked_roles
    from pmo_path.render.as_json import match as match_json
    from pmo_path.render.markdown import match_report

    framework, levels, move, _ = case
    current = next((framework.roles[i] for i in move.now if i in framework.roles), None)
    found = ranked_roles(framework, levels, current)
    rows = match_json(framework, found)
    report = match_report(framework, found).splitlines()
    for number, (row, item) in enumerate(zip(rows, found, strict=True), 1):
        low_high = row["readiness_range"]
        assert row["provisional"] == (low_high is not None) == bool(item.score.unrated_required)
        line = next(text for text in report if text.startswith(f"| {number} | "))
        cells = [c.strip() for c in line.split(" | ")]
        if low_high is not None:
            assert low_high[0] == row["readiness"] <= low_high[1]
            assert cells[2] == f"{low_high[0]:.1f}-{low_high[1]:.1f}%"
            assert cells[3] == f"rate {len(item.score.unrated_required)} more"
        else:
            assert cells[2] == f"{row['readiness']:.1f}%" and cells[3] == row["verdict"]
