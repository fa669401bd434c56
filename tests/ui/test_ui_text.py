"""`ui.text`: safe, literal, fitted text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from playlist_tui.ui import text

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("[bold]x[/]", "[bold]x[/]"),
        ("a\x1b[31mb", "a␛[31mb"),
        ("music/caf\udce9.mp3", "music/caf\ufffd.mp3"),
        ("lone \ud800 high", "lone \ufffd high"),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe(raw: object, shown: str) -> None:
    assert text.safe(raw) == shown


def test_literal_never_reads_markup() -> None:
    console = Console(width=80, color_system=None, record=True)
    console.print(text.literal("[@click=app.quit]Quit[/] [link=x]y[/link] [/"))
    assert (
        console.export_text().strip() == "[@click=app.quit]Quit[/] [link=x]y[/link] [/"
    )


@pytest.mark.parametrize(
    ("value", "width", "expected"),
    [
        ("abc", 5, "abc  "),
        ("abcdef", 4, "abc…"),
        ("日本語", 6, "日本語"),
        ("日本語", 5, "日本…"),
        ("日本語", 4, "日 …"),
        ("日本", 3, "日…"),
        ("x", 0, ""),
        ("xy", 1, "…"),
    ],
)
def test_fit(value: str, width: int, expected: str) -> None:
    assert text.fit(value, width) == expected


@given(st.text(max_size=300), st.integers(min_value=0, max_value=120))
def test_fit_is_always_exactly_the_width(value: str, width: int) -> None:
    fitted = text.fit(text.safe(value), width)
    assert cell_len(fitted) == width
    assert not UNSAFE.search(fitted)
    assert "\n" not in fitted


def test_fit_is_cheap_for_huge_strings() -> None:
    import time

    huge = "x" * 1_000_000
    start = time.perf_counter()
    for _ in range(1000):
        text.fit(huge, 40)
    assert time.perf_counter() - start < 0.5


def test_shorten_keeps_both_ends() -> None:
    path = "/".join(f"level{i:02}" for i in range(40)) + "/song.mp3"
    short = text.shorten(path, 60)
    assert len(short) == 60
    assert short.startswith("level00/") and short.endswith("/song.mp3") and "…" in short


def test_totals_and_counts() -> None:
    assert text.total(3723, 0) == "1:02:03"
    assert text.total(30, 2) == "0:30+"
    assert text.count(1, "track") == "1 track"
    assert text.count(100_000, "track") == "100,000 tracks"
    assert text.duration(None) == "--:--"
