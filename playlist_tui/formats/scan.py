"""Scanning a music folder for readable audio files and their tags."""

from __future__ import annotations

import math
import os
import posixpath
import stat
from collections.abc import Callable
from typing import IO, Any

import mutagen
from mutagen.apev2 import APETextValue, APEv2
from mutagen.asf import ASFTags
from mutagen.id3 import ID3

from ..domain.durations import MAX_SECONDS
from ..domain.errors import FormatError
from ._locations import fallback_title, os_reason
from ._text import clean_field, without_surrogates
from .model import AUDIO_EXTENSIONS, Entry, ScanResult

#: How several values of one tag (e.g. two artists) are joined into one text.
VALUE_SEPARATOR = " / "
_MISSING = "it does not exist"

# Indirections so that tests can simulate permission errors even when run as root.
_scandir = os.scandir
_open = open

# Tag names per tag flavour for the fields the scan uses. Easy-mode tags (MP3, MP4,
# FLAC, Ogg) answer to the generic names directly.
_ID3_FRAMES = {
    "title": "TIT2",
    "artist": "TPE1",
    "album": "TALB",
    "tracknumber": "TRCK",
    "discnumber": "TPOS",
}
_ASF_KEYS = {
    "title": "Title",
    "artist": "Author",
    "album": "WM/AlbumTitle",
    "tracknumber": "WM/TrackNumber",
    "discnumber": "WM/PartOfSet",
}
_APE_KEYS = {
    "title": "Title",
    "artist": "Artist",
    "album": "Album",
    "tracknumber": "Track",
    "discnumber": "Disc",
}

# Leading bytes of the audio formats mutagen reads; used to tell a damaged audio
# file from a file that merely has an audio extension.
_MAGIC = (
    b"ID3",
    b"fLaC",
    b"OggS",
    b"RIFF",
    b"RF64",
    b"FORM",
    b"MAC ",
    b"wvpk",
    b"MPCK",
    b"MP+",
    b"TTA1",
    b"DSD ",
    b"FRM8",
    b"APETAGEX",
    b"\x30\x26\xb2\x75\x8e\x66\xcf\x11",  # ASF (WMA) header object
    b"\x0b\x77",  # AC-3
)


def scan_folder(
    path: str | os.PathLike[str] | os.PathLike[bytes] | bytes,
    progress: Callable[[int], None] | None = None,
) -> ScanResult:
    """Find the readable audio files below a folder, with their tags.

    Sub-folders are walked recursively. Links to folders are not followed (so a
    link back to a parent cannot loop, and nothing outside the folder is read);
    links to files are. Only files with an audio extension are looked at; each one
    that cannot be read is listed in ``skipped`` with a reason.

    Args:
        path: The folder.
        progress: Called with the number of audio files looked at so far, after
            each one; an exception it raises ends the scan.

    Returns:
        The tracks, sorted by album, then disc and track number, then path, and the
        skipped files.

    Raises:
        FormatError: The folder itself does not exist, is not a folder, or cannot
            be listed.
    """
    root = os.fsdecode(os.fspath(path))
    # The real path, so that scanning through a link to the folder finds the
    # same files as scanning the folder itself (and adds no duplicates).
    root = os.path.realpath(root)
    shown = without_surrogates(root)
    try:
        root_stat = os.stat(root)
        if not stat.S_ISDIR(root_stat.st_mode):
            raise FormatError(
                f"Cannot scan {shown}: it is not a folder. Choose a folder that "
                "holds music files."
            )
        with _scandir(root) as listing:
            top = list(listing)
    except OSError as exc:
        raise FormatError(
            f"Cannot scan folder {shown}: {os_reason(exc, _MISSING)}. Check that the folder "
            "exists and that you may read it, then scan again."
        ) from exc

    found: list[tuple[tuple[Any, ...], Entry]] = []
    skipped: list[tuple[str, str]] = []
    visited = {(root_stat.st_dev, root_stat.st_ino)}
    looked_at = 0
    pending: list[tuple[str, list[os.DirEntry[str]] | None]] = [(root, top)]
    while pending:
        folder, items = pending.pop()
        if items is None:
            try:
                with _scandir(folder) as listing:
                    items = list(listing)
            except OSError as exc:
                skipped.append((without_surrogates(folder), os_reason(exc, _MISSING)))
                continue
        for item in sorted(items, key=lambda item: item.name):
            subfolder = _subfolder(item, visited)
            if subfolder is not None:
                pending.append((subfolder, None))
                continue
            extension = posixpath.splitext(item.name)[1][1:].lower()
            if extension not in AUDIO_EXTENSIONS:
                continue
            result = _read_file(item)
            looked_at += 1
            if progress is not None:
                progress(looked_at)
            if isinstance(result, str):
                skipped.append((without_surrogates(item.path), result))
            elif result is not None:
                found.append(result)
    found.sort(key=lambda pair: pair[0])
    skipped.sort()
    return ScanResult(entries=[entry for _, entry in found], skipped=skipped)


def _subfolder(item: os.DirEntry[str], visited: set[tuple[int, int]]) -> str | None:
    """The path of ``item`` if it is a real folder not seen before, else None."""
    try:
        if not item.is_dir(follow_symlinks=False):
            return None
        info = item.stat(follow_symlinks=False)
    except OSError:
        return None
    # Bind mounts can make a folder its own descendant; never enter one twice.
    key = (info.st_dev, info.st_ino)
    if key in visited:
        return None
    visited.add(key)
    return item.path


