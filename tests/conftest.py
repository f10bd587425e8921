"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The reference corpus beside the repository (../shared/seeds); skips when it is absent."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"参照コーパスがありません: {SEEDS_DIR}（../shared/seeds をリポジトリの隣に置いてください）")
    return SEEDS_DIR
