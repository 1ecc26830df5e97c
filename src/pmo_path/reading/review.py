"""A review: someone else's ratings of a person, read with the same checks as a profile."""

from __future__ import annotations

import os

from ..domain.feedback import same_review
from ..domain.model import Framework, Profile, RaterRelation, Review
from ..errors import InputError, Problem
from .profile import context_of, profile_from_document, quote, rating_lines, ratings_field
from .spec import Day, Field, Ref, Spec, Text
from .team_files import file_identity, profile_files
from .yamldoc import Document, load_file, printable

# The one declaration of a review file: its checks, its JSON Schema and its docs come from here.
REVIEW = Spec(
    "review",
    "Someone's ratings of a person, for `pmo-path feedback`.",
    (
        Field("about", Text(), "Whose ratings these are: the `name` in that person's profile.", required=True),
        Field("rater", Text(), "Who rated; never shown in any output."),
        Field(
            "relation",
            Ref("relation"),
            "manager, peer, report or other. Peers and reports are shown only as a group of 3 or more.",
            required=True,
        ),
        Field("assessed_on", Day(), "When the ratings were given."),
        ratings_field("Their view of the person's level in each competency, 0-5; leave out what they cannot judge."),
    ),
)
REVIEW_KEYS = frozenset(("about", "relation", "rater"))


def dump_review(review: Review, framework: Framework) -> str:
    """The review as YAML the rater can read and edit."""
    lines = [
        f"# pmo-path review: {review.relation} ratings of {printable(review.about)} (pmo-path feedback SELF THIS-FILE)",
        f"about: {quote(review.about)}",
    ]
    if review.rater:
        lines.append(f"rater: {quote(review.rater)}")
    lines.append(f"relation: {review.relation}")
    if review.assessed_on:
        lines.append(f"assessed_on: {review.assessed_on.isoformat()}")
    return "\n".join(lines + rating_lines(review.ratings, framework)) + "\n"


def review_context(framework: Framework) -> dict:
    return {**context_of(framework), "relation": tuple(RaterRelation)}


def is_review(doc: Document) -> bool:
    """A file with `about`, `relation` or `rater` is a review, not a profile."""
    return isinstance(doc.data, dict) and bool(REVIEW_KEYS.intersection(doc.data))


def review_from_document(doc: Document, framework: Framework) -> Review:
    values = REVIEW.read_file(doc, review_context(framework))
    return Review(file=doc.name, **{**values, "relation": RaterRelation(values["relation"])})


def load_review(path: str, framework: Framework) -> Review:
    """Read and check a review file; a profile given where a review belongs is named as such."""
    doc = load_file(path)
    if not is_review(doc) and isinstance(doc.data, dict):
        raise InputError(Problem(doc.name, "is a profile, not a review (a review has about: and relation:)", "about"))
    return review_from_document(doc, framework)


def load_self_and_reviews(
    self_file: str,
    paths: list[str],
    framework: Framework,
    failures: list[InputError] | None = None,
    notes: list[str] | None = None,
) -> tuple[Profile, list[Review]]:
    """SELF must be a profile and every REVIEW a review; a file named twice is an error, not counted twice.

    With a `failures` list, a review file that cannot be used is added to it and left out, and the
    rest are read (at least one must be usable); without, the first such file is the error.

    One review counts once however it arrives: a second name for the same file (a hard link, a symlink, a
    folder that holds a file also named) or a copy with the same relation, rater, date and ratings is set
    aside, and `notes` says which. Counted twice, one peer's review would pass for a group and be shown.
    """
    doc = load_file(self_file)
    if is_review(doc):
        about = doc.data.get("about")
        raise InputError(
            Problem(doc.name, f"is a review (about: {about}); give your own profile as SELF, then the reviews", "about")
        )
    person = profile_from_document(doc, framework)
    named = [os.path.abspath(path) for path in paths if not os.path.isdir(path)]
    for path in paths:  # the same name typed twice is a slip in the command; other second names are set aside below
        if not os.path.isdir(path) and named.count(os.path.abspath(path)) > 1:
            raise InputError(Problem(path, "is given twice; each review counts once"))
    duplicates: list[tuple[str, str]] = []
    files, unreadable = profile_files(paths, duplicates)
    left_out: list[InputError] = []
    if unreadable:
        if failures is None:
            raise unreadable[0]
        left_out += unreadable
    self_key = file_identity(self_file) if self_file != "-" else None
    for file, first in duplicates:
        _note(notes, f"{file}: the same file as {first} (a link or a second name); counted once")
    reviews: list[Review] = []
    contents: dict[tuple, str] = {}
    for file in files:
        if _key(file) == _key(self_file) or file_identity(file) == self_key:
            raise InputError(Problem(file, "is given twice (or is SELF); each file counts once"))
        try:
            review = _review_file(file, framework)
        except InputError as err:
            if failures is None:
                raise
            left_out.append(err)
            continue
        content = same_review(review)
        if content in contents:
            _note(
                notes,
                f"{file}: the same review as {contents[content]} (relation, rater, date and ratings); counted once. "
                "If two people wrote them, give each file its own rater:",
            )
            continue
        contents[content] = file
        reviews.append(review)
    if not reviews and len(left_out) == 1:  # the one review given is the error itself
        raise left_out[0]
    if failures is not None:
        failures += left_out
    if not reviews:
        if left_out:
            raise InputError(f"none of the {len(left_out)} review files could be used")
        raise InputError(Problem(", ".join(paths), "no review files found"))
    return person, reviews


def _review_file(file: str, framework: Framework) -> Review:
    review_doc = load_file(file)
    if not is_review(review_doc):
        raise InputError(
            Problem(
                file,
                "is a profile, not a review: give one SELF profile, then reviews (a review has about: and relation:)",
                "about",
            )
        )
    return review_from_document(review_doc, framework)


def _note(notes: list[str] | None, message: str) -> None:
    if notes is not None:
        notes.append(message)


def _key(path: str) -> str:
    return os.path.realpath(path)
