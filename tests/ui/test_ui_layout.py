"""The layout: panel, track table, transport bar and footer, at any library size."""

from __future__ import annotations

from ui_support import add_playlist, make_app, screen_lines, screen_text, settle

from playlist_tui.domain import Track
from playlist_tui.session import Session


async def test_empty_library_says_how_to_begin(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)

    assert "Your library is empty" in text
    assert "N   create a playlist" in text
    assert "a   then add a track" in text
    assert "playlist-tui import PATH" in text


async def test_empty_playlist_says_how_to_add_a_track(session: Session) -> None:
    add_playlist(session, "Nothing yet")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)

    assert "This playlist has no tracks yet" in text
    assert "a   add a track" in text


async def test_panel_lists_every_playlist_with_count_and_total(
    session: Session,
) -> None:
    add_playlist(session, "Morning", [("One", 60), ("Two", 125)])
    add_playlist(session, "Streams", [("Radio", None), ("Song", 30)])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)

    assert "Playlists (2)" in text
    assert "Morning" in text and "2 tracks · 3:05" in text
    # An unknown duration is flagged, never counted as 0 silently.
    assert "Streams" in text and "2 tracks · 0:30+" in text


async def test_table_shows_columns_of_the_first_playlist(session: Session) -> None:
    track = Track("Title A", "Artist B", "Album C", 225)
    add_playlist(session, "Mix", [track, ("Stream", None)])
    app = make_app(session)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)

    header = next(line for line in lines if "Title" in line and "Artist" in line)
    assert "Album" in header and "Time" in header and "#" in header
    row = next(line for line in lines if "Title A" in line)
    assert "Artist B" in row and "Album C" in row and "3:45" in row
    stream = next(line for line in lines if "Stream" in line)
    assert "--:--" in stream


async def test_at_80x24_header_footer_and_transport_stay_on_screen(
    session: Session,
) -> None:
    add_playlist(session, "Mix", [(f"Track {i}", 100) for i in range(100)])
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)

    assert len(lines) == 24
    assert all(len(line) == 80 for line in lines)
    assert "Title" in lines[0] and "Time" in lines[0]
    assert "Nothing playing" in "\n".join(lines[-4:])
    footer = lines[-1]
    for hint in ("Play/Pause", "Next", "Help", "Quit"):
        assert hint in footer


async def test_wide_characters_keep_columns_aligned(session: Session) -> None:
    add_playlist(
        session,
        "Wide",
        [
            Track(
                "日本語のタイトルはとても長いです日本語のタイトル", "歌手", duration=61
            ),
            Track("🎵🎶 emoji title 🎸🎸🎸🎸🎸🎸🎸🎸🎸🎸🎸🎸", "👩‍🎤", duration=62),
            Track("plain ascii title", "artist", duration=63),
        ],
    )
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.table
        width = table.scrollable_content_region.width
        rows = [table.render_line(y) for y in range(1, 4)]

    from rich.cells import cell_len

    for strip in rows:
        line = "".join(segment.text for segment in strip)
        assert cell_len(line) == width
    # The durations end at the same column in every row.
    ends = []
    for strip in rows:
        line = "".join(segment.text for segment in strip)
        for duration in ("1:01", "1:02", "1:03"):
            if duration in line:
                ends.append(cell_len(line[: line.index(duration) + len(duration)]))
    assert len(set(ends)) == 1
