"""Hostile text planted in every field people write: a framework, profiles, reviews and a survey export.

Shared by the property tests of test_text_is_data.py: `plant` writes a working
folder whose framework, profiles and reviews carry the given payloads, and
`COMMANDS` lists every command line that reads them.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import EXAMPLES

from pmo_path.reading.framework import bundled_data_dir
from pmo_path.reading.profile import quote

ROLE = "pmo-analyst"
COMPETENCY = "value-delivery"


@dataclass(frozen=True)
class Payloads:
    role_id: str = "x|`<b>\x1b[31m"
    competency_id: str = "y\u202e\x9b"
    title: str = "PMO \x1b]0;pwned\x07 Director\u202e"
    name: str = "Jordan\u200bLee\x1b[2J"
    evidence: str = "see https://evil.example\x85 \u2066x\u2069"
    framework: str = "Strategic \x9b31m thinking\x7f"


def rename_id(text: str, ident: str, replacement: str) -> str:
    """YAML text with every mention of the id `ident` (as a key, in a list, in a comment) made `replacement`, quoted."""
    return re.sub(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", lambda _: quote(replacement), text)


def _field(text: str, line: str, value: str) -> str:
    key = line.split(":")[0]
    assert line in text, line
    return text.replace(line, f"{key}: {quote(value)}\n", 1)


def plant(folder: Path, p: Payloads) -> dict[str, Path]:
    """Write fw/ (the framework), me.yaml, old.yaml, team/ (with a survey CSV), reviews/ and bad/ (a broken
    profile); return their paths. One team member's file, and the broken one, are named with the name payload."""
    data = bundled_data_dir()
    roles = (data / "roles.yaml").read_text(encoding="utf-8")
    recs = (data / "recommendations.yaml").read_text(encoding="utf-8")
    role_id, competency_id = "x-" + p.role_id, "y-" + p.competency_id
    for old, new in ((ROLE, role_id), (COMPETENCY, competency_id)):
        roles, recs = rename_id(roles, old, new), rename_id(recs, old, new)
    roles = _field(roles, "    title: PMO Director\n", p.title)
    roles = _field(roles, "    name: Strategic thinking\n", p.framework)
    roles = _field(roles, "  pmo: PMO ladder\n", p.framework)
    roles = _field(roles, "  ways-of-working: Ways of working\n", p.title)
    roles = _field(roles, "  3: practitioner\n", p.framework)
    roles = _field(roles, "    author: Simon Fagg\n", p.title)
    recs = _field(recs, "    title: Widen your exposure one step at a time\n", p.framework)
    fw = folder / "fw"
    fw.mkdir()
    (fw / "roles.yaml").write_text(roles, encoding="utf-8")
    (fw / "recommendations.yaml").write_text(recs, encoding="utf-8")

    def person(source: Path, target: Path, name: str) -> None:
        text = rename_id(rename_id(source.read_text(encoding="utf-8"), COMPETENCY, competency_id), ROLE, role_id)
        text = re.sub(r"(?m)^name: .*$", lambda _: f"name: {quote(name)}", text, count=1)
        text = text.replace('"Delivered the £4m claims platform migration on time"', quote(p.evidence))
        target.write_text(text, encoding="utf-8")

    me = folder / "me.yaml"
    person(EXAMPLES / "jordan-lee.yaml", me, p.name)
    old = folder / "old.yaml"
    old.write_text(
        me.read_text(encoding="utf-8")
        .replace("assessed_on: 2026-11-20", "assessed_on: 2026-05-20")
        .replace("program-management: 3", "program-management: 1"),
        encoding="utf-8",
    )
    team = folder / "team"
    team.mkdir()
    person(EXAMPLES / "jordan-lee.yaml", team / "a.yaml", p.name)
    hostile_file = "b" + re.sub("[/\x00]", "", p.name)[:60] + ".yaml"  # a file name is data too
    person(EXAMPLES / "sam-okafor.yaml", team / hostile_file, p.evidence)
    bad = folder / "bad"
    bad.mkdir()
    person(EXAMPLES / "sam-okafor.yaml", bad / hostile_file, p.evidence)
    broken = (bad / hostile_file).read_text(encoding="utf-8").replace("assessed_on: 2026-11-18", "assessed_on: 2026W011")
    (bad / hostile_file).write_text(broken, encoding="utf-8")
    header = "name,current_role,target_role,project-delivery,program-management\r\n"
    row = f'"{p.name.replace(chr(34), chr(34) * 2)}",project-manager,pmo-manager,3,2\r\n'
    (team / "survey.csv").write_bytes((header + row).encode("utf-8", "surrogatepass"))
    reviews = folder / "reviews"
    shutil.copytree(EXAMPLES / "reviews", reviews)
    for review in reviews.glob("*.yaml"):
        text = rename_id(review.read_text(encoding="utf-8"), COMPETENCY, competency_id)
        review.write_text(re.sub(r"(?m)^about: .*$", lambda _: f"about: {quote(p.name)}", text), encoding="utf-8")
    return {"fw": fw, "me": me, "old": old, "team": team, "reviews": reviews, "bad": bad}
