"""Mouse: a click selects a row, a double click plays it; clicks on the panel."""

from __future__ import annotations

from textual.geometry import Offset
from ui_support import NAMES, add_playlist, make_app, settle

from playlist_tui.session import Session


async def test_click_selects_and_double_click_plays(session: Session) -> None:
    add_playlist(session, "Mix", [(name, 30) for name in NAMES])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        # Line 0 is the header; line 3 shows the third track.
        await pilot.click(app.table, offset=Offset(10, 3))
        assert app.table.selected.title == "Charlie"
        assert session.active is None

        await pilot.double_click(app.table, offset=Offset(10, 2))
        await settle(pilot)
        assert app.table.selected.title == "Bravo"
        assert session.active.current.title == "Bravo"


async def test_clicks_outside_rows_do_nothing(session: Session) -> None:
    add_playlist(session, "Mix", [(name, 30) for name in NAMES])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        await pilot.double_click(app.table, offset=Offset(10, 0))  # the header
        await pilot.double_click(app.table, offset=Offset(10, 20))  # below the rows
        assert app.table.selected.title == "Bravo"
        assert session.active is None


async def test_click_in_the_panel_shows_that_playlist(session: Session) -> None:
    add_playlist(session, "One", [("In one", 1)])
    add_playlist(session, "Two", [("In two", 1)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        # Header line, then two lines per playlist.
        await pilot.click(app.panel, offset=Offset(3, 3))
        await settle(pilot)
        assert app.shown.name == "Two"


async def test_scrolling_a_long_list_keeps_clicks_on_the_right_row(
    session: Session,
) -> None:
    add_playlist(session, "Long", [(f"Track {i:03}", 30) for i in range(200)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("end")
        await settle(pilot)
        assert app.table.selected.title == "Track 199"
        top = round(app.table.scroll_y)
        await pilot.click(app.table, offset=Offset(10, 1))
        assert app.table.selected.title == f"Track {top:03}"
