"""Benchmark the supervision commands at city scale (3,000 tasks, 600 units,
two quarters of returns in 进展): summary, bulletin and remind.

    .venv/bin/python scripts/bench_supervise.py [--keep DIR]

Each timed phase runs in its own process (its peak RSS is its own) and
includes reading the master.  Target (issue 12): each under 2 s.  The wall
time is the phase's own; user and sys CPU are the whole process's (Python
start and imports included), the fairer figure on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHASES = ("master", "summary", "bulletin", "remind")


def _progress(notice, seed: int = 11):
    """Return Q1 and Q2 entries: every lead unit reports on its tasks,
    except one unit in ten each quarter; statuses and percents vary."""
    from toolkit.model import ProgressEntry

    rng = random.Random(seed)
    entries = []
    for quarter, expected in (("2023Q1", 25), ("2023Q2", 50)):
        silent = {f"区第{i + 1}局" for i in rng.sample(range(600), 60)}
        for task in notice.tasks:
            for unit in task.lead_units:
                if unit in silent:
                    continue
                percent = max(0, min(100, expected + rng.randint(-45, 20)))
                status = "已完成" if percent == 100 else "滞后" if percent < expected - 10 else "序时推进"
                entries.append(ProgressEntry(task.id, quarter, unit, status, float(percent), "按计划推进",
                                             "要素保障不足" if status == "滞后" else "", "加快推进",
                                             f"{quarter[:4]}-0{3 * int(quarter[-1]) + 1}-05 09:00:00", "bench.xlsx"))
    return entries


def phase(name: str, work: Path) -> tuple[float, str]:
    """Run phase `name` in `work`; return its wall time and a short note."""
    master = work / "master.xlsx"
    start = time.perf_counter()
    note = ""
    if name == "master":
        from toolkit.progress.settings import settings_sheet
        from toolkit.synthetic import make_notice
        from toolkit.workbook.rows import unit_rows
        from toolkit.workbook.write import write_master
        notice = make_notice(3000, 600)
        entries = _progress(notice)
        write_master(master, notice, unit_rows(notice), entries, extra_sheets=[settings_sheet()])
        note = f"{len(entries)} 进展 rows"
    elif name == "summary":
        from toolkit.progress.summary import write_summary
        from toolkit.workbook.read import read_master
        write_summary(read_master(master), "2023Q2", work / "季度进展.docx")
    elif name == "bulletin":
        from toolkit.progress.bulletin import write_bulletin
        figures = write_bulletin(master, "2023Q2", work / "督查通报.docx")
        note = f"{len(figures.ranking)} units ranked"
    elif name == "remind":
        from toolkit.progress.remind import write_reminders
        result = write_reminders(master, "2023Q2", work / "催办", combined=True)
        note = f"{len(result.files)} 催办单 + combined, {result.recorded} recorded"
    return time.perf_counter() - start, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=PHASES)
    parser.add_argument("--keep", type=Path, help="工作目录（保留生成的文件）")
    parser.add_argument("work", nargs="?", type=Path)
    args = parser.parse_args()
    if args.phase:
        seconds, note = phase(args.phase, args.work)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        # CPU time too: on a shared machine the wall time mostly measures the others.
        print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime,
                          "sys": usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "note": note}))
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-supervise-"))
    work.mkdir(parents=True, exist_ok=True)
    for name in PHASES:
        out = subprocess.run([sys.executable, __file__, "--phase", name, str(work)],
                             check=True, capture_output=True, text=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"supervise {name:9s} {result['seconds']:6.2f} s wall  {result['cpu']:6.2f} s cpu "
              f"(user {result['user']:.2f} + sys {result['sys']:.2f}, whole process with imports)   "
              f"peak {result['peak_mb']:6.0f} MB   {result['note']}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} after the run")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
