"""Storage: the only package that speaks SQL. Nothing here imports Textual."""

from playlist_tui.storage.database import (
    SCHEMA_VERSION,
    default_path,
    open_database,
)
from playlist_tui.storage.errors import (
    DatabaseUnusableError,
    StorageError,
    WriteFailedError,
)
from playlist_tui.storage.store import Command, PlaylistInfo, Store, StoredPlayback

__all__ = [
    "SCHEMA_VERSION",
    "Command",
    "DatabaseUnusableError",
    "PlaylistInfo",
    "StorageError",
    "Store",
    "StoredPlayback",
    "WriteFailedError",
    "default_path",
    "open_database",
]
