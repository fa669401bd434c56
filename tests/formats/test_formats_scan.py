"""Scanning music folders: acceptance case 044 and the scan's rules."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from formats_support import case_file, make_wav

from playlist_tui.domain.errors import FormatError
from playlist_tui.formats import AUDIO_EXTENSIONS, scan_folder
from playlist_tui.formats import scan as scan_module

LATIN1_NAME = b"caf\xe9-latin1-name.wav"


def build_044(root: Path, good: Path) -> Path:
    """The folder of case 044, built as its steps file says."""
    scan = root / "scan"
    scan.mkdir()
    shutil.copyfile(good, scan / "good.wav")
    (scan / "empty.mp3").write_bytes(b"")
    (scan / "notes.flac").write_bytes(b"not audio at all\n")
    (scan / "truncated.wav").write_bytes((scan / "good.wav").read_bytes()[:100])
    shutil.copyfile(good, os.path.join(os.fsencode(scan), LATIN1_NAME))
    (scan / "unreadable").mkdir()
    shutil.copyfile(good, scan / "unreadable" / "x.wav")
    (scan / "loop").symlink_to("..")
    return scan


def deny_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate `chmod 000 unreadable` (the tests may run as root)."""
    real = scan_module._scandir

    def scandir(path):
        if os.path.basename(path) == "unreadable":
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(scan_module, "_scandir", scandir)


def check_044(scan: Path) -> None:
    result = scan_folder(scan)
    assert len(result.entries) == 2  # the loop link was not followed
    by_name = {os.path.basename(os.fsencode(e.location)): e for e in result.entries}
    assert set(by_name) == {b"good.wav", LATIN1_NAME}
    for entry in result.entries:
        assert entry.title == "Quiet Start"
        assert entry.artist == "Example Ensemble"
        assert entry.duration == pytest.approx(2.0)
        assert os.path.isfile(entry.location)  # still resolvable
        entry.title.encode("utf-8")
    latin = by_name[LATIN1_NAME]
    assert os.fsencode(latin.location) == os.fsencode(scan) + b"/" + LATIN1_NAME
    skipped = {os.path.basename(path): reason for path, reason in result.skipped}
    assert skipped == {
        "empty.mp3": "empty file",
        "notes.flac": "not an audio file",
        "truncated.wav": "truncated or damaged",
        "unreadable": "permission denied",
    }
    for path, _ in result.skipped:
        path.encode("utf-8")
    # A second scan finds the same, so nothing is added twice.
    assert scan_folder(scan) == result


def test_case_044_with_the_shared_file(tmp_path: Path, monkeypatch) -> None:
    good = case_file("044-good.wav")
    deny_unreadable(monkeypatch)
    check_044(build_044(tmp_path, good))


def test_case_044_with_a_generated_file(tmp_path: Path, monkeypatch) -> None:
    good = tmp_path / "source.wav"
    make_wav(
        good,
        seconds=2.0,
        title="Quiet Start",
        artist="Example Ensemble",
        album="Silence Studies",
        track="1",
    )
    deny_unreadable(monkeypatch)
    (tmp_path / "work").mkdir()
    check_044(build_044(tmp_path / "work", good))


def test_shared_good_wav_tags() -> None:
    result_folder = case_file("044-good.wav").parent
    import mutagen

    audio = mutagen.File(result_folder / "044-good.wav")
    assert audio.info.length == pytest.approx(2.0)
    assert str(audio.tags["TIT2"]) == "Quiet Start"
    assert str(audio.tags["TPE1"]) == "Example Ensemble"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="chmod 000 does not deny root",
)
def test_real_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    make_wav(locked / "x.wav")
    secret = tmp_path / "secret.wav"
    make_wav(secret)
    locked.chmod(0)
    secret.chmod(0)
    try:
        result = scan_folder(tmp_path)
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert sorted(result.skipped) == [
        (str(locked), "permission denied"),
        (str(secret), "permission denied"),
    ]


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch) -> None:
    make_wav(tmp_path / "ok.wav")
    make_wav(tmp_path / "locked.wav")
    real = scan_module._open

    def fake_open(path, mode="r", *args, **kwargs):
        if os.path.basename(path) == "locked.wav":
            raise PermissionError(13, "Permission denied", path)
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(scan_module, "_open", fake_open)
    result = scan_folder(tmp_path)
    assert [entry.title for entry in result.entries] == ["ok"]
    assert result.skipped == [(str(tmp_path / "locked.wav"), "permission denied")]


