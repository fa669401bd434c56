"""Case 031: moving rows while a track plays; the order survives a restart."""

from __future__ import annotations

from pathlib import Path

from tests_support import FakeClock
from ui_support import NAMES, add_playlist, make_app, settle, titles

from playlist_tui.domain import State
from playlist_tui.session import Session


def marked_rows(app) -> list[str]:
    lines = ["".join(s.text for s in app.table.render_line(y)) for y in range(1, 5)]
    return [line for line in lines if line.startswith(("▶", "⏸"))]


async def test_marker_follows_the_playing_row(
    db_path: Path, session: Session, clock: FakeClock
) -> None:
    add_playlist(session, "031", [(f"Order Test - {name}", 30) for name in NAMES])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        clock.advance(5)
        await pilot.press("home", "J", "J")
        await settle(pilot)
        assert titles(app) == [
            f"Order Test - {n}" for n in ("Bravo", "Charlie", "Alpha", "Delta")
        ]
        assert session.active.current.title == "Order Test - Charlie"
        assert session.active.position == 5
        assert session.active.state is State.PLAYING
        marked = marked_rows(app)
        assert len(marked) == 1 and "Charlie" in marked[0] and " 2 " in marked[0]

        clock.advance(30)
        app.tick_playback()
        await settle(pilot)
        assert session.active.current.title == "Order Test - Alpha"
        assert "Alpha" in marked_rows(app)[0]

        await pilot.press("K", "K")
        assert titles(app)[0] == "Order Test - Alpha"
        assert "Alpha" in marked_rows(app)[0]
        await pilot.press("n")
        assert session.active.current.title == "Order Test - Bravo"
        shown = titles(app)

    session.close()
    again = Session.open(db_path, clock=clock)
    try:
        app = make_app(again)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert titles(app) == shown
    finally:
        again.close()
