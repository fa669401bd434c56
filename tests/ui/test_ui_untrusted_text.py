"""Cases 023, 025 and 027: text from outside is shown literally, safely, on one line."""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from textual.widgets import Input
from ui_support import add_playlist, make_app, screen_lines, screen_text, settle

from playlist_tui.domain import Track
from playlist_tui.session import Session
from playlist_tui.ui.screens.confirm import ConfirmModal
from playlist_tui.ui.screens.info import TrackInfoModal
from playlist_tui.ui.screens.track_dialog import TrackModal

# Case 023: Rich closing tags and actions, exactly as an imported M3U holds them.
MARKUP_TITLES = [
    "[/]",
    "Live [/bold] Edit",
    "Placeholder Artist - Track [/",
    "[bold red]Loud[/] and [/italic]",
    "[/Placeholder Artist] - Closing Name",
    "[@click=app.quit]Quit me[/]",
    "[link=https://example.invalid]link[/link]",
]
MARKUP_PATH = "markup/[05] file [/x].mp3"

# Case 025: ANSI/OSC escapes, C0/C1 controls and a bidi override.
CONTROL_TITLES = [
    "\x1b[31mRed Title\x1b[0m",
    "Title With OSC \x1b]0;renamed window\x07 Inside",
    "Clipboard \x1b]52;c;cGxhY2Vob2xkZXI=\x1b\\ Probe",
    "Bell\x07Back\x08space\x7fDel\tTab\rCR",
    "C1 CSI \x9b2J Clear Screen",
    "Cursor \x1b[2A\x1b[10DUp Left\x1b[?25l Hidden",
    "Bidi \u202eevif\u202c Override",
]
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Case 027: very long strings.
LONG_TITLE = (
    "ExtremelyLongUnbrokenTitle" + "LongUnbrokenTitle" * 149
)  # 2,559 characters
WORDY_TITLE = " ".join(f"word{i}" for i in range(400))
DEEP_PATH = "/".join(f"level{i:02}" for i in range(40)) + "/" + "f" * 236 + ".mp3"


