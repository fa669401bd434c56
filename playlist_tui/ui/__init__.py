"""The Textual user interface of playlist-tui."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playlist_tui.session import Session


def run_app(session: Session) -> None:
    """Run the terminal UI on an open session until the person quits."""
    from playlist_tui.ui.app import PlaylistApp

    PlaylistApp(session).run()
