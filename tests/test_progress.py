"""`pmo-path progress`: hand-made before/after pairs, the target rule, every format."""

from __future__ import annotations

import json

import pytest

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
    assert result.closed == ("strategic-thinking", "financial-management")
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
    assert list(data) == ["target", "before", "after", "delta", "changes", "closed", "opened"]
    assert data["target"] == "pmo-manager"
    assert data["changes"][0] == {"competency": "program-management", "before": 3, "after": 4}
    assert all(isinstance(c["before"], int) and isinstance(c["after"], int) for c in data["changes"])
    assert data["closed"] == ["strategic-thinking", "financial-management"]
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
