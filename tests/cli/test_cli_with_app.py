"""The command line drives the running app: edits and skips show up in it."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from tests_support import FakeClock

from playlist_tui.domain import State, Track
from playlist_tui.session import Session, player_is_running
from playlist_tui.ui.app import PlaylistApp


async def run_cli(app: PlaylistApp, db: Path, *args: str) -> tuple[int, str, str]:
    """Run the command line while the app keeps picking up what it left."""
    env = {**os.environ, "PLAYLIST_TUI_DB": str(db)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "playlist_tui",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    communicate = asyncio.ensure_future(process.communicate())
    while not communicate.done():
        # What the app's one-second poll does, without waiting for it.
        app.poll_changes()
        await asyncio.sleep(0.05)
    out, err = communicate.result()
    app.poll_changes()
    return process.returncode, out.decode(), err.decode()


async def test_a_script_adds_a_track_and_skips_while_the_app_shows_both(
    tmp_path: Path,
) -> None:
    db = tmp_path / "shared.db"
    clock = FakeClock()
    session = Session.open(db, clock=clock)
    info = session.create_playlist("Mix")
    for title in ("Alpha", "Bravo"):
        session.add_track(info.id, Track(title, duration=100))
    app = PlaylistApp(session)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")
            assert session.active.current.title == "Alpha"

            code, _, err = await run_cli(
                app, db, "add", "Mix", "--title", "Charlie", "--duration", "3:00"
            )
            assert code == 0, err
            await pilot.pause()
            assert [t.title for t in app.table.visible_tracks] == [
                "Alpha",
                "Bravo",
                "Charlie",
            ]

            code, out, err = await run_cli(app, db, "next", "--json")
            assert code == 0, err
            await pilot.pause()
            assert session.active.current.title == "Bravo"
            assert session.active.state is State.PLAYING
            assert "▶ Bravo" in app.bar.status_line()
            assert json.loads(out)["track"]["title"] == "Bravo"
            assert json.loads(out)["state"] == "playing"

            code, out, err = await run_cli(app, db, "remove", "Mix", "2")
            assert code == 1
            assert "'Bravo' is playing" in err

            code, out, err = await run_cli(app, db, "pause")
            assert code == 0, err
            assert session.active.state is State.PAUSED
            assert out.startswith("paused: Bravo")
    finally:
        session.close()


async def test_a_second_app_leaves_playback_to_the_first(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    assert not player_is_running(db)
    first = Session.open(db, clock=FakeClock())
    assert player_is_running(db)
    info = first.create_playlist("Mix")
    first.add_track(info.id, Track("Alpha", duration=100))
    second = Session.open(db, clock=FakeClock())
    app = PlaylistApp(second)
    try:
        assert first.is_player and not second.is_player
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any("leaves playback to it" in m for m in said)

            await pilot.press("enter")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("another playlist-tui is playing" in m for m in messages)
            assert second.active is None or second.active.state is State.STOPPED

            first.play(info.id)
            app.poll_changes()
            await pilot.pause()
            assert second.active.state is State.PLAYING
            assert "▶ Alpha" in app.bar.status_line()
    finally:
        second.close()
        first.close()
