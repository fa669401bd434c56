"""Case 029: previous on the first track, next and auto-advance past the last."""

from __future__ import annotations

from tests_support import FakeClock
from ui_support import add_playlist, make_app, notifications, settle

from playlist_tui.domain import Repeat, State
from playlist_tui.session import Session

TRACKS = [("Edge Case - First", 5), ("Edge Case - Last", 7)]


def now(session: Session) -> tuple[str | None, State, float]:
    active = session.active
    current = active.current
    return (current.title if current else None, active.state, active.position)


async def test_repeat_off_stops_at_both_ends(
    session: Session, clock: FakeClock
) -> None:
    add_playlist(session, "029", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "p", "p")
        assert now(session) == ("Edge Case - First", State.PLAYING, 0)

        await pilot.press("n")
        assert now(session)[0] == "Edge Case - Last"
        await pilot.press("n")
        assert now(session)[:2] == ("Edge Case - Last", State.PLAYING)
        assert len(session.playlist(app.playlist_id)) == 2

        await pilot.press("down", "enter")
        clock.advance(10)
        app.tick_playback()
        await settle(pilot)
        _, state, position = now(session)
        assert state is State.STOPPED
        assert 0 <= position <= 7
        assert "■" in app.bar.status_line()

        await pilot.press("p", "n")
        assert session.active.state is State.STOPPED
        assert app.is_running
        assert all(n.severity != "error" for n in app._notifications)


async def test_repeat_all_wraps_around(session: Session, clock: FakeClock) -> None:
    add_playlist(session, "029", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "r")
        assert session.active.repeat is Repeat.ALL
        await pilot.press("p")
        assert now(session)[0] == "Edge Case - Last"
        await pilot.press("n")
        assert now(session)[0] == "Edge Case - First"

        clock.advance(5 + 7 + 1)
        app.tick_playback()
        assert now(session) == ("Edge Case - First", State.PLAYING, 1)


async def test_the_same_refusal_is_said_once_while_it_shows(session: Session) -> None:
    add_playlist(session, "Mix", [("Only", 60)])
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("enter", "n", "n", "n", "p")
        await settle(pilot)
        said = notifications(app)
        assert len([n for n in said if n.startswith("no next track")]) == 1
        assert len([n for n in said if n.startswith("no previous track")]) == 1


async def test_keys_with_nothing_to_act_on_say_why(session: Session) -> None:
    add_playlist(session, "Empty")
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert notifications(app)[-1] == "'Empty' has no tracks yet: press a to add one"

    add_playlist(session, "029", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.panel.focus()
        await pilot.press("down", "enter")  # open the second playlist, 029
        await settle(pilot)
        assert app.table.has_focus
        await pilot.press("K")
        await settle(pilot)
        assert (
            notifications(app)[-1] == "'Edge Case - First' is already the first track"
        )
        await pilot.press("end", "J")
        await settle(pilot)
        assert notifications(app)[-1] == "'Edge Case - Last' is already the last track"
        app.panel.focus()
        await pilot.press("J")
        await settle(pilot)
        assert notifications(app)[-1] == "'029' is already the last playlist"
        assert [t.title for t in session.playlist(2)] == [t for t, _ in TRACKS]


async def test_deleting_the_playing_playlist_is_refused_before_asking(
    session: Session,
) -> None:
    add_playlist(session, "029", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("enter", "D")
        await settle(pilot)
        assert app.screen is app.screen_stack[0]  # no question was asked
        assert "'029' is playing; stop it before deleting it" in notifications(app)[-1]
