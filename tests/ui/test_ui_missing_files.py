"""Tracks whose file is not on this computer are marked, and still play."""

from __future__ import annotations

from pathlib import Path

from ui_support import add_playlist, make_app, screen_lines, settle

from playlist_tui.domain import State, Track
from playlist_tui.session import Session
from playlist_tui.ui.screens.info import TrackInfoModal


def row(app, index: int) -> str:
    return "".join(segment.text for segment in app.table.render_line(index + 1))


async def test_missing_files_are_marked_and_still_play(
    session: Session, tmp_path: Path
) -> None:
    here = tmp_path / "here.mp3"
    here.write_bytes(b"x")
    add_playlist(
        session,
        "Mix",
        [
            Track("Here", duration=60, location=str(here)),
            Track("Gone", duration=60, location=str(tmp_path / "gone [/x].mp3")),
            Track("Windows", duration=60, location="C:\\Music\\a.mp3"),
            Track("Stream", location="http://radio.invalid/live"),
            Track("Nowhere", duration=60),
        ],
    )
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        marks = [row(app, i)[0] for i in range(5)]
        assert marks == [" ", "✗", "✗", " ", " "]

        await pilot.press("down", "enter")
        assert session.active.state is State.PLAYING
        assert row(app, 1)[0] == "▶"  # playing wins over missing

        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, TrackInfoModal)
        text = "\n".join(screen_lines(app))
        assert "not on this computer" in text
        # The temporary folder's path is long enough to wrap in the dialog.
        flat = "".join(text.replace("█", "").split())
        assert "gone[/x].mp3" in flat
