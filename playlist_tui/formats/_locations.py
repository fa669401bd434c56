"""Turning the location text of a playlist entry into a path or URL, and back.

Everything here is lexical (no file is opened, no symlink is followed and no
network is touched), except that `names_folder` and `file_is_missing` ask the
file system whether a path exists, and `typed_location` starts from the current
folder. `os_reason` puts a file system error into the words messages use.
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import quote, unquote_to_bytes

from ._text import has_surrogates, without_surrogates

# A scheme of two or more letters followed by "//"; one letter would be a drive.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+://")
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_DRIVE_IN_URI_PATH = re.compile(r"/[A-Za-z]:[\\/]")
_DRIVE_HOST = re.compile(r"[A-Za-z]:\Z")
_URL_UNSAFE = re.compile("[\r\n\ud800-\udfff]")
_SEPARATORS = re.compile(r"[\\/]")


def is_file_uri(text: str) -> bool:
    """Tell whether ``text`` is a ``file:`` URI."""
    return text[:5].lower() == "file:"


def is_url(text: str) -> bool:
    """Tell whether ``text`` is a ``scheme://`` URL other than a ``file:`` URI."""
    return _URL.match(text) is not None and not is_file_uri(text)


def is_windows_absolute(text: str) -> bool:
    r"""Tell whether ``text`` is ``C:\...``, ``C:/...`` or a UNC ``\\server\...``."""
    return _DRIVE.match(text) is not None or text.startswith("\\\\")


def _looks_windows_relative(text: str) -> bool:
    # A POSIX file name may contain a backslash, so "\" is only read as a separator
    # when nothing else in the line is one, or the line starts like "..\" or ".\".
    return ("\\" in text and "/" not in text) or text.startswith(("..\\", ".\\"))


def _percent_decode(text: str) -> str:
    # Decode to bytes first so that %-escapes of a non-UTF-8 file name survive as
    # surrogate escapes, exactly as os.fsdecode would give them.
    return unquote_to_bytes(text).decode("utf-8", "surrogateescape")


def file_uri_to_path(uri: str) -> str:
    r"""Decode a ``file:`` URI once into a path.

    A URI naming a Windows drive or another host gives the Windows path, with
    ``\`` as its separator, as `windows_path_to_file_uri` would have written it:
    ``file:///C:/a%20b`` gives ``C:\a b`` and ``file://nas/share/x`` the UNC path
    ``\\nas\share\x``, a file on another computer.

    Args:
        uri: ``file:///abs/path``, ``file://localhost/abs``, ``file:/abs``,
            ``file:relative``, ``file:///C:/x`` or ``file://server/share/x``.

    Returns:
        The path (possibly relative).
    """
    rest = uri[5:]
    host = ""
    if rest.startswith("//"):
        host, slash, path = rest[2:].partition("/")
        path = slash + path
        if _DRIVE_HOST.match(host):
            path, host = host + (path or "/"), ""
        elif host.lower() == "localhost":
            host = ""
    else:
        path = rest
    decoded = _percent_decode(path)
    if host:
        return "\\\\" + _percent_decode(host) + decoded.replace("/", "\\")
    if _DRIVE_IN_URI_PATH.match(decoded):
        decoded = decoded[1:]
    if _DRIVE.match(decoded):
        return decoded.replace("/", "\\")
    return decoded


