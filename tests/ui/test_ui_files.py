"""Import (I) and export (E) from the app: dialogs, work in the background, results."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import make_wav
from textual.widgets import Checkbox, Input, Select, Static
from ui_support import (
    add_playlist,
    make_app,
    notifications,
    screen_text,
    settle,
    titles,
)

from playlist_tui.domain import Track
from playlist_tui.formats import read_playlist
from playlist_tui.importer import import_paths
from playlist_tui.session import Session
from playlist_tui.ui.background import ImportCancelled
from playlist_tui.ui.screens.file_dialogs import ExportModal, ImportModal

M3U = "#EXTM3U\n#EXTINF:201,One\none.mp3\n#EXTINF:-1,Two\ntwo.mp3\nthree.mp3\n"


def names(session: Session) -> list[str]:
    return [info.name for info in session.playlists()]


def field_error(app) -> str:
    return str(app.screen.query_one("#path-error", Static).render())


async def import_path(pilot, path: str, *, into: bool = False) -> None:
    await pilot.press("I")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportModal)
    pilot.app.screen.query_one("#path", Input).value = path
    if into:
        pilot.app.screen.query_one("#into", Checkbox).value = True
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def test_import_a_playlist_file_makes_a_playlist_and_shows_it(
    session: Session, tmp_path: Path
) -> None:
    (tmp_path / "Road Trip.m3u").write_text(M3U)
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await import_path(pilot, str(tmp_path / "Road Trip.m3u"))

        assert not isinstance(app.screen, ImportModal)
        assert names(session) == ["Road Trip"]
        assert app.shown is not None and app.shown.name == "Road Trip"
        assert titles(app) == ["One", "Two", "three"]
        assert [t.duration for t in app.shown] == [201, None, None]
        [said] = notifications(app)
        assert said.startswith("imported 3 tracks into 'Road Trip', skipped 0\n")
        assert "3 tracks point at files not on this computer" in said
        assert not app.query_one("#activity", Static).display


async def test_import_expands_the_home_folder(
    session: Session, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "mix.m3u8").write_text(M3U)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await import_path(pilot, "  ~/mix.m3u8 ")
        assert names(session) == ["mix"]


async def test_import_a_folder_reads_tags_and_durations(
    session: Session, tmp_path: Path
) -> None:
    music = tmp_path / "Music"
    music.mkdir()
    make_wav(music / "b.wav", seconds=2.0, title="Second", album="A", track="2")
    make_wav(music / "a.wav", seconds=1.0, title="First", album="A", track="1")
    make_wav(music / "untagged.wav", seconds=0.5)
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await import_path(pilot, str(music))
        assert names(session) == ["Music"]
        assert titles(app) == ["untagged", "First", "Second"]
        assert [round(t.duration, 1) for t in app.shown] == [0.5, 1.0, 2.0]
        assert "imported 3 tracks into 'Music', skipped 0" in notifications(app)


async def test_import_into_the_shown_playlist(session: Session, tmp_path: Path) -> None:
    add_playlist(session, "Mine", [("Already here", 60)])
    (tmp_path / "more.m3u").write_text(M3U)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await import_path(pilot, str(tmp_path / "more.m3u"), into=True)
        assert names(session) == ["Mine"]
        assert titles(app) == ["Already here", "One", "Two", "three"]


async def test_import_of_a_missing_path_is_explained_and_nothing_changes(
    session: Session, tmp_path: Path
) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("I")
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ImportModal)
        assert "Type the path" in field_error(app)

        app.screen.query_one("#path", Input).value = str(tmp_path / "nope.m3u")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportModal)
        assert "There is no file or folder at" in field_error(app)
        assert "nope.m3u" in field_error(app)

        await pilot.press("escape")
        assert not isinstance(app.screen, ImportModal)
        assert names(session) == []


async def test_a_file_that_is_not_a_playlist_is_refused_in_a_notification(
    session: Session, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.xspf"
    bad.write_text("<playlist><trackList><track>")
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await import_path(pilot, str(bad))
        assert names(session) == []
        assert any(n.startswith("could not import") for n in notifications(app))
        assert app.is_running


async def test_the_empty_library_says_how_to_import(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "I   import a playlist file" in screen_text(app)


def test_a_stopped_import_saves_nothing(session: Session, tmp_path: Path) -> None:
    music = tmp_path / "Music"
    music.mkdir()
    for n in range(3):
        make_wav(music / f"{n}.wav")
    seen: list[str] = []

    def progress(message: str) -> None:
        seen.append(message)
        if "1 audio files read" in message:
            raise ImportCancelled("stopped")

    try:
        import_paths(session, [music], progress=progress)
    except ImportCancelled:
        pass
    else:
        raise AssertionError("the import was not stopped")
    assert names(session) == []
    assert seen[-1].endswith("1 audio files read")


async def test_export_writes_the_playlist_in_the_format_of_the_extension(
    session: Session, tmp_path: Path
) -> None:
    add_playlist(
        session,
        "Road [/bold] Trip",
        [
            Track("One", duration=201, location=str(tmp_path / "one.mp3")),
            ("No file", 5),
        ],
    )
    target = tmp_path / "out.xspf"
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        assert "Export 'Road [/bold] Trip'" in screen_text(app)
        app.screen.query_one("#path", Input).value = str(target)
        await settle(pilot)
        assert app.screen.query_one("#format", Select).value == "xspf"
        await pilot.press("enter")
        await settle(pilot)

        assert not isinstance(app.screen, ExportModal)
        back = read_playlist(target)
        assert [e.title for e in back.entries] == ["One"]
        assert back.name == "Road [/bold] Trip"
        message = notifications(app)[-1]
        assert message.startswith("exported 1 track of 'Road [/bold] Trip' to ")
        assert "1 track has no location" in message


async def test_export_format_choice_sets_the_extension(
    session: Session, tmp_path: Path
) -> None:
    add_playlist(session, "Mix", [Track("One", location="/m/one.mp3")])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await settle(pilot)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith("/Mix.m3u8")
        path_input.value = str(tmp_path / "mix.m3u8")
        app.screen.query_one("#format", Select).value = "pls"
        await settle(pilot)
        assert path_input.value == str(tmp_path / "mix.pls")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "mix.pls").read_text().startswith("[playlist]")


async def test_export_asks_before_replacing_a_file(
    session: Session, tmp_path: Path
) -> None:
    add_playlist(session, "Mix", [Track("One", location="/m/one.mp3")])
    target = tmp_path / "mix.m3u8"
    target.write_text("keep me")
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        assert "exists already" in field_error(app)
        assert target.read_text() == "keep me"

        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportModal)
        assert "#EXTINF" in target.read_text()


async def test_export_that_cannot_be_written_keeps_the_dialog_open(
    session: Session, tmp_path: Path
) -> None:
    add_playlist(session, "Mix", [Track("One", location="/m/one.mp3")])
    target = tmp_path / "no such folder" / "mix.m3u8"
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        assert "no such folder" in field_error(app)
        assert not target.exists()


async def test_export_needs_a_playlist(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("E")
        await settle(pilot)
        assert not isinstance(app.screen, ExportModal)
        assert app.is_running


@pytest.mark.parametrize(("key", "button"), [("I", "Import"), ("E", "Export")])
async def test_file_dialogs_keep_their_buttons_on_a_small_terminal(
    session: Session, key: str, button: str
) -> None:
    add_playlist(session, "Mix", [("One", 10)])
    app = make_app(session)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.press(key)
        await settle(pilot)
        await settle(pilot)
        shown = screen_text(app)
        assert button in shown and "Cancel" in shown


async def test_export_refuses_a_device_at_the_first_press(session: Session) -> None:
    add_playlist(session, "Mix", [Track("One", location="/m/one.mp3")])
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = "/dev/null"
        await pilot.press("enter")
        await settle(pilot)
        assert "/dev/null is not a regular file" in screen_text(app)
        assert Path("/dev/null").is_char_device()
