"""Regenerate docs/assess.svg, the picture of `pmo-path assess` in the README.

python scripts/screenshot.py
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.console import Console

from pmo_path.domain.assessment import assess
from pmo_path.reading.framework import load_framework
from pmo_path.reading.profile import load_profile
from pmo_path.render.table import assessment_view

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    framework = load_framework()
    # named as a reader in the repository folder types it, not by this checkout's absolute path
    profile = replace(load_profile(str(REPO / "examples" / "jordan-lee.yaml"), framework), file="examples/jordan-lee.yaml")
    console = Console(record=True, width=80, force_terminal=True, color_system="truecolor", file=io.StringIO())
    console.print(assessment_view(framework, assess(framework, profile, today=date(2026, 11, 20))))
    console.save_svg(str(REPO / "docs" / "assess.svg"), title="pmo-path assess -p examples/jordan-lee.yaml")


if __name__ == "__main__":
    main()
