"""Playlist-file and folder-scan figures.

Run: python benchmarks/formats.py
Targets: parse a 100,000-entry M3U8 well under 2 s and import it into a library
under 5 s; scan 2,000 small tagged WAV
files in reasonable time (a few seconds). Everything is generated in a temporary
folder and removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import tracemalloc
import wave
from pathlib import Path

from mutagen.id3 import TALB, TIT2, TPE1, TRCK
from mutagen.wave import WAVE

from playlist_tui.formats import read_playlist, scan_folder, write_playlist
from playlist_tui.importer import import_paths
from playlist_tui.session import Session

ENTRIES = 100_000
FILES = 2_000


def make_m3u8(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("#EXTM3U\n")
        for number in range(ENTRIES):
            out.write(
                f"#EXTINF:{1 + number % 600},Artist {number % 250:03d} - "
                f"Title {number:06d}\nmusic/{number % 250:03d}/{number:06d}.mp3\n"
            )


def make_wavs(folder: Path) -> None:
    seed = folder / "seed.wav"
    with wave.open(str(seed), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 800)  # 0.1 s
    for number in range(FILES):
        album = folder / f"album-{number % 40:02d}"
        album.mkdir(exist_ok=True)
        path = album / f"{number:04d}.wav"
        shutil.copyfile(seed, path)
        audio = WAVE(str(path))
        audio.add_tags()
        audio.tags.add(TIT2(encoding=3, text=f"Title {number}"))
        audio.tags.add(TPE1(encoding=3, text=f"Artist {number % 97}"))
        audio.tags.add(TALB(encoding=3, text=f"Album {number % 40}"))
        audio.tags.add(TRCK(encoding=3, text=str(number // 40 + 1)))
        audio.save()
    seed.unlink()


def import_into_library(folder: Path, playlist: Path) -> tuple[float, int]:
    """Seconds to import the file as `playlist-tui import` does, and peak memory."""
    figures = []
    for traced in (False, True):
        session = Session.open(folder / f"library-{traced}.db")
        if traced:
            tracemalloc.start()
        start = time.perf_counter()
        [report] = import_paths(session, [playlist])
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        tracemalloc.stop()
        session.close()
        assert report.imported == ENTRIES
        figures.append((elapsed, peak))
    return figures[0][0], figures[1][1]


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        playlist = folder / "big.m3u8"
        make_m3u8(playlist)
        size_mb = playlist.stat().st_size / 1e6

        start = time.perf_counter()
        parsed = read_playlist(playlist)
        parse_time = time.perf_counter() - start
        assert len(parsed.entries) == ENTRIES

        tracemalloc.start()
        read_playlist(playlist)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        start = time.perf_counter()
        write_playlist(folder / "copy.m3u8", parsed.entries)
        write_time = time.perf_counter() - start

        import_time, import_peak = import_into_library(folder, playlist)

        music = folder / "music"
        music.mkdir()
        start = time.perf_counter()
        make_wavs(music)
        make_time = time.perf_counter() - start
        start = time.perf_counter()
        scanned = scan_folder(music)
        scan_time = time.perf_counter() - start
        assert len(scanned.entries) == FILES and not scanned.skipped

    print(f"parse {ENTRIES:,}-entry M3U8 ({size_mb:.1f} MB): {parse_time:.2f} s")
    print(f"peak memory while parsing (tracemalloc): {peak / 1e6:.0f} MB")
    print(f"write it back as M3U8 (atomic, fsync): {write_time:.2f} s")
    print(
        f"import it into a library (one transaction; target < 5 s): "
        f"{import_time:.2f} s, peak memory {import_peak / 1e6:.0f} MB (tracemalloc)"
    )
    print(
        f"scan {FILES:,} tagged WAV files: {scan_time:.2f} s "
        f"({scan_time / FILES * 1000:.2f} ms per file; generated in {make_time:.1f} s)"
    )


if __name__ == "__main__":
    main()
