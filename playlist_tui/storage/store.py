"""Rows to domain objects and back: the only module that reads and writes SQL rows.

Every method that changes anything runs in its own ``BEGIN IMMEDIATE`` transaction
and has committed before it returns; a failure rolls the whole change back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from playlist_tui.domain import (
    DuplicateNameError,
    InvalidValueError,
    NotFoundError,
    PlaybackSnapshot,
    Repeat,
    State,
    Track,
)
from playlist_tui.domain.text import (
    MAX_NAME_LENGTH,
    fit_name,
    playlist_name,
    quoted,
)
from playlist_tui.storage.database import (
    BUSY_TIMEOUT_MS,
    close_database,
    open_database,
    write_error,
)

_TRACK_COLUMNS = "id, prev_id, next_id, title, artist, album, duration, location"


@dataclass(frozen=True, slots=True)
class PlaylistInfo:
    """A playlist as the playlist panel and ``playlist-tui playlists`` show it."""

    id: int
    name: str
    track_count: int
    total_duration: float
    unknown_durations: int
    revision: int = 0


@dataclass(frozen=True, slots=True)
class StoredPlayback:
    """The playback row: which playlist, and the snapshot to restore in it."""

    playlist_id: int | None
    snapshot: PlaybackSnapshot


@dataclass(frozen=True, slots=True)
class Command:
    """A playback command left by ``playlist-tui play|next|...`` for the running app."""

    id: int
    verb: str
    argument: str | None


class Store:
    """One connection to one database file, shared by the threads of one process."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open the database at ``path`` (see `open_database` for what is refused)."""
        return cls(open_database(path), Path(path).expanduser())

    def close(self) -> None:
        with self._lock:
            close_database(self.db, self.path)

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def write(self, wait_ms: int = BUSY_TIMEOUT_MS) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction; translate failures into messages.

        Args:
            wait_ms: How long to wait for another program's write lock.
        """
        with self._lock:
            conn = self.db.conn
            try:
                self._begin(conn, wait_ms)
            except sqlite3.Error as error:
                raise write_error(self.path, error) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error | OSError):
                    raise write_error(self.path, error) from None
                raise

    @staticmethod
    def _begin(conn: sqlite3.Connection, wait_ms: int) -> None:
        if wait_ms == BUSY_TIMEOUT_MS:
            conn.execute("BEGIN IMMEDIATE")
            return
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file."""
        with self._lock:
            return self.db.execute("PRAGMA data_version").fetchone()[0]

    def integrity_check(self) -> str:
        with self._lock:
            return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # ------------------------------------------------------------------ playlists

    def playlist_infos(self) -> list[PlaylistInfo]:
        """Every playlist in the user's order, with counts and total durations."""
        sql = """
            SELECT p.id, p.name, p.revision,
                   count(t.id), coalesce(sum(t.duration), 0),
                   count(t.id) - count(t.duration)
            FROM playlists p LEFT JOIN tracks t ON t.playlist_id = p.id
            GROUP BY p.id ORDER BY p.sort_order, p.id
        """
        with self._lock:
            rows = self.db.execute(sql).fetchall()
        return [
            PlaylistInfo(
                id=r[0],
                name=r[1],
                revision=r[2],
                track_count=r[3],
                total_duration=float(r[4]),
                unknown_durations=r[5],
            )
            for r in rows
        ]

    def playlist_revisions(self) -> dict[int, int]:
        """Map each playlist id to its revision, which grows with every edit of it."""
        with self._lock:
            return dict(
                self.db.execute("SELECT id, revision FROM playlists").fetchall()
            )

    def playlist_name(self, playlist_id: int) -> str:
        with self._lock:
            row = self.db.execute(
                "SELECT name FROM playlists WHERE id = ?", [playlist_id]
            ).fetchone()
        if row is None:
            raise NotFoundError(f"there is no playlist with id {playlist_id}")
        return row[0]

    def find_playlist(self, ref: str | int) -> PlaylistInfo:
        """Find a playlist by id (an int, or text such as ``"3"`` or ``"#3"``) or
        by name (ignoring case).

        Raises:
            NotFoundError: Nothing has that name or id.
            InvalidValueError: The text is the name of one playlist and the id of
                another, so it could name the wrong one.
        """
        infos = self.playlist_infos()
        by_id = {info.id: info for info in infos}
        if isinstance(ref, int):
            if ref in by_id:
                return by_id[ref]
            raise NotFoundError(f"there is no playlist with id {ref}")
        key = ref.strip()
        if key.startswith("#") and key[1:].isascii() and key[1:].isdigit():
            return self.find_playlist(int(key[1:]))
        named = next((i for i in infos if i.name.casefold() == key.casefold()), None)
        numbered = by_id.get(int(key)) if key.isascii() and key.isdigit() else None
        if named is not None and numbered is not None and named is not numbered:
            raise InvalidValueError(
                f"{key!r} is the name of one playlist and the id of "
                f"{quoted(numbered.name)}; write #{key} for the id"
            )
        found = named or numbered
        if found is None:
            raise NotFoundError(
                f"there is no playlist named {key!r}; `playlist-tui playlists` "
                "lists them"
            )
        return found

    def create_playlist(self, name: str, tracks: Sequence[Track] = ()) -> int:
        """Create a playlist, with its first tracks, in one transaction."""
        name = playlist_name(name)
        with self.write() as conn:
            self._check_name_free(conn, name, None)
            (order,) = conn.execute(
                "SELECT coalesce(max(sort_order), 0) + 1 FROM playlists"
            ).fetchone()
            playlist_id = self._take_ids(conn, "playlists", 1)
            conn.execute(
                "INSERT INTO playlists (id, name, name_key, sort_order) "
                "VALUES (?, ?, ?, ?)",
                [playlist_id, name, name.casefold(), order],
            )
            self._insert(conn, playlist_id, tracks, None)
            return playlist_id

    def free_name(self, wanted: str) -> str:
        """Return ``wanted``, or ``wanted (2)``, ``(3)``... when it is taken.

        A name near the length limit is shortened (ending in "…") to make room
        for the number, so that the name given is always one that can be stored.
        """
        wanted = playlist_name(wanted)
        with self._lock:
            taken = {r[0] for r in self.db.execute("SELECT name_key FROM playlists")}
        name, number = wanted, 1
        while name.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            name = fit_name(wanted, MAX_NAME_LENGTH - len(suffix)) + suffix
        return name

    def rename_playlist(self, playlist_id: int, name: str) -> None:
        name = playlist_name(name)
        with self.write() as conn:
            self._check_playlist(conn, playlist_id)
            self._check_name_free(conn, name, playlist_id)
            conn.execute(
                "UPDATE playlists SET name = ?, name_key = ?, revision = revision + 1, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                [name, name.casefold(), playlist_id],
            )

    def delete_playlist(self, playlist_id: int) -> None:
        with self.write() as conn:
            self._check_playlist(conn, playlist_id)
            conn.execute("DELETE FROM tracks WHERE playlist_id = ?", [playlist_id])
            conn.execute("DELETE FROM playlists WHERE id = ?", [playlist_id])

    def move_playlist(self, playlist_id: int, before: int | None) -> None:
        """Put a playlist before another one (at the end when None)."""
        with self.write() as conn:
            self._check_playlist(conn, playlist_id)
            if before is not None:
                self._check_playlist(conn, before)
            order = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM playlists ORDER BY sort_order, id"
                )
            ]
            order.remove(playlist_id)
            order.insert(
                order.index(before) if before is not None else len(order), playlist_id
            )
            conn.executemany(
                "UPDATE playlists SET sort_order = ? WHERE id = ?",
                [(i, pid) for i, pid in enumerate(order, start=1)],
            )

    # ------------------------------------------------------------------ tracks

    def load_tracks(self, playlist_id: int) -> list[Track]:
        """Return a playlist's tracks in their stored order."""
        with self._lock:
            self._check_playlist(self.db.conn, playlist_id)
            rows = self.db.execute(
                f"SELECT {_TRACK_COLUMNS} FROM tracks WHERE playlist_id = ?",
                [playlist_id],
            ).fetchall()
        return [_track_from_row(row) for row in _in_link_order(rows)]

    def insert_tracks(
        self, playlist_id: int, tracks: Sequence[Track], before: int | None = None
    ) -> list[Track]:
        """Insert tracks before ``before`` (at the end when None), in one transaction.

        Returns:
            The tracks with the ids the database gave them.
        """
        with self.write() as conn:
            self._check_playlist(conn, playlist_id)
            return self._insert(conn, playlist_id, tracks, before)

    def update_track(self, playlist_id: int, track: Track) -> None:
        """Write every field of ``track`` over the stored row with its id."""
        with self.write() as conn:
            self._check_track(conn, playlist_id, track.id)  # type: ignore[arg-type]
            conn.execute(
                "UPDATE tracks SET title = ?, artist = ?, album = ?, duration = ?, "
                "location = ? WHERE id = ?",
                [
                    track.title,
                    track.artist,
                    track.album,
                    track.duration,
                    _location_to_db(track.location),
                    track.id,
                ],
            )
            self._touch(conn, playlist_id)

    def delete_track(self, playlist_id: int, track_id: int) -> None:
        with self.write() as conn:
            self._check_track(conn, playlist_id, track_id)
            self._unlink(conn, track_id)
            conn.execute("DELETE FROM tracks WHERE id = ?", [track_id])
            self._touch(conn, playlist_id)

    def move_track(self, playlist_id: int, track_id: int, before: int | None) -> None:
        """Move a track before ``before`` (to the end when None); writes ≤ 6 rows."""
        if before == track_id:
            return
        with self.write() as conn:
            self._check_track(conn, playlist_id, track_id)
            if before is not None:
                self._check_track(conn, playlist_id, before)
            self._unlink(conn, track_id)
            prev_id, next_id = self._gap(conn, playlist_id, before, leaving=track_id)
            conn.execute(
                "UPDATE tracks SET prev_id = ?, next_id = ? WHERE id = ?",
                [prev_id, next_id, track_id],
            )
            if prev_id is not None:
                conn.execute(
                    "UPDATE tracks SET next_id = ? WHERE id = ?", [track_id, prev_id]
                )
            if next_id is not None:
                conn.execute(
                    "UPDATE tracks SET prev_id = ? WHERE id = ?", [track_id, next_id]
                )
            self._touch(conn, playlist_id)

    # ------------------------------------------------------------------ playback

    def load_playback(self) -> StoredPlayback:
        with self._lock:
            row = self.db.execute(
                "SELECT playlist_id, track_id, position, state, repeat, shuffle, "
                "shuffle_seed, stop_after_current FROM playback WHERE id = 1"
            ).fetchone()
        if row is None:
            row = (None, None, 0.0, "stopped", "off", 0, 0, 0)
        snapshot = PlaybackSnapshot(
            state=_enum(State, row[3], State.STOPPED),
            track_id=row[1],
            position=float(row[2] or 0.0),
            repeat=_enum(Repeat, row[4], Repeat.OFF),
            shuffle=bool(row[5]),
            shuffle_seed=int(row[6] or 0),
            stop_after_current=bool(row[7]),
        )
        return StoredPlayback(row[0], snapshot)

    def save_playback(
        self,
        playlist_id: int | None,
        snapshot: PlaybackSnapshot,
        wait_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        with self.write(wait_ms) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO playback (id, playlist_id, track_id, position, "
                "state, repeat, shuffle, shuffle_seed, stop_after_current, updated_at) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                [
                    playlist_id,
                    snapshot.track_id,
                    snapshot.position,
                    snapshot.state.value,
                    snapshot.repeat.value,
                    int(snapshot.shuffle),
                    snapshot.shuffle_seed,
                    int(snapshot.stop_after_current),
                ],
            )

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self.db.execute(
                "SELECT value FROM settings WHERE key = ?", [key]
            ).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                [key, value],
            )

    # ------------------------------------------------------------------ commands

    def add_command(self, verb: str, argument: str | None, now: float) -> int:
        with self.write() as conn:
            cursor = conn.execute(
                "INSERT INTO commands (verb, argument, created_at) VALUES (?, ?, ?)",
                [verb, argument, now],
            )
            return int(cursor.lastrowid)  # type: ignore[arg-type]

    def pending_commands(self) -> list[Command]:
        with self._lock:
            rows = self.db.execute(
                "SELECT id, verb, argument FROM commands WHERE done = 0 ORDER BY id"
            ).fetchall()
        return [Command(*row) for row in rows]

    def finish_command(self, command_id: int, error: str | None) -> None:
        with self.write() as conn:
            conn.execute(
                "UPDATE commands SET done = 1, error = ? WHERE id = ?",
                [error, command_id],
            )
            conn.execute(
                "DELETE FROM commands WHERE done = 1 AND id < ?", [command_id - 100]
            )

    def command_result(self, command_id: int) -> tuple[bool, str | None]:
        """Return (done, error message) for a command."""
        with self._lock:
            row = self.db.execute(
                "SELECT done, error FROM commands WHERE id = ?", [command_id]
            ).fetchone()
        return (True, None) if row is None else (bool(row[0]), row[1])

    def drop_command(self, command_id: int) -> None:
        with self.write() as conn:
            conn.execute("DELETE FROM commands WHERE id = ?", [command_id])

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _check_playlist(conn: sqlite3.Connection, playlist_id: int) -> None:
        if (
            conn.execute(
                "SELECT 1 FROM playlists WHERE id = ?", [playlist_id]
            ).fetchone()
            is None
        ):
            raise NotFoundError(f"there is no playlist with id {playlist_id}")

    @staticmethod
    def _check_track(conn: sqlite3.Connection, playlist_id: int, track_id: int) -> None:
        row = conn.execute(
            "SELECT 1 FROM tracks WHERE id = ? AND playlist_id = ?",
            [track_id, playlist_id],
        ).fetchone()
        if row is None:
            (name,) = conn.execute(
                "SELECT name FROM playlists WHERE id = ?", [playlist_id]
            ).fetchone() or (str(playlist_id),)
            raise NotFoundError(f"playlist {name!r} has no track with id {track_id}")

    @staticmethod
    def _check_name_free(
        conn: sqlite3.Connection, name: str, own_id: int | None
    ) -> None:
        row = conn.execute(
            "SELECT id, name FROM playlists WHERE name_key = ?", [name.casefold()]
        ).fetchone()
        if row is not None and row[0] != own_id:
            raise DuplicateNameError(
                f"a playlist named {row[1]!r} already exists; choose another name"
            )

    @staticmethod
    def _take_ids(conn: sqlite3.Connection, table: str, count: int) -> int:
        """Reserve ``count`` ids never given before in ``table``; return the first."""
        (last,) = conn.execute(
            f"SELECT max(coalesce((SELECT last FROM id_counters WHERE name = ?), 0), "
            f"(SELECT coalesce(max(id), 0) FROM {table}))",
            [table],
        ).fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO id_counters (name, last) VALUES (?, ?)",
            [table, last + count],
        )
        return int(last) + 1

    def _insert(
        self,
        conn: sqlite3.Connection,
        playlist_id: int,
        tracks: Sequence[Track],
        before: int | None,
    ) -> list[Track]:
        """Insert rows linked in order; ids are taken while the write lock is held."""
        if not tracks:
            return []
        first = self._take_ids(conn, "tracks", len(tracks))
        ids = list(range(first, first + len(tracks)))
        after, follower = self._gap(conn, playlist_id, before)
        rows = []
        for i, (track, track_id) in enumerate(zip(tracks, ids, strict=True)):
            prev_id = ids[i - 1] if i else after
            next_id = ids[i + 1] if i + 1 < len(ids) else follower
            rows.append(
                (
                    track_id,
                    playlist_id,
                    prev_id,
                    next_id,
                    track.title,
                    track.artist,
                    track.album,
                    track.duration,
                    _location_to_db(track.location),
                )
            )
        conn.executemany(
            "INSERT INTO tracks (id, playlist_id, prev_id, next_id, title, artist, "
            "album, duration, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if after is not None:
            conn.execute("UPDATE tracks SET next_id = ? WHERE id = ?", [ids[0], after])
        if follower is not None:
            conn.execute(
                "UPDATE tracks SET prev_id = ? WHERE id = ?", [ids[-1], follower]
            )
        self._touch(conn, playlist_id)
        return [
            track.with_id(track_id) for track, track_id in zip(tracks, ids, strict=True)
        ]

    @staticmethod
    def _touch(conn: sqlite3.Connection, playlist_id: int) -> None:
        conn.execute(
            "UPDATE playlists SET revision = revision + 1, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
            [playlist_id],
        )

    @staticmethod
    def _gap(
        conn: sqlite3.Connection, playlist_id: int, before: int | None, leaving: int = 0
    ) -> tuple[int | None, int | None]:
        """Return the ids between which a track goes to stand before ``before``."""
        if before is None:
            row = conn.execute(
                "SELECT id FROM tracks WHERE playlist_id = ? AND next_id IS NULL "
                "AND id != ?",
                [playlist_id, leaving],
            ).fetchone()
            return (row[0] if row else None), None
        row = conn.execute(
            "SELECT prev_id FROM tracks WHERE id = ? AND playlist_id = ?",
            [before, playlist_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"playlist {playlist_id} has no track with id {before}")
        return row[0], before

    @staticmethod
    def _unlink(conn: sqlite3.Connection, track_id: int) -> None:
        prev_id, next_id = conn.execute(
            "SELECT prev_id, next_id FROM tracks WHERE id = ?", [track_id]
        ).fetchone()
        if prev_id is not None:
            conn.execute(
                "UPDATE tracks SET next_id = ? WHERE id = ?", [next_id, prev_id]
            )
        if next_id is not None:
            conn.execute(
                "UPDATE tracks SET prev_id = ? WHERE id = ?", [prev_id, next_id]
            )
        conn.execute(
            "UPDATE tracks SET prev_id = NULL, next_id = NULL WHERE id = ?", [track_id]
        )


def _in_link_order(rows: list[tuple[Any, ...]]) -> Iterable[tuple[Any, ...]]:
    """Walk the rows from the head along next_id; rows the walk misses come last.

    A complete walk is the normal case; the fallback keeps every row visible even
    if a bug or an outside edit ever breaks the chain.
    """
    by_id = {row[0]: row for row in rows}
    heads = [row for row in rows if row[1] is None]
    seen: set[int] = set()
    for head in heads[:1]:
        row: tuple[Any, ...] | None = head
        while row is not None and row[0] not in seen:
            seen.add(row[0])
            yield row
            row = by_id.get(row[2])
    if len(seen) < len(rows):
        for row in sorted(rows, key=lambda r: r[0]):
            if row[0] not in seen:
                yield row


def _track_from_row(row: tuple[Any, ...]) -> Track:
    location = row[7]
    if isinstance(location, bytes):
        location = location.decode("utf-8", "surrogateescape")
    return Track.trusted(row[3], row[4] or "", row[5] or "", row[6], location, row[0])


def _location_to_db(location: str | None) -> str | bytes | None:
    """Keep a location as text, or as its original bytes when it is not UTF-8."""
    if location is None:
        return None
    try:
        location.encode("utf-8")
    except UnicodeEncodeError:
        return location.encode("utf-8", "surrogateescape")
    return location


def _enum(kind: Any, value: Any, default: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return default
