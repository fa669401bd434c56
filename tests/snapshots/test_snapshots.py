"""One snapshot per screen state, with both clocks frozen.

Update after reviewing the report: ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from tests_support import FakeClock
from textual.pilot import Pilot

from playlist_tui.domain import Track
from playlist_tui.session import Session
from playlist_tui.ui.app import PlaylistApp

SIZE = (100, 30)
WALL = datetime(2025, 3, 14, 21, 0, 0)

TRACKS = [
    Track("Opening Theme", "Placeholder Band", "First Album", 201),
    Track("Live [/bold] Edit", "Markup Artist", "[Tags] Album", 187),
    Track("日本語のタイトル", "歌手", "アルバム", 245),
    Track("Radio Stream", "Somewhere FM", "", None),
    Track("A Very Long Title " * 8, "Someone", "Somewhere", 3723),
]


@pytest.fixture
def session(tmp_path: Path, clock: FakeClock) -> Iterator[Session]:
    opened = Session.open(tmp_path / "t.db", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def loaded(session: Session) -> Session:
    info = session.create_playlist("Morning Mix")
    for track in TRACKS:
        session.add_track(info.id, track)
    session.create_playlist("Empty one")
    return session


def app_for(session: Session) -> PlaylistApp:
    return PlaylistApp(session, clock=lambda: WALL)


def test_empty_library(snap_compare, session: Session) -> None:
    assert snap_compare(app_for(session), terminal_size=SIZE)


def test_loaded_playlist(snap_compare, loaded: Session) -> None:
    assert snap_compare(app_for(loaded), press=["down"], terminal_size=SIZE)


def test_playing(snap_compare, loaded: Session, clock: FakeClock) -> None:
    async def play(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        clock.advance(83)
        pilot.app.tick_playback()
        await pilot.pause()

    assert snap_compare(app_for(loaded), terminal_size=SIZE, run_before=play)


def test_paused(snap_compare, loaded: Session, clock: FakeClock) -> None:
    async def pause(pilot: Pilot[None]) -> None:
        await pilot.press("down", "enter", "r", "s")
        clock.advance(42)
        await pilot.press("space", "t")

    assert snap_compare(app_for(loaded), terminal_size=SIZE, run_before=pause)


def test_help_screen(snap_compare, loaded: Session) -> None:
    assert snap_compare(
        app_for(loaded), press=["question_mark"], terminal_size=(100, 50)
    )


def test_add_track_dialog_with_an_error(snap_compare, loaded: Session) -> None:
    async def fill(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        screen = pilot.app.screen
        screen.query_one("#title").value = "New [b]song[/b]"
        screen.query_one("#duration").value = "3:75"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app_for(loaded), terminal_size=SIZE, run_before=fill)


def test_delete_playlist_dialog(snap_compare, loaded: Session) -> None:
    assert snap_compare(app_for(loaded), press=["D"], terminal_size=SIZE)


def test_narrow_terminal(snap_compare, loaded: Session) -> None:
    assert snap_compare(app_for(loaded), press=["enter"], terminal_size=(80, 24))
