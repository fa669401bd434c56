"""How the terminal UI holds up with a 100,000-track playlist.

Run: python benchmarks/ui.py [TRACKS]

Builds the playlist in a temporary database through the Session (one transaction),
then drives the app headless at 120x40 with Textual's Pilot and prints:

- time to the first full screen, from a fresh Session (so it includes loading the
  tracks from SQLite) and from an app on an already open one;
- per key (End, Page Down, Down, Space): the Pilot round trip (key in, screen
  rendered; includes ~40 ms of Pilot overhead that a real terminal does not have)
  and the app's own work for that key (action plus rendering the screen);
- filtering: a word that matches 1% of the tracks, one that matches all, none;
- memory: Python heap growth while the app starts (tracemalloc) and the peak RSS.

Targets: first screen < 1 s, a key's own work < 50 ms, a filter < 100 ms.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

from playlist_tui.domain import Track
from playlist_tui.session import Session
from playlist_tui.ui.app import PlaylistApp

SIZE = (120, 40)
WALL = datetime(2025, 3, 14, 21, 0)


def build(path: Path, count: int) -> None:
    session = Session.open(path)
    try:
        info = session.create_playlist("Bench")
        tracks = [
            Track(
                f"Title {i} {'rare' if i % 100 == 0 else 'common'}",
                f"Artist {i % 997}",
                f"Album {i % 211}",
                180.0 + i % 60,
            )
            for i in range(count)
        ]
        session.add_tracks(info.id, tracks)
    finally:
        session.close()


def render_screen(app: PlaylistApp) -> None:
    """Render every line of the screen, as a full repaint would."""
    app.screen._compositor.render_strips()


async def first_screen(path: Path) -> tuple[float, float, int]:
    """Seconds to the first full screen (fresh session, open session); heap bytes."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    session = Session.open(path)
    app = PlaylistApp(session, clock=lambda: WALL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        render_screen(app)
        fresh = time.perf_counter() - start
        heap = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()

    start = time.perf_counter()
    again = PlaylistApp(session, clock=lambda: WALL)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        render_screen(again)
        warm = time.perf_counter() - start
    session.close()
    return fresh, warm, heap


async def keys(path: Path) -> dict[str, tuple[float, float]]:
    """Per key: (Pilot round trip, the app's own work), in seconds."""
    session = Session.open(path)
    app = PlaylistApp(session, clock=lambda: WALL)
    results: dict[str, tuple[float, float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        work = {
            "end": lambda: table.action_cursor_to_end(1),
            "pagedown": lambda: table.action_page(1),
            "down": lambda: table.action_cursor_by(1),
            "space": app.action_toggle_play,
        }
        for key, action in work.items():
            start = time.perf_counter()
            await pilot.press(key)
            render_screen(app)
            trip = time.perf_counter() - start

            if key == "end":
                table.action_cursor_to_end(0)
            start = time.perf_counter()
            action()
            render_screen(app)
            own = time.perf_counter() - start
            results[key] = (trip, own)
    session.close()
    return results


async def filters(path: Path) -> dict[str, tuple[float, int]]:
    """Seconds to filter (first filter builds the search text) and rows found."""
    session = Session.open(path)
    app = PlaylistApp(session, clock=lambda: WALL)
    results: dict[str, tuple[float, int]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        for label, word in (
            ("first filter 'rare' (1%)", "rare"),
            ("again 'rare'", "rare"),
            ("'title' (all rows)", "title"),
            ("'zzz' (no row)", "zzz"),
            ("two words 'rare artist'", "rare artist"),
        ):
            start = time.perf_counter()
            table.set_filter(word)
            render_screen(app)
            results[label] = (time.perf_counter() - start, table.row_count)

        await pilot.press("escape", "slash")
        start = time.perf_counter()
        await pilot.press(*"rare")
        render_screen(app)
        results["typing 'rare' in the field (4 keys, Pilot)"] = (
            time.perf_counter() - start,
            table.row_count,
        )
    session.close()
    return results


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        build(path, count)
        print(f"{count:,} tracks stored in {time.perf_counter() - start:.2f} s\n")

        fresh, warm, heap = await first_screen(path)
        print("first full screen (120x40)")
        print(f"  fresh session (loads the tracks): {fresh * 1000:8.1f} ms")
        print(f"  session already open:             {warm * 1000:8.1f} ms")
        print(f"  Python heap while starting:       {heap / 1e6:8.1f} MB")

        print("\nper key               Pilot round trip   app's own work")
        for key, (trip, own) in (await keys(path)).items():
            print(
                f"  {key:<10}          {trip * 1000:10.1f} ms    {own * 1000:10.1f} ms"
            )

        print("\nfilter")
        for label, (seconds, rows) in (await filters(path)).items():
            print(f"  {label:<44} {seconds * 1000:8.1f} ms  {rows:>7,} rows")

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak RSS of this process: {rss:.0f} MB")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
