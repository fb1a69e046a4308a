"""Benchmark collect against hostile returns (issue 10): peak memory and time
of collect on 600 good returns, on each hostile file alone (beside one good
return), and on the 600 with every hostile file mixed in.

    .venv/bin/python scripts/bench_returns.py [--keep DIR]

Each measured run is its own process, so its peak RSS is its own.
Targets: peak memory under 300 MB whatever the returns hold; a hostile
file costs under 2 s.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

HOSTILE = ("xfd1048576", "cv1048576", "ods_repeated", "text_1mb", "control_chars", "broken_xml",
           "max_grid", "forged_2099")


def _rewrite(src: Path, dst: Path, part: str, change) -> None:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            b.writestr(info, change(data) if info.filename == part else data)


def _far(ref: str):
    row = re.search(r"\d+", ref).group()
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'.encode()
    return lambda d: d.replace(b"</sheetData>", cell)


def _max_grid(d: bytes) -> bytes:
    """Just under every limit: ~150,000 cells of distinct text in 15,000
    rows of 10 columns, about 15 MB of XML (a form with no id list)."""
    rnd = random.Random(1)
    rows = []
    for r in range(20, 15_000):
        cells = "".join(f'<c r="{col}{r}" t="inlineStr"><is><t>{rnd.getrandbits(200):x}</t></is></c>'
                        for col in "ABCDEFGHIJ")
        rows.append(f'<row r="{r}">{cells}</row>')
    return d.replace(b"</sheetData>", "".join(rows).encode() + b"</sheetData>")


def make_hostile(form: Path, lo_ods: Path, out: Path) -> None:
    """Write one file per HOSTILE kind into `out`, from the filled `form`."""
    from toolkit.progress.fill import fill_form

    out.mkdir(parents=True, exist_ok=True)
    sheet = "xl/worksheets/sheet1.xml"
    _rewrite(form, out / "xfd1048576.xlsx", sheet, _far("XFD1048576"))
    _rewrite(form, out / "cv1048576.xlsx", sheet, _far("CV1048576"))
    ods_row = (b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
               b'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>')
    _rewrite(lo_ods, out / "ods_repeated.ods", "content.xml", lambda d: d.replace(b"</table:table>", ods_row + b"</table:table>", 1))
    first = _first_id(form)
    marked = fill_form(form, {first: {"完成状态": "序时推进", "进展情况": "PLACEHOLDER"}}, out / "marked.tmp.xlsx")
    rnd = random.Random(2)
    text = "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(1_000_000)).encode()
    _rewrite(marked, out / "text_1mb.xlsx", sheet, lambda d: d.replace(b"PLACEHOLDER", text))
    _rewrite(marked, out / "control_chars.xlsx", sheet, lambda d: d.replace(b"PLACEHOLDER", b"a_x000B_b_x0001_c"))
    _rewrite(form, out / "broken_xml.xlsx", sheet, lambda d: d[: len(d) // 2])
    _rewrite(form, out / "max_grid.xlsx", sheet, _max_grid)
    _forged(form, out / "forged_2099.xlsx")
    marked.unlink()


def _forged(form: Path, target: Path) -> None:
    """A unit's return with its marker edited to name another unit and its
    save time set to 2099."""
    import openpyxl

    book = openpyxl.load_workbook(form)
    for row in book["表单标识"].iter_rows():
        if row[0].value == "填报单位":
            row[1].value = "区第1局" if row[1].value != "区第1局" else "区第2局"
    tmp = target.with_suffix(".tmp.xlsx")
    book.save(tmp)
    _rewrite(tmp, target, "docProps/core.xml",
             lambda d: re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2099-01-01T00:00:00Z", d))
    tmp.unlink()


def _first_id(form: Path) -> str:
    from toolkit.progress.returns import read_return

    return read_return(form).rows[0].values["编号"]


def phase(name: str, work: Path) -> dict:
    """Run `name` in `work`; return its figures."""
    from toolkit.progress.collect import collect_returns

    back, hostile = work / "back", work / "hostile"
    if name == "collect600":  # into the master as the forms left it
        copy = work / "master-600.xlsx"
        shutil.copy(work / "master-pristine.xlsx", copy)
        start = time.perf_counter()
        report = collect_returns(copy, [back], "2023Q1", report_path=work / "r.xlsx")
        assert report.ok, report.lines()[:3]
    elif name == "collect600_hostile":  # into the master as it was before the 600 were collected
        copy = work / "master-mixed.xlsx"
        shutil.copy(work / "master-pristine.xlsx", copy)
        start = time.perf_counter()
        report = collect_returns(copy, [back, hostile], "2023Q1", report_path=work / "r.xlsx")
        assert len([f for f in report.files if f.rejected]) >= 5
    else:  # one hostile file: read alone, then collected alone into the pristine master
        from toolkit.progress.returns import receive

        copy = work / f"master-{name}.xlsx"
        shutil.copy(work / "master-pristine.xlsx", copy)
        target = next(hostile.glob(f"{name}.*"))
        cpu, start = time.process_time(), time.perf_counter()
        receive(target)
        read = {"read_s": time.perf_counter() - start, "read_cpu_s": time.process_time() - cpu}
        start = time.perf_counter()
        report = collect_returns(copy, [target], "2023Q1")
        seconds = time.perf_counter() - start
        outcome = report.files[0].rejected or f"merged {report.files[0].taken} rows"
        return {"seconds": seconds, **read, "outcome": outcome[:40]}
    return {"seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase")
    parser.add_argument("--keep", type=Path, help="工作目录（保留生成的文件）")
    parser.add_argument("work", nargs="?", type=Path)
    args = parser.parse_args()
    if args.phase:
        if args.phase == "setup":
            _setup(args.work)
            result = {"seconds": 0.0}
        else:
            result = phase(args.phase, args.work)
        result["peak_mb"] = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF,
                                                                         resource.RUSAGE_CHILDREN)) / 1024
        print(json.dumps(result, ensure_ascii=False))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-returns-"))
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "hostile").is_dir():  # --keep DIR of an earlier run: reuse its files
        _run("setup", work)
    for name in ("collect600", *HOSTILE, "collect600_hostile"):
        figures = _run(name, work)
        extra = (f"   reading it {figures['read_s']:.2f} s ({figures['read_cpu_s']:.2f} s CPU): {figures['outcome']}"
                 if "outcome" in figures else "")
        print(f"collect {name:20s} {figures['seconds']:6.2f} s   peak {figures['peak_mb']:5.0f} MB{extra}", flush=True)
    if not args.keep:
        shutil.rmtree(work)


def _setup(work: Path) -> None:
    import bench_progress as bp

    for step in ("master", "forms", "fill"):
        bp.phase(step, work)
    shutil.copy(work / "master.xlsx", work / "master-pristine.xlsx")
    good = sorted((work / "back").iterdir())[0]
    make_hostile(good, ROOT / "tests" / "fixtures" / "progress" / "lo-saved-区财政局.ods", work / "hostile")


def _run(name: str, work: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", name, str(work)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
