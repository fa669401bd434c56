"""`PlaylistApp`: the Textual app. It talks to the library only through a `Session`.

The app owns the widgets and the keys; every key runs an action that calls the
session, then tells the widgets what changed. Errors stop at the action's edge: a
`PlaylistError` becomes a short notification, anything else is logged and shown as
an internal error, and the terminal never shows a traceback.
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from playlist_tui.domain import (
    EmptyPlaylistError,
    NoNextTrackError,
    NoPreviousTrackError,
    Playlist,
    PlaylistError,
    State,
    Track,
    TrackIsPlayingError,
)
from playlist_tui.importer import ImportReport, export_playlist, safe_file_name
from playlist_tui.ui import text
from playlist_tui.ui.background import ImportProgress, import_in_thread
from playlist_tui.ui.screens.confirm import ConfirmModal
from playlist_tui.ui.screens.file_dialogs import ExportModal, ImportChoice, ImportModal
from playlist_tui.ui.screens.help import HelpScreen, KeyRow
from playlist_tui.ui.screens.info import TrackInfoModal
from playlist_tui.ui.screens.name_dialog import NameModal
from playlist_tui.ui.screens.track_dialog import TrackModal
from playlist_tui.ui.widgets.playlist_panel import PlaylistPanel
from playlist_tui.ui.widgets.track_table import TrackTable
from playlist_tui.ui.widgets.transport_bar import TransportBar

if TYPE_CHECKING:
    from playlist_tui.session import Session

log = logging.getLogger(__name__)

WallClock = Callable[[], datetime]
F = TypeVar("F", bound=Callable[..., Any])

NOTE_SECONDS = 3
ERROR_SECONDS = 8
TICK_SECONDS = 0.25
POLL_SECONDS = 1.0
SEEK_SHORT = 5
SEEK_LONG = 30


class CannotApplyNowError(PlaylistError):
    """A key that has nothing to act on here, such as moving the first track up."""


# Errors that mean "this key cannot apply now": a warning, not an error.
NOT_NOW = (
    CannotApplyNowError,
    EmptyPlaylistError,
    NoNextTrackError,
    NoPreviousTrackError,
    TrackIsPlayingError,
)

EMPTY_LIBRARY = (
    "Your library is empty.\n\n"
    "  N   create a playlist\n"
    "  a   then add a track to it\n"
    "  I   import a playlist file (M3U, PLS, XSPF) or a music folder\n\n"
    "From the shell: playlist-tui import PATH"
)
EMPTY_PLAYLIST = (
    "This playlist has no tracks yet.\n\n"
    "  a   add a track\n"
    "  I   import a playlist file or a music folder"
)


@dataclass(frozen=True, slots=True)
class Command:
    """One thing a person can do: its keys, its action, and how it is described."""

    keys: str
    action: str
    description: str
    section: str
    show: bool = False
    short: str | None = None
    """A shorter description for the footer."""
    priority: bool = False
    """Handled as the key arrives, before the keys typed after it (see filter)."""


KEYS: list[Command] = [
    Command("space", "toggle_play", "Play/Pause", "Playback", show=True),
    Command("n,greater_than_sign", "next_track", "Next", "Playback", show=True),
    Command("p,less_than_sign", "prev_track", "Previous", "Playback"),
    Command("S", "stop", "Stop", "Playback"),
    Command("left", f"seek({-SEEK_SHORT})", f"Back {SEEK_SHORT} s", "Playback"),
    Command("right", f"seek({SEEK_SHORT})", f"Forward {SEEK_SHORT} s", "Playback"),
    Command("shift+left", f"seek({-SEEK_LONG})", f"Back {SEEK_LONG} s", "Playback"),
    Command("shift+right", f"seek({SEEK_LONG})", f"Forward {SEEK_LONG} s", "Playback"),
    Command("r", "cycle_repeat", "Repeat off → all → one", "Playback"),
    Command("s", "toggle_shuffle", "Shuffle on/off", "Playback"),
    Command("t", "toggle_remaining", "Show elapsed or remaining time", "Playback"),
    Command("x", "toggle_stop_after", "Stop after the current track", "Playback"),
    Command("a", "add_track", "Add track", "Tracks", show=True, short="Add"),
    Command("e", "edit_track", "Edit track", "Tracks"),
    Command("d,delete", "remove_track", "Remove track", "Tracks"),
    Command("i", "track_info", "Track details (full text)", "Tracks"),
    Command("shift+up,K", "move_up", "Move track (or playlist) up", "Tracks"),
    Command("shift+down,J", "move_down", "Move track (or playlist) down", "Tracks"),
    # A priority key: its action moves the focus to the filter field before the
    # keys typed right after it are handed out, so "/dup" typed in one burst
    # filters for "dup" instead of removing a track (d) and playing (p).
    Command(
        "slash",
        "filter",
        "Filter tracks",
        "Tracks",
        show=True,
        short="Filter",
        priority=True,
    ),
    Command(
        "escape",
        "clear_filter",
        "Clear the filter",
        "Tracks",
        show=True,
        short="Clear filter",
    ),
    Command("N", "new_playlist", "New playlist", "Playlists"),
    Command("R", "rename_playlist", "Rename playlist", "Playlists"),
    Command("D", "delete_playlist", "Delete playlist", "Playlists"),
    Command("I", "import", "Import a playlist file or a music folder", "Playlists"),
    Command("E", "export", "Export the playlist to a file", "Playlists"),
    Command("question_mark", "help", "Help", "App", show=True),
    Command("q", "quit", "Quit", "App", show=True),
]

# Keys that belong to widgets or to Textual, listed in the help as well.
OTHER_KEYS: list[tuple[str, KeyRow]] = [
    ("Tracks", ("Enter", "Play the selected track (double click too)")),
    ("Tracks", ("↑ ↓ PgUp PgDn Home End", "Move the cursor")),
    ("Tracks", ("✗ (in the list)", "The track's file is not on this computer")),
    ("Playlists", ("Enter", "Open the playlist under the cursor")),
    (
        "Playlists",
        ("shift+↑ shift+↓ K J", "Move the playlist (when the panel has focus)"),
    ),
    ("App", ("Tab / shift+Tab", "Switch between the playlists and the tracks")),
    ("App", ("ctrl+p", "Command palette: every action, and the theme")),
]


def guarded(title: str) -> Callable[[F], F]:
    """Catch every error of an action or handler and notify it instead.

    A `PlaylistError` is expected (a key that cannot apply, a refused edit, a
    storage problem) and is shown as it is; anything else is a bug, logged and
    shown as an internal error rather than ending the app with a traceback.
    """

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: PlaylistApp, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except PlaylistError as exc:
                self.report(exc, title)
            except Exception as exc:  # noqa: BLE001 - the edge of every action
                self.log.error(f"{title}: internal error", exc)
                self.notify(
                    text.message(f"internal error: {exc!r}"),
                    title=title,
                    severity="error",
                    markup=False,
                )
            return None

        return wrapper  # type: ignore[return-value]

    return decorate


class PlaylistCommands(Provider):
    """The app's actions in the command palette (Ctrl+P)."""

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

    def _commands(self) -> Iterable[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        if not isinstance(app, PlaylistApp):
            return
        for command in KEYS:
            name = command.action.split("(")[0]
            if app.check_action(name, ()) is not True:
                continue
            keys = ", ".join(app.key_label(key) for key in command.keys.split(","))
            callback = partial(app.run_action, command.action)
            yield command.description, f"key: {keys}", callback


class PlaylistApp(App[None]):
    """The playlist manager: playlists on the left, tracks, the transport bar.

    Args:
        session: The open library; everything is read and changed through it.
        clock: The wall clock for "ends at" (``datetime.now`` by default); tests
            pass a frozen one. Playback time comes from the session's own clock.
    """

    TITLE = "playlist-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PlaylistCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            c.keys,
            c.action,
            c.short or c.description,
            show=c.show,
            tooltip=c.description,
            priority=c.priority,
        )
        for c in KEYS
    ]

    def __init__(self, session: Session, clock: WallClock | None = None) -> None:
        super().__init__()
        self.session = session
        self.wall_clock: WallClock = clock or datetime.now
        self.playlist_id: int | None = None
        self._ticker: Timer | None = None
        self._started = False
        self._hint: str | None = None
        self._last_note: tuple[str, str] | None = None
        self._last_note_until = 0.0
        self._followed: tuple[int | None, int | None] | None = None
        """(playlist id, track id) of the current track the cursor last followed."""

    def _fatal_error(self) -> None:
        """End on a bug with one line on the terminal, not a traceback.

        Textual calls this for an exception that escaped every handler (one raised
        while drawing, say); it would print a Rich traceback. The traceback goes to
        the log file instead, and the app still ends, with return code 1.
        """
        error = sys.exc_info()[1]
        log.error("internal error; the app stopped", exc_info=error is not None)
        files = [
            handler.baseFilename
            for handler in logging.getLogger().handlers
            if isinstance(handler, logging.FileHandler)
        ]
        where = f"; details are in {files[0]}" if files else ""
        self.bell()
        self._exit_renderables.append(
            Text(f"playlist-tui stopped on an internal error: {error!r}{where}")
        )
        self._close_messages_no_wait()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield PlaylistPanel(id="playlists")
            with Vertical(id="tracks-pane"):
                with Horizontal(id="filter-bar"):
                    yield Static("Filter:", id="filter-label", markup=False)
                    yield Input(
                        placeholder="title, artist or album", id="filter", compact=True
                    )
                    yield Static("", id="filter-count", markup=False)
                yield TrackTable(id="tracks")
                yield Static("", id="hint", markup=False)
        yield Static("", id="activity", markup=False)
        yield TransportBar(self.wall_clock, id="transport")
        yield Footer()

    @property
    def panel(self) -> PlaylistPanel:
        return self.query_one(PlaylistPanel)

    @property
    def table(self) -> TrackTable:
        return self.query_one(TrackTable)

    @property
    def bar(self) -> TransportBar:
        return self.query_one(TransportBar)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    @property
    def shown(self) -> Playlist | None:
        """The playlist in the track table (read only)."""
        return self.table.playlist

    # ------------------------------------------------------------------ start, stop

    def on_mount(self) -> None:
        """Restore the theme and the last playlist, start the clocks."""
        self._restore_theme()
        self._started = True
        self._ticker = self.set_interval(TICK_SECONDS, self.tick_playback, pause=True)
        self.set_interval(POLL_SECONDS, self.poll_changes)
        self.load(select=self._first_playlist())
        self.table.focus()
        if self.session.playback_elsewhere:
            self.notify(
                text.message(
                    f"Another playlist-tui is playing from {self.session.path}. "
                    "This one edits the same library and leaves playback to it."
                ),
                title="Playback",
                severity="warning",
                timeout=10,
                markup=False,
            )

    @guarded("Starting")
    def _restore_theme(self) -> None:
        theme = self.session.get_setting("theme")
        if theme and theme in self.available_themes:
            self.theme = theme

    def _first_playlist(self) -> int | None:
        try:
            saved = self.session.get_setting("playlist")
        except PlaylistError:
            saved = None
        ids = [info.id for info in self.session.playlists()]
        if saved is not None and saved.isdigit() and int(saved) in ids:
            return int(saved)
        active = self.session.active
        if active is not None and active.id in ids:
            return active.id
        return ids[0] if ids else None

    def watch_theme(self, theme: str) -> None:
        """Remember the theme picked in the command palette."""
        if self._started:
            self._save_setting("theme", theme)

    @guarded("Saving settings")
    def _save_setting(self, key: str, value: str) -> None:
        self.session.set_setting(key, value)

    def on_unmount(self) -> None:
        if self.playlist_id is not None:
            self._save_setting("playlist", str(self.playlist_id))

    # ------------------------------------------------------------------ refreshing

    def load(self, select: int | None = None) -> None:
        """Read the playlists again and show ``select`` (or the same one)."""
        self.panel.show(self.session.playlists(), select=select)
        self.show_playlist(self.panel.selected_id)

    def show_playlist(self, playlist_id: int | None) -> None:
        """Show a playlist's tracks (or nothing), keeping the view when it is the same."""
        playlist = (
            self.session.playlist(playlist_id) if playlist_id is not None else None
        )
        if playlist_id != self.playlist_id:
            self.playlist_id = playlist_id
            self._hide_filter()
            self.table.show_playlist(playlist)
        else:
            self.table.playlist = playlist
            self.table.reload()
        self.refresh_playback()
        self.update_hint()

    def reload_views(self) -> None:
        """After any edit: counts in the panel, rows in the table, the transport."""
        self.panel.show(self.session.playlists())
        selected = self.panel.selected_id
        if selected != self.playlist_id:
            self.show_playlist(selected)
        else:
            self.table.playlist = (
                self.session.playlist(selected) if selected is not None else None
            )
            self.table.reload()
            self.refresh_playback()
            self.update_hint()
        self.refresh_bindings()

    def refresh_playback(self) -> None:
        """Show the session's playback in the bar, the table and the panel."""
        active = self.session.active
        state = active.state if active is not None else State.STOPPED
        current = active.current if active is not None else None

        self.bar.playlist = active
        self.bar.refresh()
        marked = (
            active is not None and current is not None and state is not State.STOPPED
        )
        here = marked and active.id == self.playlist_id  # type: ignore[union-attr]
        self.table.set_playing(current.id if here else None, state)  # type: ignore[union-attr]
        self.panel.set_playing(active.id if marked else None, state)  # type: ignore[union-attr]
        self._follow_current(active, current)

        if self._ticker is not None:
            if state is State.PLAYING:
                self._ticker.resume()
            else:
                self._ticker.pause()

    def _follow_current(self, active: Playlist | None, current: Track | None) -> None:
        """Move the cursor with the current track when it was on the one before.

        So the next, previous and automatic changes of track carry the cursor
        along, and Space after a stop plays what the bar shows; a cursor the
        person moved elsewhere stays where it is.
        """
        now = current.id if current is not None and active is not None else None
        key = (active.id if active is not None else None, now)
        before, self._followed = self._followed, key
        if now is None or key == before or active.id != self.playlist_id:  # type: ignore[union-attr]
            return
        selected = self.table.selected
        if (
            before is None
            or selected is None
            or (before[0] == key[0] and selected.id == before[1])
        ):
            self.table.select_track(now)

    def update_hint(self) -> None:
        """Say how to begin when there is nothing to show."""
        hint = self.query_one("#hint", Static)
        message = ""
        if self.playlist_id is None:
            message = EMPTY_LIBRARY
        elif not self.table.rows:
            message = EMPTY_PLAYLIST
        elif self.table.filter_text and not self.table.row_count:
            message = f"No track matches {text.quoted(self.table.filter_text)}.  Esc clears the filter."
        if message == self._hint:
            return
        self._hint = message
        hint.update(Text(message))
        hint.display = bool(message)
        self.table.set_class(bool(message), "-empty")

    @guarded("Playback")
    def tick_playback(self) -> None:
        """Apply the clock; on a change of track or state, redraw the markers too."""
        if self.session.tick():
            self.refresh_playback()
        else:
            self.bar.refresh()

    @guarded("Refreshing")
    def poll_changes(self) -> None:
        """Pick up what another process (the CLI) changed."""
        if self.session.refresh():
            self.reload_views()

    def report(self, error: PlaylistError, title: str) -> None:
        """Show an expected error as a short notification, literally.

        A key that cannot apply now is a brief warning; anything else an error
        that stays longer. Either is said once while its note still shows, so
        quick presses (or a failing disk) do not stack a wall of notes.
        """
        not_now = isinstance(error, NOT_NOW)
        seconds = NOTE_SECONDS if not_now else ERROR_SECONDS
        note = (title, text.message(error))
        now = time.monotonic()
        if self._last_note == note and now < self._last_note_until:
            return
        self._last_note, self._last_note_until = note, now + seconds
        self.notify(
            note[1],
            title=title,
            severity="warning" if not_now else "error",
            timeout=seconds,
            markup=False,
        )

    def key_label(self, key: str) -> str:
        """Show a key name as people write it (``>`` for greater_than_sign)."""
        return self.get_key_display(Binding(key, ""))

    # ------------------------------------------------------------------ bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide clear-filter when no filter is shown.

        Every other key stays available: one that cannot apply now answers with a
        short message saying why, rather than doing nothing.
        """
        if not self._started:
            return True
        if action == "filter":
            # A priority binding sees "/" everywhere: in a field or a dialog it is
            # a character to type, so the key is passed on.
            typing = (
                isinstance(self.focused, Input)
                or self.screen is not self.screen_stack[0]
            )
            return not typing
        if action == "clear_filter":
            return self.query_one("#filter-bar").display
        return True

    # ------------------------------------------------------------------ playback

    @guarded("Play")
    def action_toggle_play(self) -> None:
        """Pause or resume; from stopped, play the selected track of the shown playlist."""
        active = self.session.active
        stopped = active is None or active.state is State.STOPPED
        if stopped and self.playlist_id is not None:
            selected = self.table.selected
            self.session.play(self.playlist_id, selected.id if selected else None)
        elif active is None:
            raise EmptyPlaylistError(
                "nothing to play yet: press N to create a playlist"
            )
        else:
            self.session.toggle()
        self.refresh_playback()

    @guarded("Play")
    def on_track_table_track_chosen(self, message: TrackTable.TrackChosen) -> None:
        """Enter or a double click: play that track (or say why there is none)."""
        track = message.track or self._need_track()
        self.session.play(self._need_playlist(), track.id)
        self.refresh_playback()

    @guarded("Play")
    def action_play_selected(self) -> None:
        """Play the selected track."""
        track = self._need_track()
        self.session.play(self._need_playlist(), track.id)
        self.refresh_playback()

    @guarded("Next")
    def action_next_track(self) -> None:
        """Go to the next track."""
        try:
            self.session.next()
        finally:
            self.refresh_playback()

    @guarded("Previous")
    def action_prev_track(self) -> None:
        """Go to the previous track."""
        try:
            self.session.prev()
        finally:
            self.refresh_playback()

    @guarded("Stop")
    def action_stop(self) -> None:
        """Stop playback; the current track stays current."""
        self.session.stop()
        self.refresh_playback()

    @guarded("Seek")
    def action_seek(self, seconds: int) -> None:
        """Move the position by ``seconds``."""
        self.session.seek_by(float(seconds))
        self.refresh_playback()

    @guarded("Repeat")
    def action_cycle_repeat(self) -> None:
        """Repeat off → all → one."""
        self.session.cycle_repeat()
        self.refresh_playback()

    @guarded("Shuffle")
    def action_toggle_shuffle(self) -> None:
        """Shuffle on or off."""
        self.session.toggle_shuffle()
        self.refresh_playback()

    @guarded("Stop after current")
    def action_toggle_stop_after(self) -> None:
        """Stop (or no longer stop) when the current track ends."""
        self.session.toggle_stop_after_current()
        self.refresh_playback()

    def action_toggle_remaining(self) -> None:
        """Show the elapsed or the remaining time."""
        self.bar.show_remaining = not self.bar.show_remaining
        self.bar.refresh()

    # ------------------------------------------------------------------ tracks

    def _need_playlist(self) -> int:
        if self.playlist_id is None:
            raise EmptyPlaylistError("there is no playlist yet: press N to create one")
        return self.playlist_id

    def _need_track(self) -> Track:
        track = self.table.selected
        if track is not None and track.id is not None:
            return track
        shown = self.shown
        if shown is None:
            raise EmptyPlaylistError("there is no playlist yet: press N to create one")
        if not self.table.rows:
            raise EmptyPlaylistError(
                f"{text.quoted(shown.name)} has no tracks yet: press a to add one"
            )
        raise EmptyPlaylistError("no track matches the filter: Esc clears it")

    @guarded("Add track")
    def action_add_track(self) -> None:
        """Open the form for a new track, added at the end of the playlist."""
        playlist_id = self._need_playlist()
        name = self.shown.name if self.shown is not None else ""

        def submit(fields: dict[str, Any]) -> Track:
            return self.session.add_track(playlist_id, Track(**fields))

        title = f"Add a track to {text.quoted(name)}"
        self.push_screen(TrackModal(title, submit), self._track_saved)

    @guarded("Edit track")
    def action_edit_track(self) -> None:
        """Open the form for the selected track."""
        playlist_id = self._need_playlist()
        track = self._need_track()

        def submit(fields: dict[str, Any]) -> Track:
            return self.session.update_track(playlist_id, track.id, **fields)  # type: ignore[arg-type]

        self.push_screen(TrackModal("Edit track", submit, track), self._track_saved)

    @guarded("Track")
    def _track_saved(self, track: Track | None) -> None:
        if track is None:
            return
        self.reload_views()
        if track.id is not None and not self.table.select_track(track.id):
            self.notify(
                "Saved; the filter hides it.", title="Track", timeout=3, markup=False
            )

    @guarded("Remove track")
    def action_remove_track(self) -> None:
        """Remove the selected track; the playing one only when asked to stop it."""
        playlist_id = self._need_playlist()
        track = self._need_track()
        active = self.session.active
        if active is None or not self._is_playing(playlist_id, track):
            self._remove(playlist_id, track, stop_first=False)
            return
        # A track is never removed while it plays: say so, and offer to stop it.
        question = Text.assemble(
            (text.quoted(track.label()), "bold"),
            f" is {active.state.value}. Stop it and remove it from ",
            (text.quoted(active.name), "bold"),
            "?",
        )
        self.push_screen(
            ConfirmModal(question, yes="Stop and remove", title="Remove track"),
            partial(self._remove_confirmed, playlist_id, track),
        )

    def _is_playing(self, playlist_id: int, track: Track) -> bool:
        """Whether ``track`` of that playlist is the current one, playing or paused."""
        active = self.session.active
        return (
            active is not None
            and active.id == playlist_id
            and active.current is not None
            and active.current.id == track.id
            and active.state is not State.STOPPED
        )

    @guarded("Remove track")
    def _remove_confirmed(
        self, playlist_id: int, track: Track, yes: bool | None
    ) -> None:
        if yes:
            self._remove(playlist_id, track, stop_first=True)

    def _remove(self, playlist_id: int, track: Track, *, stop_first: bool) -> None:
        # Playback may have moved on while the question was open (the track ended,
        # or a command from the shell): only the track being removed is stopped.
        if stop_first and self._is_playing(playlist_id, track):
            self.session.stop()
        else:
            stop_first = False
        self.session.remove_track(playlist_id, track.id)  # type: ignore[arg-type]
        self.reload_views()
        verb = "Stopped and removed" if stop_first else "Removed"
        self.notify(f"{verb} {text.quoted(track.title)}", timeout=3, markup=False)

    @guarded("Track details")
    def action_track_info(self) -> None:
        """Show every field of the selected track in full."""
        track = self._need_track()
        position = self.table.position_of(track.id)  # type: ignore[arg-type]
        self.push_screen(TrackInfoModal(track, position))

    @guarded("Move")
    def action_move_up(self) -> None:
        """Move the selected track (or the playlist, from the panel) up one place."""
        self._move(-1)

    @guarded("Move")
    def action_move_down(self) -> None:
        """Move the selected track (or the playlist, from the panel) down one place."""
        self._move(+1)

    def _move(self, direction: int) -> None:
        if self.panel.has_focus:
            self._move_playlist(direction)
            return
        playlist_id = self._need_playlist()
        track = self._need_track()
        rows = self.table.rows
        target = self.table.position_of(track.id) - 1 + direction  # type: ignore[arg-type, operator]
        if not 0 <= target < len(rows):
            end = "first" if direction < 0 else "last"
            raise CannotApplyNowError(
                f"{text.quoted(track.label())} is already the {end} track"
            )
        if direction < 0:
            before = rows[target].id
        else:
            before = rows[target + 1].id if target + 1 < len(rows) else None
        self.session.move_track(playlist_id, track.id, before)  # type: ignore[arg-type]
        self.reload_views()
        self.table.select_track(track.id)  # type: ignore[arg-type]

    def _move_playlist(self, direction: int) -> None:
        ids = [item.id for item in self.panel.items]
        selected = self.panel.selected_id
        if selected is None:
            return
        where = ids.index(selected)
        target = where + direction
        if not 0 <= target < len(ids):
            end = "first" if direction < 0 else "last"
            name = self.session.find_playlist(selected).name
            raise CannotApplyNowError(
                f"{text.quoted(name)} is already the {end} playlist"
            )
        before = (
            ids[target]
            if direction < 0
            else (ids[target + 1] if target + 1 < len(ids) else None)
        )
        self.session.move_playlist(selected, before)
        self.load(select=selected)

    # ------------------------------------------------------------------ filter

    def action_filter(self) -> None:
        """Show the filter field and type into it."""
        self.query_one("#filter-bar").display = True
        # At once, not after a refresh as focus() would: keys typed right after
        # "/" are already queued and must reach the field, not the track keys.
        self.screen.set_focus(self.filter_input)
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        """Clear and hide the filter."""
        self._hide_filter()
        self.table.focus()

    def _hide_filter(self) -> None:
        bar = self.query_one("#filter-bar")
        if not bar.display and not self.table.filter_text:
            return
        with self.filter_input.prevent(Input.Changed):
            self.filter_input.value = ""
        self.query_one("#filter-count", Static).update("")
        bar.display = False
        self.table.set_filter("")
        self.update_hint()
        self.refresh_bindings()

    @on(Input.Changed, "#filter")
    @guarded("Filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Filter as the person types."""
        self.table.set_filter(event.value)
        shown, total = self.table.row_count, len(self.table.rows)
        label = f"{shown:,} of {total:,}" if event.value.strip() else ""
        self.query_one("#filter-count", Static).update(Text(label))
        self.update_hint()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        """Enter keeps the filter and goes back to the tracks."""
        self.table.focus()

    # ------------------------------------------------------------------ playlists

    @on(PlaylistPanel.PlaylistHighlighted)
    @guarded("Playlist")
    def playlist_highlighted(self, message: PlaylistPanel.PlaylistHighlighted) -> None:
        """Moving in the panel shows that playlist's tracks."""
        if message.playlist_id != self.playlist_id:
            self.show_playlist(message.playlist_id)
            self.refresh_bindings()

    @on(PlaylistPanel.Opened)
    def playlist_opened(self) -> None:
        """Enter on a playlist goes to its tracks."""
        self.table.focus()

    @guarded("New playlist")
    def action_new_playlist(self) -> None:
        """Ask for a name and create the playlist."""
        modal = NameModal("New playlist", self.session.create_playlist, action="Create")
        self.push_screen(modal, self._playlist_saved)

    @guarded("Rename playlist")
    def action_rename_playlist(self) -> None:
        """Ask for a new name of the shown playlist."""
        playlist_id = self._need_playlist()
        info = self.session.find_playlist(playlist_id)

        def submit(name: str) -> Any:
            return self.session.rename_playlist(playlist_id, name)

        title = f"Rename {text.quoted(info.name)}"
        modal = NameModal(title, submit, value=info.name, action="Rename")
        self.push_screen(modal, self._playlist_saved)

    @guarded("Playlist")
    def _playlist_saved(self, info: Any) -> None:
        if info is None:
            return
        self.load(select=info.id)
        self.refresh_bindings()

    @guarded("Delete playlist")
    def action_delete_playlist(self) -> None:
        """Ask, then delete the shown playlist and its tracks."""
        playlist_id = self._need_playlist()
        self.session.check_deletable(playlist_id)
        info = self.session.find_playlist(playlist_id)
        question = Text.assemble(
            "Delete the playlist ",
            (text.quoted(info.name), "bold"),
            f" and its {text.count(info.track_count, 'track')}?\n\nThis cannot be undone.",
        )
        self.push_screen(
            ConfirmModal(question, title="Delete playlist"),
            partial(self._delete_confirmed, playlist_id, info.name),
        )

    @guarded("Delete playlist")
    def _delete_confirmed(self, playlist_id: int, name: str, yes: bool | None) -> None:
        if not yes:
            return
        self.session.delete_playlist(playlist_id)
        self.load()
        self.refresh_bindings()
        self.notify(f"Deleted {text.quoted(name)}", timeout=3, markup=False)

    # ------------------------------------------------------------------ files

    @guarded("Import")
    def action_import(self) -> None:
        """Ask for a playlist file or a folder, then import it in the background."""
        shown = self.shown.name if self.shown is not None else None
        self.push_screen(ImportModal(shown), self._import_chosen)

    def _import_chosen(self, choice: ImportChoice | None) -> None:
        if choice is None:
            return
        self.show_activity(f"importing {choice.path} …")
        self.run_worker(
            partial(import_in_thread, self.session.path, choice, self.post_message),
            thread=True,
            group="import",
            description=f"import {choice.path}",
            exit_on_error=False,
        )

    def on_import_progress(self, message: ImportProgress) -> None:
        """What the import is doing, on one line above the transport bar."""
        self.show_activity(message.text)

    @on(Worker.StateChanged)
    @guarded("Import")
    def import_ended(self, event: Worker.StateChanged) -> None:
        """Tell what the import did, and show the playlist it filled."""
        if event.worker.group != "import" or not event.worker.is_finished:
            return
        if not any(w.group == "import" and not w.is_finished for w in self.workers):
            self.show_activity("")
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, PlaylistError):
                raise error
            raise RuntimeError(f"the import failed: {error!r}")
        if event.state is not WorkerState.SUCCESS:
            return
        reports: list[ImportReport] = event.worker.result or []
        self.session.refresh()
        done = [r for r in reports if r.playlist_id is not None]
        self.load(select=done[-1].playlist_id if done else None)
        self.refresh_bindings()
        for report in reports:
            self.notify(
                text.message(report.summary(brief=True)),
                title="Import",
                severity="error" if report.error else "information",
                timeout=10 if report.error or report.skipped else 5,
                markup=False,
            )

    def show_activity(self, message: str) -> None:
        """Show (or, with an empty message, hide) what runs in the background."""
        line = self.query_one("#activity", Static)
        line.update(Text(text.safe(message)))
        line.display = bool(message)

    @guarded("Export")
    def action_export(self) -> None:
        """Ask for a file and a format, then write the shown playlist to it."""
        playlist_id = self._need_playlist()
        info = self.session.find_playlist(playlist_id)
        default = Path.cwd() / f"{safe_file_name(info.name)}.m3u8"

        def submit(path: Path, fmt: str) -> str:
            report = export_playlist(self.session, playlist_id, path, fmt)
            return report.summary(info.name)

        self.push_screen(ExportModal(info.name, default, submit), self._exported)

    def _exported(self, summary: str | None) -> None:
        if summary:
            self.notify(text.message(summary), title="Export", markup=False)

    # ------------------------------------------------------------------ help

    def help_sections(self) -> list[tuple[str, list[KeyRow]]]:
        """Every key, by section, from the bindings themselves."""
        sections: dict[str, list[KeyRow]] = {}
        for command in KEYS:
            keys = " / ".join(self.key_label(key) for key in command.keys.split(","))
            sections.setdefault(command.section, []).append((keys, command.description))
        for section, row in OTHER_KEYS:
            sections.setdefault(section, []).append(row)
        return list(sections.items())

    def action_help(self) -> None:
        """Show every key."""
        self.push_screen(HelpScreen(self.help_sections()))
