"""Where an interrupted questionnaire keeps its answers: drafts that resume, and never replace what they do not hold."""

from __future__ import annotations

import os
from dataclasses import fields
from datetime import datetime

from ..domain.interview import DraftState, draft_name, read_draft_state
from ..domain.model import Framework
from ..errors import InputError, Problem

MAX_SERIAL = 1000  # drafts of one second in one folder before giving up on that folder


def draft_state_of(path: str | None) -> DraftState | None:
    """The DraftState of the file at `path`, if it is a draft."""
    from ..reading.yamldoc import read_text

    if not path or path == "-":
        return None
    try:
        return read_draft_state(read_text(path)[1])
    except InputError:
        return None


def holds_everything(path: str, text: str, framework: Framework) -> bool:
    """Whether the draft `text` holds everything the file at `path` holds, so replacing it loses nothing.

    No file there, an empty one, or a stream: yes. A file that cannot be read as the draft's kind (a
    profile, or a review): no. Otherwise every field the file sets (name,
    roles, years; whom a review is about, the relation, the rater) must be
    equal in the draft, and every rating the file has must be in the draft
    with the same level and the same evidence. The date may move on.
    """
    from ..reading.review import is_review, review_from_document
    from ..reading.yamldoc import load_file, parse
    from .atomic import FILE, resolve

    try:
        if resolve(path).kind != FILE:  # a stream (`--save /dev/stdout`) is written to, nothing in it replaced
            return True
    except InputError:
        return False
    if not os.path.lexists(path):
        return True
    try:
        old_doc, new_doc = load_file(path), parse(text, "draft")
        if old_doc.data is None:  # an empty file holds nothing
            return True
        if is_review(old_doc) != is_review(new_doc):
            return False
        if is_review(old_doc):
            old, new = review_from_document(old_doc, framework), review_from_document(new_doc, framework)
        else:
            from ..reading.profile import profile_from_document

            old, new = profile_from_document(old_doc, framework), profile_from_document(new_doc, framework)
    except InputError:
        return False
    for field in fields(old):
        if field.name in ("file", "assessed_on", "ratings"):
            continue
        if getattr(old, field.name) not in (None, "") and getattr(new, field.name) != getattr(old, field.name):
            return False
    return all(new.ratings.get(competency) == rating for competency, rating in old.ratings.items())


def create_draft(folder: str, stamp: datetime, text: str) -> str:
    """Write `text` to a new draft file in `folder` and return its path; never replaces a file.

    The name is pmo-path-draft-<stamp>.yaml, or -2, -3 ... when taken; each is
    created exclusively, so two questionnaires stopped in the same second in
    one folder keep both drafts.
    """
    from .atomic import create_exclusively

    first = draft_name(stamp)
    for serial in range(1, MAX_SERIAL + 1):
        name = first if serial == 1 else first.replace(".yaml", f"-{serial}.yaml")
        path = os.path.join(folder, name)
        try:
            create_exclusively(path, text)
            return path
        except FileExistsError:
            continue
    raise InputError(Problem(os.path.join(folder, first), f"cannot write: {MAX_SERIAL} drafts of this second are there"))
