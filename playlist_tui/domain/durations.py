"""Reading and writing durations the way people type and read them."""

from __future__ import annotations

import math
import re

from playlist_tui.domain.errors import InvalidValueError

UNKNOWN = "--:--"
MAX_HOURS = 1000
MAX_SECONDS = MAX_HOURS * 3600.0
"""The longest a track can be: longer than any recording, short enough that the
totals of millions of tracks stay exact and printable."""

# ASCII digits only: int() and float() would also take other scripts' digits.
_CLOCK = re.compile(r"^(?:([0-9]+):)?([0-9]+):([0-9]{1,2}(?:\.[0-9]+)?)$")
_SECONDS = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


def parse_duration(text: str) -> float | None:
    """Read ``225``, ``3:45`` or ``1:02:03`` as seconds; a blank text is unknown.

    Raises:
        InvalidValueError: The text is none of those forms.
    """
    value = text.strip()
    if not value or value == UNKNOWN:
        return None
    if _SECONDS.match(value):
        return _bounded(float(value), text)

    match = _CLOCK.match(value)
    if match is None:
        raise InvalidValueError(
            f"{text!r} is not a duration; write seconds (225), m:ss (3:45) "
            "or h:mm:ss (1:02:03)"
        )
    hours, minutes, seconds = match.groups()
    if float(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise InvalidValueError(
            f"{text!r} is not a duration: minutes and seconds go up to 59 "
            "(write 3:45 or 1:02:03)"
        )
    return _bounded(int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), text)


def _bounded(seconds: float, text: str) -> float:
    if seconds > MAX_SECONDS:
        raise InvalidValueError(
            f"{text!r} is too long for a track: {MAX_HOURS} hours at most"
        )
    return seconds


def parse_track_length(text: str) -> float | None:
    """Read the length of a track as `parse_duration` does; a zero length is unknown.

    The same rule as for playlist files, so that a track typed with length 0 is
    shown as ``--:--`` and plays until the person moves on, like any other track
    whose length nobody knows.
    """
    seconds = parse_duration(text)
    return None if seconds == 0 else seconds


def format_duration(seconds: float | None) -> str:
    """Show seconds as ``m:ss`` or ``h:mm:ss``; unknown as ``--:--``."""
    if seconds is None or not math.isfinite(seconds):
        return UNKNOWN
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
