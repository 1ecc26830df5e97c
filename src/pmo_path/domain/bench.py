"""The bench: for every role, who in a team is ready or close to step into it (succession)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Framework, Profile, Role, Verdict
from .scoring import score


@dataclass(frozen=True)
class BenchRow:
    role: Role
    ready: tuple[tuple[str, float], ...]  # (name, readiness), most ready first
    close: tuple[tuple[str, float], ...]


def bench(framework: Framework, people: list[tuple[str, Profile]], labels: dict[str, str]) -> tuple[BenchRow, ...]:
    """Every role in framework order, with the members ready and close for it; `labels` names each file's person."""
    rows = []
    for role in framework.roles.values():
        found: dict[Verdict, list[tuple[str, float, str]]] = {Verdict.READY: [], Verdict.CLOSE: []}
        for file, profile in people:
            result = score(framework, profile.levels(), role)
            if result.verdict in found:
                found[result.verdict].append((labels[file], result.readiness, file))
        ordered = {
            v: tuple((name, value) for name, value, _ in sorted(group, key=lambda g: (-g[1], g[2]))) for v, group in found.items()
        }
        rows.append(BenchRow(role, ordered[Verdict.READY], ordered[Verdict.CLOSE]))
    return tuple(rows)
