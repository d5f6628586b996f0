"""Shared fixtures. The seed articles and evaluation data are read in place from ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

def _find_shared_data() -> Path:
    """The public data lives beside the checkout (../shared/data); STORYLINE_SHARED_DATA overrides."""
    import os
    candidates = [os.environ.get("STORYLINE_SHARED_DATA"), REPO.parent / "shared" / "data", "/work/shared/data"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return REPO.parent / "shared" / "data"


SHARED_DATA = _find_shared_data()
SEEDS = SHARED_DATA / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip(f"seed articles not found at {SEEDS}")
    return paths
