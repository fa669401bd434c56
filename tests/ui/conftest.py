"""Fixtures of the UI tests: a session on a temporary database with a fake clock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests_support import FakeClock

from playlist_tui.session import Session


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def session(db_path: Path, clock: FakeClock) -> Iterator[Session]:
    opened = Session.open(db_path, clock=clock)
    yield opened
    with contextlib.suppress(Exception):  # a test may have closed it already
        opened.close()
