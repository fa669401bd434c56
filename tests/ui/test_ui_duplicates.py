"""Case 032: the same file several times in one playlist."""

from __future__ import annotations

from textual.widgets import Input
from ui_support import add_playlist, make_app, settle, titles

from playlist_tui.domain import Track
from playlist_tui.session import Session

SAME = ("Repeat Me - Same Song", 40, "/music/dup/same.mp3")
ROWS = [
    SAME,
    ("Other - In Between", 41, "/music/dup/other.mp3"),
    SAME,
    ("Repeat Me - Same Song", 40, "/music/dup/./same.mp3"),
]


def marked(app) -> list[int]:
    lines = [
        "".join(s.text for s in app.table.render_line(y))
        for y in range(1, app.table.row_count + 1)
    ]
    return [i for i, line in enumerate(lines) if line.startswith("▶")]


async def test_duplicates_are_separate_rows(session: Session) -> None:
    playlist_id = add_playlist(
        session, "032", [Track(t, duration=d, location=loc) for t, d, loc in ROWS]
    )
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.table.row_count == 4
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        playing = session.active.current.id
        assert marked(app) == [2]

        await pilot.press("home", "d")
        await settle(pilot)
        assert app.table.row_count == 3
        assert marked(app) == [1]
        assert session.active.current.id == playing

        await pilot.press("a")
        for field, value in (
            ("title", SAME[0]),
            ("duration", "40"),
            ("location", SAME[2]),
        ):
            app.screen.query_one(f"#{field}", Input).value = value
        await pilot.press("enter")
        await settle(pilot)
        assert app.table.row_count == 4
        assert [t.location for t in session.playlist(playlist_id)] == [
            "/music/dup/other.mp3",
            "/music/dup/same.mp3",
            "/music/dup/./same.mp3",
            "/music/dup/same.mp3",
        ]
        assert titles(app).count(SAME[0]) == 3
        assert marked(app) == [1]
