"""Field rules shared by the writers."""

from __future__ import annotations

import math
from typing import Any

from ._locations import fallback_title, is_url
from ._text import clean_field


def _positive_seconds(duration: Any) -> float | None:
    try:
        value = float(duration)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value) or value <= 0:
        return None
    return value


def whole_seconds(duration: Any) -> int:
    """Whole seconds for ``#EXTINF``/``LengthN``: -1 when unknown, never 0.

    Rounds half up, but a known length under half a second is written as 1 so that
    it does not read back as 0, which means unknown.
    """
    value = _positive_seconds(duration)
    if value is None:
        return -1
    return max(1, math.floor(value + 0.5))


def milliseconds(duration: Any) -> int | None:
    """Whole milliseconds for XSPF ``<duration>``; None when unknown, never 0."""
    value = _positive_seconds(duration)
    if value is None:
        return None
    return max(1, math.floor(value * 1000 + 0.5))


def text_fields(track: Any, location: str) -> tuple[str, str, str]:
    """The track's title, artist and album, each on one line; the title never empty.

    Args:
        track: Any object with ``title``, ``artist`` and ``album`` (missing or None
            attributes count as empty).
        location: The track's location, for the fallback title.
    """

    def text(attribute: str) -> str:
        value = getattr(track, attribute, None)
        return clean_field(str(value)) if value else ""

    title = text("title") or fallback_title(location, is_url(location))
    return title, text("artist"), text("album")
