"""Track validation and duration parsing."""

from __future__ import annotations

import math

import pytest

from playlist_tui.domain import (
    InvalidTrackError,
    InvalidValueError,
    Track,
    format_duration,
    parse_duration,
    parse_track_length,
)


@pytest.mark.parametrize("title", ["", "   ", "\t"])
def test_a_blank_title_is_refused(title: str) -> None:
    with pytest.raises(InvalidTrackError, match="title is empty"):
        Track(title)


@pytest.mark.parametrize(
    "duration", [math.nan, math.inf, -math.inf, -1, -0.5, 1e308, 1000 * 3600 + 1]
)
def test_a_bad_duration_is_refused_and_named(duration: float) -> None:
    with pytest.raises(InvalidTrackError, match="'Song'"):
        Track("Song", duration=duration)


@pytest.mark.parametrize("duration", ["3:45", True, [1]])
def test_a_duration_that_is_not_a_number_is_refused(duration: object) -> None:
    with pytest.raises(InvalidTrackError):
        Track("Song", duration=duration)  # type: ignore[arg-type]


def test_unknown_and_zero_durations_are_kept_as_they_are() -> None:
    assert Track("Stream").duration is None
    assert Track("Silence", duration=0).duration == 0.0
    assert Track("Whole", duration=3).duration == 3.0


def test_markup_is_stored_literally() -> None:
    title = "[bold]x[/] [/bold] [/ [link=http://a]b[/link] [@click=app.quit]q[/]"
    assert Track(title).title == title


def test_control_characters_get_visible_stand_ins() -> None:
    track = Track("a\x1b[2Jb\x07\x9b\u202ec\rd", artist="x\ny")
    assert track.title == "a\u241b[2Jb\u2407\\x9b\\u202ec\u240dd"
    assert track.artist == "x\u240ay"


def test_with_changes_validates_like_a_new_track() -> None:
    track = Track("Song", duration=10, id=4)
    assert track.with_changes(title="New").title == "New"
    assert track.with_changes(title="New").id == 4
    with pytest.raises(InvalidTrackError):
        track.with_changes(title=" ")
    with pytest.raises(InvalidTrackError, match="no field named colour"):
        track.with_changes(colour="red")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("225", 225),
        ("3:45", 225),
        ("1:02:03", 3723),
        ("0:07", 7),
        ("", None),
        ("2.5", 2.5),
    ],
)
def test_parse_duration_accepts_the_usual_forms(
    text: str, seconds: float | None
) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"), [("0", None), ("0:00", None), ("", None), ("0:07", 7)]
)
def test_a_track_length_of_zero_is_unknown(text: str, seconds: float | None) -> None:
    assert parse_track_length(text) == seconds
    assert parse_duration("0") == 0  # a position of 0 is still the start


@pytest.mark.parametrize(
    "text", ["abc", "3:75", "1:60:00", "-3", "3:", ":30", "1:2:3:4", "\u0661\u0662"]
)
def test_parse_duration_explains_what_it_expects(text: str) -> None:
    with pytest.raises(InvalidValueError, match="3:45"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["9" * 20, "9" * 400, "1000:00:01", "3600001"])
def test_parse_duration_refuses_more_than_a_track_can_last(text: str) -> None:
    with pytest.raises(InvalidValueError, match="1000 hours at most"):
        parse_duration(text)
    assert parse_duration("1000:00:00") == 3_600_000


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "--:--"),
        (math.inf, "--:--"),
        (0, "0:00"),
        (7.9, "0:07"),
        (225, "3:45"),
        (3723, "1:02:03"),
    ],
)
def test_format_duration(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_a_location_with_a_nul_is_refused() -> None:
    with pytest.raises(InvalidTrackError, match="NUL"):
        Track("Song", location="/music/a\x00b.mp3")