def test_folder_errors(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(FormatError, match="does not exist"):
        scan_folder(tmp_path / "missing")
    make_wav(tmp_path / "a.wav")
    with pytest.raises(FormatError, match="not a folder"):
        scan_folder(tmp_path / "a.wav")

    def denied(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(scan_module, "_scandir", denied)
    with pytest.raises(FormatError) as raised:
        scan_folder(tmp_path)
    assert str(tmp_path) in str(raised.value)
    assert "permission denied" in str(raised.value)


def test_tags_sorting_and_fallbacks(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    make_wav(tmp_path / "b" / "z.wav")
    make_wav(tmp_path / "x2.wav", album="Album", track="2/9", title="Second")
    make_wav(tmp_path / "x1.wav", album="album", track="10", disc="1/2", title="Ten")
    make_wav(tmp_path / "y.wav", album="Album", track="1", disc="2", title="D2")
    make_wav(tmp_path / "duo.wav", album="Album", track="3", artist=["One", "Two"])
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "notes.txt").write_text("ignored")
    result = scan_folder(tmp_path)
    assert [(e.title, e.track_number) for e in result.entries] == [
        ("z", None),  # no album sorts first; title from the file name
        ("Second", 2),  # no disc number counts as disc 1; case of album ignored
        ("duo", 3),
        ("Ten", 10),
        ("D2", 1),  # disc 2
    ]
    duo = next(entry for entry in result.entries if entry.title == "duo")
    assert duo.artist == "One / Two"
    assert result.skipped == []  # other extensions are ignored silently


def test_sort_order_is_album_disc_track_path(tmp_path: Path) -> None:
    make_wav(tmp_path / "c.wav", album="B", track="1")
    make_wav(tmp_path / "b.wav", album="A", track="2", disc="1")
    make_wav(tmp_path / "a.wav", album="A", track="1", disc="2")
    make_wav(tmp_path / "d.wav", album="A", track="1", disc="1")
    make_wav(tmp_path / "e.wav", album="A")
    make_wav(tmp_path / "f.wav", album="A")
    names = [os.path.basename(e.location) for e in scan_folder(tmp_path).entries]
    assert names == ["d.wav", "b.wav", "e.wav", "f.wav", "a.wav", "c.wav"]


def test_links(tmp_path: Path) -> None:
    music = tmp_path / "music"
    music.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    make_wav(outside / "far.wav")
    make_wav(music / "here.wav")
    (music / "linked.wav").symlink_to(outside / "far.wav")
    (music / "dangling.mp3").symlink_to(tmp_path / "gone.mp3")
    (music / "out").symlink_to(outside)
    (music / "self").symlink_to(music)
    result = scan_folder(music)
    assert sorted(e.title for e in result.entries) == ["here", "linked"]
    assert result.skipped == [(str(music / "dangling.mp3"), "broken link")]


def test_a_pipe_named_like_audio_is_listed_not_opened(tmp_path: Path) -> None:
    make_wav(tmp_path / "ok.wav")
    os.mkfifo(tmp_path / "pipe.mp3")
    result = scan_folder(tmp_path)  # opening the pipe would wait forever
    assert [e.title for e in result.entries] == ["ok"]
    [(path, reason)] = result.skipped
    assert path == str(tmp_path / "pipe.mp3") and "not a regular file" in reason


def test_damage_kinds(tmp_path: Path) -> None:
    make_wav(tmp_path / "ok.wav")
    whole = (tmp_path / "ok.wav").read_bytes()
    (tmp_path / "cut.wav").write_bytes(whole[:1000])
    (tmp_path / "header.wav").write_bytes(whole[:30])
    (tmp_path / "text.mp3").write_bytes(b"hello, not an mp3")
    (tmp_path / "text.ogg").write_bytes(b"hello")
    (tmp_path / "id3only.mp3").write_bytes(
        b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"\0" * 8
    )
    (tmp_path / "OGGS.ogg").write_bytes(b"OggS" + b"\x00" * 40)
    result = scan_folder(tmp_path)
    assert [e.title for e in result.entries] == ["ok"]
    assert {os.path.basename(p): r for p, r in result.skipped} == {
        "cut.wav": "truncated or damaged",
        "header.wav": "truncated or damaged",
        "text.mp3": "not an audio file",
        "text.ogg": "not an audio file",
        "id3only.mp3": "truncated or damaged",
        "OGGS.ogg": "truncated or damaged",
    }


def test_audio_extensions() -> None:
    required = [
        "mp3",
        "flac",
        "ogg",
        "oga",
        "opus",
        "m4a",
        "mp4",
        "aac",
        "wav",
        "aiff",
        "aif",
        "wma",
        "ape",
        "wv",
    ]
    assert set(required) <= AUDIO_EXTENSIONS
    assert all(ext == ext.lower() and "." not in ext for ext in AUDIO_EXTENSIONS)


def test_upper_case_extension_and_nested_folders(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    make_wav(deep / "Loud.WAV", seconds=1.5)
    entry = scan_folder(tmp_path).entries[0]
    assert (entry.title, entry.duration) == ("Loud", pytest.approx(1.5))
    assert entry.location == str(deep / "Loud.WAV")


def test_many_files_scan_in_reasonable_time(tmp_path: Path) -> None:
    make_wav(tmp_path / "seed.wav", seconds=0.05, title="Seed", artist="A", track="1")
    data = (tmp_path / "seed.wav").read_bytes()
    for number in range(300):
        folder = tmp_path / f"album{number % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"{number:04d}.wav").write_bytes(data)
    started = time.perf_counter()
    result = scan_folder(tmp_path)
    assert time.perf_counter() - started < 10
    assert len(result.entries) == 301 and result.skipped == []
