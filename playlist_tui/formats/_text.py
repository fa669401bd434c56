"""Decoding playlist bytes into lines, and the clean-up every text field gets."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from ..domain.durations import MAX_HOURS, MAX_SECONDS
from .model import ImportWarning

_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32's marks first: little-endian UTF-32's starts with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Windows-1252 leaves five bytes (0x81 0x8D 0x8F 0x90 0x9D) undefined; real files
# still contain them, so they decode as Latin-1 does instead of failing.
_CP1252_TABLE = "".join(
    bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256)
)

_SURROGATE = re.compile("[\ud800-\udfff]")
# A character that only valid UTF-8 can give: non-ASCII and not a surrogate escape.
_UTF8_TEXT = re.compile("[\u0080-\ud7ff\ue000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n]")
# A length as players write it: ASCII digits only (float() would also take "1_000"
# and other scripts' digits), a sign, a fraction and an exponent allowed.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def decode_text(data: bytes, *, utf8_only: bool) -> tuple[str, bool]:
    """Decode a text playlist (M3U, PLS) to a string.

    UTF-8 is tried first, with or without a byte-order mark (UTF-16 and UTF-32 are honoured
    when the file starts with their byte-order mark). When the bytes are not valid UTF-8,
    each line is judged on its own: the bad bytes are kept as surrogate escapes,
    and the parser reads the text fields of such a line by its fallback (U+FFFD in
    a file declared UTF-8, ``utf8_only``, i.e. ``.m3u8``; Windows-1252 otherwise,
    see `legacy_text`) while a path keeps its original bytes. A file that is not
    declared UTF-8 and holds no UTF-8 text at all is a Windows-1252 file, the
    usual encoding of old Windows playlists: it is read as Windows-1252 whole,
    paths included, since such a file names files by their Windows names.

    Args:
        data: The whole file.
        utf8_only: True when the format says the file is UTF-8.

    Returns:
        The text, and whether it holds surrogate-escaped (undecodable) bytes.
    """
    wide = wide_encoding(data)
    if wide is not None:
        return data.decode(wide, errors="replace"), False
    data = data.removeprefix(_UTF8_BOM)
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    if utf8_only or _UTF8_TEXT.search(text):
        return text, True
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0], False


def wide_encoding(data: bytes) -> str | None:
    """``"utf-32"`` or ``"utf-16"`` when ``data`` starts with that byte-order mark."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def legacy_text(value: str) -> str:
    """Read ``value`` again as Windows-1252 when it holds undecodable bytes.

    For a line of an ``.m3u`` or ``.pls`` that is not valid UTF-8 while other
    lines are: the whole line is taken as Windows-1252, as the program that wrote
    it most likely used, rather than showing U+FFFD. Text without surrogate
    escapes is returned unchanged.
    """
    if not _SURROGATE.search(value):
        return value
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return without_surrogates(value)
    return codecs.charmap_decode(raw, "strict", _CP1252_TABLE)[0]


def bad_bytes_warning(
    bad: list[int], path_line: int | None, *, legacy: bool
) -> ImportWarning:
    """The one warning for an entry whose lines ``bad`` are not valid UTF-8.

    Args:
        bad: The entry's line numbers that are not valid UTF-8, in order.
        path_line: The line of the entry's path (it keeps its original bytes).
        legacy: True when the text was read as Windows-1252 (`legacy_text`),
            False when it shows replacement characters.
    """
    where = line_span(bad)
    text_bad = any(number != path_line for number in bad)
    path_bad = path_line in bad
    read = "read as Windows-1252" if legacy else "shown with replacement characters"
    if text_bad and path_bad:
        message = (
            f"not valid UTF-8; the title is {read} and the path keeps its original "
            "bytes so the file can still be found"
        )
    elif path_bad:
        message = (
            "path is not valid UTF-8; kept with its original bytes so the file "
            "can still be found"
        )
    else:
        message = f"title is not valid UTF-8; {read}"
    return ImportWarning(bad[0], f"{where}: {message}")


def iter_lines(text: str) -> Iterator[str]:
    """Yield the lines of ``text``, split at CRLF, LF, or (with no LF at all) CR.

    A lone CR inside a file that uses LF is not taken as a line break: it is a
    stray control character inside one line (case 025), and splitting there would
    invent an extra entry. A file with no LF at all is an old Mac file whose lines
    end in CR. Lines are produced one at a time so that a huge playlist is never
    held twice in memory.
    """
    separator = "\n" if "\n" in text else "\r"
    find = text.find
    start = 0
    while True:
        end = find(separator, start)
        line = text[start:] if end < 0 else text[start:end]
        line = line.removesuffix("\r")
        yield line
        if end < 0:
            return
        start = end + 1


def has_surrogates(value: str) -> bool:
    """Tell whether ``value`` holds surrogate escapes (bytes that were not UTF-8)."""
    return _SURROGATE.search(value) is not None


def without_surrogates(value: str) -> str:
    """Replace undecodable bytes (surrogate escapes) with U+FFFD."""
    if not _SURROGATE.search(value):
        return value
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        # Surrogates that are not escapes of single bytes cannot be turned back.
        return _SURROGATE.sub("\ufffd", value)


def single_line(value: str) -> str:
    """Replace each line break (CRLF, CR or LF) inside ``value`` with a space."""
    if "\r" in value or "\n" in value:
        return _LINE_BREAK.sub(" ", value)
    return value


def clean_field(value: str, *, legacy: bool = False) -> str:
    """Make a title, artist, album or name safe to store as text.

    Undecodable bytes become U+FFFD (or, with ``legacy``, are read as
    Windows-1252: see `legacy_text`), line breaks become spaces (M3U and PLS are
    line-structured, so a line break can never survive a round trip), and
    surrounding whitespace is dropped. Other control characters are left for the
    domain's `visible_text` rule.
    """
    if legacy:
        value = legacy_text(value)
    return single_line(without_surrogates(value)).strip()


def parse_seconds(token: str, *, per_second: int = 1) -> tuple[float | None, str]:
    """Read a length such as ``"201"``, ``"-1"`` or ``"93500"`` (milliseconds).

    Args:
        token: The text of the length; surrounding whitespace is ignored.
        per_second: Units per second (1000 for milliseconds).

    Returns:
        ``(seconds or None, problem)``: None means unknown. A missing, zero or
        negative length is unknown with no problem (""); otherwise the problem
        says what is wrong, as in "length '9x' is not a number".
    """
    token = token.strip()
    if not token:
        return None, ""
    if not _NUMBER.match(token):
        unit = " of milliseconds" if per_second == 1000 else ""
        return None, f"is not a number{unit}"
    value = float(token)
    if value <= 0:
        return None, ""
    seconds = value / per_second if per_second != 1 else value
    if not seconds <= MAX_SECONDS:  # also infinity, from "1e999"
        return None, f"is longer than {MAX_HOURS} hours, which no recording is"
    return seconds, ""


def line_span(numbers: list[int]) -> str:
    """Name lines for a message: ``"line 4"``, ``"lines 4-5"``, ``"lines 4, 7"``."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"lines {numbers[0]}-{numbers[-1]}"
    return "lines " + ", ".join(str(number) for number in numbers)
