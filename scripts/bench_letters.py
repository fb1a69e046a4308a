"""Benchmark: task letters for 3,000 tasks over 600 units.

Runs each method in a fresh Python process and prints its wall time and peak
memory (resident set, the figure the task manager shows):

- toolkit      write_letters(): a GB/T 9704 skeleton prepared once, only
               document.xml written per letter (the shipped method);
- from scratch the same wording and styles, but python-docx builds and saves
               a whole document per letter;
- docxtpl      a docxtpl (jinja2 in Word XML) template rendered per letter,
               the usual way such letters are made.  Skipped with a message
               when docxtpl is not installed; it is not a project dependency
               (`pip install docxtpl` into the venv only to run this).

Usage: .venv/bin/python scripts/bench_letters.py [--tasks 3000] [--units 600]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METHODS = ("toolkit", "scratch", "docxtpl")


def build_master(tasks: int, units: int):
    """Return the synthetic master (the same for every method)."""
    from toolkit.model import Master
    from toolkit.synthetic import make_notice
    from toolkit.workbook.rows import unit_rows

    notice = make_notice(tasks=tasks, units=units)
    return Master(notice=notice, units=unit_rows(notice))


def run_toolkit(master, out: Path) -> int:
    from toolkit.render.letters import write_letters

    return len(write_letters(master, out).files)


def run_scratch(master, out: Path) -> int:
    from toolkit.render import document as d
    from toolkit.render.letters import letter_contexts
    from toolkit.render.output import unique_stems
    from toolkit.render.templates import TextTemplate, add_lines

    template = TextTemplate("letter.txt.j2")
    contexts = letter_contexts(master)
    stems = unique_stems([c["unit"] for c in contexts])
    for context in contexts:
        doc = d.new_document()
        add_lines(doc, template.render(context))
        doc.save(str(out / f"{stems[context['unit']]}.docx"))
    return len(contexts)


DOCXTPL_LINES = [
    "关于落实{{ year }}年政府工作报告重点工作任务的函",
    "{{ unit }}：",
    "你单位共承担重点工作{{ lead_count + support_count }}项，其中牵头{{ lead_count }}项、配合{{ support_count }}项。",
    "一、牵头任务",
    "{%p for g in leads %}",
    "{{ g.title }}",
    "{%p for t in g.tasks %}",
    "{{ loop.index }}. {{ t.text }}{% if t.target %}{{ t.target_label }}：{{ t.target }}。{% endif %}配合单位：{{ t.others|join('、') }}。（任务编号：{{ t.id }}）",
    "{%p endfor %}",
    "{%p endfor %}",
    "二、配合任务",
    "{%p for g in supports %}",
    "{{ g.title }}",
    "{%p for t in g.tasks %}",
    "{{ loop.index }}. {{ t.text }}牵头单位：{{ t.lead_units|join('、') }}。（任务编号：{{ t.id }}）",
    "{%p endfor %}",
    "{%p endfor %}",
    "三、报送要求",
    "牵头单位每季度报送进展；配合单位报送牵头单位。",
    "{{ signer }}",
]


def run_docxtpl(master, out: Path) -> int:
    from docxtpl import DocxTemplate

    from toolkit.render import document as d
    from toolkit.render.letters import letter_contexts
    from toolkit.render.output import unique_stems

    skeleton = d.new_document()
    for line in DOCXTPL_LINES:
        d.add_body(skeleton, line)
    template_path = out / "_template.docx"
    skeleton.save(str(template_path))
    contexts = letter_contexts(master)
    stems = unique_stems([c["unit"] for c in contexts])
    for context in contexts:
        doc = DocxTemplate(str(template_path))
        doc.render(context)
        doc.save(str(out / f"{stems[context['unit']]}.docx"))
    template_path.unlink()
    return len(contexts)


def child(method: str, tasks: int, units: int) -> None:
    """Measure one method in this process; print a JSON line."""
    master = build_master(tasks, units)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        count = globals()[f"run_{method}"](master, Path(tmp))
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"method": method, "letters": count, "seconds": seconds, "peak_mb": peak_mb}))


def measure(method: str, tasks: int, units: int) -> dict | None:
    cmd = [sys.executable, __file__, "--child", method, "--tasks", str(tasks), "--units", str(units)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{method}: 运行失败\n{done.stderr}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=3000)
    parser.add_argument("--units", type=int, default=600)
    parser.add_argument("--child", choices=METHODS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.tasks, args.units)
        return
    print(f"任务函基准：{args.tasks} 项任务、{args.units} 个单位（toolkit.synthetic.make_notice）")
    for method in METHODS:
        if method == "docxtpl" and not _has_docxtpl():
            print("docxtpl  跳过：未安装 docxtpl（仅基准对比用：.venv/bin/pip install docxtpl）")
            continue
        result = measure(method, args.tasks, args.units)
        if result:
            print(f"{method:<8} {result['letters']} 份  {result['seconds']:.2f} s  峰值内存 {result['peak_mb']:.0f} MB")


def _has_docxtpl() -> bool:
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
