"""`TrackTable` on its own: line rendering, navigation and filtering at 100,000 rows."""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult

from playlist_tui.domain import Playlist, State, Track
from playlist_tui.ui.widgets.track_table import Columns, TrackTable

COUNT = 100_000


class Host(App[None]):
    """A bare app around one table, as the widget's tests need it."""

    def __init__(self, playlist: Playlist) -> None:
        super().__init__()
        self.playlist = playlist
        self.chosen: list[Track] = []
        self.selections: list[Track | None] = []

    def compose(self) -> ComposeResult:
        yield TrackTable()

    def on_mount(self) -> None:
        table = self.query_one(TrackTable)
        table.show_playlist(self.playlist)
        table.focus()

    def on_track_table_track_chosen(self, message: TrackTable.TrackChosen) -> None:
        self.chosen.append(message.track)

    def on_track_table_selection_changed(
        self, message: TrackTable.SelectionChanged
    ) -> None:
        self.selections.append(message.track)


@pytest.fixture(scope="module")
def big() -> Playlist:
    tracks = [
        Track(
            f"Title {i} {'rare' if i % 100 == 0 else 'common'}",
            f"Artist {i % 997}",
            f"Album {i % 211}",
            180 + i % 60,
        )
        for i in range(COUNT)
    ]
    return Playlist("Big", tracks)


async def test_only_the_visible_rows_are_rendered(
    big: Playlist, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    original = TrackTable.render_row

    def counting(self: TrackTable, index: int, line: int, width: int):
        drawn.append(index)
        return original(self, index, line, width)

    monkeypatch.setattr(TrackTable, "render_row", counting)
    app = Host(big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert 0 < len(set(drawn)) <= 40
        drawn.clear()
        await pilot.press("end")
        await pilot.pause()
        assert set(drawn) <= set(range(COUNT - 40, COUNT))
        assert app.query_one(TrackTable).selected.title.startswith(
            f"Title {COUNT - 1} "
        )


async def test_navigation_keys(big: Playlist) -> None:
    app = Host(big)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(TrackTable)
        await pilot.press("down", "down")
        assert table.cursor == 2
        await pilot.press("pagedown")
        page = table.cursor - 2
        assert 30 <= page <= 39
        await pilot.press("pageup", "up")
        assert table.cursor == 1
        await pilot.press("end")
        assert table.cursor == COUNT - 1
        assert round(table.scroll_y) == table.max_scroll_y
        await pilot.press("down")
        assert table.cursor == COUNT - 1
        await pilot.press("home", "up")
        assert table.cursor == 0 and round(table.scroll_y) == 0
        await pilot.press("enter")
        await pilot.pause()
        assert [t.title for t in app.chosen] == ["Title 0 rare"]
        assert app.selections[-1].title == "Title 0 rare"


async def test_filtering_100k_rows_is_fast(big: Playlist) -> None:
    app = Host(big)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(TrackTable)
        table.set_filter("warm up")  # the search text is built once per revision
        timings = {}
        for query in ("rare", "title", "zzz", "rare artist 5", "ARTIST 996"):
            start = time.perf_counter()
            table.set_filter(query)
            timings[query] = time.perf_counter() - start
            await pilot.pause()
        assert max(timings.values()) < 0.1, timings
        table.set_filter("rare")
        assert table.row_count == COUNT // 100
        assert all("rare" in t.title for t in table.visible_tracks)
        table.set_filter("")
        assert table.row_count == COUNT


async def test_playing_marker_follows_the_track_id() -> None:
    playlist = Playlist("Small", [Track(name, duration=30) for name in "ABCD"])
    app = Host(playlist)
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(TrackTable)
        third = playlist.tracks()[2]
        table.set_playing(third.id, State.PLAYING)
        playlist.move(third.id, before=playlist.first_id())
        table.reload()
        await pilot.pause()
        first_row = "".join(s.text for s in table.render_line(1))
        assert first_row.startswith("▶") and " C " in first_row
        table.set_playing(third.id, State.PAUSED)
        assert "".join(s.text for s in table.render_line(1)).startswith("⏸")


@pytest.mark.parametrize("width", [20, 40, 49, 69, 80, 120, 200])
def test_columns_fill_the_width(width: int) -> None:
    columns = Columns.for_width(width, COUNT)
    shown = [
        columns.number,
        columns.title,
        columns.artist,
        columns.album,
        columns.duration,
    ]
    gaps = sum(1 for size in shown if size) - 1
    assert sum(shown) + gaps == max(width, columns.number + columns.duration + 3)
