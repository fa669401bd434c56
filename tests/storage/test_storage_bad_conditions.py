"""Bad files and bad conditions: a clear message, and the file keeps its bytes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from playlist_tui.domain import State, Track
from playlist_tui.session import Session
from playlist_tui.storage import SCHEMA_VERSION, DatabaseUnusableError, WriteFailedError


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_case_037_a_file_that_is_not_sqlite_is_refused_untouched(
    cases, tmp_path
) -> None:
    path = tmp_path / "library.db"
    shutil.copy(cases / "037-db-not-sqlite.db", path)
    before = digest(path)
    for _ in range(2):
        with pytest.raises(
            DatabaseUnusableError, match="not a playlist-tui database"
        ) as info:
            Session.open(path)
        assert str(path) in str(info.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db"]


def test_a_text_file_is_refused_untouched(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my shopping list\n")
    with pytest.raises(DatabaseUnusableError, match="not an SQLite file"):
        Session.open(path)
    assert path.read_text() == "my shopping list\n"


def test_case_039_a_newer_schema_is_refused_naming_both_versions(
    cases, tmp_path
) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.executescript((cases / "039-db-newer-schema.sql").read_text())
    conn.close()
    before = digest(path)
    with pytest.raises(
        DatabaseUnusableError, match=f"schema 9999.*supports schema {SCHEMA_VERSION}"
    ) as info:
        Session.open(path)
    assert "upgrade playlist-tui" in str(info.value)
    assert digest(path) == before


def test_another_programs_sqlite_file_is_refused(tmp_path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseUnusableError, match="another program"):
        Session.open(path)
    assert digest(path) == before


def test_a_damaged_database_is_refused_untouched(tmp_path) -> None:
    path = tmp_path / "library.db"
    session = Session.open(path)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track(f"t{i}" * 50, duration=1) for i in range(400)])
    session.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 300] = b"\xff" * 300
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"library.db{suffix}").unlink(missing_ok=True)
    before = digest(path)
    with pytest.raises(DatabaseUnusableError, match="damaged|malformed"):
        Session.open(path)
    assert digest(path) == before


def test_a_read_only_database_is_refused_with_a_message(tmp_path, monkeypatch) -> None:
    path = tmp_path / "library.db"
    Session.open(path).close()
    real_access = __import__("os").access
    monkeypatch.setattr(
        "playlist_tui.storage.database.os.access",
        lambda p, mode: False if str(p) == str(path) else real_access(p, mode),
    )
    with pytest.raises(DatabaseUnusableError, match="read-only"):
        Session.open(path)


def test_case_041_disk_full_rolls_the_whole_import_back(tmp_path, clock) -> None:
    session = Session.open(tmp_path / "library.db", clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track("Kept", duration=5)])
    conn = session.store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    big = [Track(f"Bulk {i} " + "x" * 200, duration=1) for i in range(12_000)]
    with pytest.raises(WriteFailedError, match="full.*library.db|library.db.*full"):
        session.add_tracks(mix, big)
    # A full disk mid-rename, simulated by a trigger that fails as SQLite would.
    conn.execute(
        "CREATE TEMP TRIGGER full BEFORE UPDATE ON playlists "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with pytest.raises(WriteFailedError, match="no space left"):
        session.rename_playlist(mix, "Renamed")
    conn.execute("DROP TRIGGER full")

    assert [t.title for t in session.playlist(mix)] == ["Kept"]
    assert [p.name for p in session.playlists()] == ["Mix"]
    assert session.store.integrity_check() == "ok"

    conn.execute("PRAGMA max_page_count = 1073741823")
    session.add_tracks(mix, big)
    session.rename_playlist(mix, "Renamed")
    assert len(session.playlist(mix)) == 12_001
    session.close()


def test_case_036_an_outside_write_lock_fails_clearly_then_works(
    tmp_path, monkeypatch, clock
) -> None:
    monkeypatch.setattr("playlist_tui.storage.database.BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "shared.db"
    session = Session.open(path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.store.db.conn.execute("PRAGMA busy_timeout = 300")

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(WriteFailedError, match="busy"):
        session.add_track(mix, Track("Waiting"))
    assert len(session.playlist(mix)) == 0
    holder.execute("ROLLBACK")
    holder.close()

    session.add_track(mix, Track("Waiting"))
    assert [t.title for t in session.playlist(mix)] == ["Waiting"]
    session.close()


def test_reading_needs_no_write_lock(tmp_path, monkeypatch, clock) -> None:
    path = tmp_path / "shared.db"
    writer = Session.open(path, clock=clock)
    writer.add_track(writer.create_playlist("Mix").id, Track("Kept"))
    writer.close()
    monkeypatch.setattr("playlist_tui.storage.database.BUSY_TIMEOUT_MS", 300)

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    reader = Session.open(path, clock=clock, claim_player=False)
    [info] = reader.playlists()
    assert [t.title for t in reader.playlist(info.id)] == ["Kept"]
    reader.close()
    holder.execute("ROLLBACK")
    holder.close()


def test_an_io_error_on_a_full_disk_is_called_a_full_disk(
    tmp_path, monkeypatch
) -> None:
    from playlist_tui.storage import database

    path = tmp_path / "x.db"
    error = sqlite3.OperationalError("disk I/O error")
    assert "is full" not in database.describe_open_error(path, error)
    monkeypatch.setattr(database, "FULL_BELOW_BYTES", 1 << 62)  # no disk is that big
    assert "the disk holding" in database.describe_open_error(path, error)
    assert "is full" in str(database.write_error(path, error))


def test_a_short_outside_lock_is_waited_for(tmp_path, clock) -> None:
    path = tmp_path / "shared.db"
    session = Session.open(path, clock=clock)
    mix = session.create_playlist("Mix").id
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.5, lambda: holder.execute("ROLLBACK")).start()
    session.add_track(mix, Track("After the wait"))
    assert len(session.playlist(mix)) == 1
    session.close()


def test_case_036_two_instances_see_each_others_edits(tmp_path, clock) -> None:
    path = tmp_path / "shared.db"
    a = Session.open(path, clock=clock)
    b = Session.open(path, clock=clock)
    assert a.is_player and not b.is_player and b.playback_elsewhere
    mix = a.create_playlist("Mix").id
    a.add_tracks(mix, [Track(t, duration=10) for t in "ABCD"])

    assert b.refresh() is True
    assert [t.title for t in b.playlist(mix)] == ["A", "B", "C", "D"]
    b.rename_playlist(mix, "Shared")
    b.remove_track(mix, 2)
    b.add_track(mix, Track("E"))
    b.move_track(mix, 4, 1)
    # A edits without having refreshed: its stale copy is read again, nothing is lost.
    a.add_track(mix, Track("F"))
    assert [t.title for t in a.playlist(mix)] == ["D", "A", "C", "E", "F"]
    assert a.refresh() is True
    assert a.playlist(mix).name == "Shared"
    b.refresh()
    assert [t.title for t in b.playlist(mix)] == ["D", "A", "C", "E", "F"]
    assert a.store.integrity_check() == "ok"
    b.close()
    a.close()


WRITER = """
import sys
from playlist_tui.domain import State, Track
from playlist_tui.session import Session
session = Session.open(sys.argv[1])
mix = session.find_playlist("Crash").id
for i in range(100_000):
    track = session.add_track(mix, Track(f"edit {i}", duration=i % 7))
    if i % 5 == 4:
        session.move_track(mix, track.id, session.playlist(mix).first_id())
    print(track.id, flush=True)
