"""Simulated playback: the clock, the ends of the list, repeat, shuffle."""

from __future__ import annotations

import pytest

from playlist_tui.domain import (
    EmptyPlaylistError,
    NoNextTrackError,
    NoPreviousTrackError,
    Playlist,
    Repeat,
    State,
    Track,
)


def make(clock, *durations: float | None) -> Playlist:
    names = ["One", "Two", "Three", "Four", "Five", "Six"]
    tracks = [Track(names[i], duration=d) for i, d in enumerate(durations)]
    return Playlist("P", tracks, clock=clock)


def now(playlist: Playlist) -> tuple[str | None, float, State]:
    playlist.tick()
    current = playlist.current
    return (
        current.title if current else None,
        round(playlist.position, 6),
        playlist.state,
    )


def test_position_comes_from_the_clock_not_from_ticks(clock) -> None:
    playlist = make(clock, 100)
    playlist.play()
    clock.advance(42.5)
    assert playlist.position == 42.5
    playlist.tick()
    playlist.tick()
    assert playlist.position == 42.5


def test_case_033_pause_resume_and_one_auto_advance(clock) -> None:
    playlist = Playlist(
        "Short",
        [
            Track("Ten Seconds", duration=10),
            Track("Three Seconds", duration=3),
            Track("Four Seconds", duration=4),
        ],
        clock=clock,
    )
    playlist.play(1)
    clock.advance(4)
    playlist.pause()
    clock.advance(30)
    assert now(playlist) == ("Ten Seconds", 4, State.PAUSED)
    playlist.play()
    assert now(playlist) == ("Ten Seconds", 4, State.PLAYING)
    clock.advance(6)
    assert now(playlist) == ("Three Seconds", 0, State.PLAYING)
    clock.advance(2)
    playlist.pause()
    playlist.toggle()
    playlist.toggle()
    assert now(playlist) == ("Three Seconds", 2, State.PAUSED)
    playlist.toggle()
    clock.advance(100)
    assert now(playlist) == ("Ten Seconds", 0, State.STOPPED)
    clock.advance(100)
    assert now(playlist) == ("Ten Seconds", 0, State.STOPPED)


def test_a_late_tick_lands_in_the_right_track(clock) -> None:
    playlist = make(clock, 3, 4, 5, 100)
    playlist.play()
    clock.advance(3 + 4 + 5 + 1.5)
    assert now(playlist) == ("Four", 1.5, State.PLAYING)


def test_case_029_ends_of_the_list_with_repeat_off(clock) -> None:
    playlist = Playlist(
        "Two", [Track("First", duration=5), Track("Last", duration=7)], clock=clock
    )
    playlist.play(1)
    for _ in range(2):
        with pytest.raises(NoPreviousTrackError, match="'First' is the first track"):
            playlist.prev()
    assert now(playlist) == ("First", 0, State.PLAYING)
    playlist.next()
    with pytest.raises(NoNextTrackError, match="'Last' is the last track of 'Two'"):
        playlist.next()
    assert now(playlist) == ("Last", 0, State.PLAYING)
    playlist.play(2)
    clock.advance(10)
    assert now(playlist) == ("First", 0, State.STOPPED)
    with pytest.raises(NoPreviousTrackError):
        playlist.prev()
    playlist.next()
    assert now(playlist) == ("Last", 0, State.STOPPED)


def test_case_029_repeat_all_wraps_both_ways(clock) -> None:
    playlist = Playlist(
        "Two", [Track("First", duration=5), Track("Last", duration=7)], clock=clock
    )
    playlist.repeat = Repeat.ALL
    playlist.play(1)
    assert playlist.prev().title == "Last"
    assert playlist.next().title == "First"
    playlist.play(2)
    clock.advance(10)
    assert now(playlist) == ("First", 3, State.PLAYING)


def test_repeat_one_replays_the_track(clock) -> None:
    playlist = make(clock, 5, 7)
    playlist.repeat = Repeat.ONE
    playlist.play(1)
    clock.advance(12)
    assert now(playlist) == ("One", 2, State.PLAYING)


