"""JSON Schemas of the files people write, derived from their one declaration each (`spec`).

Editors that speak the yaml-language-server protocol (VS Code with the YAML
extension, Neovim, JetBrains) complete and check a profile as it is typed
when its first line points at the profile schema; `pmo-path init` writes
that line.
"""

from __future__ import annotations

from ..domain.model import Framework
from .framework_spec import CONTEXT_KINDS, RECOMMENDATIONS_SPEC, ROLES_SPEC
from .profile import PROFILE, context_of
from .review import REVIEW, review_context

PROFILE_SCHEMA_FILE = "pmo-path-profile.schema.json"
SCHEMA_ID = "https://pmo-path.invalid/schema/"  # names the schemas; nothing is fetched from it


def json_schema(kind: str, framework: Framework) -> dict:
    """The schema of one kind of file.

    The ids a profile, a review or the advice names come from `framework` (the one in use); the
    ids roles.yaml declares are its own, so there they are free.
    """
    advice_context = {
        **CONTEXT_KINDS,
        "competency": framework.competencies,
        "source": framework.sources,
        "role": framework.roles,
        "track": framework.tracks,
    }
    specs = {
        "profile": (PROFILE, context_of(framework)),
        "review": (REVIEW, review_context(framework)),
        "roles": (ROLES_SPEC, CONTEXT_KINDS),
        "recommendations": (RECOMMENDATIONS_SPEC, advice_context),
    }
    spec, context = specs[kind]
    schema = spec.json_schema(context, title=f"pmo-path {kind} file")
    return {"$id": f"{SCHEMA_ID}{kind}.json", **schema}


SCHEMA_KINDS = ("profile", "review", "roles", "recommendations")


def is_ours(path: str) -> bool:
    """Whether the file at `path` holds a schema pmo-path wrote (so it may be brought up to date)."""
    try:
        with open(path, "rb") as handle:
            return SCHEMA_ID.encode() in handle.read(500)
    except OSError:
        return False