def _read_file(item: os.DirEntry[str]) -> tuple[tuple[Any, ...], Entry] | str | None:
    """Read one audio-named file: ``(sort key, entry)``, a skip reason, or None."""
    try:
        if not item.is_file():
            # A link to a folder is not followed; a dangling link is reported, and
            # so is a pipe, device or socket named like audio (never opened).
            if item.is_dir():
                return None
            if item.is_symlink() and not os.path.exists(item.path):
                return "broken link"
            return "not a regular file (a pipe, a device or a socket)"
        size = item.stat().st_size
    except OSError as exc:
        return os_reason(exc, _MISSING)
    if size == 0:
        return "empty file"
    try:
        with _open(item.path, "rb") as stream:
            return _read_audio(stream, item.path, size)
    except OSError as exc:
        return os_reason(exc, _MISSING)


def _read_audio(
    stream: IO[bytes], path: str, size: int
) -> tuple[tuple[Any, ...], Entry] | str:
    try:
        audio = mutagen.File(stream, easy=True)
    except mutagen.MutagenError:
        return _unreadable(stream)
    except Exception as exc:  # noqa: BLE001 - mutagen can fail oddly on odd bytes
        return f"cannot be read: {exc}"
    if audio is None:
        return _unreadable(stream)
    if _cut_short(stream, size):
        return "truncated or damaged"
    tags = audio.tags
    title = _tag(tags, "title")
    artist = _tag(tags, "artist")
    album = _tag(tags, "album")
    track = _number(_tag(tags, "tracknumber"))
    disc = _number(_tag(tags, "discnumber"))
    entry = Entry(
        title=title or fallback_title(path, False),
        location=path,
        artist=artist,
        album=album,
        duration=_length(audio),
        track_number=track,
    )
    # A missing disc number counts as disc 1, a missing track number sorts after
    # the numbered tracks; albums differing only in case sort as one.
    key = (
        album.casefold(),
        disc if disc is not None else 1,
        track if track is not None else math.inf,
        path,
    )
    return key, entry


def _unreadable(stream: IO[bytes]) -> str:
    """Tell a damaged audio file from a file that only has an audio name."""
    try:
        stream.seek(0)
        head = stream.read(16)
    except OSError:
        return "truncated or damaged"
    looks_audio = head.startswith(_MAGIC) or head[4:8] == b"ftyp"
    # An MPEG audio frame (MP3, AAC ADTS) starts with 11 set bits.
    looks_audio = looks_audio or (
        len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
    )
    return "truncated or damaged" if looks_audio else "not an audio file"


def _cut_short(stream: IO[bytes], size: int) -> bool:
    """Tell whether a RIFF (WAV) or IFF (AIFF) file ends inside its audio data.

    mutagen computes a WAV/AIFF length from the header alone, so a file cut after
    its header would otherwise be imported with the full length.
    """
    stream.seek(0)
    head = stream.read(12)
    if head[:4] == b"RIFF":
        order, audio_chunk = "little", b"data"
    elif head[:4] == b"FORM":
        order, audio_chunk = "big", b"SSND"
    else:
        return False
    offset = 12
    while offset + 8 <= size:
        stream.seek(offset)
        header = stream.read(8)
        if len(header) < 8:
            return True
        chunk_size = int.from_bytes(header[4:], order)  # type: ignore[arg-type]
        if header[:4] == audio_chunk:
            # Streaming writers leave the size 0 or all ones; trust those files.
            if chunk_size in (0, 0xFFFFFFFF):
                return False
            return offset + 8 + chunk_size > size
        offset += 8 + chunk_size + (chunk_size & 1)
    return True


def _tag(tags: Any, field: str) -> str:
    """One text field of any mutagen tag flavour; several values joined by " / "."""
    if tags is None:
        return ""
    values: list[str] = []
    try:
        if isinstance(tags, ID3):  # WAV, AIFF, DSF: ID3 without an easy mode
            for frame in tags.getall(_ID3_FRAMES[field]):
                values.extend(str(text) for text in frame.text)
        elif isinstance(tags, ASFTags):
            values = [str(value) for value in tags.get(_ASF_KEYS[field], [])]
        elif isinstance(tags, APEv2):
            value = tags.get(_APE_KEYS[field])
            if isinstance(value, APETextValue):
                values = list(value)
        else:
            found = tags.get(field)
            if isinstance(found, str):
                values = [found]
            elif found:
                values = [str(value) for value in found]
    except (KeyError, TypeError, ValueError):
        return ""
    cleaned = [clean_field(value) for value in values]
    return VALUE_SEPARATOR.join(value for value in cleaned if value)


def _number(text: str) -> int | None:
    """The number in ``"3"``, ``"03"`` or ``"3/12"``; None if there is none."""
    head = text.split("/", 1)[0].strip()
    if head.isdigit() and head.isascii():
        number = int(head)
        return number if number > 0 else None
    return None


def _length(audio: Any) -> float | None:
    length = getattr(getattr(audio, "info", None), "length", None)
    try:
        value = float(length)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and 0 < value <= MAX_SECONDS else None
