"""`pmo-path progress`: hand-made before/after pairs, the target rule, every format."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.domain.progress import compare
from pmo_path.domain.scoring import score
from pmo_path.errors import InputError
from pmo_path.reading.profile import parse_profile

# pmo-manager asks, among others: strategic-thinking 2, executive-communication 3, pmo-governance 4,
# financial-management 2. program-management is not one of its requirements.
OLD = """name: Jordan Lee
target_role: pmo-manager
assessed_on: 2026-05-01
ratings:
  strategic-thinking: 1
  executive-communication: 3
  program-management: 3
  pmo-governance: 2
  people-development: 0
"""
NEW = """name: Jordan Lee
target_role: pmo-manager
assessed_on: 2026-11-01
ratings:
  strategic-thinking: {level: 3, evidence: "Drafted the FY27 portfolio case"}
  executive-communication: 2
  program-management: 4
  pmo-governance: 2
  financial-management: 2
"""


@pytest.fixture
def pair(write_profile):
    return write_profile(OLD, "old.yaml"), write_profile(NEW, "new.yaml")


def test_changes_closed_opened_and_delta(framework):
    old, new = parse_profile(OLD, framework), parse_profile(NEW, framework)
    result = compare(framework, old, new)
    role = framework.roles["pmo-manager"]
    assert result.target is role
    # Framework order; people-development went from 0 to unrated, which is no change.
    assert [(c.competency, c.before, c.after) for c in result.changes] == [
        ("program-management", 3, 4),
        ("executive-communication", 3, 2),
        ("strategic-thinking", 1, 3),
        ("financial-management", 0, 2),
    ]
    assert [c.rose for c in result.changes] == [True, False, True, True]
    # financial-management was unrated before: newly rated, not a gap closed (its 0 was an unknown, not a level)
    assert result.closed == ("strategic-thinking",)
    assert result.newly_rated == ("financial-management",) and result.no_longer_rated == ()
    assert result.opened == ("executive-communication",)
    before = score(framework, old.levels(), role).readiness
    after = score(framework, new.levels(), role).readiness
    assert (result.before.readiness, result.after.readiness) == (before, after)
    assert result.delta == round(after - before, 1)


def test_no_change_at_all(framework):
    profile = parse_profile(OLD, framework)
    result = compare(framework, profile, profile)
    assert (result.changes, result.closed, result.opened, result.delta) == ((), (), (), 0.0)


def test_delta_is_exact_to_one_decimal(framework):
    """66.7 - 33.3 is 33.400000000000006 in floats; the delta is 33.4."""
    import dataclasses

    from pmo_path.domain.model import Requirement, Role

    role = Role("one-skill", "One skill", "pmo", 1, "Test role.", (0, 0), (Requirement("strategic-thinking", 3, 1),), (), ("x",))
    tiny = dataclasses.replace(framework, roles={**framework.roles, role.id: role})
    old = parse_profile("ratings: {strategic-thinking: 1}", tiny)
    new = parse_profile("ratings: {strategic-thinking: 2}", tiny)
    result = compare(tiny, old, new, tiny.roles["one-skill"])
    assert (result.before.readiness, result.after.readiness, result.delta) == (33.3, 66.7, 33.4)


def test_target_is_option_then_new_then_old(framework):
    with_target = parse_profile("target_role: pmo-director\nratings: {}", framework)
    other_target = parse_profile("target_role: pmo-analyst\nratings: {}", framework)
    without = parse_profile("ratings: {}", framework)
    assert compare(framework, with_target, other_target).target.id == "pmo-analyst"
    assert compare(framework, with_target, without).target.id == "pmo-director"
    assert compare(framework, without, with_target, framework.roles["portfolio-manager"]).target.id == "portfolio-manager"
    with pytest.raises(InputError, match="target_role: no target role"):
        compare(framework, without, without)


def test_json_is_the_contract_shape(pair, invoke, framework):
    result = invoke("progress", *pair, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # the contract's keys first and unchanged; newly_rated and no_longer_rated are added after them
    assert list(data) == [
        *("scale", "target", "before", "after", "delta", "changes", "closed", "opened", "newly_rated", "no_longer_rated"),
        *("before_range", "after_range"),
    ]
    assert data["target"] == "pmo-manager"
    assert data["changes"][0] == {"competency": "program-management", "before": 3, "after": 4}
    assert all(isinstance(c["before"], int) and isinstance(c["after"], int) for c in data["changes"])
    assert {"competency": "financial-management", "before": 0, "after": 2} in data["changes"]
    assert data["closed"] == ["strategic-thinking"]
    assert data["newly_rated"] == ["financial-management"] and data["no_longer_rated"] == []
    assert data["opened"] == ["executive-communication"]
    assert data["delta"] == round(data["after"] - data["before"], 1)
    assert data["delta"] > 0


def test_table_shows_arrows_and_gaps(pair, invoke):
    result = invoke("progress", *pair)
    assert result.exit_code == 0
    text = result.stdout
    assert "2026-05-01 → 2026-11-01" in text
    rows = {line.split("  ")[0]: line for line in text.splitlines() if "↑" in line or "↓" in line}
    assert "↑" in rows["Strategic thinking"] and "↓" in rows["Executive communication"]
    closed, opened = text.index("Gaps closed"), text.index("Gaps opened")
    assert closed < text.index("✓ Strategic thinking") < opened < text.index("✗ Executive communication")
    assert "\x1b[" not in text


def test_markdown(pair, invoke):
    result = invoke("progress", *pair, "-f", "markdown", "-t", "pmo-director")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Jordan Lee: progress towards PMO Director (`pmo-director`)")
    assert "| Strategic thinking | 1 | 3 | ↑ |" in text
    assert "## Gaps closed" in text and "## Gaps opened" in text


def test_different_names_are_a_warning_not_an_error(write_profile, invoke):
    old = write_profile("name: Sam Okafor\ntarget_role: pmo-manager\nratings: {}\n")
    new = write_profile("name: Jordan Lee\nratings: {}\n")
    result = invoke("progress", old, new, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == f"Warning: comparing Sam Okafor ({old}) with Jordan Lee ({new})\n"
    assert json.loads(result.stdout)["target"] == "pmo-manager"


def test_bad_input(pair, write_profile, invoke):
    old, _new = pair
    broken = write_profile("ratings: {strategic-thinkin: 2}\n")
    result = invoke("progress", old, broken)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {broken}:1: ratings.strategic-thinkin: unknown competency")
    assert "did you mean 'strategic-thinking'" in result.stderr
    both_stdin = invoke("progress", "-", "-", input="ratings: {}\n")
    assert both_stdin.exit_code == 2
    no_target = invoke("progress", write_profile("ratings: {}\n"), write_profile("ratings: {}\n"))
    assert no_target.exit_code == 1
    assert "pass --target ROLE" in no_target.stderr


def test_a_competency_rated_for_the_first_time_is_newly_rated_in_every_format(pair, invoke, write_profile):
    """financial-management was unrated in OLD: not '0 ↑ 2' and not a gap closed, but newly rated, in each format."""
    table = invoke("progress", *pair, env={"COLUMNS": "80"}).stdout
    row = next(line for line in table.splitlines() if line.startswith("Financial management"))
    assert "not rated" in row and "↑" not in row and row.split()[-2:] == ["2", "2"]  # after 2, the role needs 2
    closed = table.split("Gaps closed")[1].split("Gaps opened")[0]
    assert "Strategic thinking" in closed and "Financial management" not in closed
    first = table.split("Rated for the first time")[1]
    assert "+ Financial management: 2, the role needs 2 (met)" in first
    markdown = invoke("progress", *pair, "-f", "markdown").stdout
    assert "| Financial management | not rated | 2 | newly rated | 2 |" in markdown
    assert "## Rated for the first time" in markdown and "- Financial management: 2, the role needs 2 (met)" in markdown
    assert "- Financial management" not in markdown.split("## Gaps closed")[1].split("## Gaps opened")[0]
    csv_rows = invoke("progress", *pair, "-f", "csv").stdout.lstrip("\ufeff").splitlines()
    assert csv_rows[0] == "competency,before,after,note"
    assert "financial-management,0,2,newly rated" in csv_rows and "strategic-thinking,1,3," in csv_rows


def test_a_rating_left_out_later_is_not_a_gap_opened(invoke, write_profile):
    old = write_profile("target_role: pmo-manager\nratings:\n  pmo-governance: 4\n  strategic-thinking: 1\n")
    new = write_profile("target_role: pmo-manager\nratings:\n  strategic-thinking: 2\n")
    data = json.loads(invoke("progress", old, new, "-f", "json").stdout)
    assert {"competency": "pmo-governance", "before": 4, "after": 0} in data["changes"]
    assert data["no_longer_rated"] == ["pmo-governance"] and data["opened"] == [] and data["newly_rated"] == []
    table = invoke("progress", old, new, env={"COLUMNS": "80"}).stdout
    row = next(line for line in table.splitlines() if line.startswith("PMO governance"))
    assert "not rated" in row and "↓" not in row


def test_a_provisional_side_reads_as_a_range_and_rate_more_not_a_verdict(invoke, write_profile, framework):
    """OLD left one competency pmo-manager needs blank: its readiness is a range and 'rate 1 more', as assess says."""
    role = framework.roles["pmo-manager"]
    levels = {r.competency: 2 for r in role.requirements}
    blank = role.requirements[0].competency
    text = "target_role: pmo-manager\nratings:\n" + "".join(f"  {c}: {n}\n" for c, n in levels.items() if c != blank)
    old, new = write_profile(text, "old.yaml"), write_profile(text + f"  {blank}: 2\n", "new.yaml")
    low, high = score(framework, {c: n for c, n in levels.items() if c != blank}, role).readiness_range
    assessed = json.loads(invoke("assess", "-p", old, "-f", "json").stdout)
    assert assessed["provisional"] and low == assessed["readiness"] and high > low
    headline = f"{low:.1f}-{high:.1f}%, rate 1 more to know"
    assert headline in invoke("assess", "-p", old, env={"COLUMNS": "120"}).stdout  # what assess says of the same file

    table = invoke("progress", old, new, env={"COLUMNS": "120"}).stdout
    before = next(line for line in table.splitlines() if line.startswith("Before"))
    after = next(line for line in table.splitlines() if line.startswith("After"))
    assert before.endswith(headline) and assessed["verdict"] not in before  # no verdict for an unknown
    assert "rate" not in after and after.split()[-2] in {"ready", "close", "developing", "stretch"}

    markdown = invoke("progress", old, new, "-f", "markdown").stdout
    assert f"| Readiness | {low:.1f}-{high:.1f}% → **" in markdown
    assert "| Verdict | rate 1 more → **" in markdown

    data = json.loads(invoke("progress", old, new, "-f", "json").stdout)
    assert data["before"] == low and data["before_range"] == [low, high] and data["after_range"] is None
    backwards = json.loads(invoke("progress", new, old, "-f", "json").stdout)
    assert backwards["before_range"] is None and backwards["after_range"] == [low, high]


def _history(write_profile, readiness_levels):
    """Assessments whose pmo-governance level moves readiness for pmo-manager, one a month."""
    return [
        write_profile(f"target_role: pmo-manager\nassessed_on: 2026-0{month}-01\nratings:\n  {ratings}\n")
        for month, ratings in enumerate(readiness_levels, 1)
    ]


def test_the_readiness_sparkline_shows_a_real_change_and_keeps_noise_flat(invoke, write_profile, framework):
    from pmo_path.render.table_people import SPARKS, sparkline

    assert sparkline([64.3, 74.8, 78.3], 10, 100) == "▁▆█"  # once ▆▆▆ on a 0-100 scale
    assert len(set(sparkline([70.0, 70.1, 70.0], 10, 100))) == 1  # a tenth is not a cliff
    assert sparkline([2, None, 3], 5, 5) == "▄ ▅"  # a competency keeps its 0-5 scale; a gap where it was unrated
    files = _history(write_profile, ["pmo-governance: 1", "pmo-governance: 3", "pmo-governance: 4"])
    table = invoke("progress", *files, env={"COLUMNS": "80"}).stdout
    row = next(line for line in table.splitlines() if line.startswith("Readiness") and "%" in line and "▁" in line)
    spark = next(word for word in row.split() if all(ch in SPARKS for ch in word))
    assert spark[0] == "▁" and spark[-1] == "█" and len(set(spark)) == 3
    assert "its own range (at least 10 points" in " ".join(table.split())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=2, max_size=12))
def test_sparkline_heights_follow_the_values_within_the_floor(values):
    """Higher readiness is never drawn lower; a full-height climb means a move of at least the floor."""
    from pmo_path.render.table_people import SPARKS, sparkline

    drawn = sparkline(values, 10, 100)
    heights = [SPARKS.index(ch) for ch in drawn]
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            if a < b:
                assert heights[i] <= heights[j]
    spread = max(values) - min(values)
    drawn_spread = max(heights) - min(heights)
    steps = len(SPARKS) - 1
    assert abs(drawn_spread - spread / max(spread, 10) * steps) <= 1
