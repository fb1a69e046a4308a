"""Shared fixtures: the real sample notices and masters imported from them."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
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
@functools.cache
def _soffice_profile() -> Path:
    """Return a LibreOffice profile of this test run's own: two soffice
    processes on one profile (another run, a desktop session) make
    conversions fail.  Removed when the run ends."""
    profile = Path(tempfile.mkdtemp(prefix="toolkit-lo-profile-"))
    atexit.register(shutil.rmtree, profile, ignore_errors=True)
    return profile


def soffice_convert(target: str, source: Path, outdir: Path) -> Path:
    """Convert `source` with LibreOffice (`target`: pdf, xlsx…) into
    `outdir`; return the converted file."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{_soffice_profile()}", "--headless",
                    "--convert-to", target, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target.split(':')[0]}"


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
