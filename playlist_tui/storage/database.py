"""Opening the database file: checks, pragmas, and numbered schema upgrades.

A file is only ever written after it has been recognised as a playlist-tui database
of a schema this code knows (or it is new and empty). Anything else is refused with
a message that names the file, and the file keeps its bytes.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path

import platformdirs
import sqlite_utils

from playlist_tui.storage.errors import (
    DatabaseBusyError,
    DatabaseUnusableError,
    WriteFailedError,
)

log = logging.getLogger(__name__)

APPLICATION_ID = 0x706C7475  # "pltu": marks the file as ours for `file(1)` and for us.
FULL_BELOW_BYTES = 64 * 1024
"""Less free space than this, and an I/O error is taken to mean a full disk."""
BUSY_TIMEOUT_MS = 5000
ENV_VAR = "PLAYLIST_TUI_DB"
SQLITE_HEADER = b"SQLite format 3\x00"

# The files this process has open through SQLite, by (device, inode), with how many
# connections each. Closing any descriptor of a file drops every POSIX lock the
# process holds on it, SQLite's included, so a file already open here is never opened
# again by plain file I/O: it was checked when its first connection was made.
_open_files: dict[tuple[int, int], int] = {}
_open_files_lock = threading.Lock()

# Each step upgrades the schema by one version; step N is applied to a database at
# version N-1, all pending steps in one transaction.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE playlists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        sort_order INTEGER NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    -- Tracks form a doubly linked list per playlist (prev_id, next_id), so that an
    -- insert, remove or move writes a constant number of rows at any length.
    -- location has no type: text normally, a BLOB for a path that is not UTF-8.
    CREATE TABLE tracks (
        id INTEGER PRIMARY KEY,
        playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
        prev_id INTEGER,
        next_id INTEGER,
        title TEXT NOT NULL,
        artist TEXT NOT NULL DEFAULT '',
        album TEXT NOT NULL DEFAULT '',
        duration REAL,
        location,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX tracks_by_prev ON tracks (playlist_id, prev_id);
    CREATE INDEX tracks_by_next ON tracks (playlist_id, next_id);
    CREATE TABLE playback (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        playlist_id INTEGER REFERENCES playlists(id) ON DELETE SET NULL,
        track_id INTEGER,
        position REAL NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'stopped',
        repeat TEXT NOT NULL DEFAULT 'off',
        shuffle INTEGER NOT NULL DEFAULT 0,
        shuffle_seed INTEGER NOT NULL DEFAULT 0,
        stop_after_current INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT
    );
    INSERT INTO playback (id) VALUES (1);
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE commands (
        id INTEGER PRIMARY KEY,
        verb TEXT NOT NULL,
        argument TEXT,
        created_at REAL NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        error TEXT
    );
    """,
    # 2: ids are never used twice, so a script's stale id cannot name a newer
    # track. The highest id ever given is kept here, not read off the rows.
    """
    CREATE TABLE id_counters (
        name TEXT PRIMARY KEY,
        last INTEGER NOT NULL
    );
    INSERT INTO id_counters (name, last)
        SELECT 'tracks', coalesce(max(id), 0) FROM tracks;
    INSERT INTO id_counters (name, last)
        SELECT 'playlists', coalesce(max(id), 0) FROM playlists;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """Return the database path: ``$PLAYLIST_TUI_DB``, else the user data folder."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return (
        Path(platformdirs.user_data_dir("playlist-tui", appauthor=False)) / "library.db"
    )


