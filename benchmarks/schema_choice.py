"""How to declare each file kind once: pmo-path's own spec, pydantic or msgspec?

Measures, in one run, what each costs where pmo-path feels it:
- start-up: importing the validator (subprocess, median of 15);
- `team` at scale: validating 10,000 already-parsed profiles (median of 5).

Run: python benchmarks/schema_choice.py  (needs pydantic and msgspec installed;
neither is a dependency of pmo-path). The figures and the decision are in
docs/schema.md.
"""

# No `from __future__ import annotations`: the models below are declared inside main().

import random
import statistics
import subprocess
import sys
import time
from datetime import date
from typing import Annotated, Literal

from pmo_path.reading.framework import load_framework
from pmo_path.reading.profile import profile_from_document
from pmo_path.reading.yamldoc import Document

PEOPLE = 10_000


def import_cost(module: str, runs: int = 15) -> float:
    def once(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started

    base = statistics.median(once("pass") for _ in range(runs))
    return 1000 * (statistics.median(once(f"import {module}") for _ in range(runs)) - base)


def profiles(framework) -> list[dict]:
    rng = random.Random(7)
    roles, competencies = list(framework.roles), list(framework.competencies)
    people = []
    for number in range(PEOPLE):
        ratings = {}
        for competency in rng.sample(competencies, rng.randint(8, 15)):
            level = rng.randint(0, 5)
            ratings[competency] = {"level": level, "evidence": "Led the FY27 review"} if rng.random() < 0.2 else level
        people.append(
            {
                "name": f"Person {number}",
                "current_role": rng.choice(roles),
                "target_role": rng.choice(roles),
                "years_experience": rng.randint(0, 30),
                "assessed_on": "2026-11-20",
                "ratings": ratings,
            }
        )
    return people


def timed(function, items, runs: int = 5) -> float:
    def once() -> float:
        started = time.perf_counter()
        for item in items:
            function(item)
        return time.perf_counter() - started

    return 1000 * statistics.median(once() for _ in range(runs))


def main() -> None:
    framework = load_framework()
    people = profiles(framework)
    roles = Literal[tuple(framework.roles)]  # type: ignore[valid-type]
    competencies = Literal[tuple(framework.competencies)]  # type: ignore[valid-type]

    import msgspec
    import pydantic

    level_type = Annotated[int, pydantic.Field(ge=0, le=5, strict=True)]

    class RatingModel(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid", strict=True)
        level: level_type
        evidence: str | None = None

    class ProfileModel(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid", strict=True)
        name: str | None = None
        current_role: roles | None = None
        target_role: roles | None = None
        years_experience: Annotated[float, pydantic.Field(ge=0, le=80)] | None = None
        assessed_on: date | None = None
        ratings: dict[competencies, level_type | RatingModel] = {}

    class RatingStruct(msgspec.Struct, forbid_unknown_fields=True):
        level: Annotated[int, msgspec.Meta(ge=0, le=5)]
        evidence: str | None = None

    class ProfileStruct(msgspec.Struct, forbid_unknown_fields=True):
        name: str | None = None
        current_role: roles | None = None
        target_role: roles | None = None
        years_experience: Annotated[float, msgspec.Meta(ge=0, le=80)] | None = None
        assessed_on: date | None = None
        ratings: dict[competencies, Annotated[int, msgspec.Meta(ge=0, le=5)] | RatingStruct] = {}

    lax = [{**p, "assessed_on": date(2026, 11, 20)} for p in people]  # pydantic strict wants a date object
    rows = [
        (
            "pmo-path spec (Checker)",
            import_cost("pmo_path.reading.profile"),
            timed(lambda p: profile_from_document(Document("p.yaml", p), framework), people),
        ),
        ("pydantic 2 (strict model)", import_cost("pydantic"), timed(ProfileModel.model_validate, lax)),
        ("msgspec (Struct, convert)", import_cost("msgspec"), timed(lambda p: msgspec.convert(p, ProfileStruct), people)),
    ]
    print(f"validating {PEOPLE:,} parsed profiles (median of 5); import cost over a bare interpreter (median of 15)")
    print(f"{'declaration':28} {'import ms':>10} {'10k profiles ms':>16}")
    for name, imported, validated in rows:
        print(f"{name:28} {imported:10.1f} {validated:16.1f}")


if __name__ == "__main__":
    main()
