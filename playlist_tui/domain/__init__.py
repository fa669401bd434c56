"""The domain of playlist-tui: tracks, the linked-list playlist, playback, errors.

Pure Python: nothing here imports Textual or SQL.
"""

from playlist_tui.domain.durations import (
    format_duration,
    parse_duration,
    parse_track_length,
)
from playlist_tui.domain.errors import (
    DuplicateNameError,
    EmptyPlaylistError,
    FormatError,
    InvalidTrackError,
    InvalidValueError,
    NoNextTrackError,
    NoPreviousTrackError,
    NotFoundError,
    PlaylistError,
    TrackIsPlayingError,
)
from playlist_tui.domain.playlist import (
    Clock,
    PlaybackSnapshot,
    Playlist,
    Repeat,
    State,
)
from playlist_tui.domain.text import visible_text
from playlist_tui.domain.track import Track

__all__ = [
    "Clock",
    "DuplicateNameError",
    "EmptyPlaylistError",
    "FormatError",
    "InvalidTrackError",
    "InvalidValueError",
    "NoNextTrackError",
    "NoPreviousTrackError",
    "NotFoundError",
    "PlaybackSnapshot",
    "Playlist",
    "PlaylistError",
    "Repeat",
    "State",
    "Track",
    "TrackIsPlayingError",
    "format_duration",
    "parse_duration",
    "parse_track_length",
    "visible_text",
]
