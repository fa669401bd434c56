"""Everything edited through a session is on disk at once, and comes back at start."""

from __future__ import annotations

import sqlite3

import pytest

from playlist_tui.domain import (
    DuplicateNameError,
    EmptyPlaylistError,
    InvalidValueError,
    NotFoundError,
    State,
    Track,
    TrackIsPlayingError,
)
from playlist_tui.session import Session
from playlist_tui.storage import SCHEMA_VERSION, default_path


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "nested" / "folder" / "library.db"


def reopen(session: Session, clock) -> Session:
    """Drop the session without closing it, as a crash would, and open it again."""
    path = session.path
    session.store.db.conn.close()
    return Session.open(path, clock=clock)


def titles(session: Session, playlist_id: int) -> list[str]:
    return [t.title for t in session.playlist(playlist_id)]


def test_missing_folders_are_created_and_the_schema_versioned(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    assert db_path.exists()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    session.close()


def test_default_path_follows_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PLAYLIST_TUI_DB", str(tmp_path / "env.db"))
    assert default_path() == tmp_path / "env.db"
    monkeypatch.delenv("PLAYLIST_TUI_DB")
    assert default_path().name == "library.db"


def test_every_edit_survives_a_crash(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    for title in ["A", "B", "C", "D"]:
        session.add_track(mix, Track(title, artist="Art", duration=10))
    session.add_track(mix, Track("Stream", location="http://x.invalid/s"), before=1)
    session.move_track(mix, 1, None)
    session.update_track(mix, 2, title="Bee", duration=None)
    session.remove_track(mix, 3)

    again = reopen(session, clock)
    assert titles(again, mix) == ["Stream", "Bee", "D", "A"]
    bee = again.playlist(mix).get(2)
    assert bee.duration is None and bee.artist == "Art"
    again.close()


def test_unknown_duration_is_stored_as_null(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_track(mix, Track("Live", duration=None))
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT duration FROM tracks").fetchone()[0] is None
    info = session.playlists()[0]
    assert (info.total_duration, info.unknown_durations) == (0, 1)
    session.close()


def test_a_path_that_is_not_utf8_keeps_its_bytes(db_path, clock) -> None:
    name = b"/music/caf\xe9.wav".decode("utf-8", "surrogateescape")
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_track(mix, Track("Café", location=name))
    again = reopen(session, clock)
    assert again.playlist(mix).get(1).location == name
    again.close()


def test_moving_in_the_middle_writes_a_constant_number_of_rows(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    changes = []
    for size in (10, 2000):
        playlist = session.create_playlist(f"P{size}").id
        added = session.add_tracks(
            playlist, [Track(f"t{i}", duration=1) for i in range(size)]
        )
        conn = session.store.db.conn
        before = conn.total_changes
        session.move_track(playlist, added[size // 2].id, added[size // 3].id)
        changes.append(conn.total_changes - before)
        assert [t.id for t in session.store.load_tracks(playlist)] == [
            t.id for t in session.playlist(playlist)
        ]
    assert changes[0] == changes[1] <= 7
    session.close()


def test_playlist_names_are_unique_ignoring_case(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    session.create_playlist("Straße Mix")
    with pytest.raises(DuplicateNameError, match="'Straße Mix' already exists"):
        session.create_playlist("STRASSE MIX")
    with pytest.raises(InvalidValueError, match="name is empty"):
        session.create_playlist("   ")
    other = session.create_playlist("Other")
    with pytest.raises(DuplicateNameError):
        session.rename_playlist(other.id, "straße mix")
    assert session.rename_playlist(other.id, "OTHER").name == "OTHER"
    assert [p.name for p in session.playlists()] == ["Straße Mix", "OTHER"]
    session.close()


def test_playlist_order_is_kept(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    a, b, c = (session.create_playlist(n).id for n in "abc")
    session.move_playlist(c, a)
    session.move_playlist(a, None)
    again = reopen(session, clock)
    assert [p.name for p in again.playlists()] == ["c", "b", "a"]
    assert again.find_playlist("B").id == b
    assert again.find_playlist(str(c)).name == "c"
    with pytest.raises(NotFoundError, match="no playlist named 'zzz'"):
        again.find_playlist("zzz")
    again.close()


def test_playback_comes_back_paused_at_the_same_second(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track(t, duration=100) for t in "ABC"])
    session.play(mix, 2)
    clock.advance(41.5)
    session.tick()
    session.close()

    again = Session.open(db_path, clock=clock)
    assert again.active is not None and again.active.id == mix
    assert again.active.state is State.PAUSED
    assert (again.active.current.title, again.active.position) == ("B", 41.5)
    again.close()


def test_position_is_saved_each_second_while_playing(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track("A", duration=100)])
    session.play(mix)
    for _ in range(7):
        clock.advance(0.5)
        session.tick()
    crashed = reopen(session, clock)
    assert crashed.active.position >= 3.0
    crashed.close()


def test_the_playing_track_and_playlist_cannot_be_deleted(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track("A", duration=100), Track("B", duration=100)])
    session.play(mix, 1)
    with pytest.raises(TrackIsPlayingError, match="'A' is playing"):
        session.remove_track(mix, 1)
    with pytest.raises(TrackIsPlayingError, match="'Mix' is playing"):
        session.delete_playlist(mix)
    assert titles(reopen(session, clock), mix) == ["A", "B"]


def test_one_playlist_plays_at_a_time(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    one, two = session.create_playlist("One").id, session.create_playlist("Two").id
    session.add_track(one, Track("A", duration=10))
    session.add_track(two, Track("B", duration=10))
    session.play(one)
    session.play(two)
    assert session.playlist(one).state is State.STOPPED
    assert session.active.current.title == "B"
    session.close()


def test_playing_an_empty_playlist_changes_nothing(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    one, empty = session.create_playlist("One").id, session.create_playlist("Empty").id
    session.add_track(one, Track("A", duration=10))
    session.play(one)
    session.stop()
    with pytest.raises(EmptyPlaylistError):
        session.play(empty)
    assert session.active.id == one
    assert session.active.current.title == "A"
    session.close()

    again = Session.open(db_path, clock=clock)
    assert again.active.id == one and again.active.current.title == "A"
    again.close()


def test_settings_are_kept(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    session.set_setting("theme", "nord")
    assert reopen(session, clock).get_setting("theme") == "nord"


def test_ids_are_never_given_twice(db_path, clock) -> None:
    session = Session.open(db_path, clock=clock)
    mix = session.create_playlist("Mix").id
    _, two = session.add_tracks(mix, [Track("One"), Track("Two")])
    session.remove_track(mix, two.id)
    session = reopen(session, clock)
    three = session.add_track(mix, Track("Three"))
    assert three.id > two.id

    doomed = session.create_playlist("Doomed").id
    session.delete_playlist(doomed)
    assert session.create_playlist("Later").id > doomed
    session.close()


def test_a_schema_1_database_is_upgraded_with_its_data(db_path, clock) -> None:
    from playlist_tui.storage.database import APPLICATION_ID, MIGRATIONS

    db_path.parent.mkdir(parents=True)
    old = sqlite3.connect(db_path)
    old.executescript(MIGRATIONS[0])
    old.execute(
        "INSERT INTO playlists (id, name, name_key, sort_order) "
        "VALUES (4, 'Old', 'old', 1)"
    )
    old.execute("INSERT INTO tracks (id, playlist_id, title) VALUES (9, 4, 'Kept')")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()

    session = Session.open(db_path, clock=clock)
    assert titles(session, 4) == ["Kept"]
    assert session.add_track(4, Track("New")).id == 10
    assert session.create_playlist("New").id == 5
    version = session.store.db.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION == 2
    session.close()
