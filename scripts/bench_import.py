"""Benchmark `toolkit import` on a city-scale notice: 3,000 tasks, 600 units.

Prints wall time, CPU time (what other load on the machine changes
least) and peak memory; run by `make bench` (scripts/benchmark.py),
never as a timed test.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.cli import tune_collections  # noqa: E402
from toolkit.importing import import_notices  # noqa: E402
from toolkit.synthetic import make_notice, notice_text  # noqa: E402


def main() -> None:
    tune_collections()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "synthetic-notice.txt"
        notice = make_notice(tasks=3000, units=600)
        source.write_text(notice_text(notice), encoding="gb18030")
        start, cpu = time.perf_counter(), time.process_time()
        report = import_notices([source], Path(tmp) / "master.xlsx")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tasks = report.notices[0].tasks
    print(f"import: {tasks} tasks, {report.units} units (GB18030 text -> master.xlsx): "
          f"{elapsed:.2f} s (CPU {cpu:.2f} s), peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
