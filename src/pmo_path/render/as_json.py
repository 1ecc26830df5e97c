"""The stable JSON shapes of the contract's section 5 (schema_version 1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..domain.assessment import Assessment
from ..domain.model import Framework, Recommendation, Role
from ..domain.scoring import Gap, next_level
from .safe import json_text

if TYPE_CHECKING:
    from ..domain.bench import BenchRow
    from ..domain.feedback import Feedback
    from ..domain.navigation import Match, RoleComparison, Route
    from ..domain.progress import Progress
    from ..domain.team import TeamReport

SCHEMA_VERSION = 1


def dumps(data: Any) -> str:
    """Readable UTF-8 JSON; controls, bidi and invisible characters in strings as `\\uXXXX` (`safe.json_text`)."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def sources(framework: Framework, ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [
        {"title": framework.sources[i].title, "author": framework.sources[i].author}
        | ({"url": framework.sources[i].url} if framework.sources[i].url else {})
        for i in ids
    ]


def recommendation(framework: Framework, rec: Recommendation, addresses: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": rec.id,
        "title": rec.title,
        "action": rec.action,
        "why": rec.why,
        "kind": rec.kind,
        "horizon": rec.horizon,
        "addresses": list(addresses),
        "levels": list(rec.levels),
        "sources": sources(framework, rec.sources),
    } | (
        {"credential": {"name": rec.credential.name, "body": rec.credential.body, "url": rec.credential.url}}
        if rec.credential
        else {}
    )


def gap_entry(framework: Framework, g: Gap) -> dict[str, Any]:
    found = next_level(framework, g)
    return {
        "competency": g.competency,
        "name": framework.competencies[g.competency].name,
        "group": framework.competencies[g.competency].group,
        "current": g.current,
        "required": g.required,
        "gap": g.gap,
        "weight": g.weight,
        "priority": g.priority,
        "rated": g.rated,
        "next_level": {"level": found[0], "descriptor": found[1]} if found else None,
    }


def assessment(framework: Framework, result: Assessment) -> dict[str, Any]:
    profile, score = result.profile, result.score
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": {"name": profile.name, "current_role": profile.current_role, "target_role": profile.target_role},
        "target": {"id": score.role.id, "title": score.role.title},
        "readiness": score.readiness,
        "verdict": score.verdict,
        "provisional": score.provisional,
        "gaps": [gap_entry(framework, g) for g in score.gaps],
        "strengths": [{"competency": g.competency, "current": g.current, "required": g.required} for g in score.strengths],
        "unrated": list(score.unrated),
        "recommendations": [recommendation(framework, a.recommendation, a.addresses) for a in result.advice],
        "path": list(result.path),
    } | v3_fields(framework, result)


def v3_fields(framework: Framework, result: Assessment) -> dict[str, Any]:
    """The readiness range, experience, second view and onward role (contract section 3, v3)."""
    score = result.score
    years, typical = result.experience
    onward = result.onward
    return {
        "readiness_range": list(score.readiness_range) if score.readiness_range else None,
        "experience": {"years": years, "typical": {"min": typical[0], "max": typical[1]} if typical else None},
        "second_view": result.needs_second_view,
        "onward": {
            "id": onward.role.id,
            "title": onward.role.title,
            "readiness": onward.readiness,
            "verdict": onward.verdict,
            "gaps": [gap_entry(framework, g) for g in onward.gaps],
        }
        if onward
        else None,
    }


def roles(framework: Framework, ladders: dict[str, list[Role]]) -> list[dict[str, Any]]:
    return [
        {"id": role.id, "title": role.title, "track": role.track, "seniority": role.seniority}
        for ladder in ladders.values()
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
        "grade": role.grade or None,  # issue 18: the organisation's grade label, additive
    }


def route(framework: Framework, found: Route) -> dict[str, Any]:
    """`path FROM TO -f json`: exactly the contract's keys, whichever way the route was chosen."""
    return {"from": found.steps[0], "to": found.steps[-1], "steps": list(found.steps)}


def match(framework: Framework, matches: list[Match]) -> list[dict[str, Any]]:
    """The contract's keys, then (as in assess) `provisional` and `readiness_range` ([low, high], or null)."""
    return [
        {
            "role": m.role.id,
            "title": m.role.title,
            "readiness": m.score.readiness,
            "verdict": m.score.verdict,
            "relation": m.relation,
            "provisional": m.score.provisional,
            "readiness_range": list(m.score.readiness_range) if m.score.readiness_range else None,
        }
        for m in matches
    ]


