"""`TrackInfoModal`: every field of one track in full, however long."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from playlist_tui.domain import Track
from playlist_tui.formats import file_is_missing
from playlist_tui.ui import text


class TrackInfoModal(ModalScreen[None]):
    """Show a track's title, artist, album, duration and location, wrapped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i,q,enter", "close", "Close"),
    ]

    def __init__(self, track: Track, position: int | None = None) -> None:
        super().__init__()
        self.track = track
        self.position = position

    def details(self) -> Table:
        """The fields as a two-column table of literal text."""
        track = self.track
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        rows = [
            ("Title", track.title),
            ("Artist", track.artist),
            ("Album", track.album),
            ("Duration", text.duration(track.duration)),
            ("Location", track.location or "(none)"),
        ]
        if file_is_missing(track.location):
            rows.append(
                ("File", "not on this computer (the track still plays, simulated)")
            )
        if self.position is not None:
            rows.insert(0, ("Position", f"{self.position:,}"))
        for label, value in rows:
            table.add_row(Text(label), text.literal(value))
        return table

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog -info"):
            yield Static(Text("Track details"), classes="dialog-title")
            with VerticalScroll(id="details"):
                yield Static(self.details(), id="details-text")
            with Horizontal(classes="buttons"):
                yield Button("Close", variant="primary", id="close")

    def on_mount(self) -> None:
        # The details have focus, so that the arrow keys scroll a long text.
        self.query_one("#details", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the details."""
        self.dismiss(None)
