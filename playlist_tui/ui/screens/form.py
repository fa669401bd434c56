"""`FormModal`: what every dialog with fields and Save / Cancel buttons shares."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Input

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
