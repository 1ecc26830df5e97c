"""Text from files is data: one escaping function per output kind.

Names, evidence notes and framework text are written by people we do not
control. Each output kind has one function here that makes such text inert
in it, and every renderer passes data through the one for its kind:

- `visible`: control characters (ANSI escapes, NUL, BEL, C1, bidi controls,
  non-characters) and invisible ones (zero-width spaces and joiners, soft
  hyphens, stray variation selectors and tags) shown as `\\x1b`-style or
  `\\u200b`-style escapes, so `Jordan Lee` and `Jordan\\u200bLee` read apart.
  The base of all the others. A zero-width joiner or non-joiner between two
  non-ASCII characters (an emoji sequence, Persian or an Indic script), a
  variation selector after a non-ASCII character (or in a keycap) and the tags
  of a flag emoji are kept: there they are part of the text.
- `one_line`: `visible`, with line breaks and tabs as spaces (table cells).
- `markdown`: inline Markdown that cannot start HTML, links, autolinks
  (`https://`, `www.`, e-mail addresses, @mentions), images, emphasis,
  math, headings, code spans or fences.
- `code`: an inline code span holding any text.
- `table_cell`: inline Markdown made safe as one cell of a GFM table (every
  Markdown table passes each cell through it).
- `mermaid`: a quoted Mermaid node label.
- `xml`: SVG and HTML text or attribute values, always well-formed.
- `json_text`: JSON text with every control, bidi and invisible character as
  a `\\uXXXX` escape (the values read back the same).
- `TERMINAL_UNSAFE`: what must never reach a terminal-bound stream; the CSV
  writer (`render.as_csv`) shows it with `visible` in every cell.

The terminal needs no call per string: `terminal.emit_view` prints with Rich
markup off and passes every drawn segment through `visible` (see
`terminal.Inert`); names and evidence notes are passed through `one_line`
before layout, so an invisible character in them shows.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline are handled by the callers), DEL, the
# Unicode bidi controls that reorder text on screen, line/paragraph
# separators, non-characters and lone surrogates (unencodable).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
# What a terminal-bound stream never receives (tab and newline, which UNSAFE leaves out, are fine there).
TERMINAL_UNSAFE = UNSAFE
# Characters that show as nothing (or next to nothing) and let two different names look alike.
_HIDDEN = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\uffa0\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_JOINERS, _SELECTORS = "\u200c\u200d", "\ufe00-\ufe0f\U000e0100-\U000e01ef"
# Beside one of these, a joiner joins nothing: ASCII, a space, a hidden or unsafe character, another joiner.
_NOT_JOINED = rf"[\x00-\x7f\s{_HIDDEN}{_JOINERS}\x80-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
# A flag's tag sequence is matched first so that its tags are kept; a joiner is kept between two
# characters that join (emoji, Persian, Indic scripts), a variation selector after one (or in a keycap).
INVISIBLE = re.compile(
    "(?P<flag>\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)"
    f"|[{_HIDDEN}]"
    rf"|(?<!(?!{_NOT_JOINED}).)[{_JOINERS}]|[{_JOINERS}](?!(?!{_NOT_JOINED}|[{_SELECTORS}]).)"
    rf"|(?<!(?!{_NOT_JOINED}|[{_SELECTORS}]).)[{_SELECTORS}](?!\u20e3)"
)
_MAYBE_INVISIBLE = re.compile(f"[{_HIDDEN}{_JOINERS}{_SELECTORS}]")
# Inline only: data never starts a Markdown line (it follows "- ", "| " or text).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")  # `$`: GitHub reads $...$ as math


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_invisible(match: re.Match[str]) -> str:
    return match.group() if match.group("flag") else _escape(match)


def visible(text: object) -> str:
    """The text with every control, invisible or formatting character shown as an escape."""
    value = "" if text is None else str(text)
    if value.isascii():  # most text: only C0 controls and DEL can be in it (fast paths: a team has 100,000 cells)
        return value if value.isprintable() else UNSAFE.sub(_escape, value)
    value = UNSAFE.sub(_escape, value)
    return INVISIBLE.sub(_escape_invisible, value) if _MAYBE_INVISIBLE.search(value) else value


def one_line(text: object) -> str:
    """`visible`, on one line: for table cells, headers and single-line labels."""
    return " ".join(visible(text).replace("\t", " ").split("\n")).replace("\r", " ")


def markdown(text: object) -> str:
    """Inline Markdown: shown literally by GitHub, GitLab and Obsidian, never as HTML, link, image or code.

    Autolinks are broken where GitHub's parser (cmark-gfm) and linkify look for them, and the text
    reads the same: the `:` of `scheme://` and the `.` of `www.` or of a domain are backslash-escaped;
    an `@` (e-mail address or @mention, which GitHub links whatever the escapes) is followed by an
    empty HTML comment, which every Markdown renderer hides.
    """
    value = one_line(text)
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    value = _AUTOLINK_PUNCTUATION.sub(r"\\\g<0>", value)
    # an `&` is escaped only where it would start an entity (`&lt;`, `&#60;`): "Q&A" stays readable in the file
    value = _ENTITY_START.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")
    return _AT.sub("@<!---->", value)


_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# `://` of a URL; the dot of `www.`; a dot between a letter or digit and two letters (a domain, for linkify)
_AUTOLINK_PUNCTUATION = re.compile(r"(?i::(?=//)|\.(?:(?<=www\.)|(?<=[^\W_]\.)(?=[^\W\d_]{2})))")
_AT = re.compile(r"@(?=[\w.+-])")


def code(text: object) -> str:
    """An inline code span showing the text exactly (a backtick in it cannot close the span early)."""
    value = one_line(text)
    if not value:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    if value[0] == "`" or value[-1] == "`" or (value[0] == value[-1] == " " and value.strip()):
        value = f" {value} "  # CommonMark strips one space from each side
    return f"{fence}{value}{fence}"


def table_cell(inline: str) -> str:
    """Inline Markdown (from `markdown` or `code`, or made of them) as one cell of a GFM table.

    A GFM table splits its rows at every `|` not escaped by a backslash, even inside a code
    span, and then removes that one backslash: so every `|` gets one, and the cell reads as the
    inline Markdown did outside a table.
    """
    return inline.replace("|", "\\|")


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


def json_text(text: str) -> str:
    """JSON text (from `json.dumps`) with controls, bidi and invisible characters as `\\uXXXX` escapes.

    `json.dumps` escapes only C0 controls when it keeps other characters as they are; such characters
    can occur only inside strings, so escaping them afterwards reads back the same values.
    """
    text = UNSAFE.sub(_json_escape, text)
    return INVISIBLE.sub(_json_invisible, text) if _MAYBE_INVISIBLE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON escapes a character beyond the BMP as a surrogate pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def _json_invisible(match: re.Match[str]) -> str:
    return match.group() if match.group("flag") else _json_escape(match)


def xml(text: object) -> str:
    """Text or an attribute value in SVG or HTML: escaped, with nothing XML 1.0 forbids."""
    value = visible(text).replace("\r", " ")
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
