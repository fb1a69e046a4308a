"""Benchmark `toolkit draft`: the sample report and one 20 times its size.

Usage:  .venv/bin/python scripts/bench_draft.py [--factor 20]

Prints, per case, the wall time of draft_report (best of 3) and the peak of
Python allocations (tracemalloc, a separate run).  The big report repeats
every paragraph of the sample 20 times under the same headings, so the
tasks part, the rows and the glossary all grow 20-fold; its hard-wrapped
copy (35 characters a line, `— n —` every 30 lines, as a PDF copy gives it)
times the re-joining of printed lines.  The reference master is the
synthetic city-scale notice (3000 tasks).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.draft import draft_report  # noqa: E402
from toolkit.draft.outline import is_glossary_heading, is_top_heading, section_heading  # noqa: E402
from toolkit.synthetic import make_notice  # noqa: E402
from toolkit.workbook import write_master  # noqa: E402

SAMPLE = ROOT / "inputs" / "longgang-2021-work-report.txt"


def scale_report(text: str, factor: int) -> str:
    """Return `text` with every non-heading paragraph repeated `factor` times."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        heading = is_top_heading(stripped) or section_heading(stripped) or is_glossary_heading(stripped)
        out += [line] * (1 if heading or not stripped else factor)
    return "\n".join(out) + "\n"


def hard_wrap(text: str, width: int = 35, every: int = 30) -> str:
    """Return `text` cut every `width` characters, a page number after every
    `every` lines, blank lines dropped: a report copied out of a PDF."""
    out: list[str] = []
    printed = 0
    for paragraph in filter(None, (line.strip() for line in text.splitlines())):
        for start in range(0, len(paragraph), width):
            out.append(paragraph[start:start + width])
            printed += 1
            if printed % every == 0:
                out.append(f"— {printed // every} —")
    return "\n".join(out) + "\n"


def measure(report: Path, output: Path, references: list[Path]) -> tuple[float, float, object]:
    """Return (best seconds of 3 runs, peak MiB, summary) of one draft."""
    best, summary = float("inf"), None
    for _ in range(3):
        start = time.perf_counter()
        summary = draft_report(report, output, references, force=True)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    draft_report(report, output, references, force=True)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, summary


def imported_reference(folder: Path) -> list[Path]:
    """Return [a master imported from the 2023 Lucheng notice] ([] if the
    import is unavailable)."""
    try:
        from toolkit.importing import import_notices
    except ImportError:
        return []
    path = folder / "lucheng.xlsx"
    import_notices([ROOT / "inputs" / "lucheng-2023-notice.txt"], path)
    return [path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / f"report-x{args.factor}.txt"
        big.write_text(scale_report(SAMPLE.read_text(encoding="utf-8"), args.factor), encoding="utf-8")
        wrapped = tmp / f"report-x{args.factor}-wrapped.txt"
        wrapped.write_text(hard_wrap(big.read_text(encoding="utf-8")), encoding="utf-8")
        reference = tmp / "reference.xlsx"
        write_master(reference, make_notice(tasks=3000, units=600, sections=30), [])
        lucheng = imported_reference(tmp)
        cases = [
            ("sample", SAMPLE, []),
            ("sample + lucheng-2023 reference", SAMPLE, lucheng),
            ("sample + 3000-task reference", SAMPLE, [reference]),
            (f"x{args.factor}", big, []),
            (f"x{args.factor} hard-wrapped (PDF copy)", wrapped, []),
            (f"x{args.factor} + lucheng-2023 reference", big, lucheng),
            (f"x{args.factor} + 3000-task reference", big, [reference]),
        ]
        print(f"sample {SAMPLE.stat().st_size / 1024:.0f} KiB, x{args.factor} {big.stat().st_size / 1024:.0f} KiB")
        print(f"{'case':36} {'seconds':>8} {'peak MiB':>9} {'rows':>6} {'targets':>8} {'terms':>6} {'suggested':>9}")
        for name, report, refs in cases:
            seconds, peak, s = measure(report, tmp / "out.xlsx", refs)
            print(f"{name:36} {seconds:8.2f} {peak:9.1f} {s.rows:6} {s.targets:8} {s.terms:6} {s.suggested_rows:9}")


if __name__ == "__main__":
    main()
