"""Every command as a real subprocess against a temporary database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from playlist_tui.session import Session


def run(
    db: Path, *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLAYLIST_TUI_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "playlist_tui", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def as_json(db: Path, *args: str):
    return json.loads(ok(db, *args, "--json"))


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "cli.db"


def test_a_script_builds_and_edits_a_playlist(db) -> None:
    assert "created playlist 'Road Trip'" in ok(db, "create", "Road Trip")
    first = as_json(
        db,
        "add",
        "road trip",
        "--title",
        "[bold]One[/]",
        "--artist",
        "A",
        "--duration",
        "3:45",
    )
    assert first == {
        "id": 1,
        "position": 1,
        "title": "[bold]One[/]",
        "artist": "A",
        "album": "",
        "duration": 225.0,
        "location": None,
    }
    ok(db, "add", "Road Trip", "--title", "Two", "--duration", "61")
    ok(db, "add", "1", "--title", "Three", "--location", "/m/3.mp3")
    ok(db, "move", "Road Trip", "3", "--to", "1")
    ok(db, "edit", "Road Trip", "2", "--title", "Deux", "--duration", "")

    tracks = as_json(db, "tracks", "Road Trip")
    assert [(t["position"], t["id"], t["title"]) for t in tracks] == [
        (1, 3, "Three"),
        (2, 1, "[bold]One[/]"),
        (3, 2, "Deux"),
    ]
    assert tracks[2]["duration"] is None

    listing = ok(db, "tracks", "Road Trip")
    assert "[bold]One[/]" in listing and "--:--" in listing

    assert as_json(db, "playlists") == [
        {
            "id": 1,
            "name": "Road Trip",
            "tracks": 3,
            "duration": 225.0,
            "unknown_durations": 2,
        }
    ]
    ok(db, "remove", "Road Trip", "1")
    ok(db, "rename", "Road Trip", "Summer")
    assert "deleted playlist 'Summer' and its 2 tracks" in ok(
        db, "delete", "summer", "--yes"
    )
    assert as_json(db, "playlists") == []


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["tracks", "Nope"], 1, "no playlist named 'Nope'"),
        (["remove", "Mix", "99"], 1, "'Mix' has no track with id 99"),
        (["create", "mix"], 1, "'Mix' already exists"),
        (
            ["add", "Mix", "--title", "x", "--duration", "3:99"],
            2,
            "'3:99' is not a duration",
        ),
        (["add", "Mix", "--title", "  "], 2, "the title is empty"),
        (["move", "Mix", "1", "--to", "9"], 2, "position 9 is outside the playlist"),
        (["move", "Mix", "abc", "--to", "1"], 2, "TRACK_ID must be a whole number"),
        (["edit", "Mix", "1"], 2, "nothing to change"),
        (["delete", "Mix"], 2, "needs --yes"),
        (["frobnicate"], 2, "invalid choice"),
        (["add", "Mix"], 2, "--title"),
        (["play"], 1, "no player is running"),
        (["toggle"], 1, "no player is running"),
        (["next"], 1, "nothing is playing"),
        (["seek", "soon"], 2, "'soon' is not a duration"),
        (["export", "Mix", "-o", "out.txt"], 2, "cannot tell the format"),
        (["export", "Mix", "-o", "."], 2, "-o needs the path of a file"),
        (["--db", "", "playlists"], 2, "--db is empty"),
        (["import", "nothing.m3u", "--into", " "], 2, "--into needs the name"),
        (["import", ""], 2, "an empty path"),
        (["import", "nothing.m3u", ""], 2, "an empty path"),
        (["import", "nothing.m3u"], 1, "playlist-tui: could not import nothing.m3u"),
        (
            ["add", "Mix", "--title", "x", "--duration", "\u0661\u0662"],
            2,
            "is not a duration",
        ),
        (["export", "Mix", "-o", "x" * 300 + ".m3u8"], 2, "File name too long"),
        (["import", "x" * 5000 + ".m3u"], 2, "File name too long"),
        (["--db", "x" * 300 + ".db", "create", "New"], 2, "File name too long"),
        (["--db", "nowhere/typo.db", "playlists"], 1, "no library at nowhere"),
        (["--db", "nowhere/typo.db", "status"], 1, "no library at nowhere"),
        (["--db", "nowhere/typo.db", "delete", "x", "--yes"], 1, "no library at"),
        (["--db", "nowhere/typo.db", "add", "x", "--title", "t"], 1, "no library at"),
        (["add", "Mix", "--title", "t", "--duration=--"], 2, "'--' is not a duration"),
        ([], 2, "the app needs a terminal"),
        (["--json"], 2, "the app needs a terminal"),
        (["remove", "Mix", "1"], 0, ""),
    ],
)
def test_mistakes_get_one_line_and_the_right_exit_code(db, args, code, words) -> None:
    ok(db, "create", "Mix")
    ok(db, "add", "Mix", "--title", "One", "--duration", "10")
    result = run(db, *args, cwd=db.parent)
    assert result.returncode == code, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (db.parent / "nowhere").exists()


def test_no_answer_to_the_delete_question_deletes_nothing(db) -> None:
    import pty

    ok(db, "create", "Mix")
    leader, follower = pty.openpty()
    env = {**os.environ, "PLAYLIST_TUI_DB": str(db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "playlist_tui", "delete", "Mix"],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    os.write(leader, b"\x04")  # Ctrl+D at the prompt
    _, stderr = process.communicate(timeout=30)
    os.close(leader)
    assert process.returncode == 1
    assert b"nothing deleted" in stderr and b"Traceback" not in stderr
    assert "Mix" in ok(db, "playlists")


@pytest.mark.parametrize("command", [["playlists"], ["status"], ["next"], ["play"]])
def test_an_unusable_database_exits_3_and_nothing_is_written(
    tmp_path, cases, command
) -> None:
    bad = tmp_path / "bad.db"
    original = (cases / "037-db-not-sqlite.db").read_bytes()
    bad.write_bytes(original)
    result = run(bad, *command)
    assert result.returncode == 3
    assert str(bad) in result.stderr and "not a playlist-tui database" in result.stderr
    assert result.stderr.count("\n") == 1
    assert bad.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["bad.db"]  # no lock file either


def test_the_db_option_works_before_and_after_the_command(tmp_path) -> None:
    other = tmp_path / "other.db"
    ok(tmp_path / "unused.db", "--db", str(other), "create", "A")
    ok(tmp_path / "unused.db", "create", "B", "--db", str(other))
    assert [p.name for p in Session.open(other, claim_player=False).playlists()] == [
        "A",
        "B",
    ]


def test_every_command_has_help_with_an_example(db) -> None:
    for command in [
        "playlists",
        "create",
        "add",
        "edit",
        "remove",
        "move",
        "import",
        "export",
        "play",
        "seek",
        "status",
        "tracks",
        "rename",
        "delete",
    ]:
        assert "example: playlist-tui" in ok(db, command, "--help")


def test_without_a_running_app_next_and_seek_change_what_it_resumes_from(db) -> None:
    session = Session.open(db)
    mix = session.create_playlist("Mix").id
    session.add_tracks(
        mix,
        [
            __import__("playlist_tui.domain").domain.Track(t, duration=100)
            for t in "ABC"
        ],
    )
    session.play(mix, 1)
    session.close()

    assert "B" in ok(db, "next")
    status = as_json(db, "seek", "1:30")
    assert (status["track"]["title"], status["position"]) == ("B", 90.0)
    assert as_json(db, "status")["track"]["position"] == 2
    ok(db, "stop")
    assert as_json(db, "status")["state"] == "stopped"


def test_what_a_killed_player_left_playing_is_reported_paused(db) -> None:
    from tests_support import FakeClock

    from playlist_tui.domain import Track

    clock = FakeClock()
    session = Session.open(db, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track("Long", duration=600)])
    session.play(mix)
    clock.advance(7)
    session.tick()
    session.store.db.conn.close()  # as a kill -9 leaves it: no pause, no close
    session._player_lock.close()

    status = as_json(db, "status")
    assert (status["state"], status["position"]) == ("paused", 7.0)


def test_messages_name_things_as_typed_and_count_in_words(db) -> None:
    assert (
        ok(db, "create", "C:\\Music it's")
        .strip()
        .startswith("created playlist 'C:\\Music it's'")
    )
    ok(db, "add", "C:\\Music it's", "--title", "Only", "--location", "/m/only.mp3")
    assert "and its 1 track" in ok(db, "delete", "c:\\music it's", "--yes")


def test_json_holds_no_lone_surrogates(db, tmp_path) -> None:
    folder = tmp_path / "music"
    folder.mkdir()
    playlist = folder / "list.m3u8"  # UTF-8 declared: the bad byte stays a byte
    playlist.write_bytes(b"caf\xe9.mp3\n")
    ok(db, "import", str(playlist))
    out = ok(db, "tracks", "list", "--json")
    assert "\\udc" not in out
    [track] = json.loads(out)
    assert track["location"].endswith("/caf\ufffd.mp3")


def test_scanning_a_folder_again_or_through_a_link_adds_nothing(db, tmp_path) -> None:
    from tests_support import make_wav

    music = tmp_path / "music"
    music.mkdir()
    make_wav(music / "a.wav", title="A")
    (tmp_path / "link").symlink_to(music)
    assert "imported 1 track into 'music'" in ok(db, "import", str(music))
    again = ok(db, "import", str(tmp_path / "link"))
    assert "no new tracks in" in again and "'music' has 1 track" in again
    assert len(as_json(db, "tracks", "music")) == 1


def test_a_reader_that_stops_reading_is_no_error(db) -> None:
    session = Session.open(db)
    mix = session.create_playlist("Long").id
    from playlist_tui.domain import Track

    session.add_tracks(mix, [Track(f"Track {n}", duration=60) for n in range(5000)])
    session.close()
    env = {**os.environ, "PLAYLIST_TUI_DB": str(db)}
    result = subprocess.run(
        f"'{sys.executable}' -m playlist_tui tracks Long | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""


def test_a_typed_location_names_the_same_file_from_anywhere(db, tmp_path) -> None:
    ok(db, "create", "Mix")
    ok(db, "add", "Mix", "--title", "Gone")
    ok(db, "remove", "Mix", "1")

    def add(location: str) -> dict:
        result = run(
            db,
            "add",
            "Mix",
            "--title",
            " Padded ",
            "--location",
            location,
            "--json",
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert add("rel/x.mp3")["location"] == str(tmp_path / "rel" / "x.mp3")
    assert add("file:///a%20b.mp3")["location"] == "/a b.mp3"
    url = "https://radio.example.invalid/live?x=1"
    track = add(url)
    assert (track["location"], track["title"]) == (url, "Padded")
    said = ok(db, "add", "Mix", "--title", "Last")
    assert said.strip() == "added 'Last' to 'Mix' as track 4 (id 5)"


def test_a_long_playlist_name_does_not_stop_the_import(db, tmp_path) -> None:
    long = tmp_path / "long.m3u8"
    long.write_text("#PLAYLIST:" + "N" * 300 + "\none.mp3\n")
    short = tmp_path / "short.m3u"
    short.write_text("two.mp3\n")
    result = run(db, "import", str(long), str(short))
    assert result.returncode == 0, result.stderr
    names = [p["name"] for p in as_json(db, "playlists")]
    assert names == ["N" * 199 + "…", "short"]


def test_a_number_that_is_a_name_and_an_id_is_never_guessed(db) -> None:
    ok(db, "create", "First")  # id 1
    ok(db, "create", "1")  # id 2, named like the first one's id
    result = run(db, "delete", "1", "--yes")
    assert result.returncode == 2
    assert "write #1 for the id" in result.stderr
    assert [p["name"] for p in as_json(db, "playlists")] == ["First", "1"]

    ok(db, "delete", "#1", "--yes")
    assert [p["name"] for p in as_json(db, "playlists")] == ["1"]
    ok(db, "rename", "1", "One")  # now only a name: no doubt left
    assert as_json(db, "tracks", "#2") == []