"""


def test_crash_safety_every_reported_edit_survives_sigkill(tmp_path) -> None:
    path = tmp_path / "crash.db"
    Session.open(path).create_playlist("Crash")
    reported: set[int] = set()
    for round_ in range(6):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 0.4 + 0.15 * round_
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            reported.add(int(line))
        process.kill()
        process.wait()
        for line in process.stdout:
            reported.add(int(line))

        check = sqlite3.connect(path)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in check.execute("SELECT id FROM tracks")}
        check.close()
        assert reported <= stored
        session = Session.open(path)
        assert len(session.playlist(session.find_playlist("Crash").id)) == len(stored)
        session.close()
    assert len(reported) > 20


def test_a_second_connection_in_one_process_keeps_the_first_ones_locks(
    tmp_path, clock
) -> None:
    # The app's import worker opens its own connection beside the app's. Reading the
    # file's header by plain file I/O would drop the app's SQLite locks when it
    # closed, and the next program to close the file would delete the WAL under it.
    path = tmp_path / "locks.db"
    app = Session.open(path, clock=clock)
    app.create_playlist("Before")
    worker = Session.open(path, clock=clock, claim_player=False)
    worker.create_playlist("From the worker")
    worker.close()

    subprocess.run(
        [sys.executable, "-c", READER, str(path)], check=True, capture_output=True
    )
    assert (tmp_path / "locks.db-wal").exists()
    app.create_playlist("After")
    other = sqlite3.connect(path)
    names = {row[0] for row in other.execute("SELECT name FROM playlists")}
    other.close()
    assert names == {"Before", "From the worker", "After"}
    app.close()


READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM playlists").fetchall()
conn.close()
"""


