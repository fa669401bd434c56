"""The command line: start the app, or run one playlist operation for a script.

Exit codes: 0 success; 1 refused or not found; 2 bad usage or invalid value; 3 the
database cannot be used. Messages go to stderr and never carry a traceback.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import platformdirs

from playlist_tui import __version__
from playlist_tui.domain import (
    InvalidTrackError,
    InvalidValueError,
    NotFoundError,
    PlaylistError,
    Track,
    format_duration,
    parse_duration,
    parse_track_length,
)
from playlist_tui.domain.text import count, printable, quoted
from playlist_tui.session import Session, player_is_running
from playlist_tui.storage import PlaylistInfo, StorageError, default_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3
COMMAND_WAIT = 3.0

log = logging.getLogger("playlist_tui")


class UsageError(PlaylistError):
    """A command was called wrongly; exit code 2."""


# ---------------------------------------------------------------------- arguments


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the database file (default: $PLAYLIST_TUI_DB or {default_path()})",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print machine-readable JSON",
    )

    parser = argparse.ArgumentParser(
        prog="playlist-tui",
        parents=[common],
        description="A keyboard-first terminal playlist manager. With no command, "
        "it starts the app.",
        epilog="example: playlist-tui --db ~/music.db",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[common],
            help=help,
            description=help,
            epilog=f"example: {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    command(
        "playlists",
        "list playlists: name, tracks, total duration",
        "playlist-tui playlists --json",
    )
    sub = command(
        "create", "create an empty playlist", "playlist-tui create 'Road Trip'"
    )
    sub.add_argument("name")
    sub = command(
        "rename", "rename a playlist", "playlist-tui rename 'Road Trip' 'Summer'"
    )
    sub.add_argument("old", metavar="PLAYLIST")
    sub.add_argument("new", metavar="NEW_NAME")
    sub = command(
        "delete",
        "delete a playlist and its tracks",
        "playlist-tui delete 'Summer' --yes",
    )
    sub.add_argument("playlist")
    sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    sub = command(
        "tracks",
        "list a playlist's tracks with their ids and positions",
        "playlist-tui tracks 'Road Trip'",
    )
    sub.add_argument("playlist")
    sub = command(
        "add",
        "add a track at the end of a playlist",
        "playlist-tui add 'Road Trip' --title 'Holiday' --artist 'Band' "
        "--duration 3:45",
    )
    sub.add_argument("playlist")
    _track_options(sub, title_required=True)
    sub = command(
        "edit",
        "change fields of a track",
        "playlist-tui edit 'Road Trip' 12 --title 'Holiday (live)'",
    )
    sub.add_argument("playlist")
    sub.add_argument("track_id", metavar="TRACK_ID")
    _track_options(sub, title_required=False)
    sub = command(
        "remove", "remove a track from a playlist", "playlist-tui remove 'Road Trip' 12"
    )
    sub.add_argument("playlist")
    sub.add_argument("track_id", metavar="TRACK_ID")
    sub = command(
        "move",
        "move a track to a 1-based position",
        "playlist-tui move 'Road Trip' 12 --to 1",
    )
    sub.add_argument("playlist")
    sub.add_argument("track_id", metavar="TRACK_ID")
    sub.add_argument("--to", required=True, metavar="POSITION", dest="position")

    sub = command(
        "import",
        "import playlist files (M3U, M3U8, PLS, XSPF) or music folders",
        "playlist-tui import ~/Music party.m3u8 --into 'Party'",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument(
        "--into", metavar="NAME", help="append to this playlist (created when missing)"
    )
    sub = command(
        "export",
        "write a playlist to an M3U8, M3U, PLS or XSPF file",
        "playlist-tui export 'Road Trip' -o trip.xspf",
    )
    sub.add_argument("playlist")
    sub.add_argument("-o", "--output", metavar="FILE")
    sub.add_argument("--format", choices=["m3u8", "m3u", "pls", "xspf"])

    sub = command(
        "play",
        "play (resume), or play a playlist or one of its tracks",
        "playlist-tui play 'Road Trip' 12",
    )
    sub.add_argument("playlist", nargs="?")
    sub.add_argument("track_id", nargs="?", metavar="TRACK_ID")
    for name, text in [
        ("pause", "pause playback"),
        ("toggle", "play or pause"),
        ("next", "go to the next track"),
        ("prev", "go to the previous track"),
        ("stop", "stop playback"),
    ]:
        command(name, text, f"playlist-tui {name}")
    sub = command(
        "seek", "move to a position in the current track", "playlist-tui seek 1:30"
    )
    sub.add_argument("seconds", metavar="SECONDS")
    command(
        "status",
        "show state, playlist, track, position and duration",
        "playlist-tui status --json",
    )
    return parser


def _track_options(parser: argparse.ArgumentParser, title_required: bool) -> None:
    parser.add_argument("--title", required=title_required)
    parser.add_argument("--artist")
    parser.add_argument("--album")
    parser.add_argument(
        "--duration",
        metavar="DURATION",
        help="seconds (225), m:ss (3:45) or h:mm:ss; empty for unknown",
    )
    parser.add_argument("--location", metavar="PATH_OR_URL")


# ---------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (also used as the process's)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    for name, value in vars(args).items():
        # argparse (3.11, 3.12) reads "--title=--" as an empty list, not "--".
        if value == [] and name != "paths":
            setattr(args, name, "--")
    as_json = getattr(args, "json", False)
    log_file = setup_logging()
    try:
        db = database_path(getattr(args, "db", None))
        if args.command is None:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                raise UsageError(
                    "the app needs a terminal; from a script, give a command "
                    "(`playlist-tui --help` lists them)"
                )
            return run_app(db)
        if args.command not in CREATES and not db.exists():
            raise NotFoundError(
                f"there is no library at {db} yet; check the path, or make it with "
                "`playlist-tui create NAME`, an import, or by starting playlist-tui"
            )
        handler = HANDLERS[args.command]
        return handler(args, db, as_json)
    except StorageError as error:
        return fail(error, EXIT_DATABASE if _is_open_error(error) else EXIT_REFUSED)
    except (UsageError, InvalidValueError, InvalidTrackError) as error:
        return fail(error, EXIT_USAGE)
    except PlaylistError as error:
        return fail(error, EXIT_REFUSED)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped reading (as `| head` does): nothing is wrong, and
        # what is still buffered must not fail again when Python exits.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # A path the system will not take (too long, a folder, no permission),
        # named with the system's reason; no traceback.
        path = error.filename
        name = os.fsdecode(path) if isinstance(path, str | bytes) else ""
        where = f"{name}: " if name else ""
        usage = error.errno in {errno.ENAMETOOLONG, errno.EINVAL}
        return fail(
            PlaylistError(f"cannot use {where}{error.strerror or error}"),
            EXIT_USAGE if usage else EXIT_REFUSED,
        )
    except Exception as error:
        log.exception("internal error")
        where = f"; details are in {log_file}" if log_file else ""
        print(
            f"playlist-tui: internal error: {printable(repr(error))}{where}",
            file=sys.stderr,
        )
        return EXIT_REFUSED


def database_path(option: str | None) -> Path:
    """The database named by --db, else the default (which $PLAYLIST_TUI_DB sets)."""
    if option is None:
        return default_path()
    if not option.strip():
        raise UsageError(
            "--db is empty; give the path of a database file, or leave --db out "
            f"to use {default_path()}"
        )
    return Path(option).expanduser()


def setup_logging() -> Path | None:
    """Log to a file in the user log folder; the terminal stays clean."""
    folder = Path(platformdirs.user_log_dir("playlist-tui", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "playlist-tui.log", encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder / "playlist-tui.log"


def fail(error: BaseException, code: int) -> int:
    print(f"playlist-tui: {printable(str(error))}", file=sys.stderr)
    return code


def _is_open_error(error: StorageError) -> bool:
    from playlist_tui.storage import DatabaseUnusableError

    text = str(error)
    return (
        isinstance(error, DatabaseUnusableError)
        or "busy" in text
        or "read-only" in text
    )


def run_app(db: Path) -> int:
    session = Session.open(db)
    try:
        from playlist_tui.ui.app import PlaylistApp

        app = PlaylistApp(session)
        app.run()
    finally:
        session.close()
    return EXIT_REFUSED if app.return_code else EXIT_OK


# ---------------------------------------------------------------------- helpers


def emit(as_json: bool, data: Any, text: str) -> None:
    if as_json:
        print(json.dumps(json_safe(data), ensure_ascii=True, indent=2))
    elif text:
        print(text)


def json_safe(data: Any) -> Any:
    """Replace what strict JSON cannot hold: a path's undecodable bytes become U+FFFD."""
    if isinstance(data, str):
        return data.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if isinstance(data, dict):
        return {key: json_safe(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [json_safe(value) for value in data]
    return data


def track_json(track: Track, position: int) -> dict[str, Any]:
    return {
        "id": track.id,
        "position": position,
        "title": track.title,
        "artist": track.artist,
        "album": track.album,
        "duration": track.duration,
        "location": track.location,
    }


def playlist_json(info: PlaylistInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "tracks": info.track_count,
        "duration": info.total_duration,
        "unknown_durations": info.unknown_durations,
    }


def total_text(info: PlaylistInfo) -> str:
    text = format_duration(info.total_duration)
    return text + "+" if info.unknown_durations else text


def whole_number(value: str, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UsageError(f"{what} must be a whole number, not {value!r}") from None
    return number


def opened(db: Path) -> Session:
    return Session.open(db, claim_player=False)


def with_session(
    function: Callable[[Session, argparse.Namespace, bool], int],
) -> Callable[[argparse.Namespace, Path, bool], int]:
    def run(args: argparse.Namespace, db: Path, as_json: bool) -> int:
        session = opened(db)
        try:
            return function(session, args, as_json)
        finally:
            session.close()

    return run


def _table(rows: list[list[str]], right: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------------- playlists


@with_session
def cmd_playlists(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    infos = session.playlists()
    rows = [["ID", "NAME", "TRACKS", "DURATION"]] + [
        [str(i.id), printable(i.name), str(i.track_count), total_text(i)] for i in infos
    ]
    text = (
        _table(rows, right={0, 2, 3})
        if infos
        else "no playlists yet; create one with `playlist-tui create NAME`"
    )
    emit(as_json, [playlist_json(i) for i in infos], text)
    return EXIT_OK


@with_session
def cmd_create(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.create_playlist(args.name)
    emit(
        as_json,
        playlist_json(info),
        f"created playlist {quoted(info.name)} (id {info.id})",
    )
    return EXIT_OK


@with_session
def cmd_rename(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    old = session.find_playlist(args.old)
    info = session.rename_playlist(old.id, args.new)
    emit(
        as_json,
        playlist_json(info),
        f"renamed {quoted(old.name)} to {quoted(info.name)}",
    )
    return EXIT_OK


@with_session
def cmd_delete(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.find_playlist(args.playlist)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(
                f"deleting {quoted(info.name)} ({count(info.track_count, 'track')}) needs --yes "
                "when no one can answer the question"
            )
        try:
            answer = input(
                f"Delete playlist {quoted(info.name)} and its {count(info.track_count, 'track')}? [y/N] "
            )
        except EOFError:  # Ctrl+D: no answer is a no
            answer = ""
            print(file=sys.stderr)
        if answer.strip().lower() not in {"y", "yes"}:
            print("nothing deleted", file=sys.stderr)
            return EXIT_REFUSED
    session.delete_playlist(info.id)
    emit(
        as_json,
        playlist_json(info),
        f"deleted playlist {quoted(info.name)} and its {count(info.track_count, 'track')}",
    )
    return EXIT_OK


# ---------------------------------------------------------------------- tracks


@with_session
def cmd_tracks(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.find_playlist(args.playlist)
    tracks = session.playlist(info.id).tracks()
    rows = [["#", "ID", "TITLE", "ARTIST", "ALBUM", "DURATION"]] + [
        [str(n), str(t.id), t.title, t.artist, t.album, format_duration(t.duration)]
        for n, t in enumerate(tracks, start=1)
    ]
    text = (
        _table(rows, right={0, 1, 5})
        if tracks
        else f"{quoted(info.name)} has no tracks"
    )
    emit(as_json, [track_json(t, n) for n, t in enumerate(tracks, start=1)], text)
    return EXIT_OK


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in ("title", "artist", "album"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value.strip()
    if args.location is not None:
        from playlist_tui.formats import typed_location

        fields["location"] = typed_location(args.location)
    if args.duration is not None:
        fields["duration"] = parse_track_length(args.duration)
    return fields


def _track_and_position(
    session: Session, playlist_id: int, track_id: int
) -> tuple[Track, int]:
    for n, track in enumerate(session.playlist(playlist_id), start=1):
        if track.id == track_id:
            return track, n
    session.playlist(playlist_id).get(track_id)  # raises the not-found error
    raise AssertionError("unreachable")


@with_session
def cmd_add(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.find_playlist(args.playlist)
    track = session.add_track(info.id, Track(**_fields(args)))
    position = len(session.playlist(info.id))
    emit(
        as_json,
        track_json(track, position),
        f"added {quoted(track.title)} to {quoted(info.name)} as track {position} "
        f"(id {track.id})",
    )
    return EXIT_OK


@with_session
def cmd_edit(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.find_playlist(args.playlist)
    track_id = whole_number(args.track_id, "TRACK_ID")
    fields = _fields(args)
    if not fields:
        raise UsageError(
            "nothing to change; give --title, --artist, --album, --duration or --location"
        )
    session.update_track(info.id, track_id, **fields)
    track, position = _track_and_position(session, info.id, track_id)
    emit(
        as_json,
        track_json(track, position),
        f"changed track {track_id} of {quoted(info.name)}",
    )
    return EXIT_OK


@with_session
def cmd_remove(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.find_playlist(args.playlist)
    track_id = whole_number(args.track_id, "TRACK_ID")
    track, position = _track_and_position(session, info.id, track_id)
    session.remove_track(info.id, track_id)
    emit(
        as_json,
        track_json(track, position),
        f"removed {quoted(track.title)} from {quoted(info.name)}",
    )
    return EXIT_OK


@with_session
def cmd_move(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    info = session.find_playlist(args.playlist)
    track_id = whole_number(args.track_id, "TRACK_ID")
    position = whole_number(args.position, "--to")
    session.move_track_to(info.id, track_id, position)
    track, now = _track_and_position(session, info.id, track_id)
    emit(
        as_json,
        track_json(track, now),
        f"moved {quoted(track.title)} to position {now}",
    )
    return EXIT_OK


# ---------------------------------------------------------------------- files


@with_session
def cmd_import(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    from playlist_tui.importer import import_paths

    if args.into is not None and not args.into.strip():
        raise UsageError("--into needs the name of a playlist; the name is empty")
    if any(path == "" for path in args.paths):
        # Path("") is ".", so an empty argument (an unset shell variable, say)
        # would quietly import the current folder.
        raise UsageError(
            "import needs the path of a playlist file or a music folder; one "
            "PATH is an empty path"
        )
    reports = import_paths(session, [Path(p) for p in args.paths], into=args.into)
    failed = [r for r in reports if r.error]
    if as_json:
        emit(True, [r.as_json() for r in reports], "")
    else:
        for report in reports:
            if report.error:
                print(f"playlist-tui: {report.summary()}", file=sys.stderr)
            else:
                print(report.summary())
    return EXIT_REFUSED if failed else EXIT_OK


@with_session
def cmd_export(session: Session, args: argparse.Namespace, as_json: bool) -> int:
    from playlist_tui.importer import EXPORT_FORMATS, export_playlist

    info = session.find_playlist(args.playlist)
    if args.output is not None:
        output = Path(args.output)
        if not args.output.strip() or output.is_dir():
            raise UsageError(
                f"-o needs the path of a file to write, not {printable(args.output) or 'nothing'}"
            )
        if (
            args.format is None
            and output.suffix.lower().lstrip(".") not in EXPORT_FORMATS
        ):
            raise UsageError(
                f"cannot tell the format of {printable(args.output)} from its extension; "
                "end the name in .m3u8, .m3u, .pls or .xspf, or give --format"
            )
    report = export_playlist(
        session, info.id, Path(args.output) if args.output else None, args.format
    )
    data = {
        "playlist": info.name,
        "path": str(report.path),
        "tracks": report.written,
        "left_out": report.left_out,
    }
    emit(as_json, data, report.summary(info.name))
    return EXIT_OK


# ---------------------------------------------------------------------- playback


def status_json(session: Session) -> dict[str, Any]:
    active = session.active
    current = active.current if active else None
    return {
        "state": active.state.value if active else "stopped",
        "playlist": {"id": active.id, "name": active.name} if active else None,
        "track": track_json(current, _position_of(active, current))
        if active and current
        else None,
        "position": round(active.position, 3) if active else 0.0,
        "duration": current.duration if current else None,
        "repeat": active.repeat.value if active else "off",
        "shuffle": active.shuffle if active else False,
    }


def _position_of(playlist: Any, track: Track) -> int:
    for n, candidate in enumerate(playlist, start=1):
        if candidate.id == track.id:
            return n
    return 0


def status_text(data: dict[str, Any]) -> str:
    if data["track"] is None:
        return f"{data['state']}: nothing playing"
    track = data["track"]
    who = f" — {track['artist']}" if track["artist"] else ""
    return (
        f"{data['state']}: {track['title']}{who} "
        f"[{format_duration(data['position'])} / {format_duration(data['duration'])}] "
        f"in {quoted(data['playlist']['name'])} (track {track['position']}); "
        f"repeat {data['repeat']}, shuffle {'on' if data['shuffle'] else 'off'}"
    )


def _send_to_player(db: Path, verb: str, argument: str | None) -> None:
    """Leave a command for the running app and wait until it has been carried out."""
    session = opened(db)
    try:
        command_id = session.store.add_command(verb, argument, time.time())
        deadline = time.monotonic() + COMMAND_WAIT
        while time.monotonic() < deadline:
            done, error = session.store.command_result(command_id)
            if done:
                if error:
                    raise PlaylistError(error)
                return
            time.sleep(0.05)
        session.store.drop_command(command_id)
        raise PlaylistError(
            f"the running playlist-tui did not answer within {COMMAND_WAIT:.0f} s; "
            "is it frozen?"
        )
    finally:
        session.close()


def cmd_playback(args: argparse.Namespace, db: Path, as_json: bool) -> int:
    verb = args.command
    opened(db).close()  # an unusable database is named as such before anything else
    argument = _playback_argument(args, db)
    if player_is_running(db):
        _send_to_player(db, verb, argument)
    elif verb in {"play", "toggle"}:
        raise PlaylistError(
            f"no player is running for {db}; start `playlist-tui` first "
            "(next, prev, seek and stop change what it resumes from)"
        )
    elif verb != "status":
        session = Session.open(db)
        try:
            if not session.is_player:  # an app started meanwhile
                session.close()
                _send_to_player(db, verb, argument)
            else:
                session.run_command(verb, argument)
        finally:
            session.close()

    session = opened(db)
    try:
        data = status_json(session)
    finally:
        session.close()
    emit(as_json, data, status_text(data))
    return EXIT_OK


def _playback_argument(args: argparse.Namespace, db: Path) -> str | None:
    if args.command == "seek":
        seconds = parse_duration(args.seconds)
        if seconds is None:
            raise UsageError("seek needs a position such as 90 or 1:30")
        return str(seconds)
    if args.command == "play" and args.playlist:
        session = opened(db)
        try:
            info = session.find_playlist(args.playlist)
            if args.track_id is None:
                return str(info.id)
            track_id = whole_number(args.track_id, "TRACK_ID")
            session.playlist(info.id).get(track_id)
            return f"{info.id} {track_id}"
        finally:
            session.close()
    return None


def cmd_status(args: argparse.Namespace, db: Path, as_json: bool) -> int:
    if player_is_running(db):
        _send_to_player(db, "status", None)
    session = opened(db)
    try:
        data = status_json(session)
    finally:
        session.close()
    emit(as_json, data, status_text(data))
    return EXIT_OK


# Only these commands make a new library; every other one needs a playlist that
# a new library cannot have, so on a database that does not exist it says so
# rather than create one where a mistyped --db points.
CREATES = {"create", "import"}

HANDLERS: dict[str, Callable[[argparse.Namespace, Path, bool], int]] = {
    "playlists": cmd_playlists,
    "create": cmd_create,
    "rename": cmd_rename,
    "delete": cmd_delete,
    "tracks": cmd_tracks,
    "add": cmd_add,
    "edit": cmd_edit,
    "remove": cmd_remove,
    "move": cmd_move,
    "import": cmd_import,
    "export": cmd_export,
    "play": cmd_playback,
    "pause": cmd_playback,
    "toggle": cmd_playback,
    "next": cmd_playback,
    "prev": cmd_playback,
    "stop": cmd_playback,
    "seek": cmd_playback,
    "status": cmd_status,
}


if __name__ == "__main__":
    sys.exit(main())
