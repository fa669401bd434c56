"""The `Session`: what the app and the command line do, saved as it is done.

A session joins the domain (playlists with playback) and the store (SQLite). Each
edit is checked against the domain first, then committed to the database, and only
then applied to the domain object, so what a caller is told has happened is on disk.

One playlist plays at a time: `Session.active`. Only one process drives playback
for a database: the first app to open it takes the player lock (a lock file beside
the database); every other process leaves playback commands in the database for that
player, which carries them out when it next refreshes.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, TypeVar

from playlist_tui.domain import (
    EmptyPlaylistError,
    InvalidValueError,
    NotFoundError,
    Playlist,
    PlaylistError,
    Repeat,
    State,
    Track,
    TrackIsPlayingError,
)
from playlist_tui.domain.text import quoted
from playlist_tui.storage import (
    BUSY_TIMEOUT_MS,
    DatabaseBusyError,
    PlaylistInfo,
    StorageError,
    Store,
    default_path,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

SAVE_INTERVAL = 1.0
PASSING_WAIT_MS = 100
"""How long a save of the moving position waits for another program's write lock."""


class PlaybackElsewhereError(PlaylistError):
    """Another process drives playback for this database."""


class Session:
    """Playlists, tracks and playback of one database, for one process.

    Args:
        store: The open database.
        clock: The playback clock, seconds as a float.
        player: Whether this process holds the player lock and so drives playback.
    """

    def __init__(
        self,
        store: Store,
        clock: Callable[[], float] = time.monotonic,
        player_lock: IO[bytes] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self._player_lock = player_lock
        self._playback_elsewhere = False
        self._lock = threading.RLock()
        self._cache: dict[int, Playlist] = {}
        self._revisions: dict[int, int] = {}
        self._active_id: int | None = None
        self._last_save = float("-inf")
        self._passing_save_failed = False
        self._seen_version = store.data_version()
        self._restore_playback()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        claim_player: bool = True,
    ) -> Session:
        """Open the database at ``path`` (the default library when None).

        With ``claim_player``, the session drives playback if no other process does.

        Raises:
            DatabaseUnusableError: The file cannot be used (see `open_database`).
        """
        store = Store.open(Path(path) if path is not None else default_path())
        lock = _take_player_lock(store.path) if claim_player else None
        session = cls(store, clock, lock)
        session._playback_elsewhere = claim_player and lock is None
        return session

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def is_player(self) -> bool:
        """Whether this process drives playback for its database."""
        return self._player_lock is not None

    @property
    def playback_elsewhere(self) -> bool:
        """Whether another process drives playback, so this one must not."""
        return self._playback_elsewhere

    def _check_playback_here(self) -> None:
        if not self.is_player:
            raise PlaybackElsewhereError(
                f"another playlist-tui is playing from {self.path}; playback is left "
                "to it (quit it to play here)"
            )

    def close(self) -> None:
        """Save the playback position and close the database."""
        with self._lock:
            try:
                self._save_playback()
            except PlaylistError as error:
                log.warning("could not save playback at close: %s", error)
            self.store.close()
            if self._player_lock is not None:
                self._player_lock.close()
                self._player_lock = None

    # ------------------------------------------------------------------ playlists

    def playlists(self) -> list[PlaylistInfo]:
        return self.store.playlist_infos()

    def find_playlist(self, ref: str | int) -> PlaylistInfo:
        return self.store.find_playlist(ref)

    def playlist_info(self, playlist_id: int) -> PlaylistInfo:
        for info in self.store.playlist_infos():
            if info.id == playlist_id:
                return info
        raise NotFoundError(f"there is no playlist with id {playlist_id}")

    def create_playlist(self, name: str, tracks: Iterable[Track] = ()) -> PlaylistInfo:
        """Create a playlist, with its first tracks, in one transaction."""
        with self._lock:
            playlist_id = self.store.create_playlist(name, list(tracks))
            return self.playlist_info(playlist_id)

    def free_name(self, wanted: str) -> str:
        """Return ``wanted``, or ``wanted (2)`` and so on when the name is taken."""
        return self.store.free_name(wanted)

    def rename_playlist(self, playlist_id: int, name: str) -> PlaylistInfo:
        with self._lock:
            self.store.rename_playlist(playlist_id, name)
            info = self.playlist_info(playlist_id)
            if playlist_id in self._cache:
                self._cache[playlist_id].name = info.name
                self._revisions[playlist_id] = info.revision
            return info

    def check_deletable(self, playlist_id: int) -> None:
        """Raise `TrackIsPlayingError` if the playlist is playing or paused."""
        with self._lock:
            active = self.active
            if (
                active is not None
                and active.id == playlist_id
                and active.state is not State.STOPPED
            ):
                raise TrackIsPlayingError(
                    f"playlist {quoted(active.name)} is {active.state.value}; stop it "
                    "before deleting it"
                )

    def delete_playlist(self, playlist_id: int) -> None:
        """Delete a playlist and its tracks; refused while one of them plays."""
        with self._lock:
            self.check_deletable(playlist_id)
            self.store.delete_playlist(playlist_id)
            self._cache.pop(playlist_id, None)
            self._revisions.pop(playlist_id, None)
            if self._active_id == playlist_id:
                self._active_id = None
                self._save_playback()

    def move_playlist(self, playlist_id: int, before: int | None) -> None:
        self.store.move_playlist(playlist_id, before)

    def playlist(self, playlist_id: int) -> Playlist:
        """Return the domain object of a playlist, loading it once.

        Callers read it; every change goes through the session.
        """
        with self._lock:
            cached = self._cache.get(playlist_id)
            if cached is not None:
                return cached
            name = self.store.playlist_name(playlist_id)
            revision = self.store.playlist_revisions().get(playlist_id, 0)
            playlist = Playlist(
                name,
                self.store.load_tracks(playlist_id),
                clock=self.clock,
                id=playlist_id,
            )
            self._cache[playlist_id] = playlist
            self._revisions[playlist_id] = revision
            return playlist

    # ------------------------------------------------------------------ tracks

    def add_track(
        self, playlist_id: int, track: Track, before: int | None = None
    ) -> Track:
        """Add a track (before ``before``, at the end when None) and return it."""
        return self.add_tracks(playlist_id, [track], before)[0]

    def add_tracks(
        self, playlist_id: int, tracks: Iterable[Track], before: int | None = None
    ) -> list[Track]:
        """Add many tracks in one transaction: all of them are saved, or none."""
        with self._lock:
            playlist = self.playlist(playlist_id)
            if before is not None:
                playlist.get(before)
            stored = self.store.insert_tracks(playlist_id, list(tracks), before)
            self._apply(playlist_id, lambda: playlist.insert_many(stored, before))
            return stored

    def update_track(self, playlist_id: int, track_id: int, **fields: Any) -> Track:
        with self._lock:
            playlist = self.playlist(playlist_id)
            changed = playlist.get(track_id).with_changes(**fields)
            self.store.update_track(playlist_id, changed)
            self._apply(playlist_id, lambda: playlist.update(track_id, **fields))
            return changed

    def remove_track(self, playlist_id: int, track_id: int) -> Track:
        """Remove a track; refused while it is the current track, playing or paused."""
        with self._lock:
            playlist = self.playlist(playlist_id)
            track = playlist.get(track_id)
            playlist.check_removable(track_id)
            self.store.delete_track(playlist_id, track_id)
            self._apply(playlist_id, lambda: playlist.remove(track_id))
            return track

    def move_track(self, playlist_id: int, track_id: int, before: int | None) -> None:
        with self._lock:
            playlist = self.playlist(playlist_id)
            playlist.get(track_id)
            if before is not None:
                playlist.get(before)
            self.store.move_track(playlist_id, track_id, before)
            self._apply(playlist_id, lambda: playlist.move(track_id, before))

    def move_track_to(self, playlist_id: int, track_id: int, position: int) -> None:
        """Move a track to a 1-based position in its playlist."""
        with self._lock:
            ids = [t.id for t in self.playlist(playlist_id) if t.id != track_id]
            if not 1 <= position <= len(ids) + 1:
                raise InvalidValueError(
                    f"position {position} is outside the playlist; give 1 to {len(ids) + 1}"
                )
            before = ids[position - 1] if position <= len(ids) else None
            self.move_track(playlist_id, track_id, before)

    # ------------------------------------------------------------------ playback

    @property
    def active(self) -> Playlist | None:
        """The playlist whose playback is current (playing, paused, or stopped in)."""
        if self._active_id is None:
            return None
        try:
            return self.playlist(self._active_id)
        except NotFoundError:
            self._active_id = None
            return None

    def play(self, playlist_id: int, track_id: int | None = None) -> Track:
        """Play a playlist (a given track, or resume); any other playlist stops.

        When the playlist cannot play (it is empty, the track is not in it), the
        error is raised before anything changes: what played before still does.
        """
        with self._lock:
            self._check_playback_here()
            playlist = self.playlist(playlist_id)
            active = self.active

            def change() -> Track:
                track = playlist.play(track_id)
                if active is not None and active is not playlist:
                    active.stop()
                self._active_id = playlist_id
                return track

            return self._saved([playlist, active], change)

    def toggle(self) -> State:
        return self._control(lambda p: p.toggle())

    def pause(self) -> None:
        self._control(lambda p: p.pause())

    def stop(self) -> None:
        self._control(lambda p: p.stop())

    def next(self) -> Track:
        return self._control(lambda p: p.next())

    def prev(self) -> Track:
        return self._control(lambda p: p.prev())

    def seek(self, seconds: float) -> float:
        return self._control(lambda p: p.seek(seconds))

    def seek_by(self, delta: float) -> float:
        return self._control(lambda p: p.seek_by(delta))

    def cycle_repeat(self) -> Repeat:
        return self._control(
            lambda p: _set_repeat(p, p.repeat.following()), need_track=False
        )

    def toggle_shuffle(self) -> bool:
        def flip(playlist: Playlist) -> bool:
            playlist.set_shuffle(not playlist.shuffle)
            return playlist.shuffle

        return self._control(flip, need_track=False)

    def toggle_stop_after_current(self) -> bool:
        def flip(playlist: Playlist) -> bool:
            playlist.stop_after_current = not playlist.stop_after_current
            return playlist.stop_after_current

        return self._control(flip, need_track=False)

    def tick(self) -> bool:
        """Apply the clock; save the position each second and at every change.

        Returns:
            True when the current track or the state changed.
        """
        with self._lock:
            active = self.active
            if active is None or not self.is_player:
                return False
            changed = active.tick()
            if changed or (
                active.state is State.PLAYING
                and self.clock() - self._last_save >= SAVE_INTERVAL
            ):
                self._save_in_passing()
            return changed

    def _save_in_passing(self) -> None:
        """Save the moving position without holding up the clock or the keys.

        Another program's write lock is not waited out (the next second tries
        again), and a failing disk is reported once, not every second.
        """
        try:
            self._save_playback(wait_ms=PASSING_WAIT_MS)
        except StorageError as error:
            self._last_save = self.clock()
            if isinstance(error, DatabaseBusyError) or self._passing_save_failed:
                return
            self._passing_save_failed = True
            raise
        self._passing_save_failed = False

    # ------------------------------------------------------------------ other processes

    def refresh(self) -> bool:
        """Pick up what other processes committed; run commands left for the player.

        Returns:
            True when anything shown may have changed.
        """
        with self._lock:
            version = self.store.data_version()
            if version == self._seen_version:
                return False
            self._seen_version = version
            self._reload_changed()
            if self.is_player:
                self._run_commands()
            else:
                self._restore_playback()
            return True

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.store.get_setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.store.set_setting(key, value)

    # ------------------------------------------------------------------ internals

    def _control(
        self, action: Callable[[Playlist], Any], need_track: bool = True
    ) -> Any:
        with self._lock:
            self._check_playback_here()
            playlist = self.active
            if playlist is None:
                if need_track:
                    raise EmptyPlaylistError(
                        "nothing is playing; start a track first (Enter in the app, "
                        "or playlist-tui play PLAYLIST)"
                    )
                raise EmptyPlaylistError(
                    "no playlist is playing yet; play a track first"
                )
            return self._saved([playlist], lambda: action(playlist))

    def _saved(self, playlists: list[Playlist | None], change: Callable[[], T]) -> T:
        """Change playback, then save it; when the save fails, undo the change.

        Like every edit, a change of playback is only kept once it is on disk, so
        what the screen shows is what the next start resumes from.
        """
        active_id = self._active_id
        before = [(p, p.snapshot()) for p in playlists if p is not None]
        result = change()
        try:
            self._save_playback()
        except StorageError:
            for playlist, snapshot in before:
                playlist.restore(snapshot, resume=True)
            self._active_id = active_id
            raise
        return result

    def _apply(self, playlist_id: int, change: Callable[[], Any]) -> None:
        """Apply a committed change to the cached playlist, or reload it if stale.

        The cached object is stale when another process edited the playlist since it
        was loaded; then the committed rows are the truth and it is read again.
        """
        revisions = self.store.playlist_revisions()
        expected = self._revisions.get(playlist_id, 0) + 1
        if revisions.get(playlist_id) == expected:
            change()
            self._revisions[playlist_id] = expected
        else:
            self._reload(playlist_id)

    def _reload_changed(self) -> None:
        revisions = self.store.playlist_revisions()
        for playlist_id in list(self._cache):
            if playlist_id not in revisions:
                self._cache.pop(playlist_id)
                self._revisions.pop(playlist_id, None)
                if self._active_id == playlist_id:
                    self._active_id = None
            elif revisions[playlist_id] != self._revisions.get(playlist_id):
                self._reload(playlist_id)

    def _reload(self, playlist_id: int) -> None:
        """Read a playlist again, keeping its playback where the track still exists."""
        old = self._cache.pop(playlist_id, None)
        self._revisions.pop(playlist_id, None)
        fresh = self.playlist(playlist_id)
        if old is None:
            return
        snapshot = old.snapshot()
        fresh.restore(snapshot)
        if snapshot.state is State.PLAYING and fresh.current is not None:
            fresh.play()

    def _restore_playback(self) -> None:
        """Take playback from the database.

        The player comes back paused where it was. Any other process mirrors the
        player: what plays there plays here too, so that it is reported as such.
        """
        stored = self.store.load_playback()
        previous = self.active
        self._active_id = None
        playlist = None
        if stored.playlist_id is not None:
            try:
                playlist = self.playlist(stored.playlist_id)
            except NotFoundError:
                playlist = None
        if previous is not None and previous is not playlist:
            previous.stop()
        if playlist is None:
            return
        # A stored "playing" with no player running is what a killed app left: the
        # next app resumes it paused, so it is reported as paused.
        follow = not self.is_player and player_is_running(self.path)
        playlist.restore(stored.snapshot, resume=follow)
        self._active_id = stored.playlist_id

    def _save_playback(self, wait_ms: int = BUSY_TIMEOUT_MS) -> None:
        if not self.is_player:
            return
        active = self.active
        if active is None:
            self.store.save_playback(None, Playlist("none").snapshot(), wait_ms)
        else:
            self.store.save_playback(active.id, active.snapshot(), wait_ms)
        self._last_save = self.clock()

    def _run_commands(self) -> None:
        for command in self.store.pending_commands():
            error: str | None = None
            try:
                self.run_command(command.verb, command.argument)
            except PlaylistError as problem:
                error = str(problem)
            self.store.finish_command(command.id, error)

    def run_command(self, verb: str, argument: str | None) -> None:
        """Carry out one playback command by name, as the command line sends them."""
        if verb == "play":
            playlist_ref, _, track = (argument or "").partition(" ")
            if playlist_ref:
                playlist_id = int(playlist_ref)
                self.play(playlist_id, int(track) if track else None)
            elif self.active is not None:
                self.play(self.active.id)  # type: ignore[arg-type]
            else:
                raise EmptyPlaylistError("nothing to play; name a playlist")
        elif verb == "seek":
            self.seek(float(argument or 0))
        elif verb == "status":
            self._save_playback()
        elif verb in {"pause", "toggle", "next", "prev", "stop"}:
            getattr(self, verb)()
        else:
            raise PlaylistError(f"unknown command {verb!r}")


def _set_repeat(playlist: Playlist, mode: Repeat) -> Repeat:
    playlist.repeat = mode
    return mode


def player_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".player-lock")


def _take_player_lock(db_path: Path) -> IO[bytes] | None:
    """Take the player lock beside the database; None if another process has it.

    The lock is an advisory ``flock`` that the kernel drops when the process ends,
    however it ends, so a crashed player never blocks the next one.
    """
    path = player_lock_path(db_path)
    try:
        handle = open(path, "ab")  # noqa: SIM115 - held open
    except OSError:
        try:  # a lock file this user may not write (another user made it) still locks
            handle = open(path, "rb")  # noqa: SIM115 - held open
        except OSError as error:
            log.warning("no player lock at %s: %s", path, error)
            return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def player_is_running(db_path: Path) -> bool:
    """Tell whether a process holds the player lock of this database.

    Only looks: no lock file is created beside a database that no player opened.
    """
    try:
        handle = open(player_lock_path(db_path), "rb")  # noqa: SIM115 - closed below
    except OSError:
        return False  # no player ever made it, or it cannot be read: none runs
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        return False
