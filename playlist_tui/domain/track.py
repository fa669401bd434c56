"""The `Track`: one entry of one playlist."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from playlist_tui.domain.durations import MAX_HOURS, MAX_SECONDS
from playlist_tui.domain.errors import InvalidTrackError
from playlist_tui.domain.text import visible_text

EDITABLE_FIELDS = ("title", "artist", "album", "duration", "location")


@dataclass(frozen=True, slots=True)
class Track:
    """One entry of a playlist.

    The same song may appear twice in a playlist: then it is two tracks with two ids.

    Attributes:
        title: Required; an empty or blank title is refused.
        artist: May be empty.
        album: May be empty.
        duration: Seconds as a float, or ``None`` when unknown (a stream, say).
        location: A path or a URL, or ``None``.
        id: Unique within its playlist; ``None`` until a playlist or storage gives one.
    """

    title: str
    artist: str = ""
    album: str = ""
    duration: float | None = None
    location: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        set_field = object.__setattr__

        for name in ("title", "artist", "album"):
            value = getattr(self, name)
            if value is None and name != "title":
                value = ""
            if not isinstance(value, str):
                raise InvalidTrackError(
                    f"the {name} of a track must be text, not {type(value).__name__}"
                )
            if name == "title" and not value.strip():
                raise InvalidTrackError("a track needs a title; the title is empty")
            set_field(self, name, visible_text(value))

        set_field(self, "duration", _checked_duration(self.duration, self.title))

        if self.location is not None and not isinstance(self.location, str):
            raise InvalidTrackError(f"the location of {self.title!r} must be text")
        if self.location is not None and "\x00" in self.location:
            # No file system takes a NUL in a name, and no playlist line can hold it.
            raise InvalidTrackError(
                f"the location of {self.title!r} holds a NUL character, which no "
                "file name can have"
            )
        if self.location == "":
            set_field(self, "location", None)

        if self.id is not None and (
            isinstance(self.id, bool) or not isinstance(self.id, int)
        ):
            raise InvalidTrackError(f"the id of {self.title!r} must be a whole number")

    def with_changes(self, **fields: Any) -> Track:
        """Return a copy with ``fields`` changed, validated like a new track."""
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            names = ", ".join(sorted(unknown))
            raise InvalidTrackError(f"a track has no field named {names}")
        return dataclasses.replace(self, **fields)

    def with_id(self, track_id: int) -> Track:
        """Return a copy with another id; the fields are already valid, so no checks."""
        return _trusted(
            self.title, self.artist, self.album, self.duration, self.location, track_id
        )

    @staticmethod
    def trusted(
        title: str,
        artist: str,
        album: str,
        duration: float | None,
        location: str | None,
        id: int,
    ) -> Track:
        """Build a track from fields that were validated when they were stored.

        Loading 100,000 tracks is several times faster without the checks; use it
        only for values that passed through `Track` before (rows of our database).
        """
        return _trusted(title, artist, album, duration, location, id)

    def label(self) -> str:
        """Return ``Title`` or ``Title — Artist``, as messages name a track."""
        if self.artist:
            return f"{self.title} — {self.artist}"
        return self.title


def _checked_duration(value: object, title: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTrackError(
            f"the duration of {title!r} must be a number of seconds, not {value!r}"
        )
    seconds = float(value)
    if math.isnan(seconds) or math.isinf(seconds):
        raise InvalidTrackError(
            f"the duration of {title!r} must be a finite number of seconds, not {value!r}"
        )
    if seconds < 0:
        raise InvalidTrackError(
            f"the duration of {title!r} cannot be negative ({value!r} s)"
        )
    if seconds > MAX_SECONDS:
        raise InvalidTrackError(
            f"the duration of {title!r} is {value!r} s; a track can be "
            f"{MAX_HOURS} hours at most"
        )
    return seconds


# Member descriptors set slots directly, past the frozen dataclass's __setattr__.
_SET_TITLE, _SET_ARTIST, _SET_ALBUM, _SET_DURATION, _SET_LOCATION, _SET_ID = (
    Track.__dict__[name].__set__ for name in (*EDITABLE_FIELDS, "id")
)
_new = object.__new__


def _trusted(
    title: str,
    artist: str,
    album: str,
    duration: float | None,
    location: str | None,
    track_id: int,
) -> Track:
    track = _new(Track)
    _SET_TITLE(track, title)
    _SET_ARTIST(track, artist)
    _SET_ALBUM(track, album)
    _SET_DURATION(track, duration)
    _SET_LOCATION(track, location)
    _SET_ID(track, track_id)
    return track
