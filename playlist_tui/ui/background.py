"""Work the app runs off the event loop: importing files and folders.

A worker thread never touches widgets; it posts messages to the app. It opens its
own connection to the database (a SQLite connection belongs to the thread that made
it), and the app picks the committed result up like any other change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.worker import get_current_worker

from playlist_tui.domain import PlaylistError
from playlist_tui.importer import ImportReport, import_paths
from playlist_tui.session import Session
from playlist_tui.ui.screens.file_dialogs import ImportChoice


class ImportCancelled(PlaylistError):
    """The app was closed (or the import cancelled) before the import was saved."""


class ImportProgress(Message):
    """What the import in the background is doing now."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def import_in_thread(
    db_path: Path, choice: ImportChoice, post: Callable[[Message], object]
) -> list[ImportReport]:
    """Import ``choice`` into the database at ``db_path``; run in a thread worker.

    Progress goes to ``post`` as `ImportProgress` messages. When the worker is
    cancelled (the app quits) the import stops at the next file it reads, before
    anything of the playlist being read is saved.
    """
    worker = get_current_worker()

    def progress(message: str) -> None:
        if worker.is_cancelled:
            raise ImportCancelled("the import was stopped; nothing of it was saved")
        post(ImportProgress(message))

    session = Session.open(db_path, claim_player=False)
    try:
        return import_paths(session, [choice.path], into=choice.into, progress=progress)
    finally:
        session.close()
