"""Help (?), the command palette (Ctrl+P) and the remembered theme."""

from __future__ import annotations

from textual.command import CommandPalette
from ui_support import add_playlist, make_app, screen_text, settle

from playlist_tui.session import Session
from playlist_tui.ui.app import KEYS, PlaylistCommands
from playlist_tui.ui.screens.help import HelpScreen


async def test_help_lists_every_key(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for command in KEYS:
            assert command.description in text
        for key in ("space", "Enter", "Tab", "ctrl+p", "shift+↑", ">", "<", "/", "?"):
            assert key in text, key
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_the_app_actions(session: Session) -> None:
    add_playlist(session, "Mix", [("A", 10)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        provider = PlaylistCommands(app.screen)
        hits = [hit async for hit in provider.search("shuffle")]
        assert [hit.text for hit in hits] == ["Shuffle on/off"]
        found = [hit.text async for hit in _discover(provider)]
        assert "Play/Pause" in found and "New playlist" in found and "Help" in found

        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"play/pause")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert session.active is not None and session.active.current.title == "A"


async def _discover(provider):
    async for hit in provider.discover():
        yield hit


async def test_theme_is_remembered_and_restored(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "nord"
        await settle(pilot)
    assert session.get_setting("theme") == "nord"

    again = make_app(session)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_unknown_saved_theme_is_ignored(session: Session) -> None:
    session.set_setting("theme", "no-such-theme")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme != "no-such-theme"
        assert app.is_running


async def test_last_shown_playlist_comes_back(session: Session) -> None:
    add_playlist(session, "One")
    add_playlist(session, "Two", [("In two", 1)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "down")
        await settle(pilot)
    again = make_app(session)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.shown.name == "Two"
        assert "In two" in screen_text(again)
