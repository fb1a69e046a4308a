"""A bounded, seeded fuzz of returned forms (issue 10): mutated zip parts,
XML, marker, save times and sizes, collected beside good returns.

Whatever a mutant holds, collect must finish, merge the good returns
exactly, and give every file it does not merge a reason from the list of
refusals it knows (never the catch-all "处理该文件时出错").  Collect runs
in a child process with 1.5 GB of address space, so a mutant that makes a
parser allocate without bound fails the test, not the test run.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from progress_support import FIXTURES, answer, forms_for, make_master, returned
from toolkit.workbook.read import read_master

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261203
MUTANTS = 200


def _mutate(rnd: random.Random, parts: dict[str, bytes]) -> dict[str, bytes]:
    """Return `parts` with one to three random mutations."""
    parts = dict(parts)
    for _ in range(rnd.randint(1, 3)):
        name = rnd.choice(sorted(parts))
        data = parts[name]
        kind = rnd.randrange(11)
        if kind == 0 and data:                      # flip bytes
            raw = bytearray(data)
            for _ in range(rnd.randint(1, 8)):
                raw[rnd.randrange(len(raw))] = rnd.randrange(256)
            parts[name] = bytes(raw)
        elif kind == 1:                             # truncate
            parts[name] = data[: rnd.randrange(len(data) + 1)]
        elif kind == 2 and len(parts) > 1:          # drop a part
            del parts[name]
        elif kind == 3:                             # a far cell (xlsx) or a repeated one (ods)
            row, col = rnd.choice((1048576, 100000, 60, 7)), rnd.choice(("XFD", "CV", "Z", "K"))
            cell = f'<row r="{row}"><c r="{col}{row}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
            parts[name] = data.replace(b"</sheetData>", cell + b"</sheetData>", 1)
            ods = (f'<table:table-row table:number-rows-repeated="{row}"><table:table-cell '
                   f'table:number-columns-repeated="{rnd.choice((2, 30, 16384))}" office:value-type="float" '
                   f'office:value="1"/></table:table-row>').encode()
            parts[name] = parts[name].replace(b"</table:table>", ods + b"</table:table>", 1)
        elif kind == 4:                             # numbers made huge, negative or zero
            parts[name] = re.sub(rb'"(\d+)"', lambda m: b'"' + rnd.choice((b"4294967296", b"-1", b"0",
                                                                              b"99999999999")) + b'"'
                                 if rnd.random() < 0.3 else m.group(0), data)
        elif kind == 5:                             # control characters in text
            parts[name] = re.sub(rb"<t>", lambda m: b"<t>" + rnd.choice((b"_x000B_", b"\x01", b"_x0000_", b"&#1;")),
                                 data, count=3)
        elif kind == 6:                             # marker values rewritten (sheet2 is the marker)
            name = "xl/worksheets/sheet2.xml" if "xl/worksheets/sheet2.xml" in parts else name
            parts[name] = re.sub(rb"(<t[^>]*>)([^<]*)(</t>)", lambda m: m.group(1) + rnd.choice(
                (b"", b"2023Q2", "区财政局".encode(), b"x" * 40000, m.group(2)[::-1])) + m.group(3)
                if rnd.random() < 0.3 else m.group(0), parts[name])
        elif kind == 7:                             # rows repeated many times
            rows = re.findall(rb"<row\b.*?</row>", data, re.S)
            if rows:
                parts[name] = data.replace(rows[-1], rows[-1] * rnd.choice((50, 2000)), 1)
        elif kind == 8:                             # save time
            parts[name] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + rnd.choice(
                (b"0001-01-01T00:00:00Z", b"2099-01-01T00:00:00Z", b"garbage", b"9999-12-31T23:59:59+14:00")), data)
        elif kind == 9:                             # shared-string / style indexes
            parts[name] = re.sub(rb'(t="s"[^>]*><v>)\d+', rb"\g<1>999999", data)
            parts[name] = re.sub(rb' s="\d+"', b' s="9999"', parts[name], count=5)
        else:                                       # random bytes appended
            parts[name] = data + bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 64)))
    return parts


def _write(path: Path, parts: dict[str, bytes], rnd: random.Random) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    if rnd.random() < 0.05:                         # damage the zip itself
        raw = bytearray(path.read_bytes())
        for _ in range(4):
            raw[rnd.randrange(len(raw))] = rnd.randrange(256)
        path.write_bytes(bytes(raw))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i.filename) for i in archive.infolist()}


def test_fuzzed_returns_never_stop_collect(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    back = tmp_path / "back"
    # Good returns of units no mutant is a copy of.
    returned(forms["区发改局"], back, {"01-02": answer()})
    returned(forms["区教育局"], back, {"02-01": answer("已完成", 100)})
    seeds = [_parts(returned(forms["区科技局"], tmp_path / "raw", {"01-03": answer()})),
             _parts(FIXTURES / "lo-resaved-区财政局.xlsx"), _parts(FIXTURES / "lo-saved-区财政局.ods")]
    rnd = random.Random(SEED)
    for n in range(MUTANTS):
        which = rnd.randrange(len(seeds))
        suffix = ".ods" if which == 2 else ".xlsx"
        _write(back / f"变异{n:03d}{suffix}", _mutate(rnd, seeds[which]), rnd)
    script = textwrap.dedent(f"""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29))
        sys.path.insert(0, {str(ROOT)!r})
        from toolkit.progress.collect import collect_returns
        report = collect_returns({str(master)!r}, [{str(back)!r}], "2023Q1", report_path={str(tmp_path / "r.xlsx")!r})
        print(json.dumps({{"files": [[f.name, f.rejected, f.taken] for f in report.files],
                           "written": report.written, "report": report.report_path}}, ensure_ascii=False))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["written"] and result["report"]
    files = {name: (rejected, taken) for name, rejected, taken in result["files"]}
    assert len(files) == MUTANTS + 2
    assert files["2023Q1进展表-区发改局.xlsx"] == ("", 1) and files["2023Q1进展表-区教育局.xlsx"] == ("", 1)
    unexpected = {name: why for name, (why, _) in files.items() if why.startswith("处理该文件时出错")}
    assert unexpected == {}
    progress = {(e.task_id, e.unit) for e in read_master(master).progress}
    assert {("01-02", "区发改局"), ("02-01", "区教育局")} <= progress
    # Mutants are copies of 区科技局's and 区财政局's forms: nothing else can come in.
    assert progress <= {("01-02", "区发改局"), ("02-01", "区教育局"), ("01-03", "区科技局"),
                        ("01-01", "区财政局"), ("01-03", "区财政局"), ("02-02", "区财政局")}
    refused = sum(1 for why, _ in files.values() if why)
    assert refused >= MUTANTS // 4  # the mutations do bite