def comparison(framework: Framework, result: RoleComparison) -> dict[str, Any]:
    """`role ROLE --vs OTHER -f json`: level 0 and weight 0 mean the role does not require it."""
    return {
        "from": {"id": result.source.id, "title": result.source.title},
        "to": {"id": result.target.id, "title": result.target.title},
        "competencies": [
            {
                "competency": row.competency,
                "from": {"level": row.from_level, "weight": row.from_weight},
                "to": {"level": row.to_level, "weight": row.to_weight},
                "change": row.change,
            }
            for row in result.competencies
        ],
    }


def team(framework: Framework, report: TeamReport) -> dict[str, Any]:
    return {
        "target": report.target.id,
        "people": report.people,
        "readiness": {"mean": report.mean, "median": report.median, "min": report.low, "max": report.high},
        "competencies": [
            {
                "competency": s.competency,
                "required": s.required,
                "mean_current": s.mean_current,
                "with_gap": s.with_gap,
                "not_rated": s.unrated,
            }
            for s in report.competencies
        ],
        "priorities": [p.competency for p in report.priorities],
        "members": [
            {"name": m.name, "file": m.file, "readiness": m.readiness, "verdict": m.verdict, "provisional": m.provisional}
            for m in report.members
        ],
    } | (
        {"blind_spots": [{"competency": c, "people": n} for c, n in report.blind_spots], "reviewed": report.reviewed}
        if report.reviewed
        else {}
    )


def progress(framework: Framework, result: Progress) -> dict[str, Any]:
    return {
        "target": result.target.id,
        "before": result.before.readiness,
        "after": result.after.readiness,
        "delta": result.delta,
        "changes": [{"competency": c.competency, "before": c.before, "after": c.after} for c in result.changes],
        "closed": list(result.closed),
        "opened": list(result.opened),
        "newly_rated": list(result.newly_rated),
        "no_longer_rated": list(result.no_longer_rated),
        # provisional (the role needs a competency left blank): [as rated, blanks counted as met]; else null
        "before_range": list(result.before.readiness_range) if result.before.provisional else None,
        "after_range": list(result.after.readiness_range) if result.after.provisional else None,
    } | (
        {
            "history": [
                {
                    "file": point.profile.file,
                    "assessed_on": point.profile.assessed_on.isoformat() if point.profile.assessed_on else None,
                    "readiness": point.score.readiness,
                    "verdict": point.score.verdict,
                }
                for point in result.history
            ]
        }
        if result.history
        else {}
    )


def feedback(framework: Framework, result: Feedback) -> dict[str, Any]:
    """Section 9's shape; a group hidden for anonymity is null, and no rater is named."""
    person = result.person
    return {
        "schema_version": SCHEMA_VERSION,
        "person": {"name": person.name, "current_role": person.current_role, "target_role": person.target_role},
        "target": {"id": result.target.id, "title": result.target.title},
        "raters": result.raters,
        "competencies": [
            {
                "competency": v.competency,
                "self": v.self_level,
                "manager": v.manager,
                "peers": v.peers,
                "reports": v.reports,
                "others": v.others,
                "delta": v.delta,
                "left_out": v.left_out,
            }
            for v in result.competencies
        ],
        "blind_spots": list(result.blind_spots),
        "hidden_strengths": list(result.hidden_strengths),
        "readiness": {"self": result.readiness_self, "others": result.readiness_others},
    }


def bench(framework: Framework, rows: tuple[BenchRow, ...]) -> list[dict[str, Any]]:
    """Section 10 (v3): roles in framework order; who holds each, who is ready and close (names by readiness), the risk."""

    def people(found) -> list[dict[str, Any]]:
        return [{"name": c.name, "readiness": c.readiness, "provisional": c.provisional} for c in found]

    return [
        {
            "role": row.role.id,
            "title": row.role.title,
            "holders": people(row.holders),
            "ready": people(row.ready),
            "close": people(row.close),
            "risk": row.risk,
        }
        for row in rows
    ]


def with_scale(framework: Framework, data: Any) -> Any:
    """A result object with the framework's `scale: [{level, name}]` at its top (after `schema_version`), so a
    script reads a level's name where the result gives its number. Lists (`roles`, `match`, `bench`) keep
    the contract's shape: a list, unchanged."""
    if not isinstance(data, dict):
        return data
    head = {"schema_version": data["schema_version"]} if "schema_version" in data else {}
    return {**head, "scale": framework.scale.entries(), **data}


def _dumped(build):
    return staticmethod(lambda framework, result: dumps(with_scale(framework, build(framework, result))))


class JsonRenderer:
    """`-f json`: the contract's stable shapes (section 5), schema_version 1."""

    text = True
    assessment = _dumped(assessment)
    roles = _dumped(roles)
    role = _dumped(role)
    comparison = _dumped(comparison)
    route = staticmethod(lambda framework, result: dumps(route(framework, result)))  # no levels: the contract's keys only
    match = _dumped(match)
    team = _dumped(team)
    progress = _dumped(progress)
    feedback = _dumped(feedback)
    bench = _dumped(bench)
