"""Fingerprint the source articles so the no-copy test runs without them.

Writes tests/fixtures/seed-runs.txt: one short hash per run of 10 words in
the five articles of ../shared/seeds. The test hashes every 10-word run of
the bundled data the same way; a shared hash is a copied sentence. The
articles themselves stay out of the repository.

Run it again only if the articles change:  python scripts/seed_fingerprints.py
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
OUT = REPO / "tests" / "fixtures" / "seed-runs.txt"
RUN = 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def fingerprint(run: list[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode(), digest_size=8).hexdigest()


def runs(text: str) -> set[str]:
    found = words(text)
    return {fingerprint(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def main() -> int:
    articles = sorted(SEEDS.glob("0*.txt"))
    if not articles:
        sys.stderr.write(f"no articles in {SEEDS}\n")
        return 1
    prints: set[str] = set()
    for article in articles:
        prints |= runs(article.read_text(encoding="utf-8"))
    OUT.write_text("".join(f"{p}\n" for p in sorted(prints)), encoding="utf-8")
    sys.stderr.write(f"{len(prints)} runs from {len(articles)} articles -> {OUT.relative_to(REPO)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
