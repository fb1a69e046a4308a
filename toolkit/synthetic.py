"""Synthetic notices at city scale, for benchmarks and load tests.

Deterministic: the same arguments give the same notice, so benchmark
figures compare like with like.
"""

from __future__ import annotations

import random

from .model import Notice, Section, Task, UnitRef
from .notices.headings import numeral
from .units import format_units


def make_notice(tasks: int = 3000, units: int = 600, sections: int = 30, seed: int = 7) -> Notice:
    """Return a notice of `tasks` tasks over `units` units in `sections` sections."""
    rng = random.Random(seed)
    names = [f"区第{i + 1}局" for i in range(units)]
    notice = Notice(source="synthetic", meta={"文号": "温鹿政办〔2026〕1号", "标题": "合成测试通知"})
    per = -(-tasks // sections)
    for s in range(sections):
        leader = f"张{numeral(s + 1)}"
        section = Section(f"{numeral(s + 1)}、{leader}副区长牵头重点工作", leader, "", "区本级任务数")
        for n in range(min(per, tasks - s * per)):
            chosen = rng.sample(names, rng.randint(1, 5))
            refs = [UnitRef(name, i == 0) for i, name in enumerate(chosen)]
            if n % 7 == 0:
                refs.append(UnitRef("各街镇"))
            task = Task(
                number=str(n + 1),
                text=f"推进第{s + 1}组第{n + 1}项重点工作，完成投资{rng.randint(1, 90)}亿元，新增项目{rng.randint(2, 40)}个。",
                units=refs, target=f"{rng.randint(1, 50)}亿元" if n % 3 == 0 else "",
                id=f"{s + 1:02d}-{n + 1:03d}", source=f"synthetic:{s + 1}-{n + 1}",
            )
            task.units_cell = format_units(refs)
            section.tasks.append(task)
        notice.sections.append(section)
    return notice


def notice_text(notice: Notice) -> str:
    """Return `notice` as a tab-separated text notice, the way Word or WPS
    "save as text" prints the 责任分解 tables."""
    lines = [f"{notice.meta.get('标题', '')}", ""]
    for section in notice.sections:
        lines += [section.heading, "", "序号\t重点工作\t区本级任务数\t责任单位\t备注"]
        lines += [f"{t.number}\t{t.text}\t{t.target}\t{t.units_cell}\t" for t in section.tasks]
        lines += ["", "注：标记*的为牵头单位", ""]
    return "\n".join(lines)
