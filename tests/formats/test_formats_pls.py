"""Reading PLS playlists: acceptance cases 016 and 018."""

from __future__ import annotations

import os
from pathlib import Path

from formats_support import case_file, write

from playlist_tui.formats import read_playlist

CASE_016 = b"""[playlist]
NumberOfEntries=2
File1=tracks/one.mp3
Title1=Entry One
Length1=201
File2=tracks/two.mp3
Title2=Entry Two
Length2=187
File3=tracks/three.mp3
Title3=Entry Three
Length3=174
Version=2
"""

CASE_018 = b"""[playlist]
File10=tracks/ten.mp3
Title10=Entry Ten
Length10=100
File2=tracks/two.mp3
Title2=Entry Two
Length2=20
File1=tracks/one.mp3
Title1=Entry One
Length1=10
File11=tracks/eleven.mp3
Title11=Entry Eleven
Length11=110
Title5=Orphan Title Without File
NumberOfEntries=12
Version=2
"""


def folder_of(path: Path) -> str:
    return os.path.dirname(os.path.abspath(path))


def check_016(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert [entry.title for entry in playlist.entries] == [
        "Entry One",
        "Entry Two",
        "Entry Three",
    ]
    assert [entry.duration for entry in playlist.entries] == [201, 187, 174]
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/tracks/one.mp3",
        f"{folder}/tracks/two.mp3",
        f"{folder}/tracks/three.mp3",
    ]
    assert len(playlist.warnings) == 1
    assert "NumberOfEntries" in playlist.warnings[0].message
    assert playlist.warnings[0].line == 2


def test_case_016_count_smaller_than_entries(tmp_path: Path) -> None:
    check_016(case_file("016-pls-count-smaller-than-entries.pls"))
    check_016(write(tmp_path, "count.pls", CASE_016))


def check_018(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/tracks/one.mp3",
        f"{folder}/tracks/two.mp3",
        f"{folder}/tracks/ten.mp3",
        f"{folder}/tracks/eleven.mp3",
    ]
    assert [entry.duration for entry in playlist.entries] == [10, 20, 100, 110]
    assert "Orphan Title Without File" not in [e.title for e in playlist.entries]
    messages = " ".join(warning.message for warning in playlist.warnings)
    assert "NumberOfEntries" in messages and "Title5" in messages


def test_case_018_gaps_and_two_digit_indexes(tmp_path: Path) -> None:
    check_018(case_file("018-pls-gaps-and-two-digit-indexes.pls"))
    check_018(write(tmp_path, "gaps.pls", CASE_018))


def test_case_insensitive_keys_odd_lines_and_streams(tmp_path: Path) -> None:
    data = (
        b"; a comment\r\n[PlayList]\r\nnumberofentries=3\r\nFILE1=http://r.example"
        b".invalid/Live?A=1\r\ntitle1=Radio\r\nLENGTH1=-1\r\njust a stray line\r\n"
        b"file2 = C:\\Music\\x.mp3\r\nFile3=sub\\y.mp3\r\nLength3=abc\r\n"
        b"[other]\r\nFile4=ignored.mp3\r\n"
    )
    playlist = read_playlist(write(tmp_path, "odd.pls", data))
    assert [
        (e.title, e.location, e.duration, e.is_stream) for e in playlist.entries
    ] == [
        ("Radio", "http://r.example.invalid/Live?A=1", None, True),
        ("x", "C:\\Music\\x.mp3", None, False),
        ("y", f"{tmp_path}/sub/y.mp3", None, False),
    ]
    lines = sorted(warning.line for warning in playlist.warnings)
    assert lines == [7, 10]


def test_duplicate_key_later_wins(tmp_path: Path) -> None:
    data = b"[playlist]\nFile1=a.mp3\nFile1=b.mp3\nLength1=0\n"
    playlist = read_playlist(write(tmp_path, "dup.pls", data))
    assert [entry.location for entry in playlist.entries] == [f"{tmp_path}/b.mp3"]
    assert playlist.entries[0].duration is None  # zero length is unknown
    assert [warning.line for warning in playlist.warnings] == [3]


