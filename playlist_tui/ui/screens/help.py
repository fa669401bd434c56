"""`HelpScreen`: every key of the app, by section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KeyRow = tuple[str, str]
"""A key (as shown) and what it does."""


class HelpScreen(ModalScreen[None]):
    """A scrolling list of keys; the app hands over the sections it has."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
        Binding("up", "scroll(-1)", "Up", show=False),
        Binding("down", "scroll(1)", "Down", show=False),
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[KeyRow]]]) -> None:
        super().__init__()
        self.sections = sections

    def keys_table(self) -> Table:
        """All sections as one table: keys on the left, what they do on the right."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=14)
        table.add_column(ratio=1)
        for number, (title, rows) in enumerate(self.sections):
            if number:
                table.add_row("", "")
            table.add_row(Text(title, style="underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        return table

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog -help"):
            yield Static(Text("Keys — Esc, q or ? closes"), classes="dialog-title")
            with VerticalScroll(id="keys"):
                yield Static(self.keys_table(), id="keys-text")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        """Scroll the list of keys."""
        self.query_one("#keys", VerticalScroll).scroll_relative(y=lines, animate=False)
