"""The bundled framework: the contract's ids, sourcing, coverage and ladder rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import seed_fingerprints  # scripts/, put on the path by tests/conftest.py

from pmo_path.domain.model import HORIZONS, KINDS, LADDER_COMPETENCIES
from pmo_path.reading.framework import bundled_data_dir

CONTRACT_COMPETENCIES = {
    "ways-of-working": ["project-delivery", "program-management", "portfolio-management", "pmo-governance", "metrics-reporting"],
    "power-skills": [
        "stakeholder-management",
        "collaborative-leadership",
        "executive-communication",
        "people-development",
        "change-leadership",
    ],
    "business-acumen": [
        "strategic-thinking",
        "business-acumen",
        "value-delivery",
        "financial-management",
        "cross-functional-experience",
    ],
}
CONTRACT_ROLES = {
    "delivery": ["project-coordinator", "project-manager", "senior-project-manager", "program-manager", "portfolio-manager"],
    "pmo": ["pmo-analyst", "pmo-manager", "portfolio-office-manager", "pmo-director", "enterprise-pmo-director"],
}
SEED_RUNS = Path(__file__).resolve().parent / "fixtures" / "seed-runs.txt"
RUN = seed_fingerprints.RUN


def test_competencies_are_exactly_the_contract_ids(framework):
    assert list(framework.competencies) == [c for ids in CONTRACT_COMPETENCIES.values() for c in ids]
    for group, ids in CONTRACT_COMPETENCIES.items():
        assert all(framework.competencies[c].group == group for c in ids)


def test_every_competency_has_five_behavioural_descriptors(framework):
    for competency in framework.competencies.values():
        assert sorted(competency.levels) == [1, 2, 3, 4, 5]
        for text in competency.levels.values():
            assert len(text.split()) >= 6, f"{competency.id}: descriptor too thin to check against a record: {text}"
        assert len(set(competency.levels.values())) == 5


def test_roles_are_the_contract_ladders(framework):
    by_track = framework.roles_by_track()
    for track, ids in CONTRACT_ROLES.items():
        assert [r.id for r in by_track[track]] == ids, "ladders ordered by seniority, most junior first"


def test_requirements_are_in_range_and_every_role_has_core_competencies(framework):
    for role in framework.roles.values():
        assert role.requirements
        assert all(1 <= r.level <= 5 and 1 <= r.weight <= 3 for r in role.requirements)
        assert any(r.weight == 3 for r in role.requirements), role.id
        assert role.years[0] <= role.years[1]
        assert role.sources


@pytest.mark.parametrize("competency", LADDER_COMPETENCIES)
def test_ladders_never_ask_less_of_seniors(framework, competency):
    for ladder in framework.roles_by_track().values():
        asked = [role.required(competency) for role in ladder]
        assert asked == sorted(asked), f"{competency} along {[r.id for r in ladder]}: {asked}"


def test_cross_track_moves_exist_and_every_role_is_reachable(framework):
    roles = framework.roles
    crossing = [(r.id, n) for r in roles.values() for n in r.next if roles[n].track != r.track]
    assert ("project-manager", "pmo-analyst") in crossing or ("senior-project-manager", "pmo-manager") in crossing
    assert any(
        a == "pmo-manager" and roles[b].id == "portfolio-office-manager"
        for a, b in [(r.id, n) for r in roles.values() for n in r.next]
    )
    reached = {"project-coordinator", "pmo-analyst"}
    frontier = list(reached)
    while frontier:
        for nxt in roles[frontier.pop()].next:
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(roles)


def test_recommendations_are_sourced_and_well_formed(framework):
    recs = framework.recommendations
    assert len(recs) >= 35
    for rec in recs.values():
        assert rec.sources and all(s in framework.sources for s in rec.sources)
        assert rec.kind in KINDS and rec.horizon in HORIZONS
        assert rec.builds and all(c in framework.competencies for c in rec.builds)
        assert rec.action.strip().endswith("."), rec.id
        assert len(rec.title) <= 60


def test_every_competency_is_built_by_at_least_two_recommendations(framework):
    built = Counter(c for rec in framework.recommendations.values() for c in rec.builds)
    assert {c: built[c] for c in framework.competencies if built[c] < 2} == {}


def test_every_article_is_cited(framework):
    cited = Counter(s for rec in framework.recommendations.values() for s in rec.sources)
    assert set(cited) == set(framework.sources)
    assert min(cited.values()) >= 5


def test_no_sentence_is_copied_from_the_articles(framework):
    """Paraphrase, never copy: no run of 10 words from an article appears in the data.

    The articles stay outside the repository; `scripts/seed_fingerprints.py`
    keeps a hash of each of their 10-word runs in tests/fixtures.
    """
    article_runs = set(SEED_RUNS.read_text(encoding="utf-8").split())
    assert len(article_runs) > 1000  # the fingerprints of five articles, not an empty file
    titles = {s.title.lower() for s in framework.sources.values()}
    texts = [c.description for c in framework.competencies.values()]
    texts += [t for c in framework.competencies.values() for t in c.levels.values()]
    texts += [r.summary for r in framework.roles.values()]
    texts += [t for rec in framework.recommendations.values() for t in (rec.title, rec.action, rec.why)]
    copied = []
    for text in texts:
        if text.lower() in titles:
            continue
        words = seed_fingerprints.words(text)
        copied += [
            " ".join(words[i : i + RUN])
            for i in range(len(words) - RUN + 1)
            if seed_fingerprints.fingerprint(words[i : i + RUN]) in article_runs
        ]
    assert copied == []


def test_the_no_copy_check_catches_a_copied_sentence():
    sentence = "the quick brown fox jumps over the lazy dog again and again"
    assert seed_fingerprints.runs(sentence) & seed_fingerprints.runs("So: " + sentence.upper() + "!")


def test_bundled_files_are_where_the_package_looks(framework):
    folder = bundled_data_dir()
    assert (folder / "roles.yaml").is_file() and (folder / "recommendations.yaml").is_file()
    assert framework.files == (str(folder / "roles.yaml"), str(folder / "recommendations.yaml"))


BANDS = {"0-1": {0, 1}, "2-3": {2, 3}, "4": {4}}


@pytest.mark.parametrize("band", BANDS)
def test_every_competency_has_advice_at_every_level_band(framework, band):
    """A beginner and a near-director both get something to act on this quarter (contract section 1)."""
    missing = [
        c
        for c in framework.competencies
        if not any(c in r.builds and BANDS[band] & set(r.levels) for r in framework.recommendations.values())
    ]
    assert missing == []


def test_every_competency_has_a_step_shorter_than_a_year(framework):
    slow = [
        c
        for c in framework.competencies
        if not any(c in r.builds and r.horizon != "1-2-years" for r in framework.recommendations.values())
    ]
    assert slow == []


def test_pmo_leaders_keep_a_delivery_foundation_and_team_leads_line_manage(framework):
    for role_id in ("portfolio-office-manager", "pmo-director", "enterprise-pmo-director"):
        assert framework.roles[role_id].required("project-delivery") >= 3, role_id
    line_management = min(
        level
        for level, text in framework.competencies["people-development"].levels.items()
        if "line-manage" in text or "line manager" in text
    )
    for role_id in (
        "pmo-manager",
        "program-manager",
        "portfolio-manager",
        "portfolio-office-manager",
        "pmo-director",
        "enterprise-pmo-director",
    ):
        assert framework.roles[role_id].required("people-development") >= line_management, role_id


def test_no_move_leads_down(framework):
    for role in framework.roles.values():
        assert all(framework.roles[n].seniority >= role.seniority for n in role.next), role.id
