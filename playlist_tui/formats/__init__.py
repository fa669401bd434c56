r"""Playlist files (M3U, M3U8, PLS, XSPF) and music folders, as plain values.

Pure Python: nothing here imports the UI or the database. Readers never raise for
an odd line or entry (they add an `ImportWarning` with its line number instead,
marked ``skipped`` when the entry was left out, so that imports count it);
`FormatError` is raised only for a file or folder that cannot be read or written
as a whole, with a message naming it, the reason, and what to do.

Rules chosen (applied by every reader and writer where they can occur):

Files
    - Only a regular file is read as a playlist: a device (``/dev/zero``), a named
      pipe or a socket is refused before anything is read, since it may never
      end or never answer. A file over 256 MiB (`reader.MAX_PLAYLIST_BYTES`) is
      refused too; at most that many bytes plus one are ever read.

Text
    - Files are read as UTF-8, with or without a byte-order mark (also before
      ``#EXTM3U``); UTF-16 and UTF-32 are honoured when they start with their
      byte-order mark.
    - A file that is not valid UTF-8 is decoded line by line: a valid UTF-8 line
      as UTF-8, any other by the fallback. In a ``.m3u``, ``.pls`` (or sniffed)
      file the fallback is Windows-1252 (its five undefined bytes as Latin-1:
      byte 0x96 is an en dash); a ``.m3u8`` is declared UTF-8, so there the text
      of a bad line shows U+FFFD. The path of a bad line keeps its original bytes
      as surrogate escapes (so the file can still be opened), and one warning
      names the entry's bad line numbers.
    - Except: a ``.m3u`` or ``.pls`` with no UTF-8 text at all is a Windows-1252
      file; it is read as Windows-1252 whole, paths included and without
      warnings, since such a file names its files by their Windows names.
    - Lines end in CRLF, LF, or - in a file with no LF at all - CR; a lone CR inside
      an LF file is part of its line. No CR is ever left in a path or a title.
    - Titles, artists, albums and names are single-line: a line break inside one
      becomes a space (on reading and on writing, in every format), surrounding
      whitespace is dropped, and undecodable bytes become U+FFFD. Every other
      control character is left alone here: the domain's `visible_text` rule
      (``playlist_tui.domain.text``) replaces them before anything is stored.
    - A title is never empty: else the file name without its extension, or for a
      stream its URL. "Artist - Title" in an ``#EXTINF`` is not split.

Lengths
    - A missing, zero or negative length (``-1``) is unknown: ``None``, never 0.
      A non-numeric length is unknown too, with a warning. Streams (URLs) always
      have an unknown length.
    - Written as whole seconds in M3U and PLS (-1 when unknown; a known length
      below half a second is written as 1 so that it never reads back as unknown)
      and whole milliseconds in XSPF (omitted when unknown).

Locations
    - Relative paths are joined to the playlist's folder and normalised lexically
      (``..`` removed without following symlinks). ``\`` is read as a separator
      when the line has no ``/`` or starts with ``..\`` or ``.\``.
    - ``C:\...``, ``C:/...`` and ``\\server\share\...`` are Windows-absolute and
      kept verbatim. ``file:`` URIs are percent-decoded once (bytes that are not
      UTF-8 become surrogate escapes, as `os.fsdecode` gives them); one naming a
      drive or another host gives that Windows path with ``\`` separators:
      ``file:///C:/a%20b`` is ``C:\a b``, ``file://nas/share/x`` is
      ``\\nas\share\x`` (a file on another computer, so missing here). Any other
      ``scheme://`` URL is kept verbatim and marked as a stream; nothing is ever
      fetched. In XSPF a location without a scheme is a URI reference and is
      percent-decoded once as well.
    - An entry that names a folder is never a track: one that is ``.`` or ``..``,
      ends in ``/`` or ``\``, or names an existing folder is skipped with a
      warning naming its line (M3U, PLS) or track (XSPF), in every format.
    - Writers write a file below the output file's folder relative (with ``/``),
      any other absolute, URLs unchanged, and in M3U/PLS Windows paths unchanged.
      A path an M3U/PLS line could not carry back (line break, undecodable byte,
      blanks around it, a leading ``#``, a last part a reader takes for a folder)
      is written as a ``file://`` URI. XSPF locations are percent-encoded URIs,
      Windows paths included (``file:///C:/Music/a%20b.mp3``,
      ``file://nas/share/x``), which read back as the same path.

M3U
    - ``#EXTM3U`` is optional. ``#EXTINF:<length> [key="value" ...],<title>``: the
      title starts after the first comma outside double quotes; attributes are
      ignored. An ``#EXTINF`` applies to the next path line, across blank lines
      and comments. ``#PLAYLIST:`` names the playlist. ``#EXTART:``/``#EXTALB:``
      give the next entry's artist/album. Other ``#`` lines are skipped quietly.
    - Writing gives ``#EXTM3U``, ``#PLAYLIST:`` (if named), and per track
      ``#EXTINF:<seconds>,<Artist - Title>`` (so other players show both), then
      ``#EXTART:``/``#EXTALB:`` when known, then the location; UTF-8 without BOM,
      LF line ends. ``.m3u`` output adds ``#EXTENC:UTF-8``. A title that starts
      with "<Artist> - " already is not prefixed again: it is written alone, with
      the ``#EXTART:`` before the ``#EXTINF``. Reading back: when an ``#EXTART``
      follows its ``#EXTINF`` (the first layout) and the title starts with
      "<artist> - ", that prefix is dropped; an ``#EXTART`` before the
      ``#EXTINF`` leaves the title whole. So title and artist round-trip.

PLS
    - ``[playlist]`` section and keys in any case; entries from the ``FileN`` keys
      present in numeric order of N; a ``TitleN``/``LengthN`` without ``FileN`` is
      ignored; a wrong ``NumberOfEntries`` gives one warning. PLS carries no
      artist or album, so ``TitleN`` is written as the bare title.

XSPF
    - Parsed with defusedxml (entity declarations are refused: `FormatError`);
      elements are matched on local names, so the default namespace, a prefix
      and no namespace read alike. Written in the default namespace
      ``http://xspf.org/ns/0/``, ``version="1"``; characters XML 1.0 cannot hold
      become U+FFFD.

    - `file_is_missing` tells a local file that is not here (a Windows path
      on another system included); the importer counts them and the app marks
      their rows with ``✗``. Playback is simulated, so such a track still plays.

Folder scan
    - Recursive; links to folders are not followed (no loops, nothing outside the
      folder); only files with an extension in `AUDIO_EXTENSIONS` are opened.
      Unreadable ones are listed in `ScanResult.skipped` with a reason ("empty
      file", "not an audio file", "truncated or damaged", "permission denied",
      "broken link", or the error's own message).
    - Tags through mutagen (easy mode; plain ID3 frames for WAV/AIFF). Several
      values of one tag (e.g. two artists) are joined with " / ". A file name
      that is not valid UTF-8 stays resolvable as a surrogate-escaped location.
"""

from ._locations import file_is_missing, typed_location
from .model import (
    AUDIO_EXTENSIONS,
    Entry,
    ImportWarning,
    ParsedPlaylist,
    ScanResult,
)
from .reader import is_playlist_file, read_playlist
from .scan import scan_folder
from .writers import export_formats, write_playlist

__all__ = [
    "AUDIO_EXTENSIONS",
    "Entry",
    "ImportWarning",
    "ParsedPlaylist",
    "ScanResult",
    "export_formats",
    "file_is_missing",
    "is_playlist_file",
    "read_playlist",
    "scan_folder",
    "typed_location",
    "write_playlist",
]
