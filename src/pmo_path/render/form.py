"""`pmo-path form`: one self-contained HTML questionnaire, built from the framework in use.

The page (`form_template.html`, shipped in the package) needs no network and
no install: plain HTML, CSS and a little JavaScript. The framework travels
inside it as JSON in a `<script type="application/json">` block, with every
character that could end that block or start markup escaped, and the script
builds the page with `textContent` only, so a role or competency name is
always text, never markup.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources

from ..domain.model import Framework, Role
from .safe import json_text, xml
from .wording import command_line

_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """JSON that can sit inside a <script> element whatever the strings hold (`</script>` included)."""
    text = json_text(json.dumps(data, ensure_ascii=False))
    for char, escaped in _SCRIPT_SAFE.items():
        text = text.replace(char, escaped)
    return text


def form_data(framework: Framework, target: Role | None = None) -> dict:
    """What the page needs: roles by track, and the competencies to rate with their level descriptors."""
    needed = {r.competency for r in target.requirements} if target else set(framework.competencies)
    scale = framework.scale or {}
    competencies = [
        {
            "id": c.id,
            "name": c.name,
            "group": framework.groups.get(c.group, c.group),
            "description": c.description,
            "levels": [{"level": 0, "label": scale.get(0, "none"), "text": ""}]
            + [{"level": level, "label": scale.get(level, ""), "text": text} for level, text in sorted(c.levels.items())],
        }
        for c in framework.competencies.values()
        if c.id in needed
    ]
    tracks = [
        {"name": framework.tracks.get(track, track), "roles": [{"id": r.id, "title": r.title} for r in roles]}
        for track, roles in framework.roles_by_track().items()
        if roles
    ]
    title = f"Career self-assessment: {target.title}" if target else "Career self-assessment"
    data = {"title": title, "target": target.id if target else "", "tracks": tracks, "competencies": competencies}
    # Answers are kept per framework: a changed framework starts a fresh set instead of mixing ids.
    data["key"] = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    # The saved file's first line: the command that checks it, FILE-NAME replaced by the file's name in the page.
    data["check"] = command_line("validate", "FILE-NAME", data_dir=framework.data_dir)
    return data


def form_html(framework: Framework, target: Role | None = None) -> str:
    data = form_data(framework, target)
    template = resources.files("pmo_path.render").joinpath("form_template.html").read_text(encoding="utf-8")
    values = {"__TITLE__": xml(data["title"]), "__DATA__": script_json(data)}
    # one pass: a title holding `__DATA__` stays text, it does not pull the data into <title>
    return _PLACEHOLDER.sub(lambda found: values[found.group()], template)


_PLACEHOLDER = re.compile("__TITLE__|__DATA__")
