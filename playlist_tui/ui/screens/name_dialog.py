"""`NameModal`: type the name of a new playlist, or a new name for one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from playlist_tui.domain import PlaylistError
from playlist_tui.ui import text
from playlist_tui.ui.screens.form import FormModal


class NameModal(FormModal[Any]):
    """Ask for a playlist name and hand it to ``submit``.

    ``submit`` does the work (create or rename) and raises `PlaylistError` when the
    name is refused (empty, taken); the reason then shows under the field and the
    dialog stays open. On success the dialog closes with what ``submit`` returned.
    """

    def __init__(
        self,
        title: str,
        submit: Callable[[str], Any],
        *,
        value: str = "",
        action: str = "Save",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.submit = submit
        self.initial = value
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(id="fields"):
                yield Static("Name", classes="field-label", markup=False)
                yield Input(text.safe(self.initial), id="name", select_on_focus=True)
                yield Static("", id="name-error", classes="field-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.action_label, variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def save(self) -> None:
        """Hand the name over; show the reason if it is refused."""
        name = self.query_one("#name", Input).value
        error = self.query_one("#name-error", Static)
        if not name.strip():
            self.explain(error, "A playlist needs a name; the name is empty.")
            return
        try:
            result = self.submit(name)
        except PlaylistError as exc:
            self.explain(error, text.message(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.log.error(f"saving the name failed: {exc!r}")
            self.explain(error, text.message(f"internal error: {exc}"))
            return
        self.dismiss(result)
