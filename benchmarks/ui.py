"""How the terminal UI holds up with a 100,000-track playlist.

Run: python benchmarks/ui.py [TRACKS]

Builds the playlist in a temporary database through the Session (one transaction),
then drives the app headless at 120x40 with Textual's Pilot and prints:

- in a fresh process (nothing built here counts): time to the first full screen,
  loading the tracks from SQLite included; resident memory then; the share of a
  core the app uses while playing (the ticker and transport bar on the real
  clock) and while paused;
- the Python heap allocated to get to the first screen (tracemalloc, which slows
  everything down, so it is measured in a separate run);
- per key (End, Page Down, Down, Space): the Pilot round trip (key in, screen
  rendered; includes ~40 ms of Pilot overhead that a real terminal does not have)
  and the app's own work for that key (action plus rendering the screen);
- filtering: a word that matches 1% of the tracks, one that matches all, none.

Targets (issue 4): first screen < 1 s, a key < 30 ms, a filter < 100 ms, CPU while
playing < 2 % of a core, memory < 150 MB.
"""

from __future__ import annotations

import asyncio
import gc
import json
import resource
import subprocess
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
IDLE_SECONDS = 5.0
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


def rss_mb() -> tuple[float, float]:
    """The resident memory of this process now and at its peak, in MB."""
    now = 0.0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return now, peak


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def app_process(path: Path, seconds: float) -> dict[str, float]:
    """In a fresh process: first screen, memory, and CPU while playing and paused.

    Playback here runs on the real clock, as it does for a user: the ticker and
    the transport bar do their work for ``seconds`` of wall time each.
    """
    start = time.perf_counter()
    session = Session.open(path)
    app = PlaylistApp(session, clock=lambda: WALL)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        render_screen(app)
        figures["first_screen"] = time.perf_counter() - start
        figures["first_screen_at"] = time.time()
        figures["rss"], figures["rss_peak"] = rss_mb()

        for state in ("playing", "paused"):
            app.action_toggle_play()
            await pilot.pause()
            used, began = cpu_seconds(), time.perf_counter()
            await asyncio.sleep(seconds)
            figures[f"cpu_{state}"] = (cpu_seconds() - used) / (
                time.perf_counter() - began
            )
    session.close()
    return figures


def fresh_app_figures(path: Path, seconds: float) -> dict[str, float]:
    """Run `app_process` in a new interpreter, so that nothing built here counts.

    Also how long from launching the interpreter to the first screen, the wait a
    person has after typing the command (Python's start and imports included).
    """
    launched = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--app", str(path), str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["from_launch"] = figures.pop("first_screen_at") - launched
    return figures


async def heap_while_starting(path: Path) -> int:
    """Python heap bytes allocated to open the library and draw the first screen."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    session = Session.open(path)
    app = PlaylistApp(session, clock=lambda: WALL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        render_screen(app)
        heap = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    session.close()
    return heap


async def keys(path: Path) -> dict[str, tuple[float, float]]:
    """Per key: (Pilot round trip, the app's own work), in seconds."""
    gc.collect()  # what the runs before this one left must not be collected here
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

        figures = fresh_app_figures(path, IDLE_SECONDS)
        heap = await heap_while_starting(path)
        print("a fresh app process (120x40, headless)")
        print(
            f"  first full screen, loading included: {figures['first_screen'] * 1000:8.1f} ms"
        )
        print(
            f"  the same from launching Python:      {figures['from_launch'] * 1000:8.1f} ms"
        )
        print(f"  resident memory after it:            {figures['rss']:8.1f} MB")
        print(f"  Python heap to get there:            {heap / 1e6:8.1f} MB")
        print(
            f"  CPU while playing ({IDLE_SECONDS:.0f} s):            "
            f"{figures['cpu_playing'] * 100:8.2f} % of a core"
        )
        print(
            f"  CPU while paused ({IDLE_SECONDS:.0f} s):             "
            f"{figures['cpu_paused'] * 100:8.2f} % of a core"
        )
        print("\nper key               Pilot round trip   app's own work")
        for key, (trip, own) in (await keys(path)).items():
            print(
                f"  {key:<10}          {trip * 1000:10.1f} ms    {own * 1000:10.1f} ms"
            )

        print("\nfilter")
        for label, (seconds, rows) in (await filters(path)).items():
            print(f"  {label:<44} {seconds * 1000:8.1f} ms  {rows:>7,} rows")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--app"]:
        result = asyncio.run(app_process(Path(sys.argv[2]), float(sys.argv[3])))
        print(json.dumps(result))
    else:
        asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
