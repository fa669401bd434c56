"""Reading M3U and M3U8 playlists: acceptance cases 001-015, 023-035."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from formats_support import CASES, case_file, write

from playlist_tui.domain.errors import FormatError
from playlist_tui.formats import (
    Entry,
    file_is_missing,
    is_playlist_file,
    read_playlist,
    reader,
)


def folder_of(path: Path) -> str:
    return os.path.dirname(os.path.abspath(path))


def titles(playlist) -> list[str]:
    return [entry.title for entry in playlist.entries]


def durations(playlist) -> list[float | None]:
    return [entry.duration for entry in playlist.entries]


def no_line_breaks(playlist) -> None:
    for entry in playlist.entries:
        for text in (entry.title, entry.location, entry.artist, entry.album):
            assert "\r" not in text and "\n" not in text
            assert "\ufeff" not in text


# --- 001: BOM, first line a path -------------------------------------------------

CASE_001 = (
    b"\xef\xbb\xbfmusic/Placeholder Band/01 - Opening Theme.mp3\n"
    b"music/Placeholder Band/02 - Second Song.mp3\n"
)


def check_001(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/music/Placeholder Band/01 - Opening Theme.mp3",
        f"{folder}/music/Placeholder Band/02 - Second Song.mp3",
    ]
    assert titles(playlist) == ["01 - Opening Theme", "02 - Second Song"]
    assert playlist.warnings == []
    no_line_breaks(playlist)


def test_case_001_bom_before_a_path(tmp_path: Path) -> None:
    check_001(case_file("001-m3u-bom-first-line-path.m3u"))
    check_001(write(tmp_path, "bom.m3u", CASE_001))


def test_bom_before_extm3u_is_the_header(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf#EXTM3U\n#EXTINF:5,Five\nfive.mp3\n"
    playlist = read_playlist(write(tmp_path, "bom.m3u8", data))
    assert [(e.title, e.duration) for e in playlist.entries] == [("Five", 5.0)]
    assert playlist.warnings == []


# --- 002: CRLF --------------------------------------------------------------------

CASE_002 = (
    b"#EXTM3U\r\n#EXTINF:201,Artist One - Track One\r\nalbum/track one.flac\r\n"
    b"#EXTINF:187,Artist Two - Track Two\r\nalbum/track two.flac\r\n"
)


def check_002(path: Path) -> None:
    playlist = read_playlist(path)
    assert titles(playlist) == ["Artist One - Track One", "Artist Two - Track Two"]
    assert durations(playlist) == [201, 187]
    for entry in playlist.entries:
        assert entry.location.endswith(".flac")
        assert entry.location.encode("utf-8").endswith(b".flac")
        assert entry.artist == ""  # "Artist - Title" is not split
    no_line_breaks(playlist)


def test_case_002_crlf(tmp_path: Path) -> None:
    check_002(case_file("002-m3u8-crlf-line-endings.m3u8"))
    check_002(write(tmp_path, "crlf.m3u8", CASE_002))


@pytest.mark.parametrize("ending", [b"\r\n", b"\r", b"\n"])
@pytest.mark.parametrize("final", [True, False])
def test_every_line_ending(tmp_path: Path, ending: bytes, final: bool) -> None:
    lines = [b"#EXTM3U", b"#EXTINF:10,Ten", b"ten.mp3", b"#EXTINF:20,Twenty", b"b.mp3"]
    data = ending.join(lines) + (ending if final else b"")
    playlist = read_playlist(write(tmp_path, "endings.m3u", data))
    assert titles(playlist) == ["Ten", "Twenty"]
    assert durations(playlist) == [10, 20]
    assert playlist.entries[1].location == f"{tmp_path}/b.mp3"
    no_line_breaks(playlist)


# --- 004: #EXTINF:-1 --------------------------------------------------------------

CASE_004 = b"""#EXTM3U
#EXTINF:-1,Example Radio One
http://radio.example.invalid:8000/stream-one
#EXTINF:-1,Local Recording With Unknown Length
recordings/session-01.ogg
#EXTINF: -1,Leading Space Before Duration
recordings/session-02.ogg
"""


def check_004(path: Path) -> None:
    playlist = read_playlist(path)
    assert titles(playlist) == [
        "Example Radio One",
        "Local Recording With Unknown Length",
        "Leading Space Before Duration",
    ]
    assert durations(playlist) == [None, None, None]
    assert [entry.is_stream for entry in playlist.entries] == [True, False, False]
    assert (
        playlist.entries[0].location == "http://radio.example.invalid:8000/stream-one"
    )
    assert playlist.warnings == []


def test_case_004_minus_one_is_unknown(tmp_path: Path) -> None:
    check_004(case_file("004-m3u-extinf-minus-one.m3u"))
    check_004(write(tmp_path, "minus.m3u", CASE_004))


# --- 005: odd EXTINF lines --------------------------------------------------------

CASE_005 = b"""#EXTM3U
#EXTINF:215
tracks/first-track.mp3
#EXTINF:180,
tracks/second-track.mp3
#EXTINF:,Title Without Duration
tracks/third-track.mp3
#EXTINF:abc,Non Numeric Duration
tracks/fourth-track.mp3
"""


def check_005(path: Path) -> None:
    playlist = read_playlist(path)
    assert titles(playlist) == [
        "first-track",
        "second-track",
        "Title Without Duration",
        "Non Numeric Duration",
    ]
    assert durations(playlist) == [215, 180, None, None]
    lines = [warning.line for warning in playlist.warnings]
    assert len(lines) == len(set(lines)), "at most one warning per line"
    assert 8 in lines
    for warning in playlist.warnings:
        assert warning.message.startswith(f"line {warning.line}:")


def test_a_length_no_recording_has_is_unknown_with_a_warning(tmp_path: Path) -> None:
    playlist = read_playlist(
        write(
            tmp_path,
            "huge.m3u",
            b"#EXTINF:1e308,A\na.mp3\n#EXTINF:99999999999999999999,B\nb.mp3\n",
        )
    )
    assert durations(playlist) == [None, None]
    assert [warning.line for warning in playlist.warnings] == [1, 3]
    assert all("longer than 1000 hours" in w.message for w in playlist.warnings)


def test_a_length_is_ascii_digits_as_players_write_them(tmp_path: Path) -> None:
    lines = "".join(
        f"#EXTINF:{length},T{i}\nt{i}.mp3\n"
        for i, length in enumerate(["1_000", "\u0663", "0x10", "1e2", "2.5"])
    )
    playlist = read_playlist(write(tmp_path, "odd.m3u8", lines.encode()))
    assert durations(playlist) == [None, None, None, 100, 2.5]
    assert [w.line for w in playlist.warnings] == [1, 3, 5]
    assert all("is not a number" in w.message for w in playlist.warnings)


def test_case_005_missing_comma_title_or_duration(tmp_path: Path) -> None:
    check_005(case_file("005-m3u-extinf-missing-comma-or-title.m3u"))
    check_005(write(tmp_path, "odd.m3u", CASE_005))


# --- 007: attributes --------------------------------------------------------------

CASE_007 = (
    b"#EXTM3U\n"
    b'#EXTINF:-1 tvg-id="demo.one" tvg-logo="https://img.example.invalid/a,b.png" '
    b'group-title="Talk, News",Demo Channel One\n'
    b"http://tv.example.invalid/live/one.m3u8\n"
    b'#EXTINF:0 group-title="Music",Demo Channel Two (720p) [Geo-blocked]\n'
    b"http://tv.example.invalid/live/two.ts\n"
)


def check_007(path: Path) -> None:
    playlist = read_playlist(path)
    assert titles(playlist) == [
        "Demo Channel One",
        "Demo Channel Two (720p) [Geo-blocked]",
    ]
    assert durations(playlist) == [None, None]
    assert all(entry.is_stream for entry in playlist.entries)
    assert playlist.warnings == []


def test_case_007_attributes_with_commas(tmp_path: Path) -> None:
    check_007(case_file("007-m3u-extinf-attributes.m3u"))
    check_007(write(tmp_path, "attributes.m3u", CASE_007))


def test_zero_duration_is_unknown_for_local_files_too(tmp_path: Path) -> None:
    data = b'#EXTINF:0 a="1,2",Zero\nzero.mp3\n#EXTINF:-5,Negative\nneg.mp3\n'
    playlist = read_playlist(write(tmp_path, "zero.m3u", data))
    assert durations(playlist) == [None, None]
    assert titles(playlist) == ["Zero", "Negative"]


def test_unbalanced_quote_falls_back_to_the_first_comma(tmp_path: Path) -> None:
    data = b'#EXTINF:12 a="open,Title\nx.mp3\n'
    playlist = read_playlist(write(tmp_path, "quote.m3u", data))
    assert titles(playlist) == ["Title"]
    assert durations(playlist) == [12]


# --- 008: comments and directives -------------------------------------------------

CASE_008 = b"""#EXTM3U
#PLAYLIST:Sunday Mix
# compiled from a list at https://example.invalid/list
#EXTALB:Placeholder Album
#EXTART:Placeholder Artist
#EXTGENRE:Ambient
#EXTINF:120,Placeholder Artist - Morning
mix/morning.mp3
#EXTIMG:cover.jpg
#EXTINF:140,Placeholder Artist - Evening
mix/evening.mp3

