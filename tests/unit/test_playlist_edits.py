"""The linked list: adding, inserting, moving, removing and updating tracks."""

from __future__ import annotations

import pytest

from playlist_tui.domain import (
    InvalidTrackError,
    NotFoundError,
    Playlist,
    State,
    Track,
    TrackIsPlayingError,
)


def titles(playlist: Playlist) -> list[str]:
    return [track.title for track in playlist]


@pytest.fixture
def abcd(clock) -> Playlist:
    return Playlist("Mix", [Track(t, duration=30) for t in "ABCD"], clock=clock)


def test_tracks_get_fresh_ids_in_order(abcd: Playlist) -> None:
    assert [t.id for t in abcd] == [1, 2, 3, 4]
    assert len(abcd) == 4
    assert titles(abcd) == ["A", "B", "C", "D"]


def test_the_same_song_twice_is_two_entries(clock) -> None:
    playlist = Playlist("Dup", clock=clock)
    first = playlist.add_song(Track("Same", location="/m/same.mp3"))
    second = playlist.add_song(Track("Same", location="/m/same.mp3"))
    assert first.id != second.id
    playlist.remove(first.id)
    assert [t.id for t in playlist] == [second.id]


def test_storage_ids_are_kept_and_new_ids_follow_them(clock) -> None:
    playlist = Playlist("Mix", [Track("A", id=40), Track("B", id=7)], clock=clock)
    assert playlist.add_song(Track("C")).id == 41


def test_a_used_id_is_refused(abcd: Playlist) -> None:
    with pytest.raises(InvalidTrackError, match="already has a track with id 2"):
        abcd.add_song(Track("X", id=2))


def test_insert_before_and_at_the_end(abcd: Playlist) -> None:
    abcd.insert(Track("X"), before=1)
    abcd.insert(Track("Y"), before=3)
    abcd.insert(Track("Z"))
    assert titles(abcd) == ["X", "A", "B", "Y", "C", "D", "Z"]
    abcd.check_invariants()


@pytest.mark.parametrize(
    ("track_id", "before", "order"),
    [
        (1, None, "BCDA"),
        (4, 1, "DABC"),
        (2, 4, "ACBD"),
        (3, 3, "ABCD"),
        (2, 3, "ABCD"),
        (4, None, "ABCD"),
        (1, 2, "ABCD"),
    ],
)
def test_move(abcd: Playlist, track_id: int, before: int | None, order: str) -> None:
    abcd.move(track_id, before=before)
    assert "".join(titles(abcd)) == order
    abcd.check_invariants()


def test_remove_first_middle_last(abcd: Playlist) -> None:
    assert abcd.remove(1).title == "A"
    abcd.remove(3)
    abcd.remove(4)
    assert titles(abcd) == ["B"]
    abcd.remove(2)
    assert len(abcd) == 0
    abcd.check_invariants()


def test_unknown_ids_are_named_in_the_error(abcd: Playlist) -> None:
    for call in (
        lambda: abcd.get(99),
        lambda: abcd.remove(99),
        lambda: abcd.move(99),
        lambda: abcd.move(1, before=99),
        lambda: abcd.update(99, title="x"),
        lambda: abcd.play(99),
        lambda: abcd.insert(Track("x"), before=99),
    ):
        with pytest.raises(NotFoundError, match="'Mix' has no track with id 99"):
            call()
    assert titles(abcd) == ["A", "B", "C", "D"]


@pytest.mark.parametrize("state", ["play", "pause"])
def test_the_current_track_cannot_be_removed_while_playing_or_paused(
    abcd: Playlist, state: str
) -> None:
    abcd.play(2)
    if state == "pause":
        abcd.pause()
    with pytest.raises(TrackIsPlayingError, match="'B' is (playing|paused)"):
        abcd.remove(2)
    assert len(abcd) == 4
    assert abcd.current.id == 2


def test_the_current_track_can_be_removed_when_stopped(abcd: Playlist) -> None:
    abcd.play(2)
    abcd.stop()
    abcd.remove(2)
    assert abcd.current.title == "C"
    assert abcd.state is State.STOPPED


def test_update_changes_fields_and_validates(abcd: Playlist) -> None:
    updated = abcd.update(2, title="Bee", duration=12.5)
    assert abcd.get(2) == updated
    assert (updated.title, updated.duration, updated.id) == ("Bee", 12.5, 2)
    with pytest.raises(InvalidTrackError):
        abcd.update(2, duration=-1)
    assert abcd.get(2) == updated


def test_revision_grows_with_each_change(abcd: Playlist) -> None:
    before = abcd.revision
    abcd.move(1)
    abcd.update(1, title="x")
    assert abcd.revision == before + 2


def test_totals_skip_unknown_durations(clock) -> None:
    playlist = Playlist(
        "M", [Track("a", duration=10), Track("b"), Track("c", duration=5)]
    )
    assert playlist.total_duration == 15
    assert playlist.unknown_durations == 1


def test_domain_imports_no_ui_and_no_sql() -> None:
    import subprocess
    import sys

    code = (
        "import sys, playlist_tui.domain, playlist_tui.formats; "
        "bad = [m for m in ('textual', 'sqlite3', 'sqlite_utils') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