def resolve_location(
    raw: str, base_dir: str, *, decode_relative: bool = False
) -> tuple[str, bool]:
    """Turn the location text of an entry into ``(location, is_stream)``.

    Args:
        raw: The location text, already stripped of surrounding whitespace.
        base_dir: The absolute folder of the playlist file.
        decode_relative: Percent-decode a location without a scheme (XSPF, where
            every location is a URI reference).

    Returns:
        URLs verbatim with True; Windows-absolute paths verbatim; anything else as
        a normalised absolute path (relative ones joined to ``base_dir``; ``..`` is
        resolved lexically) with False.
    """
    if ":" not in raw and "\\" not in raw and "%" not in raw:
        # The common case (a plain POSIX path) skips every pattern below; a
        # path without dot segments, "//" or a final "/" is already normal.
        if raw[0] != "/":
            raw = _join(base_dir, raw)
        if "/." in raw or "//" in raw or raw.endswith("/"):
            raw = posixpath.normpath(raw)
        return raw, False
    if is_file_uri(raw):
        path = file_uri_to_path(raw)
        if is_windows_absolute(path):
            return path, False
        # A decoded URI path is a POSIX path: a backslash in it is a character.
        raw = path
    elif _URL.match(raw):
        return raw, True
    else:
        if is_windows_absolute(raw):
            return raw, False
        # Judge the backslashes before percent-decoding: "%5C" is a character.
        if _looks_windows_relative(raw):
            raw = raw.replace("\\", "/")
        if decode_relative and "%" in raw:
            raw = _percent_decode(raw)
    if not raw.startswith("/"):
        raw = _join(base_dir, raw)
    return posixpath.normpath(raw), False


def names_folder(raw: str, location: str, is_stream: bool) -> bool:
    """Tell whether an entry names a folder rather than a file, so it is skipped.

    A folder is never a track: a playlist entry that is one would play nothing,
    or (``.``) point at the playlist's own folder. Known lexically when the
    entry's last part is empty (it ends in ``/`` or ``\\``), ``.`` or ``..``;
    otherwise a local path is a folder when one exists there (links followed).

    Args:
        raw: The location text as written in the file.
        location: What `resolve_location` made of it.
        is_stream: Whether it is a URL (never a folder: nothing is fetched).
    """
    if is_stream:
        return False
    if _reads_as_folder(raw):
        return True
    if is_windows_absolute(location) or is_file_uri(location):
        return False  # not a path on this computer
    try:
        return os.path.isdir(location)
    except (OSError, ValueError):
        return False


def _reads_as_folder(raw: str) -> bool:
    return _SEPARATORS.split(raw)[-1] in ("", ".", "..")


def _join(base_dir: str, relative: str) -> str:
    # Not posixpath.join: a relative part is never taken as absolute here, and the
    # root folder "/" must not give "//x", which normpath would keep.
    return base_dir + relative if base_dir.endswith("/") else base_dir + "/" + relative


def file_is_missing(location: str | None) -> bool:
    """Tell whether ``location`` names a file that is not on this computer.

    A URL is never missing (nothing is fetched to find out), and neither is a
    track with no location. A Windows path (``C:\\...``, ``\\\\server\\...``)
    cannot be opened on this system, so it is missing here. Undecodable bytes of
    a file name (surrogate escapes) are given back to the file system as bytes.
    """
    if not location or is_url(location):
        return False
    if is_file_uri(location):
        location = file_uri_to_path(location)
    if is_windows_absolute(location) and os.sep != "\\":
        return True
    try:
        return not os.path.exists(location)
    except (OSError, ValueError):
        return True


def fallback_title(location: str, is_stream: bool) -> str:
    """The title of an entry that has none: the file stem, or the URL itself."""
    if is_stream:
        return without_surrogates(location)
    if is_windows_absolute(location):
        name = _SEPARATORS.split(location)[-1]
    else:
        name = location.rsplit("/", 1)[-1]
    stem = posixpath.splitext(name)[0] or name or location
    return without_surrogates(stem).strip() or without_surrogates(location)


def _safe_url(url: str) -> str:
    # A URL cannot hold a raw line break or an undecodable byte; percent-encode
    # them so the exported file stays line-structured and valid UTF-8.
    def encode(match: re.Match[str]) -> str:
        try:
            raw = match.group().encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = "\ufffd".encode()
        return "".join(f"%{byte:02X}" for byte in raw)

    return _URL_UNSAFE.sub(encode, url)