def fail_playback_saves(session: Session) -> None:
    session.store.db.conn.execute(
        "CREATE TEMP TRIGGER full BEFORE INSERT ON playback "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )


def test_a_play_that_cannot_be_saved_changes_nothing(tmp_path, clock) -> None:
    session = Session.open(tmp_path / "library.db", clock=clock)
    mix = session.create_playlist("Mix").id
    one, two = session.add_tracks(mix, [Track("One", duration=60), Track("Two")])
    session.play(mix, one.id)
    clock.advance(10)
    fail_playback_saves(session)

    with pytest.raises(WriteFailedError, match="no space left"):
        session.next()
    with pytest.raises(WriteFailedError, match="no space left"):
        session.pause()
    playlist = session.active
    assert playlist.current == one and playlist.state is State.PLAYING
    assert playlist.position == 10

    session.store.db.conn.execute("DROP TRIGGER full")
    session.stop()
    fail_playback_saves(session)
    with pytest.raises(WriteFailedError):
        session.play(mix, two.id)
    assert playlist.state is State.STOPPED and playlist.current == one
    assert session.store.load_playback().snapshot.state is State.STOPPED
    session.close()


def test_the_moving_position_neither_waits_for_a_lock_nor_repeats_a_failure(
    tmp_path, clock
) -> None:
    path = tmp_path / "library.db"
    session = Session.open(path, clock=clock)
    mix = session.create_playlist("Mix").id
    session.add_tracks(mix, [Track("One", duration=600)])
    session.play(mix)

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    clock.advance(2)
    started = time.monotonic()
    session.tick()  # not saved, and not waited for
    assert time.monotonic() - started < 1
    holder.execute("ROLLBACK")
    holder.close()
    clock.advance(2)
    session.tick()
    assert session.store.load_playback().snapshot.position == 4

    fail_playback_saves(session)
    clock.advance(2)
    with pytest.raises(WriteFailedError, match="no space left"):
        session.tick()
    for _ in range(3):
        clock.advance(2)
        session.tick()  # the same failure is said once
    session.store.db.conn.execute("DROP TRIGGER full")
    clock.advance(2)
    session.tick()
    assert session.store.load_playback().snapshot.position == 14
    session.close()


def test_a_folder_that_cannot_be_written_is_named_as_the_reason(
    tmp_path, monkeypatch
) -> None:
    from playlist_tui.storage import database

    path = tmp_path / "locked" / "new.db"
    error = sqlite3.OperationalError("unable to open database file")
    monkeypatch.setattr(database.os, "access", lambda *_: False)  # root writes anyway
    said = database.describe_open_error(path, error)
    assert f"its folder {path.parent} is not writable" in said
