"""Reading and writing XSPF (XML Shareable Playlist Format) playlists."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import fromstring

from ._export import milliseconds, text_fields
from ._locations import (
    export_location,
    fallback_title,
    names_folder,
    resolve_location,
)
from ._text import clean_field, parse_seconds
from .model import Entry, ImportWarning, ParsedPlaylist

XSPF_NAMESPACE = "http://xspf.org/ns/0/"

# Characters XML 1.0 cannot hold at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class XspfError(ValueError):
    """The bytes are not an XSPF playlist; the message says why."""


def _local(tag: object) -> str:
    # Namespaces are matched on local names only, so that the default namespace,
    # a prefixed one ("ns0:") and none at all read alike.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def parse_xspf(data: bytes, path: str) -> ParsedPlaylist:
    """Parse the bytes of an XSPF file with defusedxml.

    Args:
        data: The whole file.
        path: The file's absolute path; relative locations are resolved against its
            folder, and its name is the playlist's name when there is no
            ``<title>``.

    Returns:
        The playlist. A track without a ``<location>`` is skipped with a warning.

    Raises:
        XspfError: The bytes are not well-formed XML, declare entities (refused so
            that an entity bomb cannot exhaust memory), or are not a playlist.
    """
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise XspfError(_refusal(exc)) from exc
    except (ParseError, ValueError) as exc:
        raise XspfError(f"it is not well-formed XML ({exc})") from exc
    if _local(root.tag) != "playlist":
        raise XspfError(
            f"its root element is <{_local(root.tag)}>, not an XSPF <playlist>"
        )
    base_dir = posixpath.dirname(path)
    warnings: list[ImportWarning] = []
    entries: list[Entry] = []
    track_list = _child(root, "trackList")
    tracks = [] if track_list is None else list(track_list)
    position = 0
    for track in tracks:
        if _local(track.tag) != "track":
            continue
        position += 1
        entry = _entry(track, position, base_dir, warnings)
        if entry is not None:
            entries.append(entry)
    name = clean_field(_text(_child(root, "title")))
    if not name:
        name = clean_field(posixpath.splitext(posixpath.basename(path))[0])
    return ParsedPlaylist(name=name, entries=entries, warnings=warnings)


def _refusal(exc: DefusedXmlException) -> str:
    """Say in words what defusedxml refused (its own text is an object's repr)."""
    if isinstance(exc, EntitiesForbidden):
        return f"it declares the entity '{exc.name}'; entities are refused for safety"
    if isinstance(exc, ExternalReferenceForbidden):
        return (
            f"it refers to the external resource '{exc.sysid}'; external "
            "references are refused for safety"
        )
    if isinstance(exc, DTDForbidden):
        return (
            f"it declares the document type '{exc.name}'; document types are "
            "refused for safety"
        )
    return "it uses an XML feature that is refused for safety"


def _entry(
    track: Element, position: int, base_dir: str, warnings: list[ImportWarning]
) -> Entry | None:
    raw = ""
    for child in track:
        if _local(child.tag) == "location":
            raw = _text(child).strip()
            if raw:
                break
    if not raw:
        warnings.append(
            ImportWarning(
                None, f"track {position}: has no <location>; skipped", skipped=True
            )
        )
        return None
    location, is_stream = resolve_location(raw, base_dir, decode_relative=True)
    if names_folder(raw, location, is_stream):
        warnings.append(
            ImportWarning(
                None,
                f"track {position}: <location> names a folder, not a file; skipped",
                skipped=True,
            )
        )
        return None
    duration = None
    duration_text = _text(_child(track, "duration"))
    if duration_text.strip():
        duration, problem = parse_seconds(duration_text, per_second=1000)
        if problem:
            warnings.append(
                ImportWarning(
                    None,
                    f"track {position}: duration {duration_text.strip()!r} {problem}; "
                    "the length is unknown",
                )
            )
    return Entry(
        title=clean_field(_text(_child(track, "title")))
        or fallback_title(location, is_stream),
        location=location,
        artist=clean_field(_text(_child(track, "creator"))),
        album=clean_field(_text(_child(track, "album"))),
        duration=None if is_stream else duration,
        track_number=_track_number(_text(_child(track, "trackNum"))),
        is_stream=is_stream,
    )


def _track_number(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and text.isascii():
        number = int(text)
        return number if number > 0 else None
    return None


def _xml_text(value: str) -> str:
    """Escape ``value`` for XML, replacing characters XML 1.0 cannot hold."""
    return escape(_NOT_XML.sub("\ufffd", value))


def render_xspf(
    tracks: Iterable[Any], out_dir: str, *, name: str = ""
) -> Iterator[str]:
    """Yield the text of an XSPF file in the default XSPF namespace.

    Locations are percent-encoded: ``file://`` URIs for absolute paths, relative
    URI references for files below ``out_dir``; URLs are kept. ``<duration>`` is
    in whole milliseconds. Tracks without a location are left out.

    Args:
        tracks: Objects with ``title``, ``artist``, ``album``, ``duration``,
            ``location`` and optionally ``track_number``.
        out_dir: Absolute folder of the output file (for relative locations).
        name: The playlist's ``<title>``, when not empty.
    """
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<playlist version="1" xmlns="{XSPF_NAMESPACE}">\n'
    name = clean_field(name)
    if name:
        yield f"  <title>{_xml_text(name)}</title>\n"
    yield "  <trackList>\n"
    for track in tracks:
        location = getattr(track, "location", None)
        if not location:
            continue
        title, artist, album = text_fields(track, location)
        parts = ["    <track>\n"]
        written = export_location(location, out_dir, as_uri=True)
        parts.append(f"      <location>{_xml_text(written)}</location>\n")
        parts.append(f"      <title>{_xml_text(title)}</title>\n")
        if artist:
            parts.append(f"      <creator>{_xml_text(artist)}</creator>\n")
        if album:
            parts.append(f"      <album>{_xml_text(album)}</album>\n")
        number = getattr(track, "track_number", None)
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            parts.append(f"      <trackNum>{number}</trackNum>\n")
        duration = milliseconds(getattr(track, "duration", None))
        if duration is not None:
            parts.append(f"      <duration>{duration}</duration>\n")
        parts.append("    </track>\n")
        yield "".join(parts)
    yield "  </trackList>\n"
    yield "</playlist>\n"
