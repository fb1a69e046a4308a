"""Kill `collect` at any moment: the master is the old one or the new one."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from progress_support import answer, returned
from toolkit.progress.forms import write_forms
from toolkit.synthetic import make_notice
from toolkit.workbook.read import read_master
from toolkit.workbook.rows import unit_rows
from toolkit.workbook.write import write_master

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ("import sys; from toolkit.progress.collect import collect_returns; "
          "collect_returns(sys.argv[1], [sys.argv[2]], '2023Q1')")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A 1,500-task master (its save takes long enough to be hit) and 30 returns."""
    base = tmp_path_factory.mktemp("crash")
    notice = make_notice(tasks=1500, units=300)
    master = base / "master.xlsx"
    write_master(master, notice, unit_rows(notice))
    forms = write_forms(read_master(master), "2023Q1", base / "forms", units=[f"区第{i}局" for i in range(1, 31)])
    back = base / "back"
    for form in forms:
        ids = [t.id for t in notice.tasks if any(u.name == form.stem.split("-", 1)[1] for u in t.units)]
        returned(form, back, {task_id: answer() for task_id in ids})
    reference = base / "reference" / "master.xlsx"
    reference.parent.mkdir()
    shutil.copy(master, reference)
    _run(reference, back).wait(timeout=120)
    expected = sorted((e.task_id, e.unit, e.status) for e in read_master(reference).progress)
    assert len(expected) > 100
    return master, back, expected


def _run(master: Path, back: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(master), str(back)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kill_when(proc: subprocess.Popen, ready, limit: float = 60.0) -> bool:
    """SIGKILL `proc` as soon as `ready()` holds; False if it ended first."""
    end = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < end:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.001)
    proc.wait()
    return False


def _check(master: Path, old_sha: str, expected: list) -> str:
    if _sha(master) == old_sha:
        return "old"
    assert sorted((e.task_id, e.unit, e.status) for e in read_master(master).progress) == expected
    return "new"


def test_killed_while_writing_the_temp_file(world, tmp_path):
    master, back, expected = world
    target = tmp_path / "master.xlsx"
    shutil.copy(master, target)
    old = _sha(target)
    proc = _run(target, back)
    hit = _kill_when(proc, lambda: any(p.name.startswith(".~tmp-") and p.stat().st_size > 0
                                       for p in tmp_path.iterdir()))
    assert hit, "collect ended before the temp file was seen"
    assert _check(target, old, expected) == "old"
    # The leftover temp file does not stop the next run, which completes.
    _run(target, back).wait(timeout=120)
    assert _check(target, old, expected) == "new"


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.0, 1.3, 1.6, 2.0, 2.5])
def test_killed_at_any_moment(world, tmp_path, delay):
    master, back, expected = world
    target = tmp_path / "master.xlsx"
    shutil.copy(master, target)
    old = _sha(target)
    start = time.monotonic()
    _kill_when(_run(target, back), lambda: time.monotonic() - start >= delay)
    assert _check(target, old, expected) in ("old", "new")
