"""Shared fixtures: the real sample notices and masters imported from them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "inputs"
NOTICES = {
    "longwan": SAMPLES / "longwan-2023-web-page.txt",
    "lucheng2023": SAMPLES / "lucheng-2023-notice.txt",
    "ouhai": SAMPLES / "ouhai-2024-annex.txt",
    "lucheng2020": SAMPLES / "lucheng-2020-pdf-extract.txt",
}
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(params=sorted(NOTICES))
def sample_name(request) -> str:
    """Each sample notice's short name in turn."""
    return request.param


@pytest.fixture(scope="session")
def sample_master(tmp_path_factory):
    """Return a function giving the path of a master imported from a sample."""
    from toolkit.importing import import_notices

    cache: dict[str, Path] = {}

    def make(name: str) -> Path:
        if name not in cache:
            path = tmp_path_factory.mktemp("masters") / f"{name}.xlsx"
            import_notices([NOTICES[name]], path)
            cache[name] = path
        return cache[name]

    return make
