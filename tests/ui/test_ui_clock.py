"""Case 033: pause and resume keep the position; auto-advance happens once."""

from __future__ import annotations

from tests_support import FakeClock
from ui_support import add_playlist, make_app, settle

from playlist_tui.domain import Repeat, State
from playlist_tui.session import Session

TRACKS = [
    ("Clock Test - Ten Seconds", 10),
    ("Clock Test - Three Seconds", 3),
    ("Clock Test - Four Seconds", 4),
]


async def test_pause_resume_and_advance(session: Session, clock: FakeClock) -> None:
    add_playlist(session, "033", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(4)
        app.tick_playback()
        assert "0:04 / 0:10" in app.bar.progress_line()

        await pilot.press("space")
        clock.advance(30)
        app.tick_playback()
        await pilot.press("space")
        assert session.active.state is State.PLAYING
        assert session.active.position == 4
        assert "0:04 / 0:10" in app.bar.progress_line()

        clock.advance(6)
        app.tick_playback()
        app.tick_playback()
        await settle(pilot)
        assert session.active.current.title == "Clock Test - Three Seconds"
        assert session.active.position == 0
        assert "Three Seconds" in app.bar.status_line()
        assert "0:00 / 0:03" in app.bar.progress_line()

        clock.advance(2)
        await pilot.press("space")
        assert session.active.state is State.PAUSED
        await pilot.press("space", "space")
        assert session.active.state is State.PAUSED
        assert session.active.position == 2
        assert app.bar.status_line().startswith("⏸")

        assert session.active.repeat is Repeat.OFF
        await pilot.press("space")
        clock.advance(100)
        app.tick_playback()
        await settle(pilot)
        assert session.active.state is State.STOPPED
        assert session.active.position == 0
        assert app.bar.status_line().startswith("■")
        assert not app._ticker._active.is_set()
