"""Writing playlists: layout of each format, re-export of the cases, atomicity."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from formats_support import case_file, write

from playlist_tui.domain.errors import FormatError
from playlist_tui.formats import export_formats, read_playlist, write_playlist

XSPF = "{http://xspf.org/ns/0/}"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Track:
    title: str
    location: str | None
    artist: str = ""
    album: str = ""
    duration: float | None = None


def sample(folder: Path) -> list[Track]:
    return [
        Track("Morning", f"{folder}/mix/morning.mp3", "Some Artist", "Days", 120.4),
        Track("Radio", "http://r.example.invalid/live?a=1&b=%2B#x", duration=None),
        Track("Far, away [/bold]", "/elsewhere/far away.ogg", duration=0.2),
        Track("Win", "C:\\Music\\x.mp3", duration=61.5),
        Track("Nowhere", None, duration=5),
    ]


def test_export_formats() -> None:
    assert export_formats() == ("m3u8", "m3u", "pls", "xspf")


def test_m3u8_layout(tmp_path: Path) -> None:
    target = tmp_path / "out.m3u8"
    write_playlist(target, sample(tmp_path), name="My List")
    assert target.read_bytes().decode("utf-8") == (
        "#EXTM3U\n"
        "#PLAYLIST:My List\n"
        "#EXTINF:120,Some Artist - Morning\n"
        "#EXTART:Some Artist\n"
        "#EXTALB:Days\n"
        "mix/morning.mp3\n"
        "#EXTINF:-1,Radio\n"
        "http://r.example.invalid/live?a=1&b=%2B#x\n"
        "#EXTINF:1,Far, away [/bold]\n"
        "/elsewhere/far away.ogg\n"
        "#EXTINF:62,Win\n"
        "C:\\Music\\x.mp3\n"
    )
    back = read_playlist(target)
    assert back.name == "My List"
    assert [(e.title, e.artist, e.album, e.duration) for e in back.entries] == [
        ("Morning", "Some Artist", "Days", 120),
        ("Radio", "", "", None),
        ("Far, away [/bold]", "", "", 1),
        ("Win", "", "", 62),
    ]
    assert [e.location for e in back.entries] == [
        t.location for t in sample(tmp_path)[:4]
    ]


def test_case_008_a_title_naming_its_artist_is_not_prefixed_again(
    tmp_path: Path,
) -> None:
    original, target, again = reexport(
        case_file("008-m3u8-comments-and-directives.m3u8"), tmp_path, "m3u8"
    )
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[2:5] == [
        "#EXTART:Placeholder Artist",
        "#EXTINF:120,Placeholder Artist - Morning",
        "#EXTALB:Placeholder Album",
    ]
    assert [(e.title, e.artist) for e in again.entries] == [
        (e.title, e.artist) for e in original.entries
    ]
    assert again.entries[0].title == "Placeholder Artist - Morning"


def test_m3u_declares_utf8_and_has_no_bom(tmp_path: Path) -> None:
    target = tmp_path / "out.m3u"
    write_playlist(target, [Track("Café – Grüße", str(tmp_path / "é.mp3"), duration=3)])
    data = target.read_bytes()
    assert data.startswith(b"#EXTM3U\n#EXTENC:UTF-8\n")
    assert "Café – Grüße".encode() in data
    assert read_playlist(target).entries[0].title == "Café – Grüße"


def test_pls_layout(tmp_path: Path) -> None:
    target = tmp_path / "out.pls"
    write_playlist(target, sample(tmp_path))
    assert target.read_text(encoding="utf-8") == (
        "[playlist]\n"
        "File1=mix/morning.mp3\nTitle1=Morning\nLength1=120\n"
        "File2=http://r.example.invalid/live?a=1&b=%2B#x\nTitle2=Radio\nLength2=-1\n"
        "File3=/elsewhere/far away.ogg\nTitle3=Far, away [/bold]\nLength3=1\n"
        "File4=C:\\Music\\x.mp3\nTitle4=Win\nLength4=62\n"
        "NumberOfEntries=4\nVersion=2\n"
    )
    back = read_playlist(target)
    assert back.warnings == []
    assert [e.title for e in back.entries] == [
        "Morning",
        "Radio",
        "Far, away [/bold]",
        "Win",
    ]


def test_xspf_layout(tmp_path: Path) -> None:
    target = tmp_path / "out.xspf"
    tracks = sample(tmp_path)
    tracks[0].title = "A & B <c> \x01\ufffe\ud800 ok"
    write_playlist(target, tracks, name="Q & A")
    text = target.read_text(encoding="utf-8")
    assert 'xmlns="http://xspf.org/ns/0/"' in text and 'version="1"' in text
    assert "ns0:" not in text
    root = ElementTree.fromstring(target.read_bytes())
    assert root.tag == f"{XSPF}playlist" and root.get("version") == "1"
    assert root.find(f"{XSPF}title").text == "Q & A"
    tracks_xml = root.findall(f"{XSPF}trackList/{XSPF}track")
    assert [t.find(f"{XSPF}location").text for t in tracks_xml] == [
        "mix/morning.mp3",
        "http://r.example.invalid/live?a=1&b=%2B#x",
        "file:///elsewhere/far%20away.ogg",
        "file:///C:/Music/x.mp3",
    ]
    assert tracks_xml[0].find(f"{XSPF}title").text == "A & B <c> \ufffd\ufffd\ufffd ok"
    assert tracks_xml[0].find(f"{XSPF}duration").text == "120400"
    assert tracks_xml[1].find(f"{XSPF}duration") is None
    assert tracks_xml[0].find(f"{XSPF}creator").text == "Some Artist"


def test_windows_paths_are_file_uris_in_xspf_and_read_back(tmp_path: Path) -> None:
    locations = [
        "C:\\Music\\Loose Track.mp3",
        "d:\\100% [live]\\é.flac",
        "\\\\nas\\share\\music\\Network Track.flac",
    ]
    target = tmp_path / "win.xspf"
    write_playlist(target, [Track("T", location) for location in locations])
    root = ElementTree.fromstring(target.read_bytes())
    assert [e.text for e in root.iter(f"{XSPF}location")] == [
        "file:///C:/Music/Loose%20Track.mp3",
        "file:///d:/100%25%20%5Blive%5D/%C3%A9.flac",
        "file://nas/share/music/Network%20Track.flac",
    ]
    back = read_playlist(target)
    assert [entry.location for entry in back.entries] == locations
    assert back.warnings == []


def test_line_breaks_in_titles_become_spaces(tmp_path: Path) -> None:
    track = Track("one\r\ntwo\nthree\rfour", str(tmp_path / "a.mp3"), "x\ny")
    for fmt in export_formats():
        target = tmp_path / f"breaks.{fmt}"
        write_playlist(target, [track])
        data = target.read_bytes()
        assert b"\r" not in data
        entry = read_playlist(target).entries[0]
        assert entry.title == "one two three four"
        assert entry.location == str(tmp_path / "a.mp3")
        if fmt != "pls":
            assert entry.artist == "x y"


def test_awkward_paths_survive_line_formats(tmp_path: Path) -> None:
    names = ["#hash.mp3", "line\nbreak.mp3", " padded .mp3", "back\\slash.mp3"]
    names += [os.fsdecode(b"caf\xe9.mp3"), "dots\\..", "end\\"]  # not folders
    tracks = [Track(f"T{n}", str(tmp_path / name)) for n, name in enumerate(names)]
    tracks.append(Track("Outside", os.fsdecode(b"/other/caf\xe9 x.mp3")))
    for fmt in export_formats():
        target = tmp_path / f"awkward.{fmt}"
        write_playlist(target, tracks)
        target.read_bytes().decode("utf-8")  # still valid UTF-8
        back = read_playlist(target)
        assert [e.location for e in back.entries] == [t.location for t in tracks], fmt
        assert [w.message for w in back.warnings] == []


# --- re-export of the acceptance cases ---------------------------------------------


def reexport(source: Path, tmp_path: Path, fmt: str):
    playlist = read_playlist(source)
    target = tmp_path / f"again.{fmt}"
    write_playlist(target, playlist.entries, name=playlist.name)
    return playlist, target, read_playlist(target)


@pytest.mark.parametrize("fmt", ["m3u8", "m3u", "pls", "xspf"])
@pytest.mark.parametrize(
    "case",
    [
        "001-m3u-bom-first-line-path.m3u",
        "002-m3u8-crlf-line-endings.m3u8",
        "004-m3u-extinf-minus-one.m3u",
        "008-m3u8-comments-and-directives.m3u8",
        "010-m3u-windows-backslash-paths.m3u",
        "012-m3u-url-entries.m3u",
        "014-m3u-cp1252-encoded.m3u",
        "015-m3u8-invalid-utf8-bytes.m3u8",
        "016-pls-count-smaller-than-entries.pls",
        "019-xspf-namespace-percent-uris.xspf",
        "021-xspf-prefixed-namespace.xspf",
        "023-m3u-markup-closing-tags.m3u",
        "025-m3u-ansi-and-control-chars.m3u8",
        "027-m3u8-very-long-strings.m3u8",
        "032-m3u-duplicate-entries.m3u",
    ],
)
def test_cases_reexport(tmp_path: Path, case: str, fmt: str) -> None:
    original, target, again = reexport(case_file(case), tmp_path, fmt)
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    assert b"\r" not in data  # one consistent line ending: LF
    data.decode("utf-8")
    if fmt == "xspf":
        root = ElementTree.fromstring(data)  # well-formed
        assert root.tag == f"{XSPF}playlist"
        assert b"ns0:" not in data
    assert [e.location for e in again.entries] == [e.location for e in original.entries]
    expected_titles = [e.title for e in original.entries]
    if fmt == "xspf":  # characters XML 1.0 cannot hold become U+FFFD
        expected_titles = [NOT_XML.sub("\ufffd", title) for title in expected_titles]
    assert [e.title for e in again.entries] == expected_titles
    assert [e.is_stream for e in again.entries] == [
        e.is_stream for e in original.entries
    ]
    assert [e.duration for e in again.entries] == [
        None if d is None else (round(d, 3) if fmt == "xspf" else max(1, int(d + 0.5)))
        for d in (e.duration for e in original.entries)
    ]
    if fmt != "pls":
        assert [e.artist for e in again.entries] == [e.artist for e in original.entries]
        assert [e.album for e in again.entries] == [e.album for e in original.entries]
    if fmt == "pls":
        assert f"NumberOfEntries={len(original.entries)}\n".encode() in data
    if fmt == "m3u":
        assert data.startswith(b"#EXTM3U\n#EXTENC:UTF-8\n")


def test_case_004_exports_minus_one(tmp_path: Path) -> None:
    _, target, _ = reexport(case_file("004-m3u-extinf-minus-one.m3u"), tmp_path, "m3u")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("#EXTINF")] == [
        "#EXTINF:-1,Example Radio One",
        "#EXTINF:-1,Local Recording With Unknown Length",
        "#EXTINF:-1,Leading Space Before Duration",
    ]


def test_case_012_urls_written_back_unchanged(tmp_path: Path) -> None:
    source = case_file("012-m3u-url-entries.m3u")
    for fmt in ("m3u8", "pls"):
        _, target, _ = reexport(source, tmp_path, fmt)
        text = target.read_text(encoding="utf-8")
        for url in (
            "http://radio.example.invalid:8000/live.mp3",
            "https://cdn.example.invalid/listen?id=42&fmt=aac%2B#frag",
            "HTTP://RADIO.EXAMPLE.INVALID/UPPER.mp3",
        ):
            assert url in text


def test_case_019_reexport_percent_encoded(tmp_path: Path) -> None:
    _, target, again = reexport(
        case_file("019-xspf-namespace-percent-uris.xspf"), tmp_path, "xspf"
    )
    text = target.read_text(encoding="utf-8")
    assert (
        "<location>file:///library/Caf%C3%A9%20Band/Sinf%C3%B3nica%20%26%20Co/"
        "02%20%C3%89t%C3%A9.ogg</location>"
    ) in text
    assert (
        "<location>http://radio.example.invalid/stream?x=1&amp;y=2</location>" in text
    )
    assert "<album>Sinfónica &amp; Co</album>" in text
    assert "<duration>93500</duration>" in text
    assert again.name == "Encoded Locations"


def test_case_032_delete_one_copy_then_export(tmp_path: Path) -> None:
    playlist = read_playlist(case_file("032-m3u-duplicate-entries.m3u"))
    kept = playlist.entries[1:]
    target = tmp_path / "dups.m3u"
    write_playlist(target, kept)
    again = read_playlist(target)
    assert [(e.title, e.location) for e in again.entries] == [
        (e.title, e.location) for e in kept
    ]


# --- atomic writing and errors ------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_no_space_left_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = write(tmp_path, "keep.m3u8", b"#EXTM3U\nold.mp3\n")

    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FormatError) as raised:
        write_playlist(target, [Track("New", "/new.mp3")])
    message = str(raised.value)
    assert str(target) in message and "no space left on device" in message
    assert target.read_bytes() == b"#EXTM3U\nold.mp3\n"
    assert leftovers(tmp_path) == []


def test_failure_while_writing_tracks(tmp_path: Path) -> None:
    def tracks():
        yield Track("One", "/one.mp3")
        raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / "new.pls"
    with pytest.raises(FormatError, match="no space left on device"):
        write_playlist(target, tracks())
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_bad_track_objects_become_format_errors(tmp_path: Path) -> None:
    class Broken:
        title = "x"
        location = "/x.mp3"

        @property
        def duration(self):
            raise RuntimeError("boom")

    target = write(tmp_path, "x.xspf", b"old")
    with pytest.raises(FormatError, match="boom"):
        write_playlist(target, [Broken()])
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_format_choice_and_errors(tmp_path: Path) -> None:
    track = Track("T", str(tmp_path / "t.mp3"))
    write_playlist(tmp_path / "list.txt", [track], fmt="PLS")
    assert (tmp_path / "list.txt").read_text().startswith("[playlist]\n")
    write_playlist(tmp_path / "UPPER.XSPF", [track])
    assert (tmp_path / "UPPER.XSPF").read_text().startswith("<?xml")
    with pytest.raises(FormatError, match="unknown format"):
        write_playlist(tmp_path / "list.txt", [track])
    with pytest.raises(FormatError, match="unknown format"):
        write_playlist(tmp_path / "x.m3u", [track], fmt="wpl")
    with pytest.raises(FormatError, match="folder does not exist"):
        write_playlist(tmp_path / "missing" / "x.m3u", [track])
    (tmp_path / "dir.m3u").mkdir()
    with pytest.raises(FormatError, match="folder"):
        write_playlist(tmp_path / "dir.m3u", [track])
    assert leftovers(tmp_path) == []


def test_file_mode(tmp_path: Path) -> None:
    track = Track("T", "/t.mp3")
    target = tmp_path / "new.m3u"
    write_playlist(target, [track])
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o600)
    write_playlist(target, [track])
    assert target.stat().st_mode & 0o777 == 0o600


def test_empty_playlist(tmp_path: Path) -> None:
    for fmt in export_formats():
        target = tmp_path / f"empty.{fmt}"
        write_playlist(target, [])
        assert read_playlist(target).entries == []
    assert "NumberOfEntries=0" in (tmp_path / "empty.pls").read_text()


def test_file_is_missing(tmp_path) -> None:
    from playlist_tui.formats import file_is_missing

    here = tmp_path / "caf\udce9.mp3"  # a file name that is not UTF-8
    here.write_bytes(b"x")
    assert not file_is_missing(str(here))
    assert not file_is_missing("file://" + str(tmp_path / "caf%E9.mp3"))
    assert file_is_missing(str(tmp_path / "gone.mp3"))
    assert file_is_missing("C:\\Music\\x.mp3")
    assert file_is_missing("\\\\nas\\share\\x.flac")
    assert not file_is_missing("https://radio.invalid/live")
    assert not file_is_missing(None) and not file_is_missing("")


def test_a_device_or_a_pipe_is_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.m3u"
    os.mkfifo(pipe)
    with pytest.raises(FormatError, match="not a regular file"):
        write_playlist(pipe, [Track("New", "/new.mp3")])
    assert pipe.is_fifo()
    with pytest.raises(FormatError, match="not a regular file"):
        write_playlist("/dev/null", [Track("New", "/new.mp3")], fmt="m3u")
    assert Path("/dev/null").is_char_device()
    assert leftovers(tmp_path) == []


def test_through_a_link_the_file_is_written_and_the_link_kept(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = write(tmp_path / "real", "list.m3u8", b"#EXTM3U\nold.mp3\n")
    link = tmp_path / "link.m3u8"
    link.symlink_to(real)
    write_playlist(link, [Track("New", str(tmp_path / "new.mp3"))])
    assert link.is_symlink()
    # Relative to the link's folder, where a player reading the link looks.
    assert real.read_text().splitlines()[-1] == "new.mp3"
