"""Errors end as notifications, never as a traceback; other processes' edits show."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import FakeClock
from ui_support import add_playlist, make_app, screen_text, settle, titles

from playlist_tui.domain import Track
from playlist_tui.session import Session
from playlist_tui.storage import StorageError


async def test_an_unexpected_error_is_logged_and_notified(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_playlist(session, "Mix", [("A", 10), ("B", 10)])

    def broken() -> None:
        raise RuntimeError("boom [bold]")

    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("enter")
        monkeypatch.setattr(session, "next", broken)
        await pilot.press("n")
        await pilot.pause(0.2)
        await settle(pilot)
        assert app.is_running
        [note] = [n for n in app._notifications if "internal error" in n.message]
        assert note.severity == "error" and note.title == "Next"
        assert "boom [bold]" in screen_text(app)


async def test_a_storage_error_names_the_file_literally(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_playlist(session, "Mix", [("A", 10)])

    def full(*args: object, **kwargs: object) -> None:
        raise StorageError("could not write /tmp/[x]/t.db: disk full (no space left)")

    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        monkeypatch.setattr(session, "remove_track", full)
        await pilot.press("d")
        await pilot.pause(0.2)
        await settle(pilot)
        assert "could not write /tmp/[x]/t.db: disk full" in screen_text(app)
        assert titles(app) == ["A"]
        assert app.is_running


async def test_an_error_while_ticking_does_not_stop_the_app(
    session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_playlist(session, "Mix", [("A", 10)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")

        def locked() -> bool:
            raise StorageError("database /tmp/t.db is locked")

        monkeypatch.setattr(session, "tick", locked)
        app.tick_playback()
        await settle(pilot)
        assert app.is_running
        assert any("locked" in n.message for n in app._notifications)


async def test_edits_by_another_process_show_up(
    db_path: Path, session: Session
) -> None:
    playlist_id = add_playlist(session, "Shared", [("Mine", 10)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        other = Session.open(db_path, claim_player=False)
        try:
            other.add_track(playlist_id, Track("From the CLI", duration=20))
            other.create_playlist("Also from the CLI")
        finally:
            other.close()
        app.poll_changes()
        await settle(pilot)
        assert titles(app) == ["Mine", "From the CLI"]
        assert "Also from the CLI" in screen_text(app)
        assert "2 tracks · 0:30" in screen_text(app)


CRASHING_APP = """
import sys
from playlist_tui import cli
from playlist_tui.ui.widgets.transport_bar import TransportBar

def render_line(self, y):
    raise OverflowError("a bug while drawing")

TransportBar.render_line = render_line
sys.exit(cli.main(["--db", sys.argv[1]]))
"""


def test_a_bug_while_drawing_ends_the_app_with_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP, str(tmp_path / "t.db")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=30) == 1
    text = output.decode(errors="replace")
    assert "stopped on an internal error: OverflowError('a bug while drawing')" in text
    assert "Traceback" not in text and "❱" not in text
    [log] = (tmp_path / "state").rglob("*.log")
    assert "a bug while drawing" in log.read_text()
