"""The profile template `pmo-path init` writes: every competency, ready to rate.

The level descriptors sit beside each rating as comments so a person rates
against what they have actually done, without opening another file. Every
value is left blank, which the profile loader reads as "not given", so the
template loads cleanly as it is and fills in one line at a time.

Framework text is data here too: in comments, control, bidi and invisible
characters are shown as escapes (`safe.visible`), so the template is safe to
print and reads back whatever the framework holds; an id that is not plain is
written as a quoted key with such characters escaped.
"""

from __future__ import annotations

import textwrap
from datetime import date

from ..domain.model import Competency, Framework
from ..reading.profile import yaml_key
from .safe import visible

COMMENT_WIDTH = 79  # the file reads in an 80-column editor or terminal without wrapping


def _one_line(text: str) -> str:
    return visible(" ".join(str(text).split()))


def _comment(text: str, indent: str, hang: str = "") -> list[str]:
    """Text wrapped into `# ` comment lines; continuation lines get `hang` extra indent."""
    return textwrap.wrap(
        _one_line(text),
        width=COMMENT_WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# {hang}",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _scale_text(framework: Framework) -> str:
    if not framework.scale:
        return "0 (none) to 5 (expert)"
    return ", ".join(f"{level} {name}" for level, name in sorted(framework.scale.items(), key=lambda item: str(item[0])))


def _role_lines(framework: Framework) -> list[str]:
    lines = ["# Role ids, most junior first on each track (`pmo-path role ID` shows one):"]
    for track, roles in framework.roles_by_track().items():
        if roles:
            label = framework.tracks.get(track, track)
            lines += _comment(f"{label}: {', '.join(role.id for role in roles)}", "", "    ")
    return lines


def _competency_lines(competency: Competency, framework: Framework) -> list[str]:
    lines = ["", *_comment(f"{competency.name}: {competency.description}", "  ")]
    for level in sorted(competency.levels):
        label = framework.scale.get(level)
        head = f"{level} {label}" if label else str(level)
        lines += _comment(f"{head}: {competency.levels[level]}", "  ", "    ")
    lines.append(f"  {yaml_key(competency.id)}:    # 0-5")
    return lines


def profile_template(framework: Framework, today: date | None = None, schema: str | None = None, file: str | None = None) -> str:
    """YAML text of an empty profile for this framework; `today` fills in assessed_on.

    `schema` (a path or URL) becomes the first line editors read to complete and check the file;
    `file`, where it is written, goes into the commands it suggests (printed to stdout, it has no name yet).
    """
    from .wording import command_line, file_word

    word = file_word(file) if file else "THIS-FILE"
    assess = command_line("assess", "-p", word, data_dir=framework.data_dir)
    validate = command_line("validate", word, data_dir=framework.data_dir)
    lines = [
        f"# pmo-path profile: fill this in, then run  {assess}",
        *([f"# yaml-language-server: $schema={schema}"] if schema else []),
        "#",
        *_comment(f"Levels: {_scale_text(framework)}.", ""),
        "# Under each competency, find the highest level whose descriptor matches",
        "# something you have actually done, and write that number after the colon.",
        "# Leave a value blank to leave it unrated (it then counts as 0 and is listed",
        "# as unrated). A rating can carry evidence:",
        '#   strategic-thinking: {level: 2, evidence: "Wrote the FY27 portfolio case"}',
        f"# Run `{validate}` to check it.",
        "",
        "name:                # optional: your name",
        "current_role:        # optional: the role id you hold now (listed below)",
        "target_role:         # optional: the role id you aim for; --target overrides it",
        "years_experience:    # optional: years of project work, 0 or more",
        f"assessed_on: {today.isoformat()}   # the date of this assessment (YYYY-MM-DD)"
        if today
        else "assessed_on:         # optional: the date of this assessment (YYYY-MM-DD)",
        "",
        *_role_lines(framework),
        "",
        "ratings:",
    ]
    by_group: dict[str, list[Competency]] = {group: [] for group in framework.groups}
    for competency in framework.competencies.values():
        by_group.setdefault(competency.group, []).append(competency)
    for group, competencies in by_group.items():
        if not competencies:
            continue
        lines += ["", f"  # ---- {_one_line(framework.groups.get(group, group))} ----"]
        for competency in competencies:
            lines += _competency_lines(competency, framework)
    return "\n".join(lines) + "\n"