def path_to_file_uri(path: str) -> str:
    """Percent-encode an absolute POSIX path (surrogate escapes included)."""
    return "file://" + quote(path.encode("utf-8", "surrogateescape"), safe="/")


def windows_path_to_file_uri(path: str) -> str:
    r"""Write a Windows-absolute path as a percent-encoded ``file:`` URI.

    ``C:\Music\a b.mp3`` gives ``file:///C:/Music/a%20b.mp3`` and the UNC path
    ``\\nas\share\x`` gives ``file://nas/share/x``: the forms other players read,
    and that `file_uri_to_path` reads back to the same path.
    """
    if path.startswith("\\\\"):
        host, _, rest = _SEPARATORS.sub("/", path[2:]).partition("/")
        return f"file://{_uri_text(host, safe='')}/{_uri_text(rest, safe='/')}"
    rest = _SEPARATORS.sub("/", path[2:])
    return f"file:///{path[:2]}{_uri_text(rest, safe='/')}"


def _uri_text(text: str, *, safe: str) -> str:
    return quote(text.encode("utf-8", "surrogateescape"), safe=safe)


def _relative_part(path: str, out_dir: str) -> str | None:
    prefix = out_dir if out_dir.endswith("/") else out_dir + "/"
    if path.startswith(prefix) and len(path) > len(prefix):
        return path[len(prefix) :]
    return None


def export_location(location: str, out_dir: str, *, as_uri: bool) -> str:
    """The text to write for ``location`` in a playlist saved in ``out_dir``.

    URLs, ``file:`` URIs and (except in XSPF, which gets a ``file:`` URI)
    Windows-absolute paths are written verbatim. A local
    path below ``out_dir`` is written relative (with ``/``), any other one
    absolute. For line-based formats (``as_uri=False``) a path that would not read
    back as the same file (a line break, an undecodable byte, surrounding blanks,
    a leading ``#``) is written as a ``file://`` URI instead.

    Args:
        location: The track's location.
        out_dir: The absolute, normalised folder of the output file.
        as_uri: True for XSPF, where every location is a (percent-encoded) URI.
    """
    if is_url(location) or is_file_uri(location):
        return _safe_url(location)
    if is_windows_absolute(location):
        return windows_path_to_file_uri(location) if as_uri else _safe_url(location)
    path = posixpath.normpath(os.path.abspath(location))
    relative = _relative_part(path, out_dir)
    if as_uri:
        if relative is not None:
            return quote(relative.encode("utf-8", "surrogateescape"), safe="/")
        return path_to_file_uri(path)
    for candidate in (relative, "./" + relative if relative else None, path):
        if candidate is not None and _reads_back(candidate, out_dir, path):
            return candidate
    return path_to_file_uri(path)


def _reads_back(text: str, out_dir: str, path: str) -> bool:
    # Simulate the line readers: the line is stripped, "#" starts a comment, and
    # the text must stay valid UTF-8 on a single line.
    if text != text.strip() or text.startswith(("#", "\ufeff")):
        return False
    if _reads_as_folder(text):
        return False  # the readers take it for a folder (see names_folder)
    if "\n" in text or "\r" in text or has_surrogates(text):
        return False
    return resolve_location(text, out_dir) == (path, False)


def typed_location(text: str) -> str | None:
    """A location a person typed (``--location``, the track dialog), as stored.

    The rules of a playlist entry apply, with the current folder as the base: a
    URL stays as it is, a ``file://`` URI becomes its path, and a relative path
    becomes absolute, so that it still names the same file from anywhere.
    """
    raw = text.strip()
    if not raw:
        return None
    location, _ = resolve_location(os.path.expanduser(raw), os.getcwd())
    return location


def os_reason(exc: OSError, missing: str) -> str:
    """Say why a file or folder could not be used; ``missing`` for "not found"."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return missing
    return (exc.strerror or str(exc)).lower()
