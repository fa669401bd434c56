"""Helpers that test modules import (pytest puts this folder on sys.path)."""

from __future__ import annotations

import os
import wave
from pathlib import Path

from mutagen.id3 import TALB, TIT2, TPE1, TPOS, TRCK
from mutagen.wave import WAVE


class FakeClock:
    """A clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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
