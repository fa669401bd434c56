"""Track edits: add (a), edit (e), remove (d / Delete), move (shift+↑↓, K / J), info (i)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static
from ui_support import NAMES, add_playlist, make_app, screen_text, settle, titles

from playlist_tui.domain import State
from playlist_tui.session import Session
from playlist_tui.ui.screens.info import TrackInfoModal
from playlist_tui.ui.screens.track_dialog import TrackModal


@pytest.fixture
def playlist_id(session: Session) -> int:
    return add_playlist(session, "Mix", [(name, 30) for name in NAMES])


async def fill(pilot, **values: str) -> None:
    for field, value in values.items():
        pilot.app.screen.query_one(f"#{field}", Input).value = value
    await pilot.pause()


def error_under(app, field: str) -> str:
    return str(app.screen.query_one(f"#{field}-error", Static).render())


@pytest.mark.parametrize(
    ("typed", "seconds"), [("225", 225), ("3:45", 225), ("1:02:03", 3723), ("", None)]
)
async def test_add_track_reads_every_duration_form(
    session: Session, playlist_id: int, typed: str, seconds: float | None
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, TrackModal)
        await fill(pilot, title="New Song", artist="Someone", duration=typed)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TrackModal)

        tracks = session.playlist(playlist_id).tracks()
        assert tracks[-1].title == "New Song"
        assert tracks[-1].artist == "Someone"
        assert tracks[-1].duration == seconds
        assert app.table.selected.title == "New Song"


async def test_add_track_refuses_a_wrong_duration_and_stays_open(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill(pilot, title="Song", duration="3:4x")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TrackModal)
        assert "3:4x" in error_under(app, "duration")
        assert "is not a duration" in error_under(app, "duration")
        assert len(session.playlist(playlist_id)) == 4

        await fill(pilot, duration="3:75")
        await pilot.press("enter")
        assert isinstance(app.screen, TrackModal)
        assert "up to 59" in error_under(app, "duration")


async def test_add_track_needs_a_title(session: Session, playlist_id: int) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill(pilot, title="   ", artist="x")
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, TrackModal)
        assert "needs a title" in error_under(app, "title")
        assert len(session.playlist(playlist_id)) == 4


async def test_add_track_escape_saves_nothing(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill(pilot, title="Not saved")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TrackModal)
        assert len(session.playlist(playlist_id)) == 4


async def test_add_without_a_playlist_says_so(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(app.screen, TrackModal)
        assert any("press N" in n.message for n in app._notifications)


async def test_edit_changes_only_what_was_typed(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "e")
        assert isinstance(app.screen, TrackModal)
        assert app.screen.query_one("#title", Input).value == "Bravo"
        assert app.screen.query_one("#duration", Input).value == "0:30"
        await fill(pilot, title="Bravo (live)", duration="1:00")
        await pilot.press("enter")
        await settle(pilot)

        track = session.playlist(playlist_id).tracks()[1]
        assert (track.title, track.duration) == ("Bravo (live)", 60)
        assert "Bravo (live)" in screen_text(app)


async def test_edit_keeps_a_location_it_cannot_show(session: Session) -> None:
    from playlist_tui.domain import Track

    raw = "music/caf\udce9.mp3"  # a file name that was not UTF-8
    playlist_id = add_playlist(session, "Odd", [Track("Odd", location=raw)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert app.screen.query_one("#location", Input).value == "music/caf\ufffd.mp3"
        await fill(pilot, artist="Someone")
        await pilot.press("enter")
        await settle(pilot)
        track = session.playlist(playlist_id).tracks()[0]
        assert track.location == raw
        assert track.artist == "Someone"


@pytest.mark.parametrize("key", ["d", "delete"])
async def test_remove_takes_the_selected_track_at_once(
    session: Session, playlist_id: int, key: str
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", key)
        await settle(pilot)
        assert titles(app) == ["Alpha", "Charlie", "Delta"]
        assert [t.title for t in session.playlist(playlist_id)] == [
            "Alpha",
            "Charlie",
            "Delta",
        ]
        assert app.table.selected.title == "Charlie"
        assert any("Removed 'Bravo'" in n.message for n in app._notifications)
        assert "3 tracks" in screen_text(app)


async def test_the_playing_track_is_removed_only_once_stopped_on_request(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter", "d")
        await settle(pilot)
        assert "'Bravo' is playing. Stop it and remove it" in screen_text(app)
        await pilot.press("enter")  # the default answer is Cancel
        await settle(pilot)
        assert titles(app) == list(NAMES)
        assert session.active.state is State.PLAYING

        await pilot.press("d", "y")
        await settle(pilot)
        assert titles(app) == ["Alpha", "Charlie", "Delta"]
        assert session.active.state is State.STOPPED
        assert any(
            "Stopped and removed 'Bravo'" in n.message for n in app._notifications
        )


@pytest.mark.parametrize(("up", "down"), [("shift+up", "shift+down"), ("K", "J")])
async def test_move_keys_move_the_selected_track(
    session: Session, playlist_id: int, up: str, down: str
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", down)
        assert titles(app) == ["Alpha", "Charlie", "Bravo", "Delta"]
        assert app.table.selected.title == "Bravo"
        await pilot.press(up, up)
        assert titles(app) == ["Bravo", "Alpha", "Charlie", "Delta"]
        await pilot.press(up)  # at the top: nothing happens
        assert titles(app) == ["Bravo", "Alpha", "Charlie", "Delta"]
        await pilot.press("end", down)
        assert titles(app) == ["Bravo", "Alpha", "Charlie", "Delta"]
        assert [t.title for t in session.playlist(playlist_id)] == titles(app)


async def test_info_shows_every_field(session: Session, playlist_id: int) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "i")
        await settle(pilot)
        assert isinstance(app.screen, TrackInfoModal)
        text = screen_text(app)
        assert "Charlie" in text and "Position" in text and "0:30" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, TrackInfoModal)


@pytest.mark.parametrize("size", [(80, 24), (50, 15)])
async def test_on_a_short_terminal_the_fields_scroll_and_the_buttons_stay(
    session: Session, playlist_id: int, size: tuple[int, int]
) -> None:
    app = make_app(session)
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await settle(pilot)
        assert "Save" in screen_text(app) and "Cancel" in screen_text(app)

        await pilot.press("tab", "tab", "tab", *"1:99", "enter")
        await settle(pilot)
        await settle(pilot)
        shown = screen_text(app)
        assert "'1:99' is not a duration" in shown
        assert "Save" in shown and "Cancel" in shown


async def test_a_remove_question_answered_late_stops_only_that_track(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "d")  # Alpha plays; the question opens
        await settle(pilot)
        session.next()  # meanwhile playback moves on, as from the shell
        await pilot.press("y")
        await settle(pilot)
        assert titles(app) == ["Bravo", "Charlie", "Delta"]
        assert session.active.current.title == "Bravo"
        assert session.active.state is State.PLAYING
