"""`TrackTable`: the tracks of one playlist, fast at any length.

A line-API widget: it keeps the playlist's tracks in a list (rebuilt when the
playlist's revision changes) and draws only the rows on screen. Filtering keeps a
list of row indices; each row's lowercased "title, artist, album" is computed once
per revision, on the first filter.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from playlist_tui.domain import Playlist, State, Track
from playlist_tui.formats import file_is_missing
from playlist_tui.ui import text
from playlist_tui.ui.widgets.row_list import RowList

MARKERS = {State.PLAYING: "▶", State.PAUSED: "⏸"}
MISSING = "✗"
"""Marks a track whose file is not on this computer (it still plays, simulated)."""
DURATION_WIDTH = 7
GAP = 1


@dataclass(frozen=True, slots=True)
class Columns:
    """Widths of the columns for one terminal width (0 hides a column)."""

    number: int
    title: int
    artist: int
    album: int
    duration: int

    @classmethod
    def for_width(cls, width: int, rows: int) -> Columns:
        """Share ``width`` between the columns, from the width alone (no row scan)."""
        number = 2 + max(2, len(str(max(rows, 1))))
        duration = DURATION_WIDTH
        flexible = width - number - duration - 4 * GAP
        if flexible >= 60:
            title = flexible * 45 // 100
            artist = flexible * 30 // 100
            return cls(number, title, artist, flexible - title - artist, duration)
        flexible += GAP
        if flexible >= 30:
            title = flexible * 60 // 100
            return cls(number, title, flexible - title, 0, duration)
        return cls(number, max(1, flexible + GAP), 0, 0, duration)


class TrackTable(RowList):
    """The tracks of a playlist: number, title, artist, album and duration."""

    HEADER_HEIGHT = 1

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Play track", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "track-table--header",
        "track-table--cursor",
        "track-table--playing",
        "track-table--dim",
    }

    DEFAULT_CSS = """
    TrackTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    TrackTable > .track-table--header {
        text-style: bold;
        color: $text-accent;
    }
    TrackTable > .track-table--cursor {
        background: $boost;
        text-style: bold;
    }
    TrackTable:focus > .track-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    TrackTable > .track-table--playing {
        color: $text-success;
        text-style: bold;
    }
    TrackTable > .track-table--dim {
        color: $text-muted;
    }
    """

    class SelectionChanged(Message):
        """The cursor moved to another track (None when there is none)."""

        def __init__(self, table: TrackTable, track: Track | None) -> None:
            super().__init__()
            self.table = table
            self.track = track

        @property
        def control(self) -> TrackTable:
            return self.table

    class TrackChosen(Message):
        """A track was chosen with Enter or a double click: play it.

        ``track`` is None when Enter was pressed with no row to choose (an empty
        or filtered-out list), so that the app can say why nothing plays.
        """

        def __init__(self, table: TrackTable, track: Track | None) -> None:
            super().__init__()
            self.table = table
            self.track = track

        @property
        def control(self) -> TrackTable:
            return self.table

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.playlist: Playlist | None = None
        self.playing_id: int | None = None
        self.playing_state = State.STOPPED
        self._rows: list[Track] = []
        self._loaded: tuple[int, int] | None = None
        self._haystack: list[str] | None = None
        self._where: dict[int, int] | None = None
        self._query = ""
        self._view: list[int] | None = None
        self._last_selected: int | None = None
        self._missing: dict[str, bool] = {}

    # ------------------------------------------------------------------ reading

    @property
    def rows(self) -> list[Track]:
        """All tracks of the playlist, in order (not only the filtered ones)."""
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows) if self._view is None else len(self._view)

    @property
    def filter_text(self) -> str:
        """The filter text, empty when every track shows."""
        return self._query

    @property
    def visible_tracks(self) -> list[Track]:
        """The tracks the table shows, in order (the filtered ones while filtering)."""
        if self._view is None:
            return list(self._rows)
        return [self._rows[i] for i in self._view]

    @property
    def selected(self) -> Track | None:
        """The track under the cursor, if any."""
        index = self._row_index(self.cursor)
        return self._rows[index] if index is not None else None

    def index_of(self, track_id: int) -> int | None:
        """Return the view row that shows the track ``track_id``, if it shows."""
        if self._where is None:
            self._where = {track.id: i for i, track in enumerate(self._rows)}  # type: ignore[misc]
        index = self._where.get(track_id)
        if index is None or self._view is None:
            return index
        # The view holds row indices in ascending order.
        row = bisect_left(self._view, index)
        return row if row < len(self._view) and self._view[row] == index else None

    def position_of(self, track_id: int) -> int | None:
        """Return the 1-based position of a track in the playlist (filter or not)."""
        if self._where is None:
            self.index_of(track_id)
        index = self._where.get(track_id) if self._where is not None else None
        return index + 1 if index is not None else None

    # ------------------------------------------------------------------ loading

    def show_playlist(self, playlist: Playlist | None) -> None:
        """Show another playlist (or none), from its first track, unfiltered."""
        self.playlist = playlist
        self._loaded = None
        self._query = ""
        self._view = None
        self._cursor = 0
        self.scroll_to(y=0, animate=False)
        self.reload()

    def reload(self) -> bool:
        """Read the playlist again if it changed; keep the cursor on its track.

        Returns:
            True if the rows were rebuilt.
        """
        playlist = self.playlist
        key = (id(playlist), playlist.revision) if playlist is not None else None
        if key == self._loaded and key is not None:
            return False
        selected = self.selected
        old_cursor = self.cursor

        self._loaded = key
        self._rows = playlist.tracks() if playlist is not None else []
        self._haystack = None
        self._where = None
        self._missing = {}
        self._view = self._filtered(self._query)
        self.rows_changed()

        row = self.index_of(selected.id) if selected is not None else None
        self._cursor = (
            row if row is not None else min(old_cursor, max(0, self.row_count - 1))
        )
        self.scroll_to_row(self._cursor)
        self._announce()
        return True

    def set_filter(self, query: str) -> None:
        """Show only tracks whose title, artist or album hold every word of ``query``."""
        selected = self.selected
        # Typing on narrows what is already shown: every row that holds the longer
        # text holds the shorter one, so only those rows need looking at.
        narrower = self._view is not None and query.casefold().startswith(
            self._query.casefold()
        )
        self._view = self._filtered(query, self._view if narrower else None)
        self._query = query
        self.rows_changed()

        row = self.index_of(selected.id) if selected is not None else None
        self._cursor = row if row is not None else 0
        self.scroll_to_row(self._cursor)
        self._announce()

    def select_track(self, track_id: int) -> bool:
        """Put the cursor on a track; False if it is not shown."""
        row = self.index_of(track_id)
        if row is None:
            return False
        self.move_cursor(row)
        return True

    def is_missing(self, track: Track) -> bool:
        """Whether the track's file is not here; looked up once per row shown."""
        location = track.location
        if not location:
            return False
        missing = self._missing.get(location)
        if missing is None:
            missing = self._missing[location] = file_is_missing(location)
        return missing

    def set_playing(self, track_id: int | None, state: State) -> None:
        """Mark the track that plays (or is paused); None marks nothing."""
        if (track_id, state) == (self.playing_id, self.playing_state):
            return
        self.playing_id = track_id
        self.playing_state = state
        self.refresh()

    # ------------------------------------------------------------------ drawing

    def render_header(self, y: int, width: int) -> Strip:
        columns = Columns.for_width(width, len(self._rows))
        style = self.rich_style + self.get_component_rich_style("track-table--header")
        labels = (
            "  " + text.fit_right("#", columns.number - 2),
            "Title",
            "Artist",
            "Album",
            "Time",
        )
        return self._line(columns, labels, style, width)

    def render_row(self, index: int, line: int, width: int) -> Strip:
        position = self._row_index(index)
        if position is None:
            return Strip.blank(width, self.rich_style)
        track = self._rows[position]
        columns = Columns.for_width(width, len(self._rows))

        style = self.rich_style
        marker = " "
        if track.id == self.playing_id and self.playing_state in MARKERS:
            marker = MARKERS[self.playing_state]
            style += self.get_component_rich_style("track-table--playing")
        elif self.is_missing(track):
            marker = MISSING
            style += self.get_component_rich_style("track-table--dim")
        if index == self.cursor:
            style += self.get_component_rich_style("track-table--cursor")

        cells = (
            marker + " " + text.fit_right(str(position + 1), columns.number - 2),
            track.title,
            track.artist,
            track.album,
            text.duration(track.duration),
        )
        return self._line(columns, cells, style, width)

    def _line(
        self, columns: Columns, cells: tuple[str, ...], style: Style, width: int
    ) -> Strip:
        number, title, artist, album, duration = cells
        parts = [
            (text.fit(text.safe(number), columns.number), style),
            (" " * GAP, style),
            (text.fit(text.safe(title), columns.title), style),
        ]
        if columns.artist:
            parts += [
                (" " * GAP, style),
                (text.fit(text.safe(artist), columns.artist), style),
            ]
        if columns.album:
            parts += [
                (" " * GAP, style),
                (text.fit(text.safe(album), columns.album), style),
            ]
        parts += [
            (" " * GAP, style),
            (text.fit_right(duration, columns.duration), style),
        ]
        return self.make_strip(parts, width, style)

    # ------------------------------------------------------------------ events

    def action_choose(self) -> None:
        """Play the track under the cursor."""
        self.row_chosen(self.cursor)

    def row_chosen(self, index: int) -> None:
        position = self._row_index(index)
        track = self._rows[position] if position is not None else None
        self.post_message(self.TrackChosen(self, track))

    def cursor_moved(self) -> None:
        self._announce()

    def on_resize(self) -> None:
        self.scroll_to_row(self.cursor)

    # ------------------------------------------------------------------ internals

    def _row_index(self, row: int) -> int | None:
        """Map a row of the view to an index in ``_rows``."""
        if not 0 <= row < self.row_count:
            return None
        return row if self._view is None else self._view[row]

    def _filtered(
        self, query: str, within: list[int] | None = None
    ) -> list[int] | None:
        """Return the indices of the rows holding every word, or None for no filter."""
        words = query.casefold().split()
        if not words:
            return None
        if self._haystack is None:
            self._haystack = [
                f"{t.title}\t{t.artist}\t{t.album}".casefold() for t in self._rows
            ]
        haystack = self._haystack
        found = within
        for word in words:
            if found is None:
                found = [i for i, row in enumerate(haystack) if word in row]
            else:
                found = [i for i in found if word in haystack[i]]
        return found

    def _announce(self) -> None:
        """Post SelectionChanged when the selected track is another one."""
        track = self.selected
        track_id = track.id if track is not None else None
        if track_id != self._last_selected or track is None:
            self._last_selected = track_id
            self.post_message(self.SelectionChanged(self, track))
