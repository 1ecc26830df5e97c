"""`-f csv`: spreadsheets that open cleanly, and never run a formula from a name."""

from __future__ import annotations

import csv
import io
import shutil

from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from pmo_path.render.as_csv import cell, starts_formula
from pmo_path.render.safe import TERMINAL_UNSAFE, visible


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_match_csv_has_one_row_per_role_with_relation(invoke, framework):
    result = invoke("match", "-p", str(EXAMPLES / "jordan-lee.yaml"), "--all", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    table = rows(result.stdout)
    assert [row["role"] for row in table] and len(table) == len(framework.roles)
    assert {row["relation"] for row in table} == {"current", "ladder", "cross-track"}
    assert [float(row["readiness"]) for row in table] == sorted((float(r["readiness"]) for r in table), reverse=True)
    assert {row["provisional"] for row in table} == {"true"}  # as the JSON writes it; Jordan left a competency unrated


def test_team_csv_lists_each_members_ratings(invoke, framework, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, team / example.name)
    (team / "evil.yaml").write_text(
        'name: "=HYPERLINK(\\"https://evil.example\\")"\ntarget_role: pmo-director\nratings:\n  project-delivery: 3\n',
        encoding="utf-8",
    )
    result = invoke("team", str(team), "-t", "pmo-director", "-f", "csv", "-o", str(tmp_path / "team.csv"))
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "team.csv").read_bytes()
    assert written.count(b"\r\n") == written.count(b"\n")  # CRLF, as spreadsheets expect
    table = rows(written.decode("utf-8"))
    assert list(table[0])[:6] == ["name", "file", "readiness", "verdict", "target_role", "provisional"]
    assert list(table[0])[6:] == list(framework.competencies)
    jordan = next(row for row in table if row["name"] == "Jordan Lee")
    assert jordan["project-delivery"] == "5" and jordan["financial-management"] == ""  # unrated stays blank
    evil = next(row for row in table if "HYPERLINK" in row["name"])
    assert evil["name"].startswith("'=")


# What a spreadsheet may skip before a formula, and the full-width signs some read as = + - @.
LEADS = st.lists(st.sampled_from([" ", "\t", "\r", "\n", "\ufeff", "\u200b", "\u2060", "\u00a0", "\u3000"]), max_size=3).map(
    "".join
)
SIGNS = st.sampled_from(["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹣"])


@given(st.text(max_size=20))
def test_no_cell_starts_a_formula(text):
    shown = cell(text)
    assert not starts_formula(shown)
    assert not TERMINAL_UNSAFE.search(shown)  # inert on a terminal too
    guarded = starts_formula(text) or starts_formula(visible(text))
    assert shown == ("'" if guarded else "") + visible(text)


@given(lead=LEADS, sign=SIGNS, rest=st.text(max_size=10))
def test_a_formula_behind_spaces_marks_or_full_width_signs_is_guarded(lead, sign, rest):
    assert cell(lead + sign + rest).startswith("'")


@given(st.one_of(st.integers(-(10**6), 10**6), st.floats(-100, 100, allow_nan=False)))
def test_numbers_stay_numbers(number):
    assert cell(number) == str(number) and float(cell(number)) == number


def test_feedback_csv_writes_negative_deltas_as_numbers(invoke):
    result = invoke("feedback", str(EXAMPLES / "jordan-lee.yaml"), str(EXAMPLES / "reviews"), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    deltas = [row["delta"] for row in rows(result.stdout) if row["delta"]]
    assert any(delta.startswith("-") for delta in deltas), deltas  # Jordan rates some competencies below others' view
    assert all(float(delta) == float(delta) for delta in deltas)  # every one a number, none "'-0.5"
