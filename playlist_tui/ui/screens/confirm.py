"""`ConfirmModal`: a yes/no question that names what it is about."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmModal(ModalScreen[bool]):
    """Ask a question; dismiss with True for yes, False for no.

    The question is a `Text` (or plain string shown literally), so names in it can
    never be read as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(
        self, question: Text | str, *, yes: str = "Delete", title: str = ""
    ) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        self.yes_label = yes
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog -confirm"):
            if self.title_text:
                yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, variant="error", id="yes")
                yield Button("Cancel", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Yes or Cancel."""
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer with a key: y for yes, n or Escape for no."""
        self.dismiss(yes)
