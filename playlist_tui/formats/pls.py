"""Reading and writing PLS playlists.

PLS is an INI-like format, but real files repeat keys, list them out of order and
hold stray lines, all of which `configparser` rejects; so it is parsed by hand.
"""

from __future__ import annotations

import posixpath
import re
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

_INDEXED_KEY = re.compile(r"(file|title|length)(\d+)\Z")


def parse_pls(data: bytes, path: str) -> ParsedPlaylist:
    """Parse the bytes of a PLS file.

    Entries come from the ``FileN`` keys present, in numeric order of N (1, 2, 10,
    11); ``TitleN`` and ``LengthN`` are optional, and a ``TitleN`` without its
    ``FileN`` makes no entry. A wrong ``NumberOfEntries`` only gives a warning.

    Args:
        data: The whole file (UTF-8; a line that is not is read as Windows-1252,
            but a path keeps its bytes: see `decode_text`).
        path: The file's absolute path; relative entries are resolved against its
            folder, and its name (without extension) is the playlist's name.

    Returns:
        The playlist; odd lines give warnings, never an exception.
    """
    text, escaped = decode_text(data, utf8_only=False)
    warnings: list[ImportWarning] = []
    values: dict[str, dict[int, tuple[str, int]]] = {
        "file": {},
        "title": {},
        "length": {},
    }
    declared: tuple[int, int] | None = None
    section: bool | None = None  # None before any [section], then "is [playlist]"
    seen_header = False

    for number, line in enumerate(iter_lines(text), 1):
        line = line.strip().lstrip("\ufeff")
        if not line or line[0] in ";#":
            continue
        if line[0] == "[" and line.endswith("]"):
            section = line[1:-1].strip().lower() == "playlist"
            seen_header = seen_header or section
            continue
        if section is False:
            continue  # another application's section
        key, equals, value = line.partition("=")
        if not equals:
            warnings.append(
                ImportWarning(number, f"line {number}: not a key=value line; ignored")
            )
            continue
        key = key.strip().lower()
        value = value.strip()
        match = _INDEXED_KEY.match(key)
        if match:
            kind, index = match.group(1), int(match.group(2))
            if index in values[kind]:
                warnings.append(
                    ImportWarning(
                        number,
                        f"line {number}: {kind.capitalize()}{index} is given again; "
                        "the later value is used",
                    )
                )
            values[kind][index] = (value, number)
        elif key == "numberofentries":
            try:
                declared = (int(value), number)
            except ValueError:
                warnings.append(
                    ImportWarning(
                        number,
                        f"line {number}: NumberOfEntries {value!r} is not a "
                        "number; ignored",
                    )
                )
        # Version and keys of other applications are ignored.

    if not seen_header:
        warnings.append(
            ImportWarning(None, "the [playlist] header is missing; read anyway")
        )
    base_dir = posixpath.dirname(path)
    entries = _entries(values, base_dir, warnings, escaped)
    for kind in ("title", "length"):
        for index, (_, number) in sorted(values[kind].items()):
            if index not in values["file"]:
                warnings.append(
                    ImportWarning(
                        number,
                        f"line {number}: {kind.capitalize()}{index} has no "
                        f"File{index}; ignored",
                    )
                )
    present = len(values["file"])
    if declared is not None and declared[0] != present:
        count, number = declared
        warnings.append(
            ImportWarning(
                number,
                f"line {number}: NumberOfEntries says {count} but the file lists "
                f"{present} entries; all {present} were read",
            )
        )
    warnings.sort(key=lambda warning: warning.line or 0)
    name = clean_field(posixpath.splitext(posixpath.basename(path))[0])
    return ParsedPlaylist(name=name, entries=entries, warnings=warnings)


def _entries(
    values: dict[str, dict[int, tuple[str, int]]],
    base_dir: str,
    warnings: list[ImportWarning],
    escaped: bool,
) -> list[Entry]:
    entries: list[Entry] = []
    for index, (raw, number) in sorted(values["file"].items()):
        if not raw:
            warnings.append(
                ImportWarning(
                    number,
                    f"line {number}: File{index} is empty; skipped",
                    skipped=True,
                )
            )
            continue
        location, is_stream = resolve_location(raw, base_dir)
        if names_folder(raw, location, is_stream):
            warnings.append(
                ImportWarning(
                    number,
                    f"line {number}: File{index} names a folder, not a file; skipped",
                    skipped=True,
                )
            )
            continue
        title_text, title_line = values["title"].get(index, ("", 0))
        title = clean_field(title_text, legacy=True)
        path_bad = escaped and has_surrogates(raw)
        bad = [number] if path_bad else []
        if escaped and has_surrogates(title_text):
            bad = sorted([*bad, title_line])
        if bad:
            warnings.append(bad_bytes_warning(bad, number, legacy=True))
        if not title:
            # The file name keeps its bytes; only the title made of it is read.
            title = fallback_title(
                legacy_text(location) if path_bad else location, is_stream
            )
        duration = None
        if index in values["length"]:
            token, length_line = values["length"][index]
            duration, problem = parse_seconds(token)
            if problem:
                warnings.append(
                    ImportWarning(
                        length_line,
                        f"line {length_line}: Length{index} {token!r} {problem}; "
                        "the length is unknown",
                    )
                )
        entries.append(
            Entry(
                title=title,
                location=location,
                duration=None if is_stream else duration,
                is_stream=is_stream,
            )
        )
    return entries


def render_pls(tracks: Iterable[Any], out_dir: str) -> Iterator[str]:
    """Yield the lines (with LF) of a PLS file.

    PLS has no artist or album: ``TitleN`` holds the title alone, so that the
    title reads back unchanged. ``LengthN`` is whole seconds, -1 when unknown.
    ``NumberOfEntries`` is the number of entries written (tracks without a location
    are left out).

    Args:
        tracks: Objects with ``title``, ``duration`` and ``location``.
        out_dir: Absolute folder of the output file (for relative locations).
    """
    yield "[playlist]\n"
    count = 0
    for track in tracks:
        location = getattr(track, "location", None)
        if not location:
            continue
        count += 1
        title = text_fields(track, location)[0]
        yield f"File{count}={export_location(location, out_dir, as_uri=False)}\n"
        yield f"Title{count}={title}\n"
        yield f"Length{count}={whole_seconds(getattr(track, 'duration', None))}\n"
    yield f"NumberOfEntries={count}\n"
    yield "Version=2\n"