def open_database(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """Open (creating when missing) a playlist-tui database and bring its schema up.

    Raises:
        DatabaseUnusableError: The file is not SQLite, is damaged, belongs to another
            program, was written by a newer playlist-tui, or cannot be written.
    """
    path = Path(path).expanduser()
    if _file_key(path) not in _open_files:
        _check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnusableError(
            f"cannot create the folder {path.parent} for the database: "
            f"{error.strerror or error}; choose another place with --db"
        ) from None

    try:
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise DatabaseUnusableError(describe_open_error(path, error)) from None

    try:
        _check_contents(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        _upgrade(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except DatabaseUnusableError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        raise DatabaseUnusableError(describe_open_error(path, error)) from None
    key = _file_key(path)
    if key is not None:
        with _open_files_lock:
            _open_files[key] = _open_files.get(key, 0) + 1
    return sqlite_utils.Database(conn)


def close_database(db: sqlite_utils.Database, path: Path) -> None:
    """Close a database that `open_database` opened, and forget its file."""
    key = _file_key(path)
    db.close()
    with _open_files_lock:
        count = _open_files.pop(key, 0) - 1  # type: ignore[arg-type]
        if count > 0:
            _open_files[key] = count  # type: ignore[index]


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        stats = os.stat(path)
    except OSError:
        return None
    return stats.st_dev, stats.st_ino


def describe_open_error(path: Path, error: sqlite3.Error) -> str:
    """Say in words why ``path`` could not be opened or set up."""
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        return (
            f"{path} is read-only; playlist-tui needs to write to it and to its "
            "folder. Fix the permissions or choose another file with --db"
        )
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program; close it and try again"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (
            f"{path} is damaged ({error}); it was left untouched. Move it aside to "
            "start a new library, or restore it from a backup"
        )
    if "full" in text or _disk_is_full(path):
        return f"the disk holding {path} is full; free some space and try again"
    if "unable to open" in text and not os.access(path.parent, os.W_OK | os.X_OK):
        return (
            f"cannot use {path}: its folder {path.parent} is not writable (SQLite "
            "keeps its journal beside the file). Fix the permissions or choose "
            "another file with --db"
        )
    return f"cannot use {path}: {error}"


def _disk_is_full(path: Path) -> bool:
    """Tell whether the file system of ``path`` has (almost) no room left.

    SQLite reports a full disk as a plain "disk I/O error" when it cannot even
    create its journal files, so the space is looked at to say what happened.
    """
    try:
        stats = os.statvfs(path.parent)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < FULL_BELOW_BYTES


def _check_file(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it."""
    if path.is_dir():
        raise DatabaseUnusableError(
            f"{path} is a folder, not a database file; give a file path with --db"
        )
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise DatabaseUnusableError(
            f"cannot read {path}: {error.strerror or error}; check its permissions"
        ) from None
    if header and header != SQLITE_HEADER:
        raise DatabaseUnusableError(
            f"{path} is not a playlist-tui database (it is not an SQLite file); it "
            "was left untouched. Choose another file with --db"
        )
    if header and not os.access(path, os.W_OK):
        raise DatabaseUnusableError(
            f"{path} is read-only; playlist-tui needs to write to it. Fix its "
            "permissions or choose another file with --db"
        )


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite file that is damaged, someone else's, or from the future."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DatabaseUnusableError(
            f"{path} has database schema {version}, but this version of playlist-tui "
            f"supports schema {SCHEMA_VERSION} at most. It was left untouched; "
            "upgrade playlist-tui to use it"
        )
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if tables and application_id != APPLICATION_ID:
        raise DatabaseUnusableError(
            f"{path} is an SQLite database of another program, not a playlist-tui "
            "database; it was left untouched. Choose another file with --db"
        )
    if tables:
        problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise DatabaseUnusableError(
                f"{path} is damaged ({problem}); it was left untouched. Move it aside "
                "to start a new library, or restore it from a backup"
            )


def _upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Apply every pending migration in one transaction.

    An up-to-date database is only read, so opening it does not wait for another
    program that holds the write lock.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DatabaseUnusableError(
                f"{path} has database schema {version}, but this version of "
                f"playlist-tui supports schema {SCHEMA_VERSION} at most; upgrade "
                "playlist-tui to use it"
            )
        for step in range(version, SCHEMA_VERSION):
            log.info("upgrading %s to schema %d", path, step + 1)
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    # executescript() would commit the open transaction, so split by hand; the
    # migrations contain no semicolons inside strings.
    return [part.strip() for part in script.split(";") if part.strip()]


def write_error(path: Path, error: sqlite3.Error | OSError) -> WriteFailedError:
    """Turn an error raised while writing into a message a person can act on."""
    text = str(error).lower()
    if "full" in text or (isinstance(error, sqlite3.Error) and _disk_is_full(path)):
        message = f"not saved: the disk holding {path} is full (no space left); free some space and try again"
    elif "locked" in text or "busy" in text:
        return DatabaseBusyError(
            f"not saved: {path} is busy, another program has been writing to it for "
            f"more than {BUSY_TIMEOUT_MS // 1000} s; try again in a moment"
        )
    elif "readonly" in text or "read-only" in text:
        message = f"not saved: {path} is read-only; fix its permissions"
    else:
        message = f"not saved: could not write to {path} ({error})"
    return WriteFailedError(message)
