"""`FormModal`: what every dialog with fields and Save / Cancel buttons shares."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

ResultType = TypeVar("ResultType")


class FormModal(ModalScreen[ResultType]):
    """Enter in a field or the Save button saves; Escape or Cancel closes.

    Subclasses compose their fields with a button whose id is ``save`` and one
    whose id is ``cancel``, and say in `save` what saving means. Closing without
    saving dismisses with None.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_fields)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_fields)

    def fit_fields(self) -> None:
        """Let the scrolling ``#fields`` take only the rows the buttons leave.

        On a short terminal the fields scroll and the buttons stay on screen.
        CSS cannot say "what is left of a dialog whose height is auto", so it is
        computed here from the heights of everything else in the dialog.
        """
        found = self.query("#fields")
        if not found:
            return
        fields = found.first()
        dialog = fields.parent
        if not isinstance(dialog, Widget):
            return
        others = sum(
            child.outer_size.height
            + child.styles.margin.top
            + child.styles.margin.bottom
            for child in dialog.children
            if child is not fields and child.display
        )
        frame = dialog.outer_size.height - dialog.content_size.height
        room = int(self.size.height * 0.9) - frame - others
        fields.styles.max_height = max(2, room)

    def explain(self, label: Static, message: str) -> None:
        """Show ``message`` in the error line ``label`` (hidden when empty).

        The fields are fitted again and the message scrolled into view, so that
        on a short terminal both it and the buttons stay on screen.
        """
        label.update(Text(message))
        label.display = bool(message)
        if message:
            self.call_after_refresh(self.fit_fields)
            self.call_after_refresh(label.scroll_visible, animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def save(self) -> None:
        """Check the fields and act on them; stay open to explain a problem."""
        raise NotImplementedError