#  indented comment after a blank line
"""


def check_008(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert playlist.name == "Sunday Mix"
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/mix/morning.mp3",
        f"{folder}/mix/evening.mp3",
    ]
    assert titles(playlist) == [
        "Placeholder Artist - Morning",
        "Placeholder Artist - Evening",
    ]
    assert durations(playlist) == [120, 140]
    # #EXTART/#EXTALB belong to the next entry only.
    assert playlist.entries[0].artist == "Placeholder Artist"
    assert playlist.entries[0].album == "Placeholder Album"
    assert playlist.entries[1].artist == ""
    assert playlist.warnings == []


def test_case_008_comments_and_directives(tmp_path: Path) -> None:
    check_008(case_file("008-m3u8-comments-and-directives.m3u8"))
    check_008(write(tmp_path, "directives.m3u8", CASE_008))


def test_name_falls_back_to_the_file_name(tmp_path: Path) -> None:
    playlist = read_playlist(write(tmp_path, "Road Trip.m3u", b"a.mp3\n"))
    assert playlist.name == "Road Trip"


# --- 009: blank lines -------------------------------------------------------------

CASE_009 = (
    b"#EXTM3U\n\n#EXTINF:100,Track One\na/one.mp3\n   \n#EXTINF:110,Track Two\n\n"
    b"a/two.mp3\n\t\n\n#EXTINF:120,Track Three\na/three.mp3"
)


def check_009(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert titles(playlist) == ["Track One", "Track Two", "Track Three"]
    assert durations(playlist) == [100, 110, 120]
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/a/one.mp3",
        f"{folder}/a/two.mp3",
        f"{folder}/a/three.mp3",
    ]
    assert playlist.warnings == []


def test_case_009_blank_lines_and_no_final_newline(tmp_path: Path) -> None:
    check_009(case_file("009-m3u-blank-lines-no-final-newline.m3u"))
    check_009(write(tmp_path, "blank.m3u", CASE_009))


def test_a_line_naming_the_folder_is_not_a_track(tmp_path: Path) -> None:
    playlist = read_playlist(write(tmp_path, "dots.m3u", b".\nsub/\nreal.mp3\n"))
    assert [entry.location for entry in playlist.entries] == [f"{tmp_path}/real.mp3"]
    assert [warning.line for warning in playlist.warnings] == [1, 2]


def test_every_way_of_naming_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "album").mkdir()
    lines = [".", "..", "album", str(tmp_path / "album"), "album/", "album\\", "a/.."]
    data = "\n".join([*lines, "real.mp3", f"file://{tmp_path}/album"]).encode()
    playlist = read_playlist(write(tmp_path, "folders.m3u", data))
    assert [entry.location for entry in playlist.entries] == [f"{tmp_path}/real.mp3"]
    assert [(w.line, w.skipped) for w in playlist.warnings] == [
        (number, True) for number in (1, 2, 3, 4, 5, 6, 7, 9)
    ]
    assert playlist.warnings[1].message == (
        "line 2: names a folder, not a file; skipped"
    )


def test_extinf_without_a_file_is_warned(tmp_path: Path) -> None:
    data = b"#EXTINF:1,Lost\n#EXTINF:2,Kept\nkept.mp3\n#EXTINF:3,Tail\n"
    playlist = read_playlist(write(tmp_path, "lost.m3u", data))
    assert titles(playlist) == ["Kept"]
    assert [warning.line for warning in playlist.warnings] == [1, 4]


# --- 010: Windows paths -----------------------------------------------------------

CASE_010 = (
    b"#EXTM3U\r\n#EXTINF:0,01 - Overture\r\n"
    b"..\\Placeholder Artist\\Some Album\\01 - Overture.mp3\r\n"
    b"#EXTINF:245,Placeholder Artist - Second\r\n"
    b"..\\Placeholder Artist\\Some Album\\02 - Second.mp3\r\n"
    b"C:\\Music\\Loose Track.mp3\r\n"
    b"\\\\nas\\share\\music\\Network Track.flac\r\n"
)


def check_010(path: Path) -> None:
    playlist = read_playlist(path)
    parent = os.path.dirname(folder_of(path))
    assert [entry.location for entry in playlist.entries] == [
        f"{parent}/Placeholder Artist/Some Album/01 - Overture.mp3",
        f"{parent}/Placeholder Artist/Some Album/02 - Second.mp3",
        "C:\\Music\\Loose Track.mp3",
        "\\\\nas\\share\\music\\Network Track.flac",
    ]
    assert titles(playlist) == [
        "01 - Overture",
        "Placeholder Artist - Second",
        "Loose Track",
        "Network Track",
    ]
    assert durations(playlist) == [None, 245, None, None]
    assert not any(entry.is_stream for entry in playlist.entries)
    no_line_breaks(playlist)


def test_case_010_windows_paths(tmp_path: Path) -> None:
    check_010(case_file("010-m3u-windows-backslash-paths.m3u"))
    check_010(write(tmp_path / "lists", "windows.m3u", CASE_010))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("C:/Music/a.mp3", "C:/Music/a.mp3"),
        ("d:\\x.flac", "d:\\x.flac"),
        (".\\sub\\a.mp3", "{folder}/sub/a.mp3"),
        ("sub\\a.mp3", "{folder}/sub/a.mp3"),
        ("odd\\name/a.mp3", "{folder}/odd\\name/a.mp3"),
        ("/abs/./x/../y.mp3", "/abs/y.mp3"),
        ("dup/./same.mp3", "{folder}/dup/same.mp3"),
    ],
)
def test_path_forms(tmp_path: Path, line: str, expected: str) -> None:
    playlist = read_playlist(write(tmp_path, "paths.m3u", line.encode() + b"\n"))
    assert playlist.entries[0].location == expected.format(folder=tmp_path)


def test_file_uris_are_decoded_once(tmp_path: Path) -> None:
    data = (
        b"file:///music/A%20B/%5B1%5D%2541.mp3\n"
        b"file://localhost/music/caf%C3%A9.mp3\n"
        b"file:///music/caf%E9.mp3\n"
        b"file:///C:/Music/x.mp3\n"
    )
    playlist = read_playlist(write(tmp_path, "uris.m3u8", data))
    locations = [entry.location for entry in playlist.entries]
    assert locations == [
        "/music/A B/[1]%41.mp3",
        "/music/café.mp3",
        "/music/caf\udce9.mp3",
        "C:\\Music\\x.mp3",  # a Windows path, as the XSPF writer writes it
    ]
    assert os.fsencode(locations[2]) == b"/music/caf\xe9.mp3"
    assert playlist.entries[2].title == "caf\ufffd"


def test_extart_after_extinf_is_this_packages_layout(tmp_path: Path) -> None:
    data = (
        b"#EXTART:Before\n#EXTINF:1,Before - Kept Whole\na.mp3\n"
        b"#EXTINF:2,After - Split\n#EXTART:After\n#EXTALB:Alb\nb.mp3\n"
        b"#EXTINF:3,Other - Not Prefixed\n#EXTART:After\nc.mp3\n"
    )
    playlist = read_playlist(write(tmp_path, "layout.m3u8", data))
    assert [(e.title, e.artist, e.album) for e in playlist.entries] == [
        ("Before - Kept Whole", "Before", ""),
        ("Split", "After", "Alb"),
        ("Other - Not Prefixed", "After", ""),
    ]


def test_file_uri_of_another_host_is_a_unc_path(tmp_path: Path) -> None:
    data = b"file://nas/share/a%20b.mp3\nfile://localhost/here.mp3\n"
    entries = read_playlist(write(tmp_path, "remote.m3u", data)).entries
    assert [entry.location for entry in entries] == [
        "\\\\nas\\share\\a b.mp3",
        "/here.mp3",
    ]
    assert not any(entry.is_stream for entry in entries)
    assert file_is_missing(entries[0].location)  # kept, flagged as in case 010


# --- 012: URLs --------------------------------------------------------------------

CASE_012 = b"""#EXTM3U
#EXTINF:-1,Example Stream (MP3)
http://radio.example.invalid:8000/live.mp3
#EXTINF:-1,Example Stream (query string)
https://cdn.example.invalid/listen?id=42&fmt=aac%2B#frag
#EXTINF:312,Local File Next To Playlist
local/file.ogg
#EXTINF:-1,Upper Case Scheme
HTTP://RADIO.EXAMPLE.INVALID/UPPER.mp3
#EXTINF:-1,Playlist Referenced By URL
http://radio.example.invalid/other.pls
"""


def check_012(path: Path) -> None:
    playlist = read_playlist(path)
    entries = playlist.entries
    assert len(entries) == 5
    assert [entry.location for entry in entries] == [
        "http://radio.example.invalid:8000/live.mp3",
        "https://cdn.example.invalid/listen?id=42&fmt=aac%2B#frag",
        f"{folder_of(path)}/local/file.ogg",
        "HTTP://RADIO.EXAMPLE.INVALID/UPPER.mp3",
        "http://radio.example.invalid/other.pls",
    ]
    assert [entry.is_stream for entry in entries] == [True, True, False, True, True]
    assert durations(playlist) == [None, None, 312, None, None]


def test_case_012_urls_verbatim(tmp_path: Path, monkeypatch) -> None:
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("no network I/O during import")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    check_012(case_file("012-m3u-url-entries.m3u"))
    check_012(write(tmp_path, "urls.m3u", CASE_012))


def test_url_without_title_uses_the_url(tmp_path: Path) -> None:
    data = b"rtsp://cam.example.invalid/live\nmms://x.example.invalid/a?b=c\n"
    playlist = read_playlist(write(tmp_path, "bare.m3u", data))
    assert titles(playlist) == [
        "rtsp://cam.example.invalid/live",
        "mms://x.example.invalid/a?b=c",
    ]
    assert all(entry.is_stream for entry in playlist.entries)


# --- 014: Windows-1252 ------------------------------------------------------------

CASE_014 = (
    "#EXTM3U\r\n#EXTINF:201,Los Ejemplos - Canción Número Uno\r\n"
    "Los Ejemplos\\Año Cero\\01 - Canción Número Uno.mp3\r\n"
    "#EXTINF:188,Müller & Söhne - Grüße\r\nMüller & Söhne\\Straße\\02 - Grüße.mp3\r\n"
    "#EXTINF:175,Café Fictif – Déjà vu\r\nCafé Fictif\\03 - Déjà vu.mp3\r\n"
).encode("cp1252")


def check_014(path: Path) -> None:
    playlist = read_playlist(path)
    assert titles(playlist) == [
        "Los Ejemplos - Canción Número Uno",
        "Müller & Söhne - Grüße",
        "Café Fictif – Déjà vu",
    ]
    assert playlist.entries[2].location == (
        f"{folder_of(path)}/Café Fictif/03 - Déjà vu.mp3"
    )
    for entry in playlist.entries:
        assert "\ufffd" not in entry.title + entry.location
        assert "Ã" not in entry.title + entry.location
    no_line_breaks(playlist)


def test_case_014_windows_1252(tmp_path: Path) -> None:
    check_014(case_file("014-m3u-cp1252-encoded.m3u"))
    check_014(write(tmp_path, "latin.m3u", CASE_014))


def test_valid_utf8_m3u_is_read_as_utf8(tmp_path: Path) -> None:
    data = "#EXTINF:1,Café – Grüße\ncafé.mp3\n".encode()
    playlist = read_playlist(write(tmp_path, "utf8.m3u", data))
    assert titles(playlist) == ["Café – Grüße"]
    assert playlist.entries[0].location == f"{tmp_path}/café.mp3"


def test_cp1252_undefined_bytes_fall_back_to_latin1(tmp_path: Path) -> None:
    data = b"#EXTINF:1,A\x81B\x9dC \x80\n\xe9.mp3\n"
    playlist = read_playlist(write(tmp_path, "undefined.m3u", data))
    assert titles(playlist) == ["A\x81B\x9dC €"]
    assert playlist.entries[0].location == f"{tmp_path}/é.mp3"


def test_a_stray_byte_in_an_m3u_is_read_line_by_line(tmp_path: Path) -> None:
    # One Windows-1252 line no longer turns the UTF-8 lines into mojibake, and a
    # path that is not UTF-8 keeps its bytes (as in an .m3u8) so it can be found.
    (tmp_path / os.fsdecode(b"Gr\xfc\xdfe.mp3")).write_bytes(b"x")
    data = (
        b"#EXTM3U\n#EXTINF:1,Caf\xc3\xa9 UTF8\ncaf\xc3\xa9.mp3\n"
        b"#EXTINF:1,Gr\xfc\xdfe cp1252\nb.mp3\nGr\xfc\xdfe.mp3\n"
    )
    playlist = read_playlist(write(tmp_path, "mixed.m3u", data))
    assert titles(playlist) == ["Café UTF8", "Grüße cp1252", "Grüße"]
    locations = [os.fsencode(entry.location) for entry in playlist.entries]
    folder = os.fsencode(tmp_path)
    assert locations == [
        folder + b"/caf\xc3\xa9.mp3",
        folder + b"/b.mp3",
        folder + b"/Gr\xfc\xdfe.mp3",
    ]
    assert os.path.exists(playlist.entries[2].location)
    kept = "kept with its original bytes so the file can still be found"
    assert [(w.line, w.message) for w in playlist.warnings] == [
        (4, "line 4: title is not valid UTF-8; read as Windows-1252"),
        (6, f"line 6: path is not valid UTF-8; {kept}"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "#EXTM3U\r\n#EXTINF:3,Ünï\r\nü.mp3\r\n"
    data = text.encode(encoding)
    if encoding.endswith("-be"):
        data = ("\ufeff" + text).encode(encoding)
    playlist = read_playlist(write(tmp_path, "wide.m3u", data))
    assert titles(playlist) == ["Ünï"]
    assert playlist.entries[0].location == f"{tmp_path}/ü.mp3"


# --- 015: invalid UTF-8 in an .m3u8 -----------------------------------------------

CASE_015 = (
    b"#EXTM3U\n#EXTINF:120,Clean Title\nok/clean.mp3\n"
    b"#EXTINF:130,Broken \x7f\xfe Title \xc3\nbroken/na\xefve.mp3\n"
    b"#EXTINF:140,Another Clean Title \xc3\xa9\nok/after.mp3\n"
)


def check_015(path: Path) -> None:
    playlist = read_playlist(path)
    assert len(playlist.entries) == 3
    first, broken, after = playlist.entries
    assert first.title == "Clean Title"
    assert after.title == "Another Clean Title é"
    assert "\ufffd" in broken.title and broken.title.startswith("Broken")
    for entry in playlist.entries:
        entry.title.encode("utf-8")  # stored text is valid UTF-8
    assert os.fsencode(broken.location) == os.fsencode(folder_of(path)) + (
        b"/broken/na\xefve.mp3"
    )
    assert durations(playlist) == [120, 130, 140]
    assert len(playlist.warnings) == 1
    warning = playlist.warnings[0]
    assert warning.line == 4
    assert warning.message.startswith("lines 4-5:")


def test_case_015_invalid_utf8_in_m3u8(tmp_path: Path) -> None:
    check_015(case_file("015-m3u8-invalid-utf8-bytes.m3u8"))
    check_015(write(tmp_path, "broken.m3u8", CASE_015))


def test_m3u8_bad_path_only_still_resolves(tmp_path: Path) -> None:
    name = b"caf\xe9.mp3"
    (tmp_path / os.fsdecode(name)).write_bytes(b"x")
    data = b"#EXTINF:5,Fine\n" + name + b"\n"
    playlist = read_playlist(write(tmp_path, "path.m3u8", data))
    entry = playlist.entries[0]
    assert entry.title == "Fine"
    assert os.path.exists(entry.location)
    assert [w.message.split(":")[0] for w in playlist.warnings] == ["line 2"]


# --- 023, 025, 027: text is kept as it is -----------------------------------------

CASE_023 = b"""#EXTM3U
#EXTINF:100,[/]
markup/01.mp3
#EXTINF:101,Live [/bold] Edit
markup/02.mp3
#EXTINF:102,Placeholder Artist - Track [/
markup/03.mp3
#EXTINF:103,[bold red]Loud[/] and [/italic]
markup/04.mp3
#EXTINF:104,[/Placeholder Artist] - Closing Name
markup/[05] file [/x].mp3
"""


def check_023(path: Path) -> None:
    playlist = read_playlist(path)
    assert titles(playlist) == [
        "[/]",
        "Live [/bold] Edit",
        "Placeholder Artist - Track [/",
        "[bold red]Loud[/] and [/italic]",
        "[/Placeholder Artist] - Closing Name",
    ]
    assert (
        playlist.entries[4].location == f"{folder_of(path)}/markup/[05] file [/x].mp3"
    )


def test_case_023_markup_is_kept_literally(tmp_path: Path) -> None:
    check_023(case_file("023-m3u-markup-closing-tags.m3u"))
    check_023(write(tmp_path, "markup.m3u", CASE_023))


CASE_025 = (
    b"#EXTM3U\n#EXTINF:120,\x1b[31mRed Title\x1b[0m\nctrl/01.mp3\n"
    b"#EXTINF:121,Title With OSC \x1b]0;renamed window\x07 Inside\nctrl/02.mp3\n"
    b"#EXTINF:122,Clipboard \x1b]52;c;cGxhY2Vob2xkZXI=\x1b\\ Probe\nctrl/03.mp3\n"
    b"#EXTINF:123,Bell\x07Back\x08space\x7fDel\tTab\rCR\nctrl/04.mp3\n"
    b"#EXTINF:124,C1 CSI \xc2\x9b2J Clear Screen\nctrl/05.mp3\n"
    b"#EXTINF:125,Cursor \x1b[2A\x1b[10DUp Left\x1b[?25l Hidden\nctrl/06.mp3\n"
    b"#EXTINF:126,Bidi \xe2\x80\xaeevif\xe2\x80\xac Override\nctrl/07.mp3\n"
)


def check_025(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/ctrl/0{number}.mp3" for number in range(1, 8)
    ]
    assert durations(playlist) == list(range(120, 127))
    # Control characters are left for the domain's visible_text rule, except a
    # lone CR, which is a line break and becomes a space.
    assert playlist.entries[0].title == "\x1b[31mRed Title\x1b[0m"
    assert playlist.entries[3].title == "Bell\x07Back\x08space\x7fDel\tTab CR"
    assert playlist.entries[4].title == "C1 CSI \x9b2J Clear Screen"
    assert playlist.entries[6].title == "Bidi \u202eevif\u202c Override"
    no_line_breaks(playlist)


def test_case_025_control_characters(tmp_path: Path) -> None:
    check_025(case_file("025-m3u-ansi-and-control-chars.m3u8"))
    check_025(write(tmp_path, "ctrl.m3u8", CASE_025))


def test_case_027_very_long_strings_are_kept(tmp_path: Path) -> None:
    source = case_file("027-m3u8-very-long-strings.m3u8")
    playlist = read_playlist(source)
    raw = source.read_bytes().decode("utf-8").splitlines()
    assert len(playlist.entries) == 3
    assert playlist.entries[0].title == raw[1].split(",", 1)[1]
    assert len(playlist.entries[0].title) > 2500
    assert playlist.entries[1].title == raw[3].split(",", 1)[1]
    assert playlist.entries[2].location == f"{folder_of(source)}/{raw[-1].strip()}"


def test_long_strings_inline(tmp_path: Path) -> None:
    title = "LongUnbrokenTitle" * 150
    words = " ".join(f"word{number:03d}" for number in range(400))
    deep = "/".join(f"level-{number:02d}" for number in range(40)) + "/" + "n" * 240
    data = f"#EXTINF:300,{title}\na.mp3\n#EXTINF:1,{words}\nb.mp3\n{deep}.mp3\n"
    playlist = read_playlist(write(tmp_path, "long.m3u8", data.encode()))
    assert titles(playlist) == [title, words, "n" * 240]
    assert playlist.entries[2].location == f"{tmp_path}/{deep}.mp3"


# --- 028, 032, 035 ----------------------------------------------------------------


def test_case_028_header_only_is_an_empty_playlist(tmp_path: Path) -> None:
    for path in (
        case_file("028-m3u-empty-playlist.m3u"),
        write(tmp_path, "empty.m3u", b"#EXTM3U\n"),
    ):
        playlist = read_playlist(path)
        assert playlist.entries == []
        assert playlist.warnings == []
    assert read_playlist(write(tmp_path, "zero.m3u", b"")).entries == []


CASE_032 = b"""#EXTM3U
#EXTINF:40,Repeat Me - Same Song
dup/same.mp3
#EXTINF:41,Other - In Between
dup/other.mp3
#EXTINF:40,Repeat Me - Same Song
dup/same.mp3
#EXTINF:40,Repeat Me - Same Song
dup/./same.mp3
"""


def check_032(path: Path) -> None:
    playlist = read_playlist(path)
    folder = folder_of(path)
    assert [entry.location for entry in playlist.entries] == [
        f"{folder}/dup/same.mp3",
        f"{folder}/dup/other.mp3",
        f"{folder}/dup/same.mp3",
        f"{folder}/dup/same.mp3",
    ]


def test_case_032_duplicates_are_kept(tmp_path: Path) -> None:
    check_032(case_file("032-m3u-duplicate-entries.m3u"))
    check_032(write(tmp_path, "dup.m3u", CASE_032))


def test_case_035_twelve_thousand_entries(tmp_path: Path) -> None:
    generator = case_file("035-m3u-12k-entries.gen.py")
    target = tmp_path / "bulk.m3u"
    subprocess.run([sys.executable, str(generator), str(target)], check=True)
    started = time.perf_counter()
    playlist = read_playlist(target)
    elapsed = time.perf_counter() - started
    assert len(playlist.entries) == 12_000
    assert elapsed < 5
    locations = [entry.location for entry in playlist.entries]
    assert len(set(locations)) == 12_000 - 12
    assert playlist.entries[999].location == playlist.entries[499].location
    expected = sum(
        1 + ((n - 500 if n % 1000 == 0 else n) * 7) % 600 for n in range(1, 12_001)
    )
    assert sum(durations(playlist)) == expected
    assert playlist.warnings == []


def test_hundred_thousand_entries_parse_quickly(tmp_path: Path) -> None:
    lines = ["#EXTM3U"]
    for number in range(100_000):
        lines.append(f"#EXTINF:{number % 600 + 1},Artist {number % 97} - Song {number}")
        lines.append(f"music/{number % 97}/{number:06d} song.mp3")
    path = write(tmp_path, "huge.m3u8", "\n".join(lines).encode())
    started = time.perf_counter()
    playlist = read_playlist(path)
    assert time.perf_counter() - started < 4  # target < 2 s; slack for slow CI
    assert len(playlist.entries) == 100_000


# --- dispatch and errors -----------------------------------------------------------


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    playlist = read_playlist(write(tmp_path, "list.txt", b"#EXTM3U\n#EXTINF:3,T\na\n"))
    assert titles(playlist) == ["T"]
    with pytest.raises(FormatError, match="unknown"):
        read_playlist(write(tmp_path, "notes.txt", b"just some notes\n"))


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as raised:
        read_playlist(tmp_path / "nope.m3u")
    message = str(raised.value)
    assert "nope.m3u" in message and "no such file" in message
    with pytest.raises(FormatError, match="folder"):
        read_playlist(tmp_path)


def test_binary_file_is_a_format_error(tmp_path: Path) -> None:
    path = write(tmp_path, "song.m3u", b"ID3\x04\x00\x00\x00\x00\x00\x00binary")
    with pytest.raises(FormatError, match="binary"):
        read_playlist(path)


@pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"),
    reason="needs named pipes and /dev/zero",
)
def test_only_a_regular_file_is_read(tmp_path: Path) -> None:
    # In a child with a memory limit and a timeout: read whole, /dev/zero fills
    # memory, and opening a named pipe blocks until something writes to it.
    pipe = tmp_path / "pipe.m3u"
    os.mkfifo(pipe)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from playlist_tui.formats import read_playlist\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        read_playlist(path)\n"
        "    except Exception as exc:\n"
        "        print(type(exc).__name__, exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "/dev/zero", str(pipe)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    refused = "FormatError Cannot read playlist"
    advice = "not a regular file. Choose a .m3u, .m3u8, .pls or .xspf file."
    assert done.stdout.splitlines() == [
        f"{refused} /dev/zero: it is a character device, {advice}",
        f"{refused} {pipe}: it is a named pipe, {advice}",
    ]


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(reader, "MAX_PLAYLIST_BYTES", 1000)
    assert len(read_playlist(write(tmp_path, "fits.m3u", b"a.mp3\n" * 166)).entries)
    big = write(tmp_path, "big.m3u", b"a.mp3\n" * 200)
    with pytest.raises(FormatError, match="big.m3u: it is larger than"):
        read_playlist(big)
    # A file whose size is not known in advance (as in /proc) is cut off at the
    # cap + 1 bytes and refused as well.
    real_fstat = os.fstat

    def sizeless(descriptor: int) -> os.stat_result:
        fields = list(real_fstat(descriptor))
        fields[stat.ST_SIZE] = 0
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", sizeless)
    with pytest.raises(FormatError, match="big.m3u: it is larger than"):
        read_playlist(big)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may read anything"
)
def test_unreadable_file_is_a_format_error(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.m3u", b"a.mp3\n")
    path.chmod(0)
    with pytest.raises(FormatError, match="permission denied"):
        read_playlist(path)


def test_is_playlist_file() -> None:
    assert is_playlist_file("a.m3u") and is_playlist_file("B.M3U8")
    assert is_playlist_file(Path("x.pls")) and is_playlist_file(b"y.xspf")
    assert not is_playlist_file("song.mp3") and not is_playlist_file("m3u")


def test_entries_are_frozen_values() -> None:
    entry = Entry(title="T", location="/x.mp3")
    with pytest.raises(AttributeError):
        entry.title = "U"  # type: ignore[misc]
    assert entry.duration is None and entry.is_stream is False
    assert CASES.name == "inputs"


def test_package_stays_pure_python() -> None:
    code = (
        "import sys, playlist_tui.formats; "
        "print(sorted(m for m in ('textual', 'sqlite3', 'sqlite_utils') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
