"""Reading a playlist file of any supported format."""

from __future__ import annotations

import os
import posixpath

from ..domain.errors import FormatError
from ._text import without_surrogates
from .m3u import parse_m3u
from .model import PLAYLIST_EXTENSIONS, ParsedPlaylist
from .pls import parse_pls
from .xspf import XspfError, parse_xspf

_SNIFF_BYTES = 4096


def _text_path(path: str | os.PathLike[str] | os.PathLike[bytes] | bytes) -> str:
    return os.fsdecode(os.fspath(path))


def _extension(path: str) -> str:
    return posixpath.splitext(path)[1][1:].lower()


def is_playlist_file(path: str | os.PathLike[str] | os.PathLike[bytes] | bytes) -> bool:
    """Tell from its extension alone whether ``path`` is a playlist file to read.

    No file is opened: ``.m3u``, ``.m3u8``, ``.pls`` and ``.xspf`` (any case).
    """
    return _extension(_text_path(path)) in PLAYLIST_EXTENSIONS


def sniff_format(data: bytes) -> str | None:
    """Guess the format of a playlist from its first bytes.

    Returns:
        ``"xspf"``, ``"pls"``, ``"m3u"``, or None when the content is none of them.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode()
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "xspf" if "<playlist" in text or ":playlist" in text else None
    first_line = text.splitlines()[0].strip() if text else ""
    if first_line.lower() == "[playlist]":
        return "pls"
    if first_line.upper().startswith(("#EXTM3U", "#EXTINF")):
        return "m3u"
    return None


def read_playlist(
    path: str | os.PathLike[str] | os.PathLike[bytes] | bytes,
) -> ParsedPlaylist:
    """Read an M3U, M3U8, PLS or XSPF playlist file.

    The format comes from the extension; for any other extension it is sniffed
    from the content. Odd lines and entries give warnings in the result; only a
    file that cannot be read at all raises.

    Args:
        path: The playlist file.

    Returns:
        The playlist's name, entries and warnings.

    Raises:
        FormatError: The file cannot be opened, is not a text playlist, is not
            well-formed XSPF, or is of an unknown format.
    """
    text_path = posixpath.normpath(os.path.abspath(_text_path(path)))
    shown = without_surrogates(text_path)
    try:
        with open(text_path, "rb") as stream:
            data = stream.read()
    except IsADirectoryError as exc:
        raise FormatError(
            f"Cannot read playlist {shown}: it is a folder, not a file. Choose a "
            ".m3u, .m3u8, .pls or .xspf file, or scan the folder instead."
        ) from exc
    except OSError as exc:
        reason = (
            "permission denied"
            if isinstance(exc, PermissionError)
            else (
                "no such file"
                if isinstance(exc, FileNotFoundError)
                else (exc.strerror or str(exc)).lower()
            )
        )
        raise FormatError(
            f"Cannot read playlist {shown}: {reason}. Check that the file exists "
            "and that you may read it, then try again."
        ) from exc

    kind = _extension(text_path)
    if kind not in PLAYLIST_EXTENSIONS:
        sniffed = sniff_format(data)
        if sniffed is None:
            raise FormatError(
                f"Cannot read playlist {shown}: its format is unknown (not M3U, PLS "
                "or XSPF). Choose a .m3u, .m3u8, .pls or .xspf file."
            )
        kind = sniffed
    if kind == "xspf":
        try:
            return parse_xspf(data, text_path)
        except XspfError as exc:
            raise FormatError(
                f"Cannot read playlist {shown} as XSPF: {exc}. Check that it is an "
                "XSPF playlist, or export it again from its player."
            ) from exc
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        raise FormatError(
            f"Cannot read playlist {shown}: it holds binary data, so it is not a "
            f"text {kind.upper()} playlist. Choose the playlist file itself."
        )
    if kind == "pls":
        return parse_pls(data, text_path)
    return parse_m3u(data, text_path, utf8_only=kind == "m3u8")
