"""Reading a playlist file of any supported format."""

from __future__ import annotations

import os
import posixpath
import stat

from ..domain.errors import FormatError
from ._locations import os_reason
from ._text import wide_encoding, without_surrogates
from .m3u import parse_m3u
from .model import PLAYLIST_EXTENSIONS, ParsedPlaylist
from .pls import parse_pls
from .xspf import XspfError, parse_xspf

_SNIFF_BYTES = 4096
_MISSING = "no such file"

#: The largest playlist file read. A 12,000-entry M3U is under 1 MiB, so this is
#: generous; it stops a huge or endless file from filling memory.
MAX_PLAYLIST_BYTES = 256 * 1024 * 1024

_NOT_REGULAR = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


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
    wide = wide_encoding(head)
    if wide is not None:
        head = head.decode(wide, errors="ignore").encode()
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "xspf" if "<playlist" in text or ":playlist" in text else None
    first_line = text.splitlines()[0].strip() if text else ""
    if first_line.lower() == "[playlist]":
        return "pls"
    if first_line.upper().startswith(("#EXTM3U", "#EXTINF")):
        return "m3u"
    return None


def _read_bytes(text_path: str, shown: str) -> bytes:
    """Read a playlist file whole, refusing anything but a regular file.

    The file is opened without blocking, so that a named pipe cannot stall the
    open, and checked before anything is read: a device such as ``/dev/zero`` or a
    pipe never ends. At most `MAX_PLAYLIST_BYTES` + 1 bytes are read, so even a
    file that grows while it is read cannot fill memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(text_path, flags)
    except IsADirectoryError as exc:
        raise _folder_error(shown) from exc
    except OSError as exc:
        raise FormatError(
            f"Cannot read playlist {shown}: {os_reason(exc, _MISSING)}. Check that the file "
            "exists and that you may read it, then try again."
        ) from exc
    try:
        _check_regular(os.fstat(descriptor), shown)
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(MAX_PLAYLIST_BYTES + 1)
    except OSError as exc:
        raise FormatError(
            f"Cannot read playlist {shown}: {os_reason(exc, _MISSING)}. Check the file, then "
            "try again."
        ) from exc
    finally:
        os.close(descriptor)
    if len(data) > MAX_PLAYLIST_BYTES:
        raise _too_large_error(shown)  # it grew while it was read
    return data


def _too_large_error(shown: str) -> FormatError:
    return FormatError(
        f"Cannot read playlist {shown}: it is larger than "
        f"{MAX_PLAYLIST_BYTES // (1024 * 1024)} MiB, the most a playlist file may "
        "have. Split it into smaller playlists."
    )


def _check_regular(info: os.stat_result, shown: str) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise _folder_error(shown)
    if not stat.S_ISREG(mode):
        kind = next(
            (name for test, name in _NOT_REGULAR if test(mode)), "a special file"
        )
        raise FormatError(
            f"Cannot read playlist {shown}: it is {kind}, not a regular file. "
            "Choose a .m3u, .m3u8, .pls or .xspf file."
        )
    if info.st_size > MAX_PLAYLIST_BYTES:
        raise _too_large_error(shown)


def _folder_error(shown: str) -> FormatError:
    return FormatError(
        f"Cannot read playlist {shown}: it is a folder, not a file. Choose a "
        ".m3u, .m3u8, .pls or .xspf file, or scan the folder instead."
    )


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
        FormatError: The file cannot be opened, is not a regular file (a device,
            a pipe), is larger than `MAX_PLAYLIST_BYTES`, is not a text playlist,
            is not well-formed XSPF, or is of an unknown format.
    """
    text_path = posixpath.normpath(os.path.abspath(_text_path(path)))
    shown = without_surrogates(text_path)
    data = _read_bytes(text_path, shown)

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
    if b"\x00" in data[:_SNIFF_BYTES] and wide_encoding(data) is None:
        raise FormatError(
            f"Cannot read playlist {shown}: it holds binary data, so it is not a "
            f"text {kind.upper()} playlist. Choose the playlist file itself."
        )
    if kind == "pls":
        return parse_pls(data, text_path)
    return parse_m3u(data, text_path, utf8_only=kind == "m3u8")
