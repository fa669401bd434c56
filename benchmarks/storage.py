"""Storage figures for playlists of 1,000 and 100,000 tracks.

Run: python benchmarks/storage.py
Targets at 100,000 tracks: load into the domain object under 1 s, append all tracks in
one transaction under 2 s; rows written by one move in the middle constant.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playlist_tui.domain import Track
from playlist_tui.session import Session

SIZES = (1_000, 100_000)


def tracks(size: int) -> list[Track]:
    return [
        Track(
            f"Title {i:06d}",
            artist=f"Artist {i % 300}",
            album=f"Album {i % 900}",
            duration=120.0 + i % 240,
            location=f"/music/{i % 300}/{i:06d}.flac",
        )
        for i in range(size)
    ]


def measure(size: int, folder: Path) -> dict[str, str]:
    path = folder / f"bench-{size}.db"
    session = Session.open(path)
    playlist_id = session.create_playlist("Bench").id
    batch = tracks(size)

    start = time.perf_counter()
    added = session.add_tracks(playlist_id, batch)
    append = time.perf_counter() - start

    conn = session.store.db.conn
    before = conn.total_changes
    session.move_track(playlist_id, added[size // 2].id, added[size // 4].id)
    rows_per_move = conn.total_changes - before
    session.close()

    fresh = Session.open(path, claim_player=False)
    start = time.perf_counter()
    loaded = fresh.playlist(playlist_id)
    load = time.perf_counter() - start
    assert len(loaded) == size
    fresh.close()

    file_bytes = sum(p.stat().st_size for p in folder.glob(f"bench-{size}.db*"))
    return {
        "load into the domain": f"{load * 1000:.0f} ms",
        "append in one transaction": f"{append * 1000:.0f} ms",
        "rows written by one move": str(rows_per_move),
        "file size per track": f"{file_bytes / size:.0f} bytes",
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = {size: measure(size, Path(folder)) for size in SIZES}
    print(f"{'':<28}" + "".join(f"{size:>14,} tracks" for size in SIZES))
    for name in results[SIZES[0]]:
        print(f"{name:<28}" + "".join(f"{results[s][name]:>21}" for s in SIZES))


if __name__ == "__main__":
    main()