def test_pls_in_windows_1252_with_bom_variants(tmp_path: Path) -> None:
    data = "[playlist]\r\nFile1=Café – x.mp3\r\nTitle1=Grüße\r\n".encode("cp1252")
    playlist = read_playlist(write(tmp_path, "latin.pls", data))
    assert playlist.entries[0].title == "Grüße"
    assert playlist.entries[0].location == f"{tmp_path}/Café – x.mp3"
    bom = b"\xef\xbb\xbf[playlist]\nFile1=a.mp3\n"
    assert len(read_playlist(write(tmp_path, "bom.pls", bom)).entries) == 1


def test_a_stray_byte_in_a_pls_is_read_line_by_line(tmp_path: Path) -> None:
    # As in M3U: UTF-8 lines stay UTF-8, the odd line's title is read as
    # Windows-1252 and its path keeps its original bytes.
    data = (
        b"[playlist]\nFile1=caf\xc3\xa9.mp3\nTitle1=Caf\xc3\xa9\n"
        b"File2=Gr\xfc\xdfe.mp3\nTitle2=Gr\xfc\xdfe\nFile3=x\xe9.mp3\n"
    )
    playlist = read_playlist(write(tmp_path, "mixed.pls", data))
    assert [entry.title for entry in playlist.entries] == ["Café", "Grüße", "xé"]
    folder = os.fsencode(tmp_path)
    assert [os.fsencode(entry.location) for entry in playlist.entries] == [
        folder + b"/caf\xc3\xa9.mp3",
        folder + b"/Gr\xfc\xdfe.mp3",
        folder + b"/x\xe9.mp3",
    ]
    messages = [warning.message for warning in playlist.warnings]
    assert messages[0].startswith("lines 4-5: not valid UTF-8; the title is read")
    assert messages[1].startswith("line 6: path is not valid UTF-8; kept with")
    assert len(messages) == 2


def test_an_entry_naming_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "album").mkdir()
    data = (
        f"[playlist]\nFile1=.\nFile2=..\nFile3=album\nFile4={tmp_path}/album\n"
        "File5=album/\nFile6=real.mp3\n"
    ).encode()
    playlist = read_playlist(write(tmp_path, "folders.pls", data))
    assert [entry.location for entry in playlist.entries] == [f"{tmp_path}/real.mp3"]
    assert [(w.line, w.skipped) for w in playlist.warnings] == [
        (number, True) for number in (2, 3, 4, 5, 6)
    ]
    assert playlist.warnings[0].message == (
        "line 2: File1 names a folder, not a file; skipped"
    )


def test_missing_header_is_read_with_a_warning(tmp_path: Path) -> None:
    playlist = read_playlist(write(tmp_path, "bare.pls", b"File1=a.mp3\n"))
    assert [entry.title for entry in playlist.entries] == ["a"]
    assert playlist.warnings and playlist.warnings[0].line is None
    assert playlist.name == "bare"


def test_sniffed_pls(tmp_path: Path) -> None:
    playlist = read_playlist(write(tmp_path, "radio", b"[playlist]\nFile1=a.ogg\n"))
    assert [entry.title for entry in playlist.entries] == ["a"]


def test_a_length_over_1000_hours_is_unknown_and_said_so(tmp_path: Path) -> None:
    data = b"[playlist]\nFile1=a.mp3\nLength1=3600001\nFile2=b.mp3\nLength2=3600000\n"
    playlist = read_playlist(write(tmp_path, "long.pls", data))
    assert [entry.duration for entry in playlist.entries] == [None, 3_600_000]
    [warning] = playlist.warnings
    assert "Length1 '3600001' is longer than 1000 hours" in warning.message
