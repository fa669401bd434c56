"""Property tests: what a writer writes, the matching reader reads back."""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playlist_tui.formats import export_formats, read_playlist, write_playlist


@dataclass
class Track:
    title: str
    location: str
    artist: str
    album: str
    duration: float | None
    track_number: int | None


# Titles as the domain hands them over: no C0/C1 controls or surrogates (it has
# already replaced them with visible stand-ins), no blanks around them.
_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"
)
_TRICKY = st.sampled_from(
    ["[/bold]", "[/]", "[", ",", '"', "'", " - ", "#", "=", "&", "<", "]]>", "%20", "é"]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(_CHARS, max_size=6)), max_size=6).map(
    lambda parts: "".join(parts).strip()
)
TITLES = _TEXT.filter(bool)
OPTIONAL_TEXT = st.one_of(st.just(""), _TEXT)

DURATIONS = st.one_of(
    st.none(),
    st.just(0.0),
    st.just(-1.0),
    st.floats(min_value=0.0001, max_value=1e6, allow_nan=False),
    st.integers(min_value=1, max_value=100_000).map(float),
)

_NAME_BYTES = st.binary(min_size=1, max_size=12).filter(
    lambda raw: b"/" not in raw and b"\x00" not in raw
)
_NAME_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=12,
)
COMPONENTS = st.one_of(_NAME_TEXT, _NAME_BYTES.map(os.fsdecode)).filter(
    lambda name: name not in (".", "..")
)
_URL_TAIL = st.text(
    st.sampled_from("abcXYZ019-._~/?#&=%+:@!$'()*,;"), min_size=0, max_size=20
)
LOCATIONS = st.one_of(
    st.tuples(st.just("below"), st.lists(COMPONENTS, min_size=1, max_size=3)),
    st.tuples(st.just("elsewhere"), st.lists(COMPONENTS, min_size=1, max_size=3)),
    st.tuples(
        st.just("url"),
        st.tuples(st.sampled_from(["http", "https", "HTTP", "rtsp", "mms"]), _URL_TAIL),
    ),
    st.tuples(
        st.sampled_from(["windows", "unc"]),
        st.text(st.sampled_from("abcXYZ 019-_[],%#é"), min_size=1, max_size=12),
    ),
)
TRACKS = st.lists(
    st.tuples(
        TITLES,
        LOCATIONS,
        OPTIONAL_TEXT,
        OPTIONAL_TEXT,
        DURATIONS,
        st.one_of(st.none(), st.integers(min_value=1, max_value=999)),
    ),
    max_size=8,
)


def location_of(spec: tuple, out_dir: str) -> str:
    kind, value = spec
    if kind == "below":
        return out_dir + "/" + "/".join(value)
    if kind == "elsewhere":
        return "/elsewhere/" + "/".join(value)
    if kind == "url":
        scheme, tail = value
        return f"{scheme}://example.invalid/{tail}"
    if kind == "unc":
        return "\\\\nas\\share\\" + value + ".mp3"
    return "C:\\Music\\" + value + ".mp3"


def expected_duration(fmt: str, duration: float | None, stream: bool) -> float | None:
    if stream or duration is None or duration <= 0:
        return None
    if fmt == "xspf":
        return max(1, math.floor(duration * 1000 + 0.5)) / 1000
    return max(1, math.floor(duration + 0.5))


@pytest.fixture(scope="module")
def out_dir() -> str:
    with tempfile.TemporaryDirectory() as folder:
        yield os.path.realpath(folder)


def check_round_trip(fmt: str, out_dir: str, raw_tracks: list, name: str) -> None:
    tracks = [
        Track(title, location_of(spec, out_dir), artist, album, duration, number)
        for title, spec, artist, album, duration, number in raw_tracks
    ]
    target = Path(out_dir) / f"round.{fmt}"
    write_playlist(target, tracks, name=name)
    data = target.read_bytes()
    data.decode("utf-8")  # exports are valid UTF-8
    assert not data.startswith(b"\xef\xbb\xbf")
    back = read_playlist(target)
    assert back.warnings == []
    assert len(back.entries) == len(tracks)
    if fmt != "pls" and name:
        assert back.name == name
    for track, entry in zip(tracks, back.entries, strict=True):
        stream = "://" in track.location and not track.location.startswith("C:")
        assert entry.location == track.location
        assert entry.is_stream == stream
        assert entry.title == track.title
        assert entry.duration == expected_duration(fmt, track.duration, stream)
        if fmt == "pls":
            assert (entry.artist, entry.album) == ("", "")
        else:
            assert (entry.artist, entry.album) == (track.artist, track.album)
        if fmt == "xspf":
            assert entry.track_number == track.track_number


ROUND_TRIP = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("fmt", export_formats())
def test_round_trip(fmt: str, out_dir: str) -> None:
    @ROUND_TRIP
    @given(raw_tracks=TRACKS, name=OPTIONAL_TEXT)
    def run(raw_tracks: list, name: str) -> None:
        check_round_trip(fmt, out_dir, raw_tracks, name)

    run()


@pytest.mark.parametrize("fmt", export_formats())
def test_round_trip_of_titles_that_name_their_artist(fmt: str, out_dir: str) -> None:
    below = ("below", ["a.mp3"])
    raw_tracks = [
        (title, below, "A", "", 1.0, None)
        for title in ["A - B", "B", "A - A - B", "A -B", "AA - B", "A -"]
    ]
    check_round_trip(fmt, out_dir, raw_tracks, "")
