"""Playlists: new (N), rename (R), delete (D), reorder, switching with the panel."""

from __future__ import annotations

from textual.widgets import Input, Static
from ui_support import add_playlist, make_app, screen_text, settle, titles

from playlist_tui.session import Session
from playlist_tui.ui.screens.confirm import ConfirmModal
from playlist_tui.ui.screens.name_dialog import NameModal
from playlist_tui.ui.widgets.playlist_panel import PlaylistPanel
from playlist_tui.ui.widgets.track_table import TrackTable


def names(session: Session) -> list[str]:
    return [info.name for info in session.playlists()]


def dialog_error(app) -> str:
    return str(app.screen.query_one("#name-error", Static).render())


async def type_name(pilot, name: str) -> None:
    pilot.app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await settle(pilot)


async def test_new_playlist_is_created_and_shown(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("N")
        assert isinstance(app.screen, NameModal)
        await type_name(pilot, "Road trip")
        assert not isinstance(app.screen, NameModal)
        assert names(session) == ["Road trip"]
        assert app.shown is not None and app.shown.name == "Road trip"
        assert "This playlist has no tracks yet" in screen_text(app)


async def test_new_playlist_refuses_empty_and_duplicate_names(session: Session) -> None:
    add_playlist(session, "Road Trip")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("N")
        await type_name(pilot, "   ")
        assert isinstance(app.screen, NameModal)
        assert "needs a name" in dialog_error(app)

        await type_name(pilot, "road trip")
        assert isinstance(app.screen, NameModal)
        assert "road trip" in dialog_error(app).lower()
        assert names(session) == ["Road Trip"]

        await pilot.press("escape")
        assert not isinstance(app.screen, NameModal)


async def test_rename_playlist(session: Session) -> None:
    add_playlist(session, "Old name", [("A", 1)])
    add_playlist(session, "Other")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        assert isinstance(app.screen, NameModal)
        assert app.screen.query_one("#name", Input).value == "Old name"
        await type_name(pilot, "OTHER")
        assert isinstance(app.screen, NameModal), (
            "a duplicate (ignoring case) is refused"
        )
        await type_name(pilot, "New name")
        assert names(session) == ["New name", "Other"]
        assert "New name" in screen_text(app)


async def test_delete_playlist_asks_naming_it_and_its_tracks(session: Session) -> None:
    add_playlist(session, "Doomed [bold]", [("A", 1), ("B", 2), ("C", 3)])
    add_playlist(session, "Kept")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmModal)
        text = screen_text(app)
        assert "Delete the playlist 'Doomed [bold]' and its 3 tracks?" in text

        await pilot.press("escape")
        assert names(session) == ["Doomed [bold]", "Kept"]

        await pilot.press("D", "y")
        await settle(pilot)
        assert names(session) == ["Kept"]
        assert app.shown is not None and app.shown.name == "Kept"


async def test_delete_playlist_while_it_plays_is_refused_with_a_note(
    session: Session,
) -> None:
    add_playlist(session, "Busy", [("A", 100)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "D", "y")
        await settle(pilot)
        assert names(session) == ["Busy"]
        assert any("stop it" in n.message for n in app._notifications)


async def test_panel_cursor_switches_the_shown_playlist(session: Session) -> None:
    add_playlist(session, "One", [("First of one", 1)])
    add_playlist(session, "Two", [("First of two", 1)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.focused, TrackTable)
        await pilot.press("tab")
        assert isinstance(app.focused, PlaylistPanel)
        await pilot.press("down")
        await settle(pilot)
        assert titles(app) == ["First of two"]
        await pilot.press("enter")
        assert isinstance(app.focused, TrackTable)


async def test_panel_keys_reorder_playlists(session: Session) -> None:
    for name in ("One", "Two", "Three"):
        add_playlist(session, name)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PlaylistPanel)
        await pilot.press("J")
        assert names(session) == ["Two", "One", "Three"]
        await pilot.press("shift+down")
        assert names(session) == ["Two", "Three", "One"]
        await pilot.press("K", "shift+up")
        assert names(session) == ["One", "Two", "Three"]
        assert app.panel.selected_id == session.find_playlist("One").id


async def test_the_playing_playlist_is_marked(session: Session) -> None:
    add_playlist(session, "Plays", [("A", 100)])
    add_playlist(session, "Quiet", [("B", 100)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert "▶ Plays" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert "⏸ Plays" in screen_text(app)


async def test_on_a_small_terminal_a_refused_name_keeps_the_buttons(
    session: Session,
) -> None:
    app = make_app(session)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.press("N", "enter")  # an empty name
        await settle(pilot)
        await settle(pilot)
        shown = screen_text(app)
        assert "A playlist needs a name" in shown
        assert "Create" in shown and "Cancel" in shown
