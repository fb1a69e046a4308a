"""The summary's 三色预警 part: lights against 序时进度, counts per leader
and per unit, the red and yellow tasks with their problems, 上期对比.

Kept apart from summary.py (which lays out the rest of the document) so the
judgement stays lights.py's and the summary only calls `add_lights`.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Master
from ..quarter import previous_quarter, quarter_label
from ..render.document import add_body, add_heading
from ._paper import add_fast_table
from .lights import GOAL, LIGHTS, NO_UNIT, RED, UNREPORTED, YELLOW, Lights, judge_quarter
from .settings import Settings, read_settings

COUNT_ORDER = LIGHTS + (UNREPORTED,)
LEADER_HEADERS = ("牵头领导", "绿灯", "黄灯", "红灯", "未报送", "合计")
LEADER_WIDTHS = (2844, 1200, 1200, 1200, 1200, 1200)
UNIT_HEADERS = ("单位", "绿灯", "黄灯", "红灯", "未报送", "合计")
LIST_HEADERS = ("编号", "重点工作", "牵头单位", "预警", "存在问题")
LIST_WIDTHS = (1000, 2700, 1244, 1700, 2200)


def master_settings(master: Master) -> Settings:
    """Return the 设置 of the master `master` was read from (defaults when
    it was built in memory)."""
    return read_settings(master.path) if master.path and Path(master.path).is_file() else Settings()


def add_lights(doc, master: Master, quarter: str, number: str, settings: Settings | None = None) -> Lights:
    """Append the section `number`、三色预警情况 to `doc`; return the lights."""
    settings = settings or master_settings(master)
    lights = judge_quarter(master, settings, quarter)
    counts = lights.counts()
    add_heading(doc, f"{number}、三色预警情况")
    apart = f"另有{counts[NO_UNIT]}项仅由统称单位负责，未纳入亮灯。" if counts[NO_UNIT] else ""
    goals = sum(1 for j in lights.all if j.basis == GOAL and j.light != NO_UNIT)
    if goals:
        apart = f"其中{goals}项设有本季度目标进度，对照该目标亮灯。" + apart
    add_body(doc, f"对照序时进度（{lights.expected:g}%），落后{settings.yellow:g}个百分点及以上为黄灯，"
                  f"超过{settings.red:g}个百分点或已到完成时限尚未完成为红灯。"
                  + ("重点工作和民生实事中，" if lights.items else "重点工作中，") + "、".join(f"{k}{counts[k]}项" for k in COUNT_ORDER) + "。" + apart)
    before = previous_quarter(quarter)
    if any(e.quarter == before for e in master.progress):
        old = judge_quarter(master, settings, before, units=False).counts()
        changes = [f"{k}{'增加' if counts[k] > old[k] else '减少'}{abs(counts[k] - old[k])}项"
                   if counts[k] != old[k] else f"{k}持平" for k in COUNT_ORDER]
        add_body(doc, f"与{quarter_label(before)}相比，" + "，".join(changes) + "。")
    rows = [[leader or "其他", *(str(v[k]) for k in COUNT_ORDER), str(sum(v[k] for k in COUNT_ORDER))]
            for leader, v in lights.by_leader().items()]
    add_fast_table(doc, LEADER_HEADERS, rows, LEADER_WIDTHS, centered=(0, 1, 2, 3, 4, 5), split=False)
    flagged = [(u, v) for u, v in lights.unit_counts().items() if v[RED] or v[YELLOW]]
    if flagged:
        flagged.sort(key=lambda uv: (-uv[1][RED], -uv[1][YELLOW]))
        add_body(doc, f"有红灯或黄灯任务的单位{len(flagged)}个：")
        rows = [[u, *(str(v[k]) for k in COUNT_ORDER), str(sum(v[k] for k in COUNT_ORDER))] for u, v in flagged]
        add_fast_table(doc, UNIT_HEADERS, rows, LEADER_WIDTHS, centered=(1, 2, 3, 4, 5), split=False)
    marked = [j for j in lights.all if j.light in (RED, YELLOW)]
    marked.sort(key=lambda j: j.light != RED)
    if marked:
        add_body(doc, f"红灯、黄灯任务共{len(marked)}项：")
        rows = [[j.id, j.text, "、".join(j.leads) or "未明确",
                 j.light + (f"\n{j.reason}" if j.reason else ""),
                 (j.entry.problems if j.entry and j.entry.problems else "未填写")] for j in marked]
        add_fast_table(doc, LIST_HEADERS, rows, LIST_WIDTHS, centered=(0, 3))
    else:
        add_body(doc, "本季度没有红灯、黄灯任务。")
    _extensions(doc, master, quarter)
    return lights


EXTENSION_HEADERS = ("编号", "申请单位", "延期原因", "申请完成时间")
EXTENSION_WIDTHS = (1000, 2000, 4244, 1600)


def _extensions(doc, master: Master, quarter: str) -> None:
    """List the extension requests (申请延期) of `quarter`, for the leaders."""
    requests = [e for e in master.progress if e.quarter == quarter and e.extension]
    if not requests:
        return
    add_body(doc, f"申请延期的任务{len(requests)}项：")
    rows = [[e.task_id, master.canonical(e.unit), e.extension_reason or "未填写", e.extension_date or "未填写"]
            for e in requests]
    add_fast_table(doc, EXTENSION_HEADERS, rows, EXTENSION_WIDTHS, centered=(0, 3))
