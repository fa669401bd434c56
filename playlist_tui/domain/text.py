"""The rule for control characters in text that comes from outside.

Titles, artists, albums and playlist names are stored with every control character
replaced by a visible stand-in, so that nothing stored can move the cursor, recolour
the terminal, break a line of an exported M3U or make an XSPF file ill-formed:

- C0 controls (U+0000-U+001F) become their Unicode control pictures (ESC -> "␛");
- DEL (U+007F) becomes "␡";
- C1 controls (U+0080-U+009F), bidirectional overrides and isolates, and lone
  surrogates become a visible escape such as ``\\x9b`` or ``\\u202e``.

Everything else, including Rich markup such as ``[bold]`` or ``[/]``, is kept exactly.
"""

from __future__ import annotations

import re

import regex

from playlist_tui.domain.errors import InvalidValueError

MAX_NAME_LENGTH = 200

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
# The stand-ins `visible_text` writes for one character; a cut never splits one.
_STAND_IN = re.compile(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}")
# One character as a person sees it (a letter and its marks, an emoji sequence, a
# flag): Unicode's extended grapheme cluster.
_GRAPHEME = regex.compile(r"\X")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible_text(value: str) -> str:
    """Return ``value`` with every control character replaced by a visible stand-in."""
    if not _UNSAFE.search(value):
        return value
    return _UNSAFE.sub(_stand_in, value)


def printable(value: str) -> str:
    """Return text safe to print: undecodable bytes as U+FFFD, controls visible.

    For paths and other text that did not pass through `Track`: a path read from a
    file name that is not UTF-8 holds lone surrogates, which no terminal can show.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return visible_text(value)


def quoted(value: str) -> str:
    """Return a name quoted for a message: ``'It's [/bold] here'``, shown as typed.

    Unlike ``repr`` it doubles no backslash and never switches to double quotes, so
    the name reads exactly as the person wrote it.
    """
    return f"'{printable(value)}'"


def shorten_middle(value: str, limit: int = 100) -> str:
    """Cut ``value`` in the middle to at most ``limit`` characters, keeping both ends.

    For paths: the start says where, the end says which file.
    """
    if len(value) <= limit:
        return value
    keep = max(1, limit - 1)
    head = keep - keep // 3
    tail = keep - head
    return value[:head] + "…" + (value[-tail:] if tail else "")


def fit_name(name: str, limit: int = MAX_NAME_LENGTH) -> str:
    """Return a name as stored, shortened to at most ``limit`` characters.

    For names taken from a file or a folder (``#PLAYLIST:``, an XSPF title, a file
    or folder name), which cannot be refused the way a typed name is. A name too
    long is cut at the end and ends in "…"; the cut never falls inside a character
    as a person sees it (a letter and its combining marks, an emoji sequence, a
    flag) nor inside a control character's stand-in such as ``\\x9b``.
    """
    cleaned = visible_text(name.strip())
    if len(cleaned) <= limit:
        return cleaned
    room = max(limit - 1, 0)
    stand_ins = [m.span() for m in _STAND_IN.finditer(cleaned, 0, room + 6)]
    cut = 0
    for grapheme in _GRAPHEME.finditer(cleaned):
        end = grapheme.end()
        if end > room:
            break
        if not any(start < end < stop for start, stop in stand_ins):
            cut = end
    return cleaned[:cut].rstrip() + "…"


def count(number: int, noun: str) -> str:
    """Return ``1 track`` or ``2 tracks``."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def has_unsafe_characters(value: str) -> bool:
    """Tell whether ``value`` holds a character that `visible_text` would replace."""
    return _UNSAFE.search(value) is not None


def playlist_name(name: str) -> str:
    """Return a playlist name as stored: trimmed, with visible control characters.

    Raises:
        InvalidValueError: The name is empty or longer than `MAX_NAME_LENGTH`.
    """
    if not isinstance(name, str) or not name.strip():
        raise InvalidValueError("a playlist needs a name; the name is empty")
    cleaned = visible_text(name.strip())
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidValueError(
            f"a playlist name can have {MAX_NAME_LENGTH} characters at most; "
            f"this one has {len(cleaned)}"
        )
    return cleaned
