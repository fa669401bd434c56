"""The plain values the readers, writers and the folder scanner hand over."""

from __future__ import annotations

from dataclasses import dataclass, field

#: File extensions (lower case, without the dot) that the folder scan treats as audio.
AUDIO_EXTENSIONS: frozenset[str] = frozenset(
    {
        "aac",
        "ac3",
        "aif",
        "aifc",
        "aiff",
        "ape",
        "asf",
        "dff",
        "dsf",
        "flac",
        "m4a",
        "m4b",
        "mp2",
        "mp3",
        "mp4",
        "mpc",
        "oga",
        "ogg",
        "opus",
        "spx",
        "tta",
        "wav",
        "wma",
        "wv",
    }
)

#: Playlist file extensions (lower case, without the dot) this package reads.
PLAYLIST_EXTENSIONS: frozenset[str] = frozenset({"m3u", "m3u8", "pls", "xspf"})


@dataclass(frozen=True, slots=True)
class Entry:
    r"""One track as found in a playlist file or a music folder.

    Attributes:
        title: Never empty: the title given by the file or the tags, else the file
            name without its extension (for a URL: the URL itself).
        location: An absolute local path (undecodable bytes of a file name are kept
            as surrogate escapes so the file can still be opened), a Windows-absolute
            path kept verbatim (``C:\...``, ``\\server\...``), or a URL verbatim.
        artist: Several artists are joined with " / "; "" when unknown.
        album: "" when unknown.
        duration: Seconds, or None when unknown. A zero or negative length is unknown.
        track_number: The track's number on its disc, when known.
        is_stream: True for a URL (http, https, rtsp, mms, ...).
    """

    title: str
    location: str
    artist: str = ""
    album: str = ""
    duration: float | None = None
    track_number: int | None = None
    is_stream: bool = False


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """Something odd in one place of a playlist file that did not stop the import.

    Attributes:
        line: The 1-based line number in the file, or None when there is no line.
        message: A sentence for a person, starting with the place, e.g.
            ``"line 4: title is not valid UTF-8; shown with replacement characters"``.
            When ``skipped``, it is ``"<place>: <reason>; skipped"``.
        skipped: True when the entry it names was left out (no location, a
            folder), so that an import can count it as skipped; False for a note
            on an entry that was read, or on a line that is no entry at all.
    """

    line: int | None
    message: str
    skipped: bool = False


@dataclass
class ParsedPlaylist:
    """What a playlist file holds.

    Attributes:
        name: From ``#PLAYLIST:`` or the XSPF ``<title>``, else the file name
            without its extension.
        entries: The tracks, in file order (PLS: in numeric index order).
        warnings: Non-fatal notes, in file order.
    """

    name: str
    entries: list[Entry] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)


@dataclass
class ScanResult:
    """What a folder scan found.

    Attributes:
        entries: The readable tracks, sorted by album, then disc and track number,
            then path.
        skipped: ``(path shown as text, reason)`` for each audio-named file (or
            sub-folder) that could not be read, e.g. ``"empty file"``,
            ``"not an audio file"``, ``"truncated or damaged"``,
            ``"permission denied"``.
    """

    entries: list[Entry] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
