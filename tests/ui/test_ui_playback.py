"""Playback keys: Space, Enter, n / >, p / <, S, seeking, repeat, shuffle, time."""

from __future__ import annotations

import pytest
from tests_support import FakeClock
from ui_support import add_playlist, make_app, notifications, settle

from playlist_tui.domain import Repeat, State
from playlist_tui.session import Session

TRACKS = [("Alpha", 100), ("Bravo", 200), ("Charlie", 300)]


@pytest.fixture
def playlist_id(session: Session) -> int:
    return add_playlist(session, "Mix", TRACKS)


def current_title(session: Session) -> str | None:
    active = session.active
    return active.current.title if active and active.current else None


async def test_space_plays_the_selected_track_then_pauses_and_resumes(
    session: Session, playlist_id: int, clock: FakeClock
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "space")
        assert current_title(session) == "Bravo"
        assert session.active.state is State.PLAYING

        clock.advance(12)
        await pilot.press("space")
        assert session.active.state is State.PAUSED
        assert session.active.position == pytest.approx(12)

        clock.advance(50)
        await pilot.press("space")
        assert session.active.state is State.PLAYING
        assert session.active.position == pytest.approx(12)


async def test_enter_plays_the_selected_track_and_marks_it(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert current_title(session) == "Charlie"
        row = "".join(s.text for s in app.table.render_line(3))
        assert row.startswith("▶") and "Charlie" in row
        assert "▶ Charlie" in app.bar.status_line()


@pytest.mark.parametrize("key", ["n", "greater_than_sign"])
async def test_next_keys(session: Session, playlist_id: int, key: str) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", key)
        assert current_title(session) == "Bravo"


@pytest.mark.parametrize("key", ["p", "less_than_sign"])
async def test_previous_keys(session: Session, playlist_id: int, key: str) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("end", "enter", key)
        assert current_title(session) == "Bravo"


async def test_stop_key_keeps_the_track_and_clears_the_marker(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "S")
        await settle(pilot)
        assert session.active.state is State.STOPPED
        assert app.table.playing_id is None
        assert app.bar.status_line().startswith("■ Alpha")


@pytest.mark.parametrize(
    ("key", "expected"),
    [("right", 55), ("left", 45), ("shift+right", 80), ("shift+left", 20)],
)
async def test_seek_keys(
    session: Session, playlist_id: int, key: str, expected: float
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        session.seek(50)
        await pilot.press(key)
        assert session.active.position == pytest.approx(expected)


async def test_repeat_cycles_off_all_one_and_shows(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert "repeat off" in app.bar.status_line()
        seen = []
        for _ in range(3):
            await pilot.press("r")
            seen.append(session.active.repeat)
        assert seen == [Repeat.ALL, Repeat.ONE, Repeat.OFF]
        await pilot.press("r")
        await settle(pilot)
        assert "repeat all" in app.bar.status_line()


async def test_shuffle_toggles_and_shows(session: Session, playlist_id: int) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "s")
        await settle(pilot)
        assert session.active.shuffle
        assert "shuffle on" in app.bar.status_line()
        await pilot.press("s")
        await settle(pilot)
        assert not session.active.shuffle
        assert "shuffle off" in app.bar.status_line()


async def test_t_toggles_remaining_time(
    session: Session, playlist_id: int, clock: FakeClock
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(25)
        app.tick_playback()
        assert "0:25 / 1:40" in app.bar.progress_line()
        await pilot.press("t")
        assert "-1:15 / 1:40" in app.bar.progress_line()
        await pilot.press("t")
        assert "0:25 / 1:40" in app.bar.progress_line()


async def test_ends_at_counts_what_is_left_from_the_wall_clock(
    session: Session, playlist_id: int, clock: FakeClock
) -> None:
    # 21:00 now; 100 + 200 + 300 s = 10 minutes from the start of Alpha.
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert "ends at 21:10" in app.bar.progress_line()
        clock.advance(60)
        app.tick_playback()
        assert "ends at 21:09" in app.bar.progress_line()


async def test_ends_at_flags_unknown_durations(session: Session) -> None:
    add_playlist(session, "Radio", [("Known", 120), ("Stream", None)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert "ends at 21:02+" in app.bar.progress_line()


async def test_an_end_days_away_is_said_in_days(session: Session) -> None:
    long_ones = [(f"Book {i}", 1000 * 3600) for i in range(30)]
    add_playlist(session, "Audiobooks", long_ones)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert "ends in 1250 days" in app.bar.progress_line()


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (100, "▶ Alpha — Band repeat all · shuffle on"),
        (50, "▶ Alpha — Band repeat all · shuffle"),
        (24, "▶ Alpha — Band"),
    ],
)
async def test_a_narrow_bar_drops_the_modes_before_the_title(
    session: Session, width: int, shown: str
) -> None:
    from playlist_tui.domain import Track

    add_playlist(session, "Mix", [Track("Alpha", artist="Band", duration=100)])
    app = make_app(session)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("enter", "r", "s")
        await settle(pilot)
        assert " ".join(app.bar.status_line().split()) == shown


async def test_ends_at_hidden_while_paused(session: Session, playlist_id: int) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space")
        assert session.active.state is State.PAUSED
        assert "ends at" not in app.bar.progress_line()
        await pilot.press("space")
        assert "ends at 21:10" in app.bar.progress_line()


async def test_ends_at_hidden_with_repeat(session: Session, playlist_id: int) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "r")
        assert "ends at" not in app.bar.progress_line()


async def test_ticks_follow_the_clock_and_pause_when_idle(
    session: Session, playlist_id: int, clock: FakeClock
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app._ticker is not None and app._ticker._active.is_set() is False
        await pilot.press("enter")
        assert app._ticker._active.is_set()

        clock.advance(101)
        app.tick_playback()
        await settle(pilot)
        assert current_title(session) == "Bravo"
        assert app.table.playing_id == session.active.current.id
        assert "0:01 / 3:20" in app.bar.progress_line()

        await pilot.press("space")
        assert not app._ticker._active.is_set()


async def test_playback_keys_with_nothing_playing_only_notify(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("n", "p", "S", "right", "shift+left", "r", "s"):
            await pilot.press(key)
        await settle(pilot)
        assert session.active is None
        assert notifications(app)
        assert app.is_running


async def test_space_after_a_stop_plays_the_selected_track(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter", "S")
        assert session.active.state is State.STOPPED
        await pilot.press("up", "space")
        assert session.active.state is State.PLAYING
        assert current_title(session) == "Alpha"


async def test_the_cursor_follows_the_current_track_unless_moved_away(
    session: Session, playlist_id: int, clock: FakeClock
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        assert app.table.selected.title == "Bravo"
        clock.advance(201)
        app.tick_playback()
        assert current_title(session) == "Charlie"
        assert app.table.selected.title == "Charlie"

        await pilot.press("home", "p")
        assert current_title(session) == "Bravo"
        assert app.table.selected.title == "Alpha"  # the person moved it: it stays


async def test_after_a_restart_the_cursor_is_on_the_paused_track(
    session: Session, playlist_id: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter", "space", "home")
    again = make_app(session)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.table.selected.title == "Charlie"
        await pilot.press("space")
        assert current_title(session) == "Charlie"
        assert session.active.state is State.PLAYING


async def test_x_stops_after_the_current_track_once(
    session: Session, playlist_id: int, clock: FakeClock
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "x")
        await settle(pilot)
        assert "stop after this" in app.bar.status_line()
        assert "ends at 21:01" in app.bar.progress_line()  # 100 s of Alpha left

        clock.advance(101)
        app.tick_playback()
        await settle(pilot)
        assert session.active.state is State.STOPPED
        assert "stop after this" not in app.bar.status_line()

        await pilot.press("space")
        clock.advance(101)
        app.tick_playback()
        assert session.active.state is State.PLAYING  # it stopped once only
        assert current_title(session) == "Bravo"
