"""Where an interrupted questionnaire keeps its answers: drafts that resume, and never replace a fuller file."""

from __future__ import annotations

import os
from datetime import datetime

from ..domain.interview import DraftState, draft_name, read_draft_state
from ..domain.model import Framework
from ..errors import InputError


def draft_state_of(path: str | None) -> DraftState | None:
    """The DraftState of the file at `path`, if it is a draft."""
    from ..reading.yamldoc import read_text

    if not path or path == "-":
        return None
    try:
        return read_draft_state(read_text(path)[1])
    except InputError:
        return None


def existing_ratings(path: str, framework: Framework) -> int | None:
    """How many ratings the profile at `path` holds; None when there is no file, -1 when it is no profile."""
    from ..reading.profile import load_profile

    if not os.path.lexists(path):
        return None
    try:
        return len(load_profile(path, framework).ratings)
    except InputError:
        return -1


# --- the conversation -------------------------------------------------------------------------------------------


def fresh_draft(folder: str, stamp: datetime) -> str:
    """A draft file name in `folder` that does not exist yet."""
    path = os.path.join(folder, draft_name(stamp))
    serial = 1
    while os.path.lexists(path):
        serial += 1
        path = os.path.join(folder, draft_name(stamp).replace(".yaml", f"-{serial}.yaml"))
    return path
