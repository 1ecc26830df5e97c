"""The stable JSON shapes of the contract's section 5 (schema_version 1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..assessment import Assessment
from ..framework import Framework, Recommendation, Role
from ..scoring import Score

if TYPE_CHECKING:
    from ..progress import Progress
    from ..team import TeamReport

SCHEMA_VERSION = 1


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def sources(framework: Framework, ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"title": framework.sources[i].title, "author": framework.sources[i].author} for i in ids]


def recommendation(framework: Framework, rec: Recommendation, addresses: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": rec.id,
        "title": rec.title,
        "action": rec.action,
        "why": rec.why,
        "kind": rec.kind,
        "horizon": rec.horizon,
        "addresses": list(addresses),
        "sources": sources(framework, rec.sources),
    }


def assessment(framework: Framework, result: Assessment) -> dict[str, Any]:
    profile, score = result.profile, result.score
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": {"name": profile.name, "current_role": profile.current_role, "target_role": profile.target_role},
        "target": {"id": score.role.id, "title": score.role.title},
        "readiness": score.readiness,
        "verdict": score.verdict,
        "gaps": [
            {
                "competency": g.competency,
                "name": framework.competencies[g.competency].name,
                "group": framework.competencies[g.competency].group,
                "current": g.current,
                "required": g.required,
                "gap": g.gap,
                "weight": g.weight,
                "priority": g.priority,
            }
            for g in score.gaps
        ],
        "strengths": [{"competency": g.competency, "current": g.current, "required": g.required} for g in score.strengths],
        "unrated": list(score.unrated),
        "recommendations": [recommendation(framework, a.recommendation, a.addresses) for a in result.advice],
        "path": list(result.path),
    }


def roles(framework: Framework) -> list[dict[str, Any]]:
    return [
        {"id": role.id, "title": role.title, "track": role.track, "seniority": role.seniority}
        for ladder in framework.roles_by_track().values()
        for role in ladder
    ]


def role(framework: Framework, role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "title": role.title,
        "track": role.track,
        "seniority": role.seniority,
        "summary": role.summary,
        "years": {"min": role.years[0], "max": role.years[1]},
        "requirements": [{"competency": r.competency, "level": r.level, "weight": r.weight} for r in role.requirements],
        "next": list(role.next),
        "sources": sources(framework, role.sources),
    }


def path(start: str, goal: str, steps: list[str]) -> dict[str, Any]:
    return {"from": start, "to": goal, "steps": list(steps)}


def match(scores: list[Score]) -> list[dict[str, Any]]:
    return [{"role": s.role.id, "title": s.role.title, "readiness": s.readiness, "verdict": s.verdict} for s in scores]


def team(report: TeamReport) -> dict[str, Any]:
    return {
        "target": report.target.id,
        "people": report.people,
        "readiness": {"mean": report.mean, "median": report.median, "min": report.low, "max": report.high},
        "competencies": [
            {"competency": s.competency, "required": s.required, "mean_current": s.mean_current, "with_gap": s.with_gap}
            for s in report.competencies
        ],
        "priorities": [p.competency for p in report.priorities],
        "members": [{"name": m.name, "file": m.file, "readiness": m.readiness, "verdict": m.verdict}
                    for m in report.members],
    }


def progress(result: Progress) -> dict[str, Any]:
    return {
        "target": result.target.id,
        "before": result.before.readiness,
        "after": result.after.readiness,
        "delta": result.delta,
        "changes": [{"competency": c.competency, "before": c.before, "after": c.after} for c in result.changes],
        "closed": list(result.closed),
        "opened": list(result.opened),
    }
