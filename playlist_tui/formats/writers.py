"""Writing playlists, atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from ..domain.errors import FormatError
from ._text import without_surrogates
from .m3u import render_m3u
from .pls import render_pls
from .xspf import render_xspf

_FORMATS = ("m3u8", "m3u", "pls", "xspf")

_REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "input/output error",
}

_ADVICE = {
    errno.ENOSPC: "Free some space or choose another folder, then export again.",
    errno.EDQUOT: "Free some space or choose another folder, then export again.",
    errno.EACCES: "Choose a folder you may write to, then export again.",
    errno.EPERM: "Choose a folder you may write to, then export again.",
    errno.EROFS: "Choose a writable folder, then export again.",
}


def export_formats() -> tuple[str, ...]:
    """The formats `write_playlist` writes: ``("m3u8", "m3u", "pls", "xspf")``."""
    return _FORMATS


def _chunks(fmt: str, tracks: Iterable[Any], out_dir: str, name: str) -> Iterator[str]:
    if fmt == "m3u8":
        return render_m3u(tracks, out_dir, name=name, declare_encoding=False)
    if fmt == "m3u":
        return render_m3u(tracks, out_dir, name=name, declare_encoding=True)
    if fmt == "pls":
        return render_pls(tracks, out_dir)
    return render_xspf(tracks, out_dir, name=name)


def _file_mode(target: str) -> int:
    """Mode for the new file: the old file's, else what the umask allows."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        pass
    umask = 0o022
    try:
        # Reading the umask from /proc avoids os.umask(), which would briefly
        # change it for every thread of the application.
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    umask = int(line.split()[1], 8)
                    break
    except (OSError, ValueError, IndexError):
        pass
    return 0o666 & ~umask


def write_playlist(
    path: str | os.PathLike[str] | os.PathLike[bytes] | bytes,
    tracks: Iterable[Any],
    fmt: str | None = None,
    name: str = "",
) -> None:
    """Write ``tracks`` to a playlist file, atomically.

    The file is written to a temporary file in the same folder, flushed to disk
    and then renamed over ``path``; on any error the temporary file is removed and
    an existing ``path`` is left untouched.

    Args:
        path: The file to write. Locations of tracks below its folder are written
            relative to it, others absolute; URLs and Windows paths verbatim.
        tracks: Objects with ``title``, ``artist``, ``album``, ``duration``
            (seconds or None) and ``location`` (tracks without a location are left
            out), optionally ``track_number``.
        fmt: ``"m3u8"``, ``"m3u"``, ``"pls"`` or ``"xspf"``; None takes it from
            the extension of ``path``.
        name: The playlist's name (``#PLAYLIST:`` in M3U, ``<title>`` in XSPF).

    Raises:
        FormatError: The format is unknown, or the file cannot be written (the
            message names the file and the reason, e.g. "no space left on
            device").
    """
    target = posixpath.normpath(os.path.abspath(os.fsdecode(os.fspath(path))))
    shown = without_surrogates(target)
    chosen = (fmt or posixpath.splitext(target)[1]).lower().lstrip(".")
    if chosen not in _FORMATS:
        raise FormatError(
            f"Cannot write playlist {shown}: unknown format {chosen or '(none)'!r}. "
            f"Use one of {', '.join(_FORMATS)} (as the format or the file's "
            "extension)."
        )
    out_dir = posixpath.dirname(target)
    # Through a symbolic link the file it points at is replaced and the link kept;
    # relative locations stay relative to where the link is, as players read it.
    real = os.path.realpath(target)
    temp_path: str | None = None
    try:
        _check_replaceable(real, shown)
        descriptor, temp_path = tempfile.mkstemp(
            prefix="." + posixpath.basename(real) + ".",
            suffix=".tmp",
            dir=posixpath.dirname(real),
        )
        with os.fdopen(descriptor, "wb") as stream:
            for chunk in _chunks(chosen, tracks, out_dir, name):
                stream.write(chunk.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_path, _file_mode(real))
        os.replace(temp_path, real)
        temp_path = None
        _sync_folder(posixpath.dirname(real))
    except BaseException as exc:
        if temp_path is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_path)
        if not isinstance(exc, Exception) or isinstance(exc, FormatError):
            raise  # KeyboardInterrupt and our own messages pass through unchanged
        raise FormatError(_message(shown, exc)) from exc


def _check_replaceable(real: str, shown: str) -> None:
    """Refuse to put a file where a folder, a device or a pipe is.

    Renaming over such a path would replace it (a device node, say) rather than
    write into it.
    """
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), real)
    if not stat.S_ISREG(mode):
        raise FormatError(
            f"Cannot write playlist {shown}: something that is not a regular file "
            "(a device, a pipe or a socket) is there. Choose another file name."
        )


def _message(shown: str, exc: Exception) -> str:
    if isinstance(exc, OSError):
        number = exc.errno if exc.errno is not None else -1
        reason = _REASONS.get(number) or (exc.strerror or str(exc)).lower()
        advice = _ADVICE.get(
            number, "Check the folder and the file name, then export again."
        )
    else:
        reason = f"{type(exc).__name__}: {exc}"
        advice = "Nothing was written; the existing file, if any, is unchanged."
    return f"Cannot write playlist {shown}: {reason}. {advice}"


def _sync_folder(folder: str) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