def test_repeat_cycles_off_all_one() -> None:
    assert [Repeat.OFF.following(), Repeat.ALL.following(), Repeat.ONE.following()] == [
        Repeat.ALL,
        Repeat.ONE,
        Repeat.OFF,
    ]


def test_unknown_duration_never_auto_advances(clock) -> None:
    playlist = make(clock, None, 5)
    playlist.play()
    clock.advance(10_000)
    assert now(playlist) == ("One", 10_000, State.PLAYING)
    assert playlist.next().title == "Two"


def test_zero_length_tracks_are_skipped(clock) -> None:
    playlist = make(clock, 0, 0, 5)
    playlist.play()
    clock.advance(1)
    assert now(playlist) == ("Three", 1, State.PLAYING)


@pytest.mark.parametrize("repeat", [Repeat.ALL, Repeat.ONE])
def test_only_zero_length_tracks_never_spin(clock, repeat: Repeat) -> None:
    playlist = make(clock, 0, 0, 0)
    playlist.repeat = repeat
    playlist.play()
    clock.advance(1)
    assert now(playlist) == ("One", 0, State.STOPPED)


def test_stop_after_current_stops_once(clock) -> None:
    playlist = make(clock, 5, 5, 5)
    playlist.stop_after_current = True
    playlist.play()
    clock.advance(6)
    assert now(playlist) == ("Two", 0, State.STOPPED)
    assert playlist.stop_after_current is False


def test_shortening_the_current_track_ends_it_at_the_next_tick(clock) -> None:
    playlist = make(clock, 100, 50)
    playlist.play()
    clock.advance(30)
    playlist.update(1, duration=20)
    assert playlist.position == 20
    assert now(playlist) == ("Two", 0, State.PLAYING)


def test_what_was_played_past_a_new_end_is_not_carried_on(clock) -> None:
    playlist = make(clock, 200, 30, 30, 300)
    playlist.play()
    clock.advance(150)
    playlist.pause()
    playlist.update(1, duration=50)
    playlist.play()
    assert now(playlist) == ("Two", 0, State.PLAYING)
    clock.advance(31)
    assert now(playlist) == ("Three", 1, State.PLAYING)


def test_an_ended_track_reads_as_at_its_end_until_the_tick(clock) -> None:
    playlist = make(clock, 10, 10)
    playlist.play()
    clock.advance(15)
    assert (playlist.current.title, playlist.position) == ("One", 10)
    assert now(playlist) == ("Two", 5, State.PLAYING)


def test_repeat_one_still_skips_and_wraps(clock) -> None:
    playlist = make(clock, 5, 7)
    playlist.repeat = Repeat.ONE
    playlist.play(2)
    assert playlist.next().title == "One"
    assert playlist.prev().title == "Two"


def test_case_031_moving_keeps_the_current_track_and_position(clock) -> None:
    tracks = [Track(t, duration=30) for t in ("Alpha", "Bravo", "Charlie", "Delta")]
    playlist = Playlist("Four", tracks, clock=clock)
    playlist.play(3)
    clock.advance(5)
    playlist.move(1, before=4)
    assert [t.title for t in playlist] == ["Bravo", "Charlie", "Alpha", "Delta"]
    assert now(playlist) == ("Charlie", 5, State.PLAYING)
    clock.advance(30)
    assert now(playlist) == ("Alpha", 5, State.PLAYING)
    playlist.move(1, before=2)
    assert playlist.next().title == "Bravo"


def test_play_variants(clock) -> None:
    playlist = make(clock, 10, 10)
    playlist.play()
    assert now(playlist) == ("One", 0, State.PLAYING)
    clock.advance(3)
    playlist.play()
    assert now(playlist) == ("One", 3, State.PLAYING)
    playlist.play(2)
    assert now(playlist) == ("Two", 0, State.PLAYING)
    playlist.stop()
    assert now(playlist) == ("Two", 0, State.STOPPED)
    playlist.play()
    assert now(playlist) == ("Two", 0, State.PLAYING)


