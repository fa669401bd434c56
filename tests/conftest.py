"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import FakeClock

REPO_ROOT = Path(__file__).resolve().parents[1]
CASES = REPO_ROOT.parent / "shared" / "cases" / "inputs"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def cases() -> Path:
    """The shared acceptance inputs; tests that need them skip when absent."""
    if not CASES.is_dir():
        pytest.skip(f"acceptance inputs not found at {CASES}")
    return CASES
