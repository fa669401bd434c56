"""The `Playlist`: a doubly linked list of tracks with simulated playback.

Every edit by id (add, insert, remove, move, get, update, next, previous) is O(1): the
tracks are nodes of a doubly linked list, and a dict maps each track id to its node.

Playback is simulated. The position comes from an injected clock (``time.monotonic``
by default): while playing it is the time played before the last start plus
``clock() - started_at``. Nothing counts ticks, so a late tick cannot make it drift;
`Playlist.tick` only applies what the clock says (the end of a track, the next one).

Every public method takes one re-entrant lock, so the playlist may be used from
several threads at once.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from playlist_tui.domain.errors import (
    EmptyPlaylistError,
    InvalidTrackError,
    InvalidValueError,
    NoNextTrackError,
    NoPreviousTrackError,
    NotFoundError,
    TrackIsPlayingError,
)
from playlist_tui.domain.text import quoted
from playlist_tui.domain.track import Track

Clock = Callable[[], float]


class State(str, Enum):
    """What the player is doing."""

    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class Repeat(str, Enum):
    """What happens at the end of a track or of the list."""

    OFF = "off"
    ALL = "all"
    ONE = "one"

    def following(self) -> Repeat:
        """Return the next mode in the cycle off → all → one → off."""
        order = [Repeat.OFF, Repeat.ALL, Repeat.ONE]
        return order[(order.index(self) + 1) % len(order)]


@dataclass(frozen=True, slots=True)
class PlaybackSnapshot:
    """Everything storage needs to bring playback back after a restart."""

    state: State
    track_id: int | None
    position: float
    repeat: Repeat
    shuffle: bool
    shuffle_seed: int
    stop_after_current: bool


class _Node:
    __slots__ = ("next", "prev", "track")

    def __init__(self, track: Track) -> None:
        self.track = track
        self.prev: _Node | None = None
        self.next: _Node | None = None


class _ShuffleOrder:
    """A seeded permutation of track ids, walked instead of the list order.

    Ids removed from the playlist stay in the permutation and are skipped; ids added
    later are appended, so a shuffle never replays what it already played.
    """

    def __init__(self, ids: list[int], seed: int) -> None:
        random.Random(seed).shuffle(ids)
        self.ids = ids
        self.where = {track_id: i for i, track_id in enumerate(ids)}

    def append(self, track_id: int) -> None:
        self.where[track_id] = len(self.ids)
        self.ids.append(track_id)

    def step(
        self, track_id: int, direction: int, alive: dict[int, _Node]
    ) -> int | None:
        """Return the next (or previous) id still in the playlist, or None at an end."""
        i = self.where.get(track_id)
        if i is None:
            return None
        i += direction
        while 0 <= i < len(self.ids):
            if self.ids[i] in alive:
                return self.ids[i]
            i += direction
        return None

    def end(self, direction: int, alive: dict[int, _Node]) -> int | None:
        """Return the first (direction 1) or last (-1) id still in the playlist."""
        span = self.ids if direction > 0 else reversed(self.ids)
        return next((track_id for track_id in span if track_id in alive), None)


class Playlist:
    """A named, ordered list of tracks that can be played.

    Args:
        name: The playlist's name, as messages name it.
        tracks: Tracks to add in order; those without an id get a fresh one.
        clock: Returns seconds as a float; tests pass a fake one.
        id: The storage id of the playlist, when it has one.
    """

    def __init__(
        self,
        name: str,
        tracks: Iterable[Track] = (),
        clock: Clock = time.monotonic,
        *,
        id: int | None = None,
    ) -> None:
        self.name = name
        self.id = id
        self._clock = clock
        self._lock = threading.RLock()
        self._head: _Node | None = None
        self._tail: _Node | None = None
        self._nodes: dict[int, _Node] = {}
        self._next_id = 1
        self._revision = 0

        self._state = State.STOPPED
        self._current: _Node | None = None
        self._played = 0.0
        self._started_at = 0.0
        self._repeat = Repeat.OFF
        self._shuffle: _ShuffleOrder | None = None
        self._shuffle_seed = 0
        self._stop_after_current = False

        self.insert_many(tracks)

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[Track]:
        return iter(self.tracks())

    def __contains__(self, track_id: object) -> bool:
        return track_id in self._nodes

    def __repr__(self) -> str:
        return f"Playlist({quoted(self.name)}, {len(self)} tracks, {self._state.value})"

    def tracks(self) -> list[Track]:
        """Return the tracks in order, as a list taken at one moment."""
        with self._lock:
            result = []
            node = self._head
            while node is not None:
                result.append(node.track)
                node = node.next
            return result

    def get(self, track_id: int) -> Track:
        """Return the track with this id.

        Raises:
            NotFoundError: No track of this playlist has the id.
        """
        with self._lock:
            return self._node(track_id).track

    def neighbours(self, track_id: int) -> tuple[int | None, int | None]:
        """Return the ids of the tracks before and after this one (None at an end)."""
        with self._lock:
            node = self._node(track_id)
            before = node.prev.track.id if node.prev else None
            after = node.next.track.id if node.next else None
            return before, after

    def first_id(self) -> int | None:
        """Return the id of the first track, or None when the playlist is empty."""
        with self._lock:
            return self._head.track.id if self._head else None

    @property
    def revision(self) -> int:
        """A number that grows with every change to the tracks or their order."""
        return self._revision

    @property
    def total_duration(self) -> float:
        """The sum of the known durations."""
        with self._lock:
            return sum(n.track.duration or 0.0 for n in self._nodes.values())

    @property
    def unknown_durations(self) -> int:
        """How many tracks have no known duration."""
        with self._lock:
            return sum(1 for n in self._nodes.values() if n.track.duration is None)

    # ------------------------------------------------------------------ editing

    def add_song(self, track: Track) -> Track:
        """Append a track at the end and return it (with its id)."""
        return self.insert(track, before=None)

    def insert(self, track: Track, before: int | None = None) -> Track:
        """Insert a track before the track ``before``, or at the end when None.

        Returns:
            The track as stored, with a fresh id when it had none.

        Raises:
            InvalidTrackError: The id is already used in this playlist.
            NotFoundError: ``before`` names no track of this playlist.
        """
        if not isinstance(track, Track):
            raise InvalidTrackError(f"{track!r} is not a Track")
        with self._lock:
            anchor = self._node(before) if before is not None else None
            track = self._with_fresh_id(track)
            node = _Node(track)
            self._link(node, anchor)
            self._nodes[track.id] = node  # type: ignore[index]
            if self._shuffle is not None:
                self._shuffle.append(track.id)  # type: ignore[arg-type]
            self._revision += 1
            return track

    def insert_many(
        self, tracks: Iterable[Track], before: int | None = None
    ) -> list[Track]:
        """Insert tracks in order before ``before`` (at the end when None), in O(k).

        Either all are inserted or, when one is refused, none.

        Returns:
            The tracks as stored, with fresh ids where they had none.
        """
        with self._lock:
            anchor = self._node(before) if before is not None else None
            stored: list[Track] = []
            ids: set[int] = set()
            saved_next_id = self._next_id
            try:
                for track in tracks:
                    if not isinstance(track, Track):
                        raise InvalidTrackError(f"{track!r} is not a Track")
                    track = self._with_fresh_id(track)
                    if track.id in ids:
                        raise InvalidTrackError(
                            f"two new tracks of {quoted(self.name)} have the id {track.id}"
                        )
                    ids.add(track.id)  # type: ignore[arg-type]
                    stored.append(track)
            except InvalidTrackError:
                self._next_id = saved_next_id
                raise
            for track in stored:
                node = _Node(track)
                self._link(node, anchor)
                self._nodes[track.id] = node  # type: ignore[index]
                if self._shuffle is not None:
                    self._shuffle.append(track.id)  # type: ignore[arg-type]
            if stored:
                self._revision += 1
            return stored

    def remove(self, track_id: int) -> Track:
        """Remove a track and return it.

        Raises:
            NotFoundError: No such track.
            TrackIsPlayingError: It is the current track, playing or paused.
        """
        with self._lock:
            node = self._node(track_id)
            self.check_removable(track_id)
            if node is self._current:
                self._current = node.next or node.prev
                self._played = 0.0
            self._unlink(node)
            del self._nodes[track_id]
            self._revision += 1
            return node.track

    def check_removable(self, track_id: int) -> None:
        """Raise `TrackIsPlayingError` if the track is playing or paused."""
        with self._lock:
            node = self._node(track_id)
            if node is self._current and self._state is not State.STOPPED:
                raise TrackIsPlayingError(
                    f"{quoted(node.track.label())} is {self._state.value}; stop it or play "
                    "another track before removing it"
                )

    def move(self, track_id: int, before: int | None = None) -> None:
        """Move a track before the track ``before``, or to the end when None.

        Playback is untouched: the current track keeps playing at its position, and
        the next track is whatever follows it in the new order.
        """
        with self._lock:
            node = self._node(track_id)
            anchor = self._node(before) if before is not None else None
            if anchor is node or node.next is anchor and anchor is not None:
                return
            if anchor is None and node is self._tail:
                return
            self._unlink(node)
            self._link(node, anchor)
            self._revision += 1

    def update(self, track_id: int, **fields: Any) -> Track:
        """Change some fields of a track and return the new track.

        Shortening the current track below its position ends it at the next tick.

        Raises:
            NotFoundError: No such track.
            InvalidTrackError: A field is unknown or its new value is invalid.
        """
        with self._lock:
            node = self._node(track_id)
            if node is self._current:
                self._apply_clock()
            track = node.track.with_changes(**fields)
            ended = track.duration is not None and self._position() > track.duration
            if node is self._current and ended:
                # What was played past the new end is not carried into the tracks
                # after it: the track just ends.
                self._played = track.duration  # type: ignore[assignment]
                self._started_at = self._clock()
            node.track = track
            self._revision += 1
            return node.track

    # ------------------------------------------------------------------ playback

    @property
    def state(self) -> State:
        """Stopped, playing or paused."""
        return self._state

    @property
    def current(self) -> Track | None:
        """The current track, or None when there is none."""
        node = self._current
        return node.track if node is not None else None

    @property
    def position(self) -> float:
        """Seconds into the current track, from the clock; never negative.

        Never past the track's end either: until a tick moves on, a track that has
        ended reads as at its end.
        """
        with self._lock:
            position = self._position()
            node = self._current
            if node is not None and node.track.duration is not None:
                position = min(position, node.track.duration)
            return position

    @property
    def repeat(self) -> Repeat:
        """Off, all or one."""
        return self._repeat

    @repeat.setter
    def repeat(self, mode: Repeat) -> None:
        with self._lock:
            self._repeat = Repeat(mode)

    @property
    def shuffle(self) -> bool:
        """Whether playback follows a seeded permutation of the tracks."""
        return self._shuffle is not None

    @property
    def shuffle_seed(self) -> int:
        """The seed of the current (or last) shuffle."""
        return self._shuffle_seed

    def set_shuffle(self, on: bool, seed: int | None = None) -> None:
        """Turn shuffle on (with a seed, random when None) or off.

        The list's order never changes; turning shuffle off continues in list order
        from the current track.
        """
        with self._lock:
            if not on:
                self._shuffle = None
                return
            if seed is None:
                seed = random.randrange(2**31)
            self._shuffle_seed = seed
            ids = [track_id for track_id in self._nodes]
            self._shuffle = _ShuffleOrder(ids, seed)
            if self._current is not None:
                self._move_to_front_of_shuffle(self._current.track.id)

    @property
    def stop_after_current(self) -> bool:
        """Whether playback stops when the current track ends (once)."""
        return self._stop_after_current

    @stop_after_current.setter
    def stop_after_current(self, on: bool) -> None:
        with self._lock:
            self._stop_after_current = bool(on)

    def play(self, track_id: int | None = None) -> Track:
        """Start playing.

        With an id, that track starts at 0. Without one, a paused track resumes where
        it was, and from stopped the current track (or the first) starts.

        Raises:
            EmptyPlaylistError: There is no track to play.
            NotFoundError: ``track_id`` names no track of this playlist.
        """
        with self._lock:
            if track_id is not None:
                self._start(self._node(track_id), 0.0)
            elif self._state is State.PAUSED and self._current is not None:
                self._started_at = self._clock()
                self._state = State.PLAYING
            elif self._state is State.STOPPED:
                self._start(self._current or self._first_or_raise(), 0.0)
            return self._current.track  # type: ignore[union-attr]

    def pause(self) -> None:
        """Pause, keeping the position. Does nothing unless playing."""
        with self._lock:
            if self._state is State.PLAYING:
                self._apply_clock()
                if self._state is State.PLAYING:
                    self._played = self._position()
                    self._state = State.PAUSED

    def toggle(self) -> State:
        """Pause when playing, otherwise play; return the new state."""
        with self._lock:
            if self._state is State.PLAYING:
                self.pause()
            else:
                self.play()
            return self._state

    def stop(self) -> None:
        """Stop: the current track stays current, at position 0."""
        with self._lock:
            self._state = State.STOPPED
            self._played = 0.0

    def next(self) -> Track:
        """Go to the next track (in shuffle order when shuffling).

        Playing or paused, the next track starts playing at 0; stopped, it only
        becomes the current track. On the last track with repeat all or one, the
        first one follows.

        Raises:
            EmptyPlaylistError: The playlist is empty.
            NoNextTrackError: The current track is the last and repeat is off.
        """
        return self._skip(+1)

    def prev(self) -> Track:
        """Go to the previous track; the mirror of `next`.

        Raises:
            EmptyPlaylistError: The playlist is empty.
            NoPreviousTrackError: The current track is the first and repeat is off.
        """
        return self._skip(-1)

    def seek(self, seconds: float) -> float:
        """Move to ``seconds`` into the current track and return the new position.

        The position is kept between 0 and the track's duration. From stopped, the
        current track becomes paused at that position.

        Raises:
            EmptyPlaylistError: There is no track.
            InvalidValueError: ``seconds`` is not a finite number.
        """
        if not isinstance(seconds, int | float) or not math.isfinite(seconds):
            raise InvalidValueError(
                f"cannot seek to {seconds!r}: give a number of seconds"
            )
        with self._lock:
            if self._current is None:
                self._current = self._first_or_raise()
            self._apply_clock()
            duration = self._current.track.duration
            target = max(0.0, float(seconds))
            if duration is not None:
                target = min(target, duration)
            self._played = target
            self._started_at = self._clock()
            if self._state is State.STOPPED:
                self._state = State.PAUSED
            return target

    def seek_by(self, delta: float) -> float:
        """Move the position by ``delta`` seconds (negative goes back)."""
        with self._lock:
            return self.seek(self._position() + delta)

    def tick(self) -> bool:
        """Apply what the clock says; return True if the track or state changed.

        At the end of a track the next one starts at 0 plus whatever the clock went
        past the end, so a late tick over several short tracks lands in the right one.
        """
        with self._lock:
            return self._apply_clock()

    def snapshot(self) -> PlaybackSnapshot:
        """Return the playback state, as storage keeps it."""
        with self._lock:
            self._apply_clock()
            current = self._current
            return PlaybackSnapshot(
                state=self._state,
                track_id=current.track.id if current else None,
                position=self._position(),
                repeat=self._repeat,
                shuffle=self.shuffle,
                shuffle_seed=self._shuffle_seed,
                stop_after_current=self._stop_after_current,
            )

    def restore(self, snapshot: PlaybackSnapshot, *, resume: bool = False) -> None:
        """Bring back a stored playback state; playing comes back paused.

        A track id that no longer exists is ignored (the state becomes stopped).

        Args:
            snapshot: The stored state.
            resume: Keep playing what was playing, from the stored position (for a
                copy that follows a player elsewhere) instead of pausing it.
        """
        with self._lock:
            self._repeat = Repeat(snapshot.repeat)
            self._stop_after_current = snapshot.stop_after_current
            if (snapshot.shuffle, snapshot.shuffle_seed) != (
                self.shuffle,
                self._shuffle_seed,
            ):
                self.set_shuffle(snapshot.shuffle, snapshot.shuffle_seed)
            node = self._nodes.get(snapshot.track_id)  # type: ignore[arg-type]
            self._current = node
            self._played = 0.0
            self._state = State.STOPPED
            if node is None or snapshot.state is State.STOPPED:
                return
            position = max(0.0, snapshot.position)
            if node.track.duration is not None:
                position = min(position, node.track.duration)
            self._played = position
            self._state = State.PAUSED
            if resume and snapshot.state is State.PLAYING:
                self._started_at = self._clock()
                self._state = State.PLAYING
            if self._shuffle is not None:
                self._move_to_front_of_shuffle(node.track.id)  # type: ignore[arg-type]

    def check_invariants(self) -> None:
        """Raise AssertionError if the links, the index or the current track disagree."""
        with self._lock:
            forward: list[_Node] = []
            node = self._head
            while node is not None:
                forward.append(node)
                assert len(forward) <= len(self._nodes), "the forward walk loops"
                node = node.next
            backward: list[_Node] = []
            node = self._tail
            while node is not None:
                backward.append(node)
                assert len(backward) <= len(self._nodes), "the backward walk loops"
                node = node.prev
            assert forward == backward[::-1], "forward and backward walks disagree"
            assert len(forward) == len(self._nodes), "the index and the list disagree"
            for node in forward:
                assert self._nodes.get(node.track.id) is node, "index points elsewhere"  # type: ignore[arg-type]
            if self._current is not None:
                assert self._nodes.get(self._current.track.id) is self._current  # type: ignore[arg-type]
            if self._state is not State.STOPPED:
                assert self._current is not None, "playing with no current track"

    # ------------------------------------------------------------------ internals

    def _node(self, track_id: int | None) -> _Node:
        node = self._nodes.get(track_id)  # type: ignore[arg-type]
        if node is None:
            raise NotFoundError(
                f"playlist {quoted(self.name)} has no track with id {track_id}"
            )
        return node

    def _with_fresh_id(self, track: Track) -> Track:
        if track.id is None:
            while self._next_id in self._nodes:
                self._next_id += 1
            track = track.with_id(self._next_id)
        elif track.id in self._nodes:
            raise InvalidTrackError(
                f"playlist {quoted(self.name)} already has a track with id {track.id}"
            )
        self._next_id = max(self._next_id, track.id + 1)  # type: ignore[operator]
        return track

    def _link(self, node: _Node, anchor: _Node | None) -> None:
        """Put ``node`` before ``anchor`` (at the end when None)."""
        if anchor is None:
            node.prev, node.next = self._tail, None
            if self._tail is not None:
                self._tail.next = node
            self._tail = node
            if self._head is None:
                self._head = node
            return
        node.prev, node.next = anchor.prev, anchor
        if anchor.prev is not None:
            anchor.prev.next = node
        else:
            self._head = node
        anchor.prev = node

    def _unlink(self, node: _Node) -> None:
        if node.prev is not None:
            node.prev.next = node.next
        else:
            self._head = node.next
        if node.next is not None:
            node.next.prev = node.prev
        else:
            self._tail = node.prev
        node.prev = node.next = None

    def _first_or_raise(self) -> _Node:
        if self._head is None:
            raise EmptyPlaylistError(
                f"playlist {quoted(self.name)} is empty; add a track first"
            )
        if self._shuffle is not None:
            first = self._shuffle.end(+1, self._nodes)
            if first is not None:
                return self._nodes[first]
        return self._head

    def _position(self) -> float:
        if self._state is State.PLAYING:
            return max(0.0, self._played + self._clock() - self._started_at)
        return self._played

    def _start(self, node: _Node, at: float) -> None:
        self._current = node
        self._played = at
        self._started_at = self._clock()
        self._state = State.PLAYING

    def _adjacent(self, node: _Node, direction: int, wrap: bool) -> _Node | None:
        if self._shuffle is not None:
            order = self._shuffle
            found = order.step(node.track.id, direction, self._nodes)  # type: ignore[arg-type]
            if found is None and wrap:
                found = order.end(direction, self._nodes)
            return self._nodes[found] if found is not None else None
        found_node = node.next if direction > 0 else node.prev
        if found_node is None and wrap:
            found_node = self._head if direction > 0 else self._tail
        return found_node

    def _skip(self, direction: int) -> Track:
        with self._lock:
            self._apply_clock()
            if self._current is None:
                self._current = self._first_or_raise()
                self._played = 0.0
                if self._state is not State.STOPPED:
                    self._start(self._current, 0.0)
                return self._current.track
            # Repeat one replays a track that ends by itself; a skip still moves,
            # and wraps as repeat all does.
            target = self._adjacent(
                self._current, direction, self._repeat is not Repeat.OFF
            )
            if target is None:
                error = NoNextTrackError if direction > 0 else NoPreviousTrackError
                where = "last" if direction > 0 else "first"
                word = "next" if direction > 0 else "previous"
                raise error(
                    f"no {word} track: {quoted(self._current.track.label())} is the {where} "
                    f"track of {quoted(self.name)} and repeat is {self._repeat.value}"
                )
            if self._state is State.STOPPED:
                self._current = target
                self._played = 0.0
            else:
                self._start(target, 0.0)
            return target.track

    def _apply_clock(self) -> bool:
        """Advance through every track the clock has gone past; True if anything did."""
        changed = False
        zero_length_skips = 0
        while self._state is State.PLAYING and self._current is not None:
            duration = self._current.track.duration
            if duration is None:
                return changed
            played = self._position()
            if played < duration:
                return changed
            overshoot = played - duration
            changed = True

            if duration == 0:
                zero_length_skips += 1
                if zero_length_skips > len(self._nodes):
                    self._stop_at(self._head)
                    return changed
            else:
                zero_length_skips = 0

            if self._stop_after_current:
                self._stop_after_current = False
                following = self._adjacent(self._current, +1, wrap=True)
                self._stop_at(following)
                return changed
            if self._repeat is Repeat.ONE and duration > 0:
                following: _Node | None = self._current
            else:
                following = self._adjacent(
                    self._current, +1, wrap=self._repeat is not Repeat.OFF
                )
            if following is None:
                self._stop_at(self._first_or_none())
                return changed
            self._current = following
            self._played = overshoot
            self._started_at = self._clock()
        return changed

    def _first_or_none(self) -> _Node | None:
        return self._first_or_raise() if self._head is not None else None

    def _stop_at(self, node: _Node | None) -> None:
        self._current = node
        self._played = 0.0
        self._state = State.STOPPED

    def _move_to_front_of_shuffle(self, track_id: int | None) -> None:
        """Make the current track the start of the permutation, so all others follow."""
        order = self._shuffle
        if order is None or track_id is None or track_id not in order.where:
            return
        i = order.where[track_id]
        first = order.ids[0]
        order.ids[0], order.ids[i] = track_id, first
        order.where[track_id], order.where[first] = 0, i
