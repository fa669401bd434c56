"""`ImportModal` and `ExportModal`: a playlist file or a folder in, a playlist out."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static

from playlist_tui.domain import PlaylistError
from playlist_tui.ui import text
from playlist_tui.ui.screens.form import FormModal

FORMATS = ("m3u8", "m3u", "pls", "xspf")
FORMAT_NAMES = {
    "m3u8": "M3U8 (UTF-8, most players)",
    "m3u": "M3U",
    "pls": "PLS",
    "xspf": "XSPF (XML)",
}


def expand(typed: str) -> Path:
    """The path a person typed: ``~`` and ``$HOME`` expanded, blanks around cut."""
    return Path(os.path.expandvars(os.path.expanduser(typed.strip())))


@dataclass(frozen=True, slots=True)
class ImportChoice:
    """What to import, and the playlist to add it to (None: a new playlist)."""

    path: Path
    into: str | None


class _PathModal(FormModal[Any]):
    """A dialog with a path field, an error line under it, and two buttons."""

    @property
    def path_input(self) -> Input:
        return self.query_one("#path", Input)

    def show_error(self, message: object) -> None:
        """Explain under the field why nothing was done; the dialog stays open."""
        self.explain(self.query_one("#path-error", Static), text.message(message))


class ImportModal(_PathModal):
    """Ask for a playlist file or a music folder to import.

    Args:
        shown: The name of the playlist on screen, offered as the one to add the
            tracks to instead of a new playlist (None when there is none).
    """

    def __init__(self, shown: str | None) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(
                "Import a playlist file or a music folder", classes="dialog-title"
            )
            with VerticalScroll(id="fields"):
                yield Static(
                    "Path (M3U, M3U8, PLS or XSPF file, or a folder scanned for music)",
                    classes="field-label",
                    markup=False,
                )
                yield Input(placeholder="~/Music or ~/mix.m3u8", id="path")
                yield Static("", id="path-error", classes="field-error", markup=False)
                if self.shown is not None:
                    label = Text("Add the tracks to ")
                    label.append(text.quoted(self.shown))
                    label.append(" instead of a new playlist")
                    yield Checkbox(label, id="into", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Import", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.path_input.focus()

    def save(self) -> None:
        """Check the path exists, then close with the choice."""
        typed = self.path_input.value
        if not typed.strip():
            self.show_error("Type the path of a playlist file or a folder.")
            return
        path = expand(typed)
        if not path.exists():
            self.show_error(
                f"There is no file or folder at {path}; check the path and try again."
            )
            return
        into = None
        if self.shown is not None and self.query_one("#into", Checkbox).value:
            into = self.shown
        self.dismiss(ImportChoice(path, into))


class ExportModal(_PathModal):
    """Ask where to write a playlist, and in which format; ``submit`` writes it.

    The format follows the file's extension and the other way round. A file that
    exists already is replaced only after a second press of Export.

    Args:
        name: The playlist's name, shown in the title.
        default: The path offered at first.
        submit: Writes the playlist to a path in a format and returns what to
            close with; raises `PlaylistError` when it cannot (the reason is shown
            under the field and the dialog stays open).
    """

    def __init__(
        self, name: str, default: Path, submit: Callable[[Path, str], Any]
    ) -> None:
        super().__init__()
        self.name_text = name
        self.default = default
        self.submit = submit
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        fmt = format_of(self.default) or "m3u8"
        with Vertical(id="dialog", classes="dialog"):
            title = Text("Export ")
            title.append(text.quoted(self.name_text))
            yield Static(title, classes="dialog-title")
            with VerticalScroll(id="fields"):
                yield Static("File", classes="field-label", markup=False)
                yield Input(text.safe(self.default), id="path")
                yield Static("", id="path-error", classes="field-error", markup=False)
                yield Static("Format", classes="field-label", markup=False)
                yield Select(
                    [(FORMAT_NAMES[name], name) for name in FORMATS],
                    value=fmt,
                    allow_blank=False,
                    id="format",
                    compact=True,
                )
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.path_input.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new format gives the file the matching extension."""
        event.stop()
        fmt = str(event.value)
        typed = self.path_input.value
        if typed.strip() and format_of(expand(typed)) != fmt:
            stem, _ = os.path.splitext(typed.rstrip())
            self.path_input.value = f"{stem}.{fmt}"

    def on_input_changed(self, event: Input.Changed) -> None:
        """A typed extension picks the format."""
        self._confirmed = None
        fmt = format_of(expand(event.value))
        select = self.query_one("#format", Select)
        if fmt is not None and select.value != fmt:
            with select.prevent(Select.Changed):
                select.value = fmt

    def save(self) -> None:
        """Write the file; ask once more before replacing one."""
        typed = self.path_input.value
        if not typed.strip():
            self.show_error("Type the path of the file to write.")
            return
        path = expand(typed)
        fmt = str(self.query_one("#format", Select).value)
        if path.is_dir():
            self.show_error(f"{path} is a folder; add a file name to the path.")
            return
        if path.exists() and not path.is_file():
            self.show_error(
                f"{path} is not a regular file (a device, a pipe or a socket); "
                "choose another file name."
            )
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self.show_error(f"{path} exists already. Press Export again to replace it.")
            return
        try:
            result = self.submit(path, fmt)
        except PlaylistError as exc:
            self.show_error(exc)
            return
        self.dismiss(result)


def format_of(path: Path) -> str | None:
    """The export format an extension names, if any."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None
