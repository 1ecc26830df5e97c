"""Text from files is data: one escaping function per output kind.

Names, evidence notes and framework text are written by people we do not
control. Each output kind has one function here that makes such text inert
in it, and every renderer passes data through the one for its kind:

- `visible`: control characters (ANSI escapes, NUL, BEL, bidi overrides,
  non-characters) shown as `\\x1b`-style escapes. The base of all the others.
- `one_line`: `visible`, with line breaks and tabs as spaces (table cells).
- `markdown`: inline Markdown that cannot start HTML, links, images,
  emphasis, headings, code spans or fences.
- `mermaid`: a quoted Mermaid node label.
- `xml`: SVG and HTML text or attribute values, always well-formed.

The terminal needs no call per string: `terminal.emit_view` prints with Rich
markup off and passes every drawn segment through `visible` (see
`terminal.Inert`).
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline are handled by the callers), DEL, the
# Unicode bidi controls that reorder text on screen, line/paragraph
# separators, non-characters and lone surrogates (unencodable).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
# Inline only: data never starts a Markdown line (it follows "- ", "| " or text).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object) -> str:
    """The text with every control or invisible formatting character shown as an escape."""
    value = "" if text is None else str(text)
    return UNSAFE.sub(_escape, value)


def one_line(text: object) -> str:
    """`visible`, on one line: for table cells, headers and single-line labels."""
    return " ".join(visible(text).replace("\t", " ").split("\n")).replace("\r", " ")


def markdown(text: object) -> str:
    """Inline Markdown: shown literally by GitHub, GitLab and Obsidian, never as HTML, link, image or code."""
    value = one_line(text)
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    # an `&` is escaped only where it would start an entity (`&lt;`, `&#60;`): "Q&A" stays readable in the file
    return _ENTITY_START.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")


_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def url(text: object) -> str | None:
    """A link target for Markdown: http(s) only (None otherwise), every character that could end the link encoded."""
    from urllib.parse import quote

    value = one_line(text).strip()
    if not re.match(r"https?://[^\s/]", value, re.IGNORECASE):
        return None
    return quote(value, safe="/:?#@!$&'*+,;=%-._~")


def mermaid(text: object) -> str:
    """A Mermaid label inside `["..."]`: quotes, angle brackets, backticks and # as entity codes."""
    value = one_line(text)
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):  # "#" first
        value = value.replace(char, code)
    return value


def xml(text: object) -> str:
    """Text or an attribute value in SVG or HTML: escaped, with nothing XML 1.0 forbids."""
    value = visible(text).replace("\r", " ")
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
