"""Benchmark collect as 进展 grows: Q1 to Q4 into one 3,000-task master.

    .venv/bin/python scripts/bench_collect_quarters.py [--keep DIR]

Every row of all 600 returns is filled, as units do, each quarter.  Each
timed phase runs in its own process so its peak memory (max RSS) is its
own.  Targets (issue 9): Q4 within 1.3x of Q1, both under 3 s and 200 MB;
then summary and read_master on the four-quarter master.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

QUARTERS = ("2023Q1", "2023Q2", "2023Q3", "2023Q4")


def phase(name: str, work: Path, quarter: str) -> tuple[float, float]:
    """Run phase `name` in `work`; return its wall and CPU (user+sys)
    seconds.  CPU time is the fairer figure when other jobs share the
    cores: waiting for a core does not count in it."""
    from toolkit.workbook.read import read_master

    master = work / "master.xlsx"
    forms, back = work / f"forms-{quarter}", work / f"back-{quarter}"
    if name == "master":
        from toolkit.synthetic import make_notice
        from toolkit.workbook.rows import unit_rows
        from toolkit.workbook.write import write_master
        notice = make_notice(3000, 600)
        write_master(master, notice, unit_rows(notice))
        return 0.0, 0.0
    if name == "prepare":
        from bench_progress import _fill
        from toolkit.progress.forms import write_forms
        write_forms(read_master(master), quarter, forms, force=True)
        _fill(forms, back)
        return 0.0, 0.0
    start, cpu = time.perf_counter(), _cpu()
    if name == "collect":
        from toolkit.progress.collect import collect_returns
        report = collect_returns(master, [back], quarter)
        assert report.ok and report.written, report.lines()[:5]
    elif name == "summary":
        from toolkit.progress.summary import write_summary
        write_summary(read_master(master), quarter, work / "季度进展.docx")
    elif name == "read":
        read_master(master)
    elif name == "read_documents":
        read_master(master, progress=False)
    return time.perf_counter() - start, _cpu() - cpu


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(name: str, work: Path, quarter: str = QUARTERS[0]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", name, "--quarter", quarter, str(work)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase")
    parser.add_argument("--quarter", default=QUARTERS[0])
    parser.add_argument("--keep", type=Path, help="工作目录（保留生成的文件）")
    parser.add_argument("work", nargs="?", type=Path)
    args = parser.parse_args()
    if args.phase:
        seconds, cpu = phase(args.phase, args.work, args.quarter)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak}))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-quarters-"))
    work.mkdir(parents=True, exist_ok=True)
    run("master", work)
    collected = {}
    for quarter in QUARTERS:
        run("prepare", work, quarter)
        collected[quarter] = run("collect", work, quarter)
        size = (work / "master.xlsx").stat().st_size / 1e6
        got = collected[quarter]
        print(f"collect {quarter}: {got['seconds']:5.2f} s (cpu {got['cpu']:5.2f} s)   peak {got['peak_mb']:5.0f} MB"
              f"   master now {size:.1f} MB", flush=True)
    for name in ("read", "read_documents", "summary"):
        result = run(name, work, QUARTERS[-1])
        print(f"{name:14s}: {result['seconds']:5.2f} s (cpu {result['cpu']:5.2f} s)   peak {result['peak_mb']:5.0f} MB",
              flush=True)
    first, last = collected[QUARTERS[0]], collected[QUARTERS[-1]]
    print(f"Q4/Q1 collect time: {last['seconds'] / first['seconds']:.2f}x, cpu {last['cpu'] / first['cpu']:.2f}x"
          " (target <= 1.3x, both < 3 s, < 200 MB)")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
