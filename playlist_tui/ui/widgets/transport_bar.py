"""`TransportBar`: what plays, how far it is, and when the playlist will end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from playlist_tui.domain import Playlist, Repeat, State, Track
from playlist_tui.ui import text

SYMBOLS = {State.PLAYING: "▶", State.PAUSED: "⏸", State.STOPPED: "■"}
WallClock = Callable[[], datetime]


class Remaining:
    """Known seconds and unknown durations after each track, per playlist revision.

    Built once per revision in O(n), so that a tick answers "when does it end" in
    O(1) even at 100,000 tracks.
    """

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._where: dict[int, int] = {}
        self._after: list[tuple[float, int]] = []

    def after(self, playlist: Playlist, track_id: int) -> tuple[float, int]:
        """Return (known seconds, unknown count) of the tracks after ``track_id``."""
        key = (id(playlist), playlist.revision)
        if key != self._key:
            self._build(playlist.tracks())
            self._key = key
        index = self._where.get(track_id)
        if index is None:
            return 0.0, 0
        return self._after[index]

    def _build(self, tracks: list[Track]) -> None:
        self._where = {track.id: i for i, track in enumerate(tracks)}  # type: ignore[misc]
        after: list[tuple[float, int]] = [(0.0, 0)] * len(tracks)
        known, unknown = 0.0, 0
        for i in range(len(tracks) - 1, -1, -1):
            after[i] = (known, unknown)
            duration = tracks[i].duration
            if duration is None:
                unknown += 1
            else:
                known += duration
        self._after = after


FAR_SECONDS = 6 * 86400
"""Ends further away than this are said in days."""
TITLE_ROOM = 30
"""Cells the title keeps before the modes beside it are shortened."""


class TransportBar(Widget):
    """Two lines: the current track with repeat and shuffle, then the progress."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transport-bar--symbol",
        "transport-bar--title",
        "transport-bar--dim",
        "transport-bar--done",
        "transport-bar--todo",
    }

    DEFAULT_CSS = """
    TransportBar {
        height: 2;
        padding: 0 1;
    }
    TransportBar > .transport-bar--symbol { color: $text-accent; text-style: bold; }
    TransportBar > .transport-bar--title { text-style: bold; }
    TransportBar > .transport-bar--dim { color: $text-muted; }
    TransportBar > .transport-bar--done { color: $accent; }
    TransportBar > .transport-bar--todo { color: $panel-lighten-2; }
    """

    def __init__(
        self,
        wall_clock: WallClock = datetime.now,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.wall_clock = wall_clock
        self.playlist: Playlist | None = None
        self.show_remaining = False
        self._remaining = Remaining()

    # ------------------------------------------------------------------ reading

    def ends_at(self) -> str:
        """Return "ends at HH:MM" for the active playlist, or "" when not playing.

        Paused, the end moves with the wall clock while nothing redraws the bar,
        so it is not shown rather than shown wrong.

        The end is now plus what is left of the current track plus every known
        duration after it (none with stop after current); a ``+`` says some
        durations are unknown. With repeat on, the playlist never ends and nothing
        is shown.
        """
        playlist = self.playlist
        if playlist is None or playlist.state is not State.PLAYING:
            return ""
        track = playlist.current
        if track is None or track.id is None or playlist.repeat is not Repeat.OFF:
            return ""
        known, unknown = self._remaining.after(playlist, track.id)
        if playlist.stop_after_current:
            known, unknown = 0.0, 0
        if track.duration is None:
            unknown += 1
        else:
            known += max(0.0, track.duration - playlist.position)

        more = "+" if unknown else ""
        if known >= FAR_SECONDS:
            # A weekday would read as this week; and a date past the calendar's end
            # cannot even be computed.
            return f"ends in {int(known // 86400)} days{more}"
        now = self.wall_clock()
        end = now + timedelta(seconds=known)
        stamp = end.strftime("%H:%M")
        if end.date() != now.date():
            stamp = end.strftime("%a %H:%M")
        return f"ends at {stamp}{more}"

    def status_line(self) -> str:
        """Return the first line as plain text (for tests and screen readers)."""
        return "".join(segment.text for segment in self.render_line(0)).rstrip()

    def progress_line(self) -> str:
        """Return the second line as plain text."""
        return "".join(segment.text for segment in self.render_line(1)).rstrip()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        """Draw line 0 (track, repeat, shuffle) or line 1 (progress, times)."""
        width = self.content_size.width
        base = self.rich_style
        if y == 0:
            return self._track_line(width, base)
        if y == 1:
            return self._progress_line(width, base)
        return Strip.blank(width, base)

    def _style(self, name: str) -> Style:
        return self.rich_style + self.get_component_rich_style(f"transport-bar--{name}")

    def _track_line(self, width: int, base: Style) -> Strip:
        playlist = self.playlist
        state = playlist.state if playlist is not None else State.STOPPED
        track = playlist.current if playlist is not None else None

        modes = self._modes(width - 2)
        room = max(0, width - 2 - text.cell_len(modes))

        segments = [Segment(SYMBOLS[state] + " ", self._style("symbol"))]
        if track is None:
            segments.append(
                Segment(text.fit("Nothing playing", room), self._style("dim"))
            )
        else:
            title = text.safe(track.title)
            artist = text.safe(track.artist)
            label = f"{title} — {artist}" if artist else title
            segments.append(Segment(text.fit(label, room), self._style("title")))
        segments.append(Segment(modes, self._style("dim")))
        return Strip(segments).adjust_cell_length(width, base)

    def _modes(self, width: int) -> str:
        """Repeat, shuffle and stop after current, as long as the title keeps room.

        In full when it fits; in a narrow bar only the modes that are on; in a
        very narrow one not at all, so the title is the last thing to go.
        """
        playlist = self.playlist
        if playlist is None:
            return ""
        shuffle = "on" if playlist.shuffle else "off"
        full = f" repeat {playlist.repeat.value} · shuffle {shuffle}"
        if playlist.stop_after_current:
            full = " stop after this ·" + full
        if width - text.cell_len(full) >= TITLE_ROOM:
            return full
        on = [
            "stop after" if playlist.stop_after_current else "",
            f"repeat {playlist.repeat.value}"
            if playlist.repeat is not Repeat.OFF
            else "",
            "shuffle" if playlist.shuffle else "",
        ]
        short = " " + " · ".join(mode for mode in on if mode) if any(on) else ""
        return short if width - text.cell_len(short) >= TITLE_ROOM // 2 else ""

    def _progress_line(self, width: int, base: Style) -> Strip:
        playlist = self.playlist
        track = playlist.current if playlist is not None else None
        if playlist is None or track is None:
            return Strip.blank(width, base)

        position = playlist.position if playlist.state is not State.STOPPED else 0.0
        duration = track.duration
        if self.show_remaining and duration is not None:
            elapsed = "-" + text.duration(max(0.0, duration - position))
        else:
            elapsed = text.duration(position)
        times = f" {elapsed} / {text.duration(duration)}"
        ends = self.ends_at()
        tail = times + (f"  {ends}" if ends else "")

        room = max(0, width - text.cell_len(tail))
        done = 0
        if duration:
            done = min(room, int(room * min(1.0, position / duration)))
        segments = [
            Segment("━" * done, self._style("done")),
            Segment("─" * (room - done), self._style("todo")),
            Segment(tail, base),
        ]
        return Strip(segments).adjust_cell_length(width, base)
