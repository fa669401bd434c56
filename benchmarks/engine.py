"""Time per playlist operation at 1,000 and 1,000,000 tracks, and memory per track.

Run: python benchmarks/engine.py
Each figure is the best of several rounds (20 at 1,000 tracks, 3 at 1,000,000).
Targets: time at 1,000,000 within 2x of the time at 1,000 (O(1) in practice), and
under 400 bytes per track beyond its strings.

Operations on random tracks at 1,000,000 pay for cache misses that the baseline (two
dict lookups, nothing else) shows too; the "nearby tracks" rows do the same work on
neighbouring tracks, so their ratio is the linked list's own.
"""

from __future__ import annotations

import gc
import random
import time
import tracemalloc

from playlist_tui.domain import Playlist, Track

SIZES = (1_000, 1_000_000)
OPS = 20_000
TITLE = "A shared title"


def build(size: int) -> Playlist:
    playlist = Playlist("Bench")
    for i in range(size):
        playlist.add_song(Track(TITLE, duration=180.0 + i % 60))
    return playlist


def per_op(run, count: int) -> float:
    gc.disable()
    start = time.perf_counter()
    run(count)
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed / count * 1e9


def measure(size: int) -> dict[str, float]:
    playlist = build(size)
    rng = random.Random(size)
    ids = [t.id for t in playlist]
    figures = {}

    def adds(n: int) -> None:
        for _ in range(n):
            playlist.add_song(Track(TITLE, duration=1.0))

    count = min(OPS, size // 4)
    doomed = rng.sample(ids, count)
    alive = sorted(set(ids) - set(doomed))
    pairs = [(rng.choice(alive), rng.choice(alive)) for _ in range(count)]
    # The same operations on tracks that sit next to each other in the list (and
    # in memory): what the linked list costs without the cache misses of jumping
    # about a large heap, which no data structure can avoid.
    middle = alive[len(alive) // 2 - count : len(alive) // 2 + count]
    near_doomed = middle[::2]
    near_pairs = [(middle[i], middle[i + 3]) for i in range(1, len(middle) - 3, 2)]

    def removes(n: int) -> None:
        for track_id in doomed:
            playlist.remove(track_id)

    def moves(n: int) -> None:
        for track_id, before in pairs:
            playlist.move(track_id, before=before)

    def near_removes(n: int) -> None:
        for track_id in near_doomed:
            playlist.remove(track_id)

    def near_moves(n: int) -> None:
        for track_id, before in near_pairs:
            playlist.move(track_id, before=before)

    def nexts(n: int) -> None:
        playlist.play(playlist.first_id())
        for _ in range(n):
            playlist.next()

    def prevs(n: int) -> None:
        for _ in range(n):
            playlist.prev()

    nodes = playlist._nodes  # the baseline below reads the index directly

    def baseline(n: int) -> None:
        for track_id, before in pairs:
            nodes[track_id].track.title  # noqa: B018 - touching memory is the point
            nodes[before].track.title  # noqa: B018

    figures["baseline: 2 random lookups"] = per_op(baseline, count)
    figures["add"] = per_op(adds, count)
    figures["remove by id"] = per_op(removes, count)
    figures["move"] = per_op(moves, count)
    figures["move (nearby tracks)"] = per_op(near_moves, len(near_pairs))
    figures["remove by id (nearby tracks)"] = per_op(near_removes, len(near_doomed))
    figures["next"] = per_op(nexts, count)
    figures["prev"] = per_op(prevs, count)
    return figures


def bytes_per_track(size: int) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    playlist = build(size)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(playlist) == size
    return (after - before) / size


def best_of(size: int, rounds: int) -> dict[str, float]:
    """The fastest of several rounds per operation: the least disturbed figure."""
    runs = [measure(size) for _ in range(rounds)]
    return {name: min(run[name] for run in runs) for name in runs[0]}


def main() -> None:
    results = {SIZES[0]: best_of(SIZES[0], 20), SIZES[1]: best_of(SIZES[1], 3)}
    small, large = SIZES
    print(f"{'operation':<28}{small:>14,} tracks{large:>16,} tracks{'ratio':>9}")
    for name in results[small]:
        a, b = results[small][name], results[large][name]
        print(f"{name:<28}{a:>17.0f} ns{b:>20.0f} ns{b / a:>9.2f}")
    print(
        "(the baseline is two dict lookups of random ids and nothing else: how much "
        "slower\n memory itself is at this size; an O(1) operation's ratio follows it)"
    )
    memory = bytes_per_track(SIZES[1])
    print(f"memory per track beyond its strings: {memory:.0f} bytes (target < 400)")


if __name__ == "__main__":
    main()
