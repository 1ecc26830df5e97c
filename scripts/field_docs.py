"""Write the field tables of the docs from the one declaration of each file kind.

Between `<!-- fields:NAME -->` and `<!-- /fields -->` in README.md and
docs/own-framework.md, the table of spec NAME is put anew. A test fails
when a table is stale: run  python scripts/field_docs.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pmo_path.reading.framework_spec import COMPETENCY, RECOMMENDATION, REQUIREMENT, ROLE, SOURCE, THRESHOLDS
from pmo_path.reading.profile import PROFILE, RATING
from pmo_path.reading.review import REVIEW

REPO = Path(__file__).resolve().parent.parent
SPECS = {spec.name: spec for spec in (PROFILE, RATING, REVIEW, COMPETENCY, ROLE, REQUIREMENT, RECOMMENDATION, SOURCE, THRESHOLDS)}
BLOCK = re.compile(r"(<!-- fields:(?P<name>[\w-]+) -->\n)(.*?)(<!-- /fields -->)", re.S)


def refresh(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + "\n".join(SPECS[m.group("name")].doc_rows()) + "\n" + m.group(4), text)


def main() -> int:
    for path in (REPO / "README.md", REPO / "docs" / "own-framework.md"):
        text = path.read_text(encoding="utf-8")
        new = refresh(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            sys.stderr.write(f"updated {path.relative_to(REPO)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
