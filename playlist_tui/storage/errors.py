"""Errors of the storage layer; each names the database file and says what to do."""

from __future__ import annotations

from playlist_tui.domain.errors import PlaylistError


class StorageError(PlaylistError):
    """The database cannot be used or an edit could not be saved."""


class DatabaseUnusableError(StorageError):
    """The file cannot be used as a playlist-tui database; it was left untouched."""


class WriteFailedError(StorageError):
    """An edit could not be written (disk full, locked, read-only, I/O error).

    Nothing of the edit was kept: the transaction was rolled back whole.
    """


class DatabaseBusyError(WriteFailedError):
    """Another program held the write lock for longer than the edit could wait."""