def test_next_and_prev_while_paused_start_the_adjacent_track(clock) -> None:
    playlist = make(clock, 10, 10)
    playlist.play()
    playlist.pause()
    playlist.next()
    assert now(playlist) == ("Two", 0, State.PLAYING)


def test_seek_is_kept_inside_the_track(clock) -> None:
    playlist = make(clock, 10, 10)
    playlist.play()
    assert playlist.seek(-5) == 0
    assert playlist.seek(4) == 4
    assert playlist.seek_by(3) == 7
    clock.advance(1)
    assert playlist.seek_by(-100) == 0
    assert playlist.seek(99) == 10
    assert now(playlist) == ("Two", 0, State.PLAYING)


def test_seek_from_stopped_pauses_at_the_position(clock) -> None:
    playlist = make(clock, 10)
    playlist.seek(4)
    assert now(playlist) == ("One", 4, State.PAUSED)


@pytest.mark.parametrize("call", ["play", "next", "prev", "seek"])
def test_case_028_empty_playlist(clock, call: str) -> None:
    playlist = make(clock)
    with pytest.raises(EmptyPlaylistError, match="'P' is empty"):
        getattr(playlist, call)(*([1] if call == "seek" else []))
    playlist.pause()
    playlist.stop()
    clock.advance(5)
    assert now(playlist) == (None, 0, State.STOPPED)


def test_case_028_the_only_track_removed_after_stopping(clock) -> None:
    playlist = make(clock, 10)
    playlist.play()
    playlist.stop()
    playlist.remove(1)
    assert now(playlist) == (None, 0, State.STOPPED)
    with pytest.raises(EmptyPlaylistError):
        playlist.toggle()


def test_shuffle_plays_every_track_once_without_reordering(clock) -> None:
    playlist = make(clock, 1, 1, 1, 1, 1, 1)
    playlist.set_shuffle(True, seed=7)
    playlist.play()
    heard = [playlist.current.title]
    for _ in range(5):
        heard.append(playlist.next().title)
    assert sorted(heard) == sorted(t.title for t in playlist)
    assert [t.title for t in playlist] == ["One", "Two", "Three", "Four", "Five", "Six"]
    with pytest.raises(NoNextTrackError):
        playlist.next()


def test_shuffle_is_the_same_for_the_same_seed(clock) -> None:
    orders = []
    for _ in range(2):
        playlist = make(clock, 1, 1, 1, 1, 1, 1)
        playlist.set_shuffle(True, seed=11)
        playlist.play()
        orders.append(
            [playlist.current.title] + [playlist.next().title for _ in range(5)]
        )
    assert orders[0] == orders[1]


def test_turning_shuffle_off_continues_in_list_order(clock) -> None:
    playlist = make(clock, 1, 1, 1, 1, 1, 1)
    playlist.set_shuffle(True, seed=3)
    playlist.play()
    playlist.next()
    here = playlist.current.id
    playlist.set_shuffle(False)
    assert playlist.next().id == here + 1 or here == 6


def test_snapshot_and_restore_come_back_paused(clock) -> None:
    playlist = make(clock, 100, 100)
    playlist.repeat = Repeat.ALL
    playlist.play(2)
    clock.advance(12)
    snap = playlist.snapshot()
    assert (snap.state, snap.track_id, snap.position) == (State.PLAYING, 2, 12)

    again = make(clock, 100, 100)
    again.restore(snap)
    assert now(again) == ("Two", 12, State.PAUSED)
    assert again.repeat is Repeat.ALL
    again.play()
    clock.advance(1)
    assert now(again) == ("Two", 13, State.PLAYING)


def test_restore_of_a_vanished_track_is_stopped(clock) -> None:
    playlist = make(clock, 100)
    snap = playlist.snapshot()
    playlist.restore(type(snap)(State.PAUSED, 99, 5.0, Repeat.OFF, False, 0, False))
    assert now(playlist) == (None, 0, State.STOPPED)
