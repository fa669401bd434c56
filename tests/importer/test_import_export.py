"""Importing into the library and exporting from it, as `playlist-tui import` does."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from playlist_tui.domain import FormatError
from playlist_tui.importer import export_playlist, import_paths
from playlist_tui.session import Session
from playlist_tui.storage import WriteFailedError


@pytest.fixture
def session(tmp_path, clock):
    session = Session.open(tmp_path / "library.db", clock=clock)
    yield session
    session.close()


def write_wav(path: Path, seconds: float = 1.0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))


def rows(session: Session, playlist_id: int) -> list[tuple[str, float | None]]:
    return [(t.title, t.duration) for t in session.playlist(playlist_id)]


def test_a_playlist_file_becomes_a_playlist_named_after_it(session, cases) -> None:
    (report,) = import_paths(session, [cases / "008-m3u8-comments-and-directives.m3u8"])
    assert report.error is None
    assert report.playlist == "Sunday Mix"
    assert report.summary().startswith("imported 2 tracks into 'Sunday Mix', skipped 0")
    locations = [t.location for t in session.playlist(report.playlist_id)]
    assert [Path(loc).relative_to(cases).as_posix() for loc in locations] == [
        "mix/morning.mp3",
        "mix/evening.mp3",
    ]


def test_a_taken_name_gets_a_number_and_into_appends(session, cases) -> None:
    source = cases / "029-m3u-two-short-tracks.m3u"
    first, second = import_paths(session, [source, source])
    assert second.playlist == f"{first.playlist} (2)"
    (third,) = import_paths(session, [source], into=first.playlist.upper())
    assert third.playlist_id == first.playlist_id
    assert len(session.playlist(first.playlist_id)) == 4


def test_case_004_unknown_durations_stay_unknown(session, cases) -> None:
    (report,) = import_paths(session, [cases / "004-m3u-extinf-minus-one.m3u"])
    assert [d for _, d in rows(session, report.playlist_id)] == [None, None, None]
    info = session.playlist_info(report.playlist_id)
    assert (info.total_duration, info.unknown_durations) == (0, 3)


def test_case_023_markup_is_stored_byte_for_byte(session, cases) -> None:
    (report,) = import_paths(session, [cases / "023-m3u-markup-closing-tags.m3u"])
    titles = [t for t, _ in rows(session, report.playlist_id)]
    raw = (cases / "023-m3u-markup-closing-tags.m3u").read_text("utf-8")
    expected = [
        line.split(",", 1)[1] for line in raw.splitlines() if line.startswith("#EXTINF")
    ]
    assert titles == expected and len(titles) == 5


def test_case_025_controls_become_visible_and_exports_stay_parseable(
    session, cases, tmp_path
) -> None:
    (report,) = import_paths(session, [cases / "025-m3u-ansi-and-control-chars.m3u8"])
    tracks = session.playlist(report.playlist_id).tracks()
    assert len(tracks) == 7
    for track in tracks:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in track.title)
        assert "\u202e" not in track.title
    for fmt in ("m3u8", "xspf", "pls"):
        out = tmp_path / f"out.{fmt}"
        export_playlist(session, report.playlist_id, out, None)
        (again,) = import_paths(session, [out])
        assert [t.title for t in session.playlist(again.playlist_id)] == [
            t.title for t in tracks
        ]


def test_case_027_long_strings_round_trip_exactly(session, cases, tmp_path) -> None:
    (report,) = import_paths(session, [cases / "027-m3u8-very-long-strings.m3u8"])
    before = session.playlist(report.playlist_id).tracks()
    assert max(len(t.title) for t in before) >= 2559
    out = tmp_path / "long.m3u8"
    export_playlist(session, report.playlist_id, out, None)
    (again,) = import_paths(session, [out])
    after = session.playlist(again.playlist_id).tracks()
    assert [(t.title, t.location) for t in after] == [
        (t.title, t.location) for t in before
    ]


def test_case_028_a_header_only_file_is_an_empty_playlist(session, cases) -> None:
    (report,) = import_paths(session, [cases / "028-m3u-empty-playlist.m3u"])
    assert report.error is None and report.imported == 0
    assert "no tracks found" in report.summary()
    assert len(session.playlist(report.playlist_id)) == 0


def test_case_032_duplicates_kept_and_export_import_keeps_order(
    session, cases, tmp_path
) -> None:
    (report,) = import_paths(session, [cases / "032-m3u-duplicate-entries.m3u"])
    playlist_id = report.playlist_id
    tracks = session.playlist(playlist_id).tracks()
    assert len(tracks) == 4 and len({t.id for t in tracks}) == 4
    session.play(playlist_id, tracks[2].id)
    session.remove_track(playlist_id, tracks[0].id)
    assert session.active.current.id == tracks[2].id
    out = tmp_path / "dups.m3u"
    export = export_playlist(session, playlist_id, out, None)
    assert export.written == 3
    (again,) = import_paths(session, [out])
    assert [t.location for t in session.playlist(again.playlist_id)] == [
        t.location for t in session.playlist(playlist_id)
    ]


def test_case_035_twelve_thousand_entries_in_one_transaction(
    session, cases, tmp_path
) -> None:
    source = tmp_path / "12k.m3u"
    subprocess.run(
        [sys.executable, str(cases / "035-m3u-12k-entries.gen.py"), str(source)],
        check=True,
    )
    conn = session.store.db.conn
    commits = []
    conn.set_trace_callback(
        lambda sql: commits.append(sql) if sql.startswith("COMMIT") else None
    )
    start = time.perf_counter()
    (report,) = import_paths(session, [source])
    elapsed = time.perf_counter() - start
    conn.set_trace_callback(None)
    assert report.imported == 12_000
    assert len(commits) == 1
    assert elapsed < 10
    expected = sum(
        1 + (k * 7) % 600
        for k in (i - 500 if i % 1000 == 0 else i for i in range(1, 12_001))
    )
    assert session.playlist_info(report.playlist_id).total_duration == expected


def test_case_041_a_full_disk_leaves_no_half_import(session, cases, tmp_path) -> None:
    source = tmp_path / "12k.m3u"
    subprocess.run(
        [sys.executable, str(cases / "035-m3u-12k-entries.gen.py"), str(source)],
        check=True,
    )
    conn = session.store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    with pytest.raises(WriteFailedError, match="no space left"):
        import_paths(session, [source])
    assert session.playlists() == []
    conn.execute("PRAGMA max_page_count = 1073741823")
    (report,) = import_paths(session, [source])
    assert report.imported == 12_000


def test_case_041_a_failed_export_leaves_the_old_file(
    session, cases, tmp_path, monkeypatch
) -> None:
    (report,) = import_paths(session, [cases / "031-m3u-four-tracks.m3u"])
    out = tmp_path / "out.m3u8"
    out.write_text("old contents\n")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FormatError, match="no space left") as info:
        export_playlist(session, report.playlist_id, out, None)
    assert str(out) in str(info.value)
    assert out.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert export_playlist(session, report.playlist_id, out, None).written == 4


def test_case_044_a_folder_scan_skips_broken_files_and_a_rescan_adds_nothing(
    session, cases, tmp_path
) -> None:
    scan = tmp_path / "scan"
    scan.mkdir()
    shutil.copy(cases / "044-good.wav", scan / "good.wav")
    (scan / "empty.mp3").write_bytes(b"")
    (scan / "notes.flac").write_text("not audio at all\n")
    (scan / "truncated.wav").write_bytes((scan / "good.wav").read_bytes()[:100])
    shutil.copy(scan / "good.wav", os.fsencode(scan) + b"/caf\xe9-latin1-name.wav")
    (scan / "loop").symlink_to("..")

    (report,) = import_paths(session, [scan])
    tracks = session.playlist(report.playlist_id).tracks()
    assert [(t.title, t.artist, t.duration) for t in tracks] == [
        ("Quiet Start", "Example Ensemble", 2.0),
        ("Quiet Start", "Example Ensemble", 2.0),
    ]
    assert all(os.path.exists(t.location) for t in tracks)
    reasons = dict(report.skipped)
    assert len(reasons) == 3
    assert sorted(reasons.values()) == [
        "empty file",
        "not an audio file",
        "truncated or damaged",
    ]

    (again,) = import_paths(session, [scan])
    assert again.playlist_id == report.playlist_id and again.imported == 0
    assert len(session.playlist(report.playlist_id)) == 2


def test_a_generated_folder_is_ordered_by_album_and_number(session, tmp_path) -> None:
    for name in ("b/02.wav", "b/01.wav", "a/x.wav"):
        write_wav(tmp_path / "music" / name, 1.5)
    (report,) = import_paths(session, [tmp_path / "music"])
    assert report.playlist == "music"
    assert [d for _, d in rows(session, report.playlist_id)] == [1.5, 1.5, 1.5]


def test_a_missing_path_and_an_unreadable_file_are_reported(session, tmp_path) -> None:
    bad = tmp_path / "broken.xspf"
    bad.write_text("<playlist><trackList><track>")
    missing, broken = import_paths(session, [tmp_path / "nope.m3u", bad])
    assert "no file or folder" in missing.summary()
    assert broken.error and "broken.xspf" in broken.error
    assert session.playlists() == []


@pytest.mark.parametrize(
    ("name", "data", "skipped"),
    [
        (
            "tracks.xspf",
            b"<playlist><trackList>"
            + b"<track><location>a.mp3</location></track>" * 5
            + b"<track><title>Nowhere</title></track></trackList></playlist>",
            "track 6: has no <location>",
        ),
        (
            "empty.pls",
            b"[playlist]\nFile1=\nFile2=b.mp3\nNumberOfEntries=2\n",
            "line 2: File1 is empty",
        ),
        ("folder.m3u", b"a.mp3\nsub/\n", "line 2: names a folder, not a file"),
    ],
    ids=["xspf", "pls", "m3u"],
)
def test_every_entry_left_out_is_counted_as_skipped(
    session, tmp_path, name, data, skipped
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    (report,) = import_paths(session, [source])
    lines = report.summary().splitlines()
    assert lines[0].endswith(", skipped 1")
    assert f"  skipped {skipped}" in lines
    assert not any(line.startswith("  note:") and "skipped" in line for line in lines)


def test_a_name_too_long_is_shortened_and_numbered_within_the_limit(
    session, tmp_path
) -> None:
    long = "Ä" * 150 + "e\u0301" * 100  # 350 characters, the cut inside the é's
    lists = tmp_path / "lists"
    lists.mkdir()
    playlist = lists / "a.m3u8"
    playlist.write_text(f"#PLAYLIST:{long}\none.mp3\n", encoding="utf-8")
    xspf = lists / "b.xspf"
    xspf.write_text(f"<playlist><title>{long}</title></playlist>", encoding="utf-8")
    stem = lists / ("S" * 240 + ".m3u")
    stem.write_text("one.mp3\n")
    folder = tmp_path / ("F" * 240)
    write_wav(folder / "x.wav")

    reports = import_paths(session, [playlist, xspf, stem, folder])
    assert [r.error for r in reports] == [None] * 4
    names = [r.playlist for r in reports]
    assert all(len(name) <= 200 for name in names)
    assert names[0] == long[:198] + "…"  # not [:199], which splits an é
    assert names[1] == f"{long[:194]}… (2)"  # room for " (2)", on a whole é
    assert names[2] == "S" * 199 + "…" and names[3] == "F" * 199 + "…"
    (again,) = import_paths(session, [folder])  # a rescan finds the same playlist
    assert again.playlist_id == reports[3].playlist_id


def test_a_long_name_is_never_cut_inside_a_character(session, tmp_path) -> None:
    cases = {
        "e\u0301": "e\u0301",  # a letter and its combining mark
        "\U0001f1eb\U0001f1f7": "\U0001f1eb\U0001f1f7",  # a flag
        "\x9b": "\\x9b",  # a control character's stand-in
    }
    for number, (unit, stored) in enumerate(cases.items()):
        source = tmp_path / f"{number}.m3u8"
        source.write_text(f"#PLAYLIST:x{unit * 200}\n", encoding="utf-8")
        (report,) = import_paths(session, [source])
        assert report.error is None
        kept = report.playlist.removesuffix("…")
        assert kept == "x" + stored * ((len(kept) - 1) // len(stored)), unit


def test_import_command_prints_the_summary(tmp_path, cases) -> None:
    env = {**os.environ, "PLAYLIST_TUI_DB": str(tmp_path / "cli.db")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "playlist_tui",
            "import",
            str(cases / "005-m3u-extinf-missing-comma-or-title.m3u"),
            str(tmp_path / "nope"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "imported 4 tracks into" in result.stdout
    assert "could not import" in result.stderr and "Traceback" not in result.stderr


def test_case_010_windows_and_absent_files_are_flagged_missing(session, cases) -> None:
    (report,) = import_paths(session, [cases / "010-m3u-windows-backslash-paths.m3u"])
    assert report.imported == 4
    assert "C:\\Music\\Loose Track.mp3" in report.missing
    assert any(m.startswith("\\\\nas\\share") for m in report.missing)
    summary = report.summary()
    assert "4 tracks point at files not on this computer" in summary
    assert (
        "    C:\\Music\\Loose Track.mp3" in summary
    )  # named as written, no \\ doubled


def test_case_027_a_deep_missing_path_is_cut_in_the_middle(session, cases) -> None:
    (report,) = import_paths(session, [cases / "027-m3u8-very-long-strings.m3u8"])
    deep = max(report.missing, key=len)
    assert len(deep) > 1000
    shown = next(line for line in report.summary().splitlines() if "…" in line)
    assert len(shown.strip()) <= 100
    assert shown.strip().startswith(deep[:20]) and shown.strip().endswith(deep[-20:])


def test_present_files_and_urls_are_not_missing(session, tmp_path) -> None:
    write_wav(tmp_path / "a.wav")
    listing = tmp_path / "list.m3u"
    listing.write_text("a.wav\nhttp://radio.invalid/s\nb.wav\n")
    (report,) = import_paths(session, [listing])
    assert report.missing == [str(tmp_path / "b.wav")]
    assert "1 track points at a file not on this computer" in report.summary()


def test_an_entry_whose_path_decodes_to_a_nul_is_skipped_with_its_reason(
    tmp_path,
) -> None:
    from playlist_tui.session import Session

    playlist = tmp_path / "nul.m3u"
    playlist.write_bytes(b"#EXTINF:7,nul\nfile:///tmp/nul%00byte.mp3\nkept.mp3\n")
    session = Session.open(tmp_path / "library.db")
    [report] = import_paths(session, [playlist])
    assert report.imported == 1 and len(report.skipped) == 1
    assert "NUL" in report.skipped[0][1]
    session.close()
