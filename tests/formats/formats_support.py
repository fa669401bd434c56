"""Shared helpers of the tests of `playlist_tui.formats` (not a test module)."""

from __future__ import annotations

import os
import wave
from pathlib import Path

import pytest
from mutagen.id3 import TALB, TIT2, TPE1, TPOS, TRCK
from mutagen.wave import WAVE

REPO_ROOT = Path(__file__).resolve().parents[2]
# CI clones the repository with the shared acceptance cases beside it.
CASES = REPO_ROOT.parent / "shared" / "cases" / "inputs"


def case_file(name: str) -> Path:
    """The path of a shared acceptance-case input; skips the test when absent."""
    path = CASES / name
    if not path.is_file():
        pytest.skip(f"shared case input {name} not available")
    return path


def write(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` byte-exact to ``folder / name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def make_wav(
    path: Path | str | bytes,
    *,
    seconds: float = 0.25,
    rate: int = 8000,
    title: str | list[str] | None = None,
    artist: str | list[str] | None = None,
    album: str | None = None,
    track: str | None = None,
    disc: str | None = None,
) -> None:
    """Write a silent mono 16-bit WAV file, with ID3 tags when any are given."""
    name = os.fsdecode(os.fspath(path))  # bytes names keep undecodable bytes
    with wave.open(name, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * int(seconds * rate))
    frames = [
        (TIT2, title),
        (TPE1, artist),
        (TALB, album),
        (TRCK, track),
        (TPOS, disc),
    ]
    if all(value is None for _, value in frames):
        return
    audio = WAVE(name)
    audio.add_tags()
    for frame, value in frames:
        if value is not None:
            audio.tags.add(frame(encoding=3, text=value))
    audio.save()
