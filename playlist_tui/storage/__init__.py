"""Storage: the only package that speaks SQL. Nothing here imports Textual."""

from playlist_tui.storage.database import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    default_path,
    open_database,
)
from playlist_tui.storage.errors import (
    DatabaseBusyError,
    DatabaseUnusableError,
    StorageError,
    WriteFailedError,
)
from playlist_tui.storage.store import Command, PlaylistInfo, Store, StoredPlayback

__all__ = [
    "BUSY_TIMEOUT_MS",
    "SCHEMA_VERSION",
    "Command",
    "DatabaseBusyError",
    "DatabaseUnusableError",
    "PlaylistInfo",
    "StorageError",
    "Store",
    "StoredPlayback",
    "WriteFailedError",
    "default_path",
    "open_database",
]
