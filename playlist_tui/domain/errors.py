"""The one exception hierarchy of playlist-tui.

Every message names the object it is about and the reason, so that the screen, the
command line and a script can show it to a person as it is.
"""

from __future__ import annotations


class PlaylistError(Exception):
    """Base class of every error playlist-tui raises on purpose."""


class InvalidTrackError(PlaylistError, ValueError):
    """A track's fields are not acceptable (empty title, negative duration, ...)."""


class InvalidValueError(PlaylistError, ValueError):
    """A value given by the user has the wrong form (a duration, a position, ...)."""


class NotFoundError(PlaylistError, LookupError):
    """No track or playlist has the given id or name."""


class EmptyPlaylistError(PlaylistError):
    """The operation needs at least one track."""


class NoNextTrackError(PlaylistError):
    """Next was asked for on the last track with repeat off."""


class NoPreviousTrackError(PlaylistError):
    """Previous was asked for on the first track with repeat off."""


class TrackIsPlayingError(PlaylistError):
    """The track is the current one (playing or paused) and may not be removed."""


class DuplicateNameError(PlaylistError):
    """Another playlist already has this name (ignoring case)."""


class FormatError(PlaylistError):
    """A playlist file or folder cannot be read or written as a whole."""
