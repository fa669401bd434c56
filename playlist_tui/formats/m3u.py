"""Reading and writing M3U and M3U8 playlists (plain and extended)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from typing import Any

from ._export import text_fields, whole_seconds
from ._locations import (
    export_location,
    fallback_title,
    names_folder,
    resolve_location,
)
from ._text import (
    bad_bytes_warning,
    clean_field,
    decode_text,
    has_surrogates,
    iter_lines,
    legacy_text,
    parse_seconds,
)
from .model import Entry, ImportWarning, ParsedPlaylist


class _Pending:
    """The directives seen since the last path line; they belong to the next one."""

    __slots__ = ("album", "artist", "artist_line", "bad", "duration", "info", "title")

    def __init__(self) -> None:
        self.info: int | None = None  # line number of the #EXTINF
        self.duration: float | None = None
        self.title = ""
        self.artist = ""
        self.artist_line = 0
        self.album = ""
        self.bad: list[int] = []  # lines of this entry that are not valid UTF-8


def split_extinf(body: str) -> tuple[str, str | None]:
    """Split the text after ``#EXTINF:`` into its head and its title.

    The title starts after the first comma outside double quotes, so attribute
    values such as ``group-title="Talk, News"`` cannot leak into it.

    Returns:
        ``(head, title)``: the head holds the length and any attributes; the title
        is None when there is no comma at all.
    """
    if '"' in body:
        quoted = False
        for index, char in enumerate(body):
            if char == '"':
                quoted = not quoted
            elif char == "," and not quoted:
                return body[:index], body[index + 1 :]
        # Unbalanced quotes: fall back to the first comma of all.
    head, comma, title = body.partition(",")
    return head, title if comma else None


def parse_m3u(data: bytes, path: str, *, utf8_only: bool) -> ParsedPlaylist:
    """Parse the bytes of an M3U or M3U8 file.

    Args:
        data: The whole file.
        path: The file's absolute path; relative entries are resolved against its
            folder, and its name is the playlist's name unless ``#PLAYLIST:`` says.
        utf8_only: True for ``.m3u8``: the text of a line that is not valid UTF-8
            then shows U+FFFD; otherwise it is read as Windows-1252. Either way
            paths keep their bytes and the entry gets one warning (see
            `decode_text`).

    Returns:
        The playlist; odd lines give warnings, never an exception.
    """
    text, escaped = decode_text(data, utf8_only=utf8_only)
    legacy = not utf8_only
    base_dir = posixpath.dirname(path)
    entries: list[Entry] = []
    warnings: list[ImportWarning] = []
    name = ""
    pending = _Pending()

    for number, line in enumerate(iter_lines(text), 1):
        line = line.strip()
        if not line:
            continue
        if line[0] == "\ufeff":  # a BOM left inside concatenated files
            line = line.lstrip("\ufeff").strip()
            if not line:
                continue
        bad = escaped and has_surrogates(line)
        if line[0] != "#":
            if bad:
                pending.bad.append(number)
            entry = _make_entry(line, number, pending, base_dir, warnings, legacy)
            if entry is not None:
                entries.append(entry)
            pending = _Pending()
            continue
        directive = line[:10].upper()
        if directive.startswith("#EXTINF:"):
            if pending.info is not None:
                warnings.append(
                    ImportWarning(
                        pending.info,
                        f"line {pending.info}: #EXTINF has no file after it "
                        f"(another #EXTINF follows on line {number}); ignored",
                    )
                )
            if bad:
                pending.bad.append(number)
            _read_extinf(line[8:], number, pending, warnings, legacy)
        elif directive.startswith("#EXTART:"):
            if bad:
                pending.bad.append(number)
            pending.artist = clean_field(line[8:], legacy=legacy)
            pending.artist_line = number
        elif directive.startswith("#EXTALB:"):
            if bad:
                pending.bad.append(number)
            pending.album = clean_field(line[8:], legacy=legacy)
        elif directive.startswith("#PLAYLIST:"):
            name = clean_field(line[10:], legacy=legacy)
            if bad:
                read = (
                    "read as Windows-1252"
                    if legacy
                    else "shown with replacement characters"
                )
                warnings.append(
                    ImportWarning(
                        number,
                        f"line {number}: playlist name is not valid UTF-8; {read}",
                    )
                )
        # Any other line starting with "#" is a comment or a directive this
        # package does not use (#EXTM3U, #EXTGENRE, #EXTIMG, ...): skipped quietly.

    if pending.info is not None:
        warnings.append(
            ImportWarning(
                pending.info,
                f"line {pending.info}: #EXTINF has no file after it; ignored",
            )
        )
    if not name:
        name = clean_field(posixpath.splitext(posixpath.basename(path))[0])
    return ParsedPlaylist(name=name, entries=entries, warnings=warnings)


def _read_extinf(
    body: str,
    number: int,
    pending: _Pending,
    warnings: list[ImportWarning],
    legacy: bool,
) -> None:
    head, title = split_extinf(body)
    head = head.strip()
    token = head.split(None, 1)[0] if head else ""
    duration, problem = parse_seconds(token)
    if problem:
        warnings.append(
            ImportWarning(
                number,
                f"line {number}: length {token!r} {problem}; the length is unknown",
            )
        )
    pending.info = number
    pending.duration = duration
    pending.title = clean_field(title, legacy=legacy) if title else ""


def _make_entry(
    line: str,
    number: int,
    pending: _Pending,
    base_dir: str,
    warnings: list[ImportWarning],
    legacy: bool,
) -> Entry | None:
    location, is_stream = resolve_location(line, base_dir)
    if names_folder(line, location, is_stream):
        warnings.append(
            ImportWarning(
                number,
                f"line {number}: names a folder, not a file; skipped",
                skipped=True,
            )
        )
        return None
    title = pending.title
    artist = pending.artist
    if (
        artist
        and pending.info is not None
        and pending.artist_line > pending.info
        and title.startswith(artist + " - ")
        and title[len(artist) + 3 :].strip()
    ):
        # This package writes "#EXTINF:d,Artist - Title" followed by "#EXTART:",
        # so that other players show both; reading that layout back gives the
        # title without the artist. An #EXTART before the #EXTINF is left alone.
        title = title[len(artist) + 3 :].strip()
    if pending.bad:
        warnings.append(bad_bytes_warning(pending.bad, number, legacy=legacy))
    if not title:
        # The file name keeps its bytes; only the title made of it is read.
        shown = legacy_text(location) if legacy and number in pending.bad else location
        title = fallback_title(shown, is_stream)
    return Entry(
        title=title,
        location=location,
        artist=artist,
        album=pending.album,
        duration=None if is_stream else pending.duration,
        is_stream=is_stream,
    )


def render_m3u(
    tracks: Iterable[Any], out_dir: str, *, name: str = "", declare_encoding: bool
) -> Iterator[str]:
    """Yield the lines (with LF) of an extended M3U file.

    Each track gives ``#EXTINF:<seconds or -1>,<Artist - Title or Title>``, then
    ``#EXTART:``/``#EXTALB:`` when known, then its location; a title that starts
    with "<Artist> - " already is written alone, with the ``#EXTART:`` before the
    ``#EXTINF``. Tracks without a location are left out.

    Args:
        tracks: Objects with ``title``, ``artist``, ``album``, ``duration`` and
            ``location``.
        out_dir: Absolute folder of the output file (for relative locations).
        name: The playlist's name, written as ``#PLAYLIST:`` when not empty.
        declare_encoding: Write ``#EXTENC:UTF-8`` (for ``.m3u``, whose readers
            would otherwise guess a legacy encoding).
    """
    yield "#EXTM3U\n"
    if declare_encoding:
        yield "#EXTENC:UTF-8\n"
    name = clean_field(name)
    if name:
        yield f"#PLAYLIST:{name}\n"
    for track in tracks:
        location = getattr(track, "location", None)
        if not location:
            continue
        written = export_location(location, out_dir, as_uri=False)
        title, artist, album = text_fields(track, location)
        length = whole_seconds(getattr(track, "duration", None))
        if artist and title.startswith(artist + " - "):
            # The title names the artist already (as case 008's do): prefixing it
            # again would show it twice. #EXTART before #EXTINF is the layout in
            # which the reader keeps the title whole.
            yield f"#EXTART:{artist}\n"
            yield f"#EXTINF:{length},{title}\n"
        else:
            yield f"#EXTINF:{length},{f'{artist} - {title}' if artist else title}\n"
            if artist:
                yield f"#EXTART:{artist}\n"
        if album:
            yield f"#EXTALB:{album}\n"
        yield written + "\n"
