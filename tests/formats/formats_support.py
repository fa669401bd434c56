"""Shared helpers of the tests of `playlist_tui.formats` (not a test module)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import make_wav  # noqa: F401 - the format tests import it from here

REPO_ROOT = Path(__file__).resolve().parents[2]
# CI clones the repository with the shared acceptance cases beside it.
CASES = REPO_ROOT.parent / "shared" / "cases" / "inputs"


def case_file(name: str) -> Path:
    """The path of a shared acceptance-case input; skips the test when absent."""
    path = CASES / name
    if not path.is_file():
        pytest.skip(f"shared case input {name} not available")
    return path


def write(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` byte-exact to ``folder / name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
