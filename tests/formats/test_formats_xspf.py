"""Reading XSPF playlists: acceptance cases 019 and 021."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_support import case_file, write

from playlist_tui.domain.errors import FormatError
from playlist_tui.formats import read_playlist

CASE_019 = """<?xml version="1.0" encoding="UTF-8"?>
<playlist version="1" xmlns="http://xspf.org/ns/0/">
  <title>Encoded Locations</title>
  <trackList>
    <track>
      <location>file:///library/Some%20Artist/Live%20%5B2019%5D/01%20Intro.flac</location>
      <title>Intro [Live]</title>
      <creator>Some Artist</creator>
      <album>Live [2019]</album>
      <duration>93500</duration>
    </track>
    <track>
      <location>file:///library/Caf%C3%A9%20Band/Sinf%C3%B3nica%20%26%20Co/02%20%C3%89t%C3%A9.ogg</location>
      <title>Été</title>
      <creator>Café Band</creator>
      <album>Sinfónica &amp; Co</album>
      <duration>241000</duration>
    </track>
    <track>
      <location>http://radio.example.invalid/stream?x=1&amp;y=2</location>
      <title>Stream Without Duration</title>
    </track>
  </trackList>
</playlist>
""".encode()

CASE_021 = (
    b"<?xml version='1.0' encoding='UTF-8'?>\n"
    b'<ns0:playlist xmlns:ns0="http://xspf.org/ns/0/" version="1"><ns0:title>'
    b"Prefixed</ns0:title><ns0:trackList><ns0:track><ns0:location>file:///library/a/"
    b"one.ogg</ns0:location><ns0:title>One</ns0:title><ns0:duration>60000"
    b"</ns0:duration></ns0:track><ns0:track><ns0:location>file:///library/a/two.ogg"
    b"</ns0:location><ns0:title>Two</ns0:title><ns0:duration>75000</ns0:duration>"
    b"</ns0:track></ns0:trackList></ns0:playlist>\n"
)


def check_019(path: Path) -> None:
    playlist = read_playlist(path)
    assert playlist.name == "Encoded Locations"
    assert [entry.location for entry in playlist.entries] == [
        "/library/Some Artist/Live [2019]/01 Intro.flac",
        "/library/Café Band/Sinfónica & Co/02 Été.ogg",
        "http://radio.example.invalid/stream?x=1&y=2",
    ]
    assert [(e.title, e.artist, e.album) for e in playlist.entries] == [
        ("Intro [Live]", "Some Artist", "Live [2019]"),
        ("Été", "Café Band", "Sinfónica & Co"),
        ("Stream Without Duration", "", ""),
    ]
    assert [entry.duration for entry in playlist.entries] == [93.5, 241.0, None]
    assert [entry.is_stream for entry in playlist.entries] == [False, False, True]


def test_case_019_default_namespace_and_percent_uris(tmp_path: Path) -> None:
    check_019(case_file("019-xspf-namespace-percent-uris.xspf"))
    check_019(write(tmp_path, "encoded.xspf", CASE_019))


def check_021(path: Path) -> None:
    playlist = read_playlist(path)
    assert playlist.name == "Prefixed"
    assert [(e.title, e.duration) for e in playlist.entries] == [
        ("One", 60.0),
        ("Two", 75.0),
    ]
    assert [entry.location for entry in playlist.entries] == [
        "/library/a/one.ogg",
        "/library/a/two.ogg",
    ]


def test_case_021_prefixed_namespace(tmp_path: Path) -> None:
    check_021(case_file("021-xspf-prefixed-namespace.xspf"))
    check_021(write(tmp_path, "prefixed.xspf", CASE_021))


def test_no_namespace_relative_locations_and_track_numbers(tmp_path: Path) -> None:
    data = (
        b"\xef\xbb\xbf<playlist><trackList>"
        b"<track><location>sub/A%20B.ogg</location><trackNum>7</trackNum>"
        b"<duration>abc</duration></track>"
        b"<track><title>No location</title></track>"
        b"<track><location>C:\\Music\\x.mp3</location><duration>0</duration></track>"
        b"</trackList></playlist>"
    )
    playlist = read_playlist(write(tmp_path, "plain.xspf", data))
    assert playlist.name == "plain"
    assert [
        (e.title, e.location, e.track_number, e.duration) for e in playlist.entries
    ] == [
        ("A B", f"{tmp_path}/sub/A B.ogg", 7, None),
        ("x", "C:\\Music\\x.mp3", None, None),
    ]
    messages = [warning.message for warning in playlist.warnings]
    assert len(messages) == 2
    assert messages[0].startswith("track 1:") and messages[1].startswith("track 2:")


def test_a_location_naming_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "album").mkdir()
    locations = [
        ".",
        "..",
        "album",
        "album/",
        f"file://{tmp_path}/album",
        f"file://{tmp_path}/album/",
        f"file://{tmp_path}",
        "real.mp3",
    ]
    data = (
        "<playlist><trackList>"
        + "".join(f"<track><location>{text}</location></track>" for text in locations)
        + "</trackList></playlist>"
    ).encode()
    playlist = read_playlist(write(tmp_path, "folders.xspf", data))
    assert [entry.location for entry in playlist.entries] == [f"{tmp_path}/real.mp3"]
    assert [w.message for w in playlist.warnings] == [
        f"track {number}: <location> names a folder, not a file; skipped"
        for number in range(1, 8)
    ]
    assert all(warning.skipped for warning in playlist.warnings)


def test_a_file_uri_of_another_host_is_a_unc_path(tmp_path: Path) -> None:
    data = (
        b"<playlist><trackList><track><location>file://host/share/f.mp3</location>"
        b"</track><track><location>file:///C:/Music/a%20b.mp3</location></track>"
        b"</trackList></playlist>"
    )
    playlist = read_playlist(write(tmp_path, "remote.xspf", data))
    assert [(e.location, e.is_stream) for e in playlist.entries] == [
        ("\\\\host\\share\\f.mp3", False),
        ("C:\\Music\\a b.mp3", False),
    ]


def test_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<playlist><title>&lol3;</title><trackList/></playlist>"
    )
    with pytest.raises(FormatError) as raised:
        read_playlist(write(tmp_path, "bomb.xspf", bomb))
    assert "bomb.xspf" in str(raised.value) and "entit" in str(raised.value)


def test_a_refused_entity_is_named_in_words(tmp_path: Path) -> None:
    data = b'<!DOCTYPE p [<!ENTITY lol "x">]><playlist><title>&lol;</title></playlist>'
    with pytest.raises(FormatError) as raised:
        read_playlist(write(tmp_path, "entity.xspf", data))
    message = str(raised.value)
    assert "it declares the entity 'lol'; entities are refused for safety" in message
    assert "Forbidden" not in message and "system_id" not in message


@pytest.mark.parametrize(
    "data",
    [b"", b"not xml at all", b"<playlist><trackList>", b"<html><body/></html>"],
)
def test_not_xspf_is_a_format_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(FormatError, match="broken.xspf"):
        read_playlist(write(tmp_path, "broken.xspf", data))


def test_sniffed_xspf(tmp_path: Path) -> None:
    playlist = read_playlist(write(tmp_path, "mystery.xml", CASE_021))
    assert playlist.name == "Prefixed"


def test_a_duration_over_1000_hours_is_unknown_and_said_so(tmp_path: Path) -> None:
    data = (
        b'<playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>'
        b"<track><location>/a.mp3</location><duration>999999999999999</duration>"
        b"</track></trackList></playlist>"
    )
    playlist = read_playlist(write(tmp_path, "long.xspf", data))
    assert playlist.entries[0].duration is None
    [warning] = playlist.warnings
    assert "is longer than 1000 hours" in warning.message
