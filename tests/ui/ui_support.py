"""Helpers for the UI tests: a library in a temporary file, a frozen wall clock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual.pilot import Pilot

from playlist_tui.domain import Track
from playlist_tui.session import Session
from playlist_tui.ui.app import PlaylistApp

WALL = datetime(2025, 3, 14, 21, 0, 0)
"""The wall clock the app sees in tests: "ends at" is computed from it."""

NAMES = ("Alpha", "Bravo", "Charlie", "Delta")


def wall_clock() -> datetime:
    return WALL


def add_playlist(
    session: Session, name: str, tracks: Iterable[Track | tuple[str, float | None]] = ()
) -> int:
    """Create a playlist with these tracks (Track or (title, duration)); return its id."""
    info = session.create_playlist(name)
    for item in tracks:
        track = item if isinstance(item, Track) else Track(item[0], duration=item[1])
        session.add_track(info.id, track)
    return info.id


def make_app(session: Session) -> PlaylistApp:
    return PlaylistApp(session, clock=wall_clock)


def screen_lines(app: PlaylistApp) -> list[str]:
    """The text of every line of the screen, as the terminal would get it."""
    # The compositor is private, but it is the one place that holds what the
    # terminal is sent, overlapping screens and all.
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app: PlaylistApp) -> str:
    return "\n".join(screen_lines(app))


def titles(app: PlaylistApp) -> list[str]:
    """The titles in the track table, in the order shown."""
    return [track.title for track in app.table.visible_tracks]


def notifications(app: PlaylistApp) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[None]) -> None:
    """Let every message and refresh run."""
    await pilot.pause()
    await pilot.pause()
