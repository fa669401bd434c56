"""Importing files and folders into the library, and exporting playlists to files.

The glue between `playlist_tui.formats` (files as plain values) and the `Session`
(the library). Used alike by the command line and the app.

Rules:
    - A playlist file becomes a new playlist named after ``#PLAYLIST:``, the XSPF
      title or the file name; when that name is taken, `` (2)``, `` (3)`` ... is
      added. With ``into``, the tracks are appended to that playlist instead
      (created when missing). A name taken from a file or folder that is longer
      than the limit is shortened to fit, ending in "…".
    - A folder becomes the playlist named after the folder (or ``into``). Scanning
      the same folder again adds only the files that playlist does not hold yet,
      so a second scan adds no duplicates.
    - Each file is imported in one transaction: all of its tracks, or none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playlist_tui.domain import FormatError, InvalidTrackError, NotFoundError, Track
from playlist_tui.domain.text import (
    count,
    fit_name,
    printable,
    quoted,
    shorten_middle,
)
from playlist_tui.formats import (
    Entry,
    file_is_missing,
    read_playlist,
    scan_folder,
    write_playlist,
)
from playlist_tui.session import Session

EXPORT_FORMATS = ("m3u8", "m3u", "pls", "xspf")


@dataclass
class ImportReport:
    """What one import did: where the tracks went, and what was left out and why."""

    source: str
    playlist: str = ""
    playlist_id: int | None = None
    imported: int = 0
    total: int = 0
    """How many tracks the playlist holds after the import."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Locations of imported tracks whose file is not on this computer."""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def summary(self, *, brief: bool = False) -> str:
        """One line, then one line per skipped entry and warning.

        Args:
            brief: For a notification: at most three skipped entries and three
                warnings, and the missing files only counted (the app marks them).
        """
        if self.error:
            return f"could not import {self.source}: {self.error}"
        if self.imported == 0 and not self.skipped and self.total:
            head = (
                f"no new tracks in {self.source}; {quoted(self.playlist)} has "
                f"{count(self.total, 'track')}"
            )
        elif self.imported == 0 and not self.skipped:
            head = f"no tracks found in {self.source}; playlist {quoted(self.playlist)} is empty"
        else:
            head = (
                f"imported {count(self.imported, 'track')} into {quoted(self.playlist)}, "
                f"skipped {len(self.skipped)}"
            )
        most = 3 if brief else None
        lines = [head]
        lines += _at_most(
            [f"  skipped {where}: {why}" for where, why in self.skipped], most
        )
        lines += _at_most([f"  note: {text}" for text in self.warnings], most)
        if self.missing:
            point = "points at a file" if len(self.missing) == 1 else "point at files"
            lines.append(
                f"  note: {count(len(self.missing), 'track')} {point} not on this "
                + (
                    "computer (marked ✗)"
                    if brief
                    else "computer (kept, and marked ✗ in the app):"
                )
            )
            if not brief:
                lines += _at_most([f"    {shorten_middle(m)}" for m in self.missing], 3)
        return "\n".join(printable(line) for line in lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "playlist": self.playlist,
            "playlist_id": self.playlist_id,
            "imported": self.imported,
            "skipped": [{"entry": where, "reason": why} for where, why in self.skipped],
            "warnings": self.warnings,
            "missing": self.missing,
            "error": self.error,
        }


Progress = Callable[[str], None]
"""Told what an import is doing; an exception it raises ends the import there,
before anything of the file being read is saved."""


def import_paths(
    session: Session,
    paths: Iterable[Path],
    into: str | None = None,
    progress: Progress | None = None,
) -> list[ImportReport]:
    """Import each playlist file or folder; one report per path, failures included."""
    reports = []
    for path in paths:
        report = ImportReport(source=printable(str(path)))
        if progress:
            progress(f"reading {report.source}")
        try:
            _import_one(session, Path(path), into, report, progress)
        except FormatError as error:
            report.error = str(error)
        reports.append(report)
    return reports


