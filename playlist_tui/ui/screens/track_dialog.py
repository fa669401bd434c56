"""`TrackModal`: add a track, or edit one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from playlist_tui.domain import PlaylistError, Track, parse_track_length
from playlist_tui.formats import typed_location
from playlist_tui.ui import text
from playlist_tui.ui.screens.form import FormModal

FIELDS = ("title", "artist", "album", "duration", "location")
LABELS = {
    "title": "Title (required)",
    "artist": "Artist",
    "album": "Album",
    "duration": "Duration (225, 3:45 or 1:02:03; empty or 0 if unknown)",
    "location": "Location (path or URL)",
}


class TrackModal(FormModal[Track | None]):
    """A form for one track; ``submit`` saves the fields and returns the track.

    For an edit only the fields that changed are handed to ``submit``. A wrong
    value is explained under its field; the dialog stays open and nothing is saved.
    """

    def __init__(
        self,
        title: str,
        submit: Callable[[dict[str, Any]], Track],
        track: Track | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.submit = submit
        self.track = track
        self._initial = self._values(track)

    @staticmethod
    def _values(track: Track | None) -> dict[str, str]:
        if track is None:
            return {name: "" for name in FIELDS}
        return {
            "title": text.safe(track.title),
            "artist": text.safe(track.artist),
            "album": text.safe(track.album),
            "duration": "" if track.duration is None else text.duration(track.duration),
            "location": text.safe(track.location),
        }

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog -track"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(id="fields"):
                for name in FIELDS:
                    yield Static(LABELS[name], classes="field-label", markup=False)
                    yield Input(self._initial[name], id=name, compact=True)
                    yield Static(
                        "", id=f"{name}-error", classes="field-error", markup=False
                    )
            yield Static("", id="form-error", classes="field-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_position = 0
        self.query_one("#title", Input).focus()

    def error(self, field: str, message: str) -> None:
        """Show ``message`` under ``field`` (or under the form)."""
        self.explain(self.query_one(f"#{field}-error", Static), message)

    def fields(self) -> dict[str, Any] | None:
        """Read the form; None (and a reason on screen) if a value is wrong."""
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        for name in FIELDS:
            self.error(name, "")
        self.error("form", "")

        ok = True
        if not values["title"].strip():
            self.error("title", "A track needs a title; the title is empty.")
            ok = False
        try:
            seconds = parse_track_length(values["duration"])
        except PlaylistError as exc:
            self.error("duration", text.message(exc))
            ok = False
        if not ok:
            return None

        result: dict[str, Any] = {
            "title": values["title"].strip(),
            "artist": values["artist"].strip(),
            "album": values["album"].strip(),
            "duration": seconds,
            "location": typed_location(values["location"]),
        }
        if self.track is not None:
            # Only changed fields: a location shown with stand-ins for bytes that
            # were not UTF-8 must not replace the real one unless it was edited.
            changed = {k for k in FIELDS if values[k] != self._initial[k]}
            result = {k: v for k, v in result.items() if k in changed}
        return result

    def save(self) -> None:
        """Check the form and hand it to ``submit``; stay open on any problem."""
        fields = self.fields()
        if fields is None:
            return
        if self.track is not None and not fields:
            self.dismiss(self.track)
            return
        try:
            track = self.submit(fields)
        except PlaylistError as exc:
            self.error("form", text.message(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.log.error(f"saving the track failed: {exc!r}")
            self.error("form", text.message(f"internal error: {exc}"))
            return
        self.dismiss(track)
