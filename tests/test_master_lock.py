"""One writer at a time, with real processes: a second command waits, then
says the master is busy (exit 1); two collects at once both keep their
rows; a lock left by a killed run is taken over."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from progress_support import answer, forms_for, make_master, returned
from toolkit.workbook.lock import MasterBusy, lock_path, master_lock
from toolkit.workbook.read import read_master

ROOT = Path(__file__).resolve().parent.parent
HOLD = """
import sys, time
from pathlib import Path
from toolkit.workbook.lock import master_lock
with master_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def toolkit(*args: str, wait: str = "0.5") -> subprocess.Popen:
    env = {**os.environ, "TOOLKIT_LOCK_WAIT": wait}
    return subprocess.Popen([sys.executable, "-m", "toolkit", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def world(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    one = returned(forms["区财政局"], tmp_path / "one", {"01-01": answer()})
    two = returned(forms["区教育局"], tmp_path / "two", {"02-01": answer("已完成", 100)})
    return master, one, two


def test_a_second_command_waits_then_says_busy(world):
    master, one, _ = world
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(master), "30"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        busy = toolkit("collect", str(master), str(one), "-q", "2023Q1")
        out, err = busy.communicate(timeout=120)
        assert busy.returncode == 3  # refused, nothing written (issue 13 exit codes)
        assert time.monotonic() - started >= 0.5
        assert err.startswith(f"错误：总台账.xlsx 正在被另一个 toolkit 命令更新（{socket.gethostname()} 上的进程 {holder.pid}，")
        assert read_master(master).progress == []
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_two_collects_at_once_both_keep_their_rows(world):
    master, one, two = world
    runs = [toolkit("collect", str(master), str(path), "-q", "2023Q1", wait="120") for path in (one, two)]
    for run in runs:
        run.communicate(timeout=300)
        assert run.returncode == 0
    read = read_master(master)
    assert sorted((p.task_id, p.unit) for p in read.progress) == [("01-01", "区财政局"), ("02-01", "区教育局")]
    assert not lock_path(master).exists()


SLOW_WRITER = """
import shutil, sys, time
from pathlib import Path
from toolkit.workbook.lock import master_lock
with master_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(8)
    shutil.copy(sys.argv[2], sys.argv[1])   # its save lands late
"""


def test_a_waiting_collect_reads_the_master_the_other_saved(world, tmp_path):
    """The lost update of two collects, made certain: a slow writer holds
    the lock and saves late; the collect started meanwhile must wait and
    add its rows to that save, not to the master it would have read."""
    from toolkit.progress.collect import collect_returns

    master, one, two = world
    saved = tmp_path / "slow-save.xlsx"
    shutil.copy(master, saved)
    collect_returns(saved, [one], "2023Q1")
    writer = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(master), str(saved)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        run = toolkit("collect", str(master), str(two), "-q", "2023Q1", wait="120")
        run.communicate(timeout=300)
        assert run.returncode == 0
    finally:
        writer.wait(timeout=60)
        writer.stdout.close()
    assert sorted(p.task_id for p in read_master(master).progress) == ["01-01", "02-01"]


def test_a_lock_left_by_a_dead_process_is_taken_over(world):
    master, one, _ = world
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    lock_path(master).write_text(json.dumps({"pid": gone.pid, "host": socket.gethostname(), "time": "2023-04-01T08:00:00"}))
    run = toolkit("collect", str(master), str(one), "-q", "2023Q1")
    run.communicate(timeout=120)
    assert run.returncode == 0
    assert [p.task_id for p in read_master(master).progress] == ["01-01"]
    assert not lock_path(master).exists()


def test_another_computers_lock_counts_until_it_is_hours_old(tmp_path):
    master = tmp_path / "总台账.xlsx"
    lock = lock_path(master)
    lock.write_text(json.dumps({"pid": 1, "host": "科室另一台电脑", "time": "2023-04-01T08:00:00"}))
    with pytest.raises(MasterBusy, match="科室另一台电脑 上的进程 1"):
        with master_lock(master, wait=0.2):
            pass
    old = time.time() - 4 * 3600
    os.utime(lock, (old, old))
    with master_lock(master, wait=0.2):
        assert json.loads(lock.read_text())["pid"] == os.getpid()
    assert not lock.exists()