def _import_one(
    session: Session,
    path: Path,
    into: str | None,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    if path.is_dir():
        counted = None
        if progress is not None:
            tell = progress

            def counted(done: int) -> None:
                tell(f"scanning {report.source}: {done} audio files read")

        scan = scan_folder(path, counted)
        entries = scan.entries
        report.skipped += [(printable(where), why) for where, why in scan.skipped]
        name = into or _derived_name(path.resolve().name, "Music")
        rescan = True
    elif path.exists():
        parsed = read_playlist(path)
        entries = parsed.entries
        for warning in parsed.warnings:
            if warning.skipped:
                report.skipped.append(_place_and_reason(warning.message))
            else:
                report.warnings.append(warning.message)
        name = into or _derived_name(parsed.name, path.stem, "Playlist")
        rescan = False
    else:
        raise FormatError(
            f"there is no file or folder at {printable(str(path))}; check the path"
        )

    tracks = _tracks(entries, report)
    if progress:
        progress(f"saving the tracks of {report.source}")
    existing = _find(session, name) if (into or rescan) else None
    if existing is None:
        name = session.free_name(name)
        info = session.create_playlist(name, tracks)
    else:
        if rescan:
            held = {t.location for t in session.playlist(existing)}
            tracks = [t for t in tracks if t.location not in held]
        session.add_tracks(existing, tracks)
        info = session.playlist_info(existing)
    report.playlist, report.playlist_id = info.name, info.id
    report.imported = len(tracks)
    report.missing = [t.location for t in tracks if file_is_missing(t.location)]
    report.total = info.track_count


def _derived_name(*candidates: str) -> str:
    """The first name that is not blank, shortened to fit the name limit.

    A name taken from a file or a folder cannot be refused the way a typed one is
    (that would stop the whole import), so one too long is cut to fit.
    """
    return fit_name(next((name for name in candidates if name.strip()), "Playlist"))


def _place_and_reason(message: str) -> tuple[str, str]:
    """Split a reader's note on an entry it left out into its place and reason.

    Such a note reads ``"track 6: has no <location>; skipped"``; the summary
    lists it among the skipped entries, which it counts, as ``skipped track 6:
    has no <location>``.
    """
    place, _, reason = message.partition(": ")
    return place, reason.removesuffix("; skipped")


def _find(session: Session, name: str) -> int | None:
    try:
        return session.find_playlist(name).id
    except NotFoundError:
        return None


def _tracks(entries: Iterable[Entry], report: ImportReport) -> list[Track]:
    tracks = []
    for number, entry in enumerate(entries, start=1):
        try:
            tracks.append(
                Track(
                    title=entry.title,
                    artist=entry.artist,
                    album=entry.album,
                    duration=entry.duration,
                    location=entry.location,
                )
            )
        except InvalidTrackError as error:
            report.skipped.append((f"entry {number}", str(error)))
    return tracks


def _at_most(lines: list[str], most: int | None) -> list[str]:
    """The first ``most`` lines, and a last one that counts the rest."""
    if most is None or len(lines) <= most:
        return lines
    return [*lines[:most], f"    and {len(lines) - most:,} more"]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    written: int
    left_out: int

    def summary(self, playlist: str) -> str:
        text = f"exported {count(self.written, 'track')} of {quoted(playlist)} to {self.path}"
        if self.left_out:
            have, were = ("has", "was") if self.left_out == 1 else ("have", "were")
            text += (
                f"; {count(self.left_out, 'track')} {have} no location (file or URL) "
                f"and {were} left out, since a playlist file can only point at files"
            )
        return printable(text)


def export_playlist(
    session: Session, playlist_id: int, output: Path | None, fmt: str | None
) -> ExportReport:
    """Write a playlist to ``output`` (default ``<name>.<fmt>`` here); atomic.

    Tracks without a location cannot be written to a playlist file; they are left
    out and counted in the report.

    Raises:
        FormatError: Unknown format, or the file could not be written (the message
            names the path and the reason, e.g. no space left on the device).
    """
    playlist = session.playlist(playlist_id)
    if output is None:
        fmt = fmt or "m3u8"
        output = Path(f"{safe_file_name(playlist.name)}.{fmt}")
    elif fmt is None:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in EXPORT_FORMATS:
            raise FormatError(
                f"cannot tell the format of {printable(str(output))} from its extension; "
                "give --format m3u8, m3u, pls or xspf"
            )
    tracks = playlist.tracks()
    kept = [track for track in tracks if track.location]
    write_playlist(output, kept, fmt, name=playlist.name)
    return ExportReport(output, len(kept), len(tracks) - len(kept))


def safe_file_name(name: str) -> str:
    """Make a playlist name usable as a file name on any system."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
    return cleaned[:120] or "playlist"
