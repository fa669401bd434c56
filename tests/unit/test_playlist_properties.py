"""Random sequences of operations against a plain list model, and many threads at once."""

from __future__ import annotations

import random
import threading
import time

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from tests_support import FakeClock

from playlist_tui.domain import Playlist, PlaylistError, State, Track


class PlaylistModel(RuleBasedStateMachine):
    """The model is a list of ids, the current id, and the position in the track."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.playlist = Playlist("Model", clock=self.clock)
        self.ids: list[int] = []
        self.durations: dict[int, float] = {}
        self.current: int | None = None
        self.position = 0.0
        self.state = State.STOPPED

    @rule(duration=st.integers(min_value=1, max_value=50))
    def add(self, duration: int) -> None:
        track = self.playlist.add_song(Track("t", duration=duration))
        self.ids.append(track.id)
        self.durations[track.id] = duration

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        track_id = data.draw(st.sampled_from(self.ids))
        playing = track_id == self.current and self.state is not State.STOPPED
        try:
            self.playlist.remove(track_id)
        except PlaylistError:
            assert playing
            return
        assert not playing
        index = self.ids.index(track_id)
        self.ids.remove(track_id)
        if track_id == self.current:
            after = self.ids[index : index + 1] or self.ids[index - 1 : index]
            self.current = after[0] if after else None

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def move(self, data: st.DataObject) -> None:
        track_id = data.draw(st.sampled_from(self.ids))
        before = data.draw(st.sampled_from([None, *self.ids]))
        self.playlist.move(track_id, before=before)
        if before == track_id:
            return
        self.ids.remove(track_id)
        where = len(self.ids) if before is None else self.ids.index(before)
        self.ids.insert(where, track_id)

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def play(self, data: st.DataObject) -> None:
        track_id = data.draw(st.sampled_from(self.ids))
        self.playlist.play(track_id)
        self.current, self.position, self.state = track_id, 0.0, State.PLAYING

    @rule()
    def pause(self) -> None:
        self.playlist.pause()
        if self.state is State.PLAYING:
            self.state = State.PAUSED

    @rule()
    def next(self) -> None:
        self._skip(+1, self.playlist.next)

    @rule()
    def prev(self) -> None:
        self._skip(-1, self.playlist.prev)

    def _skip(self, direction: int, call) -> None:
        try:
            call()
        except PlaylistError:
            assert not self.ids or (
                self.current is not None
                and self.ids.index(self.current)
                == (len(self.ids) - 1 if direction > 0 else 0)
            )
            return
        if self.current is None:
            self.current = self.ids[0]
        else:
            self.current = self.ids[self.ids.index(self.current) + direction]
        self.position = 0.0
        if self.state is State.PAUSED:
            self.state = State.PLAYING

    @rule(seconds=st.floats(min_value=0, max_value=120, allow_nan=False))
    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.playlist.tick()
        if self.state is not State.PLAYING:
            return
        self.position += seconds
        while self.state is State.PLAYING:
            length = self.durations[self.current]
            if self.position < length:
                break
            self.position -= length
            index = self.ids.index(self.current)
            if index + 1 < len(self.ids):
                self.current = self.ids[index + 1]
            else:
                self.current, self.position, self.state = (
                    self.ids[0],
                    0.0,
                    State.STOPPED,
                )

    @invariant()
    def agrees_with_the_model(self) -> None:
        self.playlist.check_invariants()
        assert [t.id for t in self.playlist] == self.ids
        current = self.playlist.current
        assert (current.id if current else None) == self.current
        assert self.playlist.state is self.state
        assert abs(self.playlist.position - self.position) < 1e-6


TestPlaylistModel = PlaylistModel.TestCase
TestPlaylistModel.settings = settings(
    max_examples=150, stateful_step_count=40, deadline=None
)


def test_many_threads_at_once_keep_the_list_whole() -> None:
    playlist = Playlist("Busy", [Track(f"t{i}", duration=1) for i in range(50)])
    stop_at = time.monotonic() + 2.0
    errors: list[BaseException] = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        try:
            while time.monotonic() < stop_at:
                ids = [t.id for t in playlist]
                op = rng.randrange(7)
                try:
                    if op == 0:
                        playlist.add_song(Track("new", duration=rng.random()))
                    elif op == 1 and ids:
                        playlist.remove(rng.choice(ids))
                    elif op == 2 and ids:
                        playlist.move(rng.choice(ids), before=rng.choice([None, *ids]))
                    elif op == 3:
                        playlist.next()
                    elif op == 4:
                        playlist.prev()
                    elif op == 5:
                        playlist.toggle()
                    else:
                        playlist.tick()
                except PlaylistError:
                    pass
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    playlist.check_invariants()
    assert len(playlist) == len(playlist.tracks())
    if playlist.current is not None:
        assert playlist.current.id in playlist
