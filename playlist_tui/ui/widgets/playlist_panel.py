"""`PlaylistPanel`: every playlist, with its track count and total duration."""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from playlist_tui.domain import State
from playlist_tui.ui import text
from playlist_tui.ui.widgets.row_list import RowList
from playlist_tui.ui.widgets.track_table import MARKERS


class PlaylistSummary(Protocol):
    """What the panel reads of a playlist (the Session's `PlaylistInfo`)."""

    id: int
    name: str
    track_count: int
    total_duration: float
    unknown_durations: int


class PlaylistPanel(RowList):
    """The list of playlists; the one under the cursor is shown in the track table."""

    HEADER_HEIGHT = 1
    ROW_HEIGHT = 2

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open playlist", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "playlist-panel--header",
        "playlist-panel--cursor",
        "playlist-panel--playing",
        "playlist-panel--dim",
    }

    DEFAULT_CSS = """
    PlaylistPanel {
        width: 32;
        scrollbar-size-vertical: 1;
    }
    PlaylistPanel > .playlist-panel--header {
        text-style: bold;
        color: $text-accent;
    }
    PlaylistPanel > .playlist-panel--cursor {
        background: $boost;
        text-style: bold;
    }
    PlaylistPanel:focus > .playlist-panel--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    PlaylistPanel > .playlist-panel--playing {
        color: $text-success;
    }
    PlaylistPanel > .playlist-panel--dim {
        color: $text-muted;
    }
    """

    class PlaylistHighlighted(Message):
        """The cursor moved to another playlist (None when there is none)."""

        def __init__(self, panel: PlaylistPanel, playlist_id: int | None) -> None:
            super().__init__()
            self.panel = panel
            self.playlist_id = playlist_id

        @property
        def control(self) -> PlaylistPanel:
            return self.panel

    class Opened(Message):
        """Enter or a double click on a playlist: go to its tracks."""

        def __init__(self, panel: PlaylistPanel, playlist_id: int) -> None:
            super().__init__()
            self.panel = panel
            self.playlist_id = playlist_id

        @property
        def control(self) -> PlaylistPanel:
            return self.panel

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.playing_id: int | None = None
        self.playing_state = State.STOPPED
        self._items: list[PlaylistSummary] = []
        self._last_highlighted: int | None = None

    @property
    def row_count(self) -> int:
        return len(self._items)

    @property
    def items(self) -> list[PlaylistSummary]:
        """The playlists shown, in order."""
        return list(self._items)

    @property
    def selected_id(self) -> int | None:
        """The id of the playlist under the cursor, if any."""
        if not self._items:
            return None
        return self._items[self.cursor].id

    def show(self, items: list[PlaylistSummary], select: int | None = None) -> None:
        """Show these playlists; keep the cursor on ``select`` (or on the same one)."""
        keep = select if select is not None else self.selected_id
        self._items = list(items)
        rows = [item.id for item in self._items]
        self._cursor = (
            rows.index(keep) if keep in rows else min(self.cursor, len(rows) - 1)
        )
        self._cursor = max(0, self._cursor)
        self.rows_changed()
        self.scroll_to_row(self._cursor)
        self._announce()

    def set_playing(self, playlist_id: int | None, state: State) -> None:
        """Mark the playlist that plays (or is paused)."""
        if (playlist_id, state) != (self.playing_id, self.playing_state):
            self.playing_id = playlist_id
            self.playing_state = state
            self.refresh()

    # ------------------------------------------------------------------ drawing

    def render_header(self, y: int, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style(
            "playlist-panel--header"
        )
        label = f"Playlists ({len(self._items)})"
        return self.make_strip([(text.fit(label, width), style)], width, style)

    def render_row(self, index: int, line: int, width: int) -> Strip:
        item = self._items[index]
        style = self.rich_style
        playing = item.id == self.playing_id and self.playing_state in MARKERS
        if playing:
            style += self.get_component_rich_style("playlist-panel--playing")
        if index == self.cursor:
            style += self.get_component_rich_style("playlist-panel--cursor")

        if line == 0:
            marker = MARKERS[self.playing_state] if playing else " "
            label = f"{marker} {text.safe(item.name)}"
            return self.make_strip([(text.fit(label, width), style)], width, style)

        dim = style + self.get_component_rich_style("playlist-panel--dim", partial=True)
        tracks = text.count(item.track_count, "track")
        total = text.total(item.total_duration, item.unknown_durations)
        return self.make_strip(
            [(text.fit(f"  {tracks} · {total}", width), dim)], width, dim
        )

    # ------------------------------------------------------------------ events

    def cursor_moved(self) -> None:
        self._announce()

    def action_open(self) -> None:
        """Go to the tracks of the playlist under the cursor."""
        self.row_chosen(self.cursor)

    def row_chosen(self, index: int) -> None:
        if 0 <= index < len(self._items):
            self.post_message(self.Opened(self, self._items[index].id))

    def _announce(self) -> None:
        selected = self.selected_id
        if selected != self._last_highlighted:
            self._last_highlighted = selected
            self.post_message(self.PlaylistHighlighted(self, selected))