def plain(renderable) -> str:
    console = Console(width=200, color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


# ---------------------------------------------------------------- case 023


@pytest.fixture
def markup_playlist(session: Session) -> int:
    tracks = [
        Track(title, "[b]artist[/b]", "[i]album", 100 + i)
        for i, title in enumerate(MARKUP_TITLES)
    ]
    tracks[4] = Track(MARKUP_TITLES[4], duration=104, location=MARKUP_PATH)
    return add_playlist(session, "[bold]Markup[/] list", tracks)


async def test_markup_titles_show_literally_in_table_and_panel(
    session: Session, markup_playlist: int
) -> None:
    assert [t.title for t in session.playlist(markup_playlist)] == MARKUP_TITLES
    app = make_app(session)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for title in MARKUP_TITLES:
            assert title in text
        assert "[b]artist[/b]" in text and "[i]album" in text
        assert "[bold]Markup[/] list" in text


async def test_markup_titles_show_literally_in_the_transport_bar(
    session: Session, markup_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(160, 30)) as pilot:
        for row, title in enumerate(MARKUP_TITLES):
            app.table.move_cursor(row)
            await pilot.press("enter")
            await settle(pilot)
            assert title in app.bar.status_line()
            assert title in screen_text(app)
        assert app.is_running


async def test_markup_titles_show_literally_in_notifications(
    session: Session, markup_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("end", "enter", "n")  # no next track: names the title
        await pilot.press("home", "d")  # "Removed '[/]'"
        await pilot.pause(0.3)
        await settle(pilot)
        text = screen_text(app)
        assert "Removed '[/]'" in text
        assert "[@click=app.quit]Quit me[/]" in text or "[link=" in text
        assert app.is_running


async def test_markup_titles_show_literally_in_dialogs(
    session: Session, markup_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("down", "e")
        assert isinstance(app.screen, TrackModal)
        assert app.screen.query_one("#title", Input).value == "Live [/bold] Edit"
        await pilot.press("escape")

        await pilot.press("down", "down", "down", "i")
        await settle(pilot)
        assert isinstance(app.screen, TrackInfoModal)
        details = plain(app.screen.details())
        assert "[/Placeholder Artist] - Closing Name" in details
        assert MARKUP_PATH in details
        await pilot.press("escape")

        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert (
            "Delete the playlist '[bold]Markup[/] list' and its 7 tracks?"
            in screen_text(app)
        )
        await pilot.press("escape")


async def test_markup_in_a_playlist_name_from_the_dialog(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("N")
        app.screen.query_one(Input).value = "[@click=app.quit]x[/]"
        await pilot.press("enter")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.click(app.panel, offset=(5, 1))
        await settle(pilot)
        assert app.is_running


async def test_markup_in_the_help_and_palette_does_not_matter(
    session: Session, markup_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Repeat off → all → one" in screen_text(app)


# ---------------------------------------------------------------- case 025


@pytest.fixture
def control_playlist(session: Session) -> int:
    tracks = [
        Track(title, duration=120 + i, location=f"ctrl/0{i}\x1b[2J.mp3")
        for i, title in enumerate(CONTROL_TITLES)
    ]
    return add_playlist(session, "Ctrl \x1b]0;pwned\x07 list", tracks)


async def test_no_control_character_reaches_the_screen(
    session: Session, control_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert len(lines) == 30
        for line in lines:
            assert not UNSAFE.search(line), repr(line)
        # Each title shows, with visible stand-ins, on its own single row.
        text = "\n".join(lines)
        assert "␛[31mRed Title␛[0m" in text
        assert "Bell␇Back␈space␡Del␉Tab␍CR" in text
        assert "\\x9b2J" in text
        assert "\\u202eevif\\u202c" in text
        rows = [line for line in lines if "2:0" in line]
        assert len(rows) == 7


async def test_controls_are_safe_in_bar_dialogs_and_info(
    session: Session, control_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        for row in range(len(CONTROL_TITLES)):
            app.table.move_cursor(row)
            await pilot.press("enter")
            await settle(pilot)
            assert not UNSAFE.search(app.bar.status_line())
        await pilot.press("i")
        await settle(pilot)
        for line in screen_lines(app):
            assert not UNSAFE.search(line), repr(line)
        details = plain(app.screen.details())
        assert "ctrl/06␛[2J.mp3" in details
        await pilot.press("escape", "e")
        for field in app.screen.query(Input):
            assert not UNSAFE.search(field.value)
        await pilot.press("escape", "D")
        await settle(pilot)
        for line in screen_lines(app):
            assert not UNSAFE.search(line), repr(line)


# ---------------------------------------------------------------- case 027


@pytest.fixture
def long_playlist(session: Session) -> int:
    tracks = [
        Track(LONG_TITLE, LONG_TITLE, LONG_TITLE, 300),
        Track(WORDY_TITLE, duration=301),
        Track("Deep", duration=302, location=DEEP_PATH),
    ] + [Track(f"Filler {i}", duration=60) for i in range(100)]
    return add_playlist(session, "Long " * 40, tracks)


async def test_long_strings_stay_on_one_line_and_end_in_an_ellipsis(
    session: Session, long_playlist: int
) -> None:
    assert session.playlist(long_playlist).tracks()[0].title == LONG_TITLE
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        lines = screen_lines(app)
        assert len(lines) == 24 and all(len(line) == 80 for line in lines)
        assert "Title" in lines[0] and "Time" in lines[0]
        first = lines[1]
        assert "ExtremelyLong" in first and "…" in first and "5:00" in first
        second = lines[2]
        assert "word0 word1" in second and "…" in second and "5:01" in second
        assert "Filler 0" in lines[4]
        assert (
            "▶ ExtremelyLong" in app.bar.status_line() and "…" in app.bar.status_line()
        )
        assert "Quit" in lines[-1] and "Help" in lines[-1]


async def test_full_long_text_in_the_details(
    session: Session, long_playlist: int
) -> None:
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await settle(pilot)
        details = plain(app.screen.details()).replace("\n", "").replace(" ", "")
        assert LONG_TITLE in details
        await pilot.press("escape", "down", "down", "i")
        await settle(pilot)
        details = plain(app.screen.details()).replace("\n", "").replace(" ", "")
        assert DEEP_PATH in details


async def test_scrolling_long_rows_stays_fast(
    session: Session, long_playlist: int
) -> None:
    import time

    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        for key in ("pagedown", "pagedown", "end", "home", "down", "up"):
            await pilot.press(key)
        assert time.perf_counter() - start < 3
        assert app.table.selected.title == LONG_TITLE
