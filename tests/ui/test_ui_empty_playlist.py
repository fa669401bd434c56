"""Case 028: every key on an empty playlist is a no-op with at most a short note."""

from __future__ import annotations

import pytest
from tests_support import FakeClock
from ui_support import add_playlist, make_app, screen_text, settle

from playlist_tui.domain import State
from playlist_tui.session import Session
from playlist_tui.ui.screens.confirm import ConfirmModal

STEP_3 = (
    "enter",
    "n",
    "p",
    "space",
    "d",
    "shift+up",
    "shift+down",
    "K",
    "J",
    "s",
    "e",
    "i",
    "S",
    "right",
)


def assert_only_short_notes(app) -> None:
    for note in app._notifications:
        assert note.severity != "error", note.message
        assert len(note.message) < 200


async def press_step_3(pilot, clock: FakeClock) -> None:
    for key in STEP_3:
        await pilot.press(key)
    clock.advance(5)
    pilot.app.tick_playback()
    await settle(pilot)


async def test_keys_on_an_empty_playlist_do_nothing(
    session: Session, clock: FakeClock
) -> None:
    playlist_id = add_playlist(session, "028-m3u-empty-playlist")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.focused is app.table and app.table.row_count == 0
        await press_step_3(pilot, clock)

        assert app.is_running
        assert len(session.playlist(playlist_id)) == 0
        assert session.active is None or session.active.state is State.STOPPED
        assert "Nothing playing" in app.bar.status_line()
        assert "This playlist has no tracks yet" in screen_text(app)
        assert_only_short_notes(app)


async def test_deleting_the_only_track_while_it_plays(
    session: Session, clock: FakeClock
) -> None:
    playlist_id = add_playlist(session, "One", [("Only", 60)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(3)
        await pilot.press("d")  # never removed while it plays: the app asks
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "'Only' is playing. Stop it and remove it from 'One'?" in screen_text(
            app
        )
        await pilot.press("escape")
        await settle(pilot)
        assert len(session.playlist(playlist_id)) == 1
        assert session.active.state is State.PLAYING

        await pilot.press("d", "y")
        await settle(pilot)
        assert len(session.playlist(playlist_id)) == 0
        assert session.active.state is State.STOPPED
        assert session.active.current is None
        assert "Nothing playing" in app.bar.status_line()
        assert app.bar.progress_line() == ""

        await press_step_3(pilot, clock)
        assert app.is_running
        assert session.active.state is State.STOPPED
        assert session.active.position == 0
        assert_only_short_notes(app)


@pytest.mark.parametrize("key", ["R", "D", "a", "slash", "question_mark", "t", "r"])
async def test_other_keys_on_an_empty_library_never_fail(
    session: Session, key: str
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key, "escape")
        await settle(pilot)
        assert app.is_running
        assert_only_short_notes(app)
