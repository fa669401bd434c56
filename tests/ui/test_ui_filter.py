"""The filter: `/` opens it, typing narrows the tracks, Esc clears it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input
from ui_support import add_playlist, make_app, screen_text, settle, titles

from playlist_tui.domain import Track
from playlist_tui.session import Session
from playlist_tui.ui.screens.track_dialog import TrackModal

TRACKS = [
    Track("Blue Monday", "New Order", "Power, Corruption & Lies", 448),
    Track("Monday Morning", "Fleetwood Mac", "Fleetwood Mac", 168),
    Track("Atmosphere", "Joy Division", "Substance", 250),
    Track("Ceremony", "New Order", "Substance", 263),
]


async def test_slash_filters_as_you_type_and_escape_clears(session: Session) -> None:
    add_playlist(session, "Mix", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"monday")
        await settle(pilot)
        assert titles(app) == ["Blue Monday", "Monday Morning"]
        assert "2 of 4" in screen_text(app)
        assert "esc Clear filter" in screen_text(app).splitlines()[-1]

        await pilot.press("escape")
        await settle(pilot)
        assert titles(app) == [t.title for t in TRACKS]
        assert not app.query_one("#filter-bar").display
        assert "Clear filter" not in screen_text(app).splitlines()[-1]


async def test_filter_matches_artist_and_album_and_every_word(session: Session) -> None:
    add_playlist(session, "Mix", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        app.filter_input.value = "new order"
        await settle(pilot)
        assert titles(app) == ["Blue Monday", "Ceremony"]
        app.filter_input.value = "SUBSTANCE"
        await settle(pilot)
        assert titles(app) == ["Atmosphere", "Ceremony"]
        app.filter_input.value = "order substance"
        await settle(pilot)
        assert titles(app) == ["Ceremony"]


async def test_enter_keeps_the_filter_and_plays_from_it(session: Session) -> None:
    add_playlist(session, "Mix", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        app.filter_input.value = "substance"
        await pilot.press("enter")
        assert app.focused is app.table
        await pilot.press("down", "enter")
        assert session.active.current.title == "Ceremony"
        await pilot.press("escape")
        assert len(titles(app)) == 4
        assert app.table.selected.title == "Ceremony"


async def test_no_match_says_so(session: Session) -> None:
    add_playlist(session, "Mix", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        app.filter_input.value = "zzz"
        await settle(pilot)
        assert titles(app) == []
        assert "No track matches 'zzz'" in screen_text(app)
        for key in ("enter", "e", "d", "i", "J"):
            await pilot.press(key)
        assert len(session.playlist(app.playlist_id)) == 4


async def test_filter_markup_is_literal(session: Session) -> None:
    add_playlist(session, "Mix", [Track("[bold]x[/]", duration=1)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"[/]")
        await settle(pilot)
        assert titles(app) == ["[bold]x[/]"]
        app.filter_input.value += "[@click=app.quit]"
        await settle(pilot)
        assert app.is_running
        assert "No track matches '[/][@click=app.quit]'" in screen_text(app)


async def test_keys_typed_in_one_burst_after_slash_all_reach_the_filter(
    session: Session,
) -> None:
    add_playlist(session, "Mix", TRACKS)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        # As a fast typist, a paste or a laggy link sends them: all queued at once.
        for key, char in [("slash", "/"), ("d", "d"), ("a", "a"), ("p", "p")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.filter_input.value == "dap"
        assert len(session.playlist(app.playlist_id)) == 4  # d removed nothing
        assert session.active is None  # p played nothing
        assert not isinstance(app.screen, TrackModal)  # a opened nothing


async def test_the_count_is_cleared_with_the_filter(session: Session) -> None:
    add_playlist(session, "Mix", TRACKS)
    add_playlist(session, "Other", TRACKS[:2])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"monday", "escape")
        await pilot.press("shift+tab", "down", "tab", "slash")
        await settle(pilot)
        assert app.shown.name == "Other"
        assert "of 4" not in screen_text(app)


async def test_a_slash_can_be_typed_in_the_filter_and_in_dialogs(
    session: Session,
) -> None:
    add_playlist(session, "Mix", [Track("Highway", "AC/DC")])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"ac/dc")
        await settle(pilot)
        assert app.filter_input.value == "ac/dc"
        assert titles(app) == ["Highway"]

        await pilot.press("enter", "a")
        await settle(pilot)
        assert isinstance(app.screen, TrackModal)
        await pilot.press(*"A/B")
        assert app.screen.query_one("#title", Input).value == "A/B"
