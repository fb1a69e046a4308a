"""The quarterly 督查通报 (GB/T 9704 .docx): totals by light and status, the
chart, the ranking of units with 上期对比, the units praised and those
named for late or missing reports, and the red tasks with their problems.

Everything is judged by lights.py and ranked by ranking.py; this module
only decides what the bulletin says and in which order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..exceptions import ToolkitError
from ..model import STATUSES
from ..quarter import previous_quarter
from ..render.cover import cover_context
from ..render.document import add_blank, add_body, add_heading, add_paragraph, add_title, new_document
from ..render.output import save_atomic
from . import common as c
from ._chart import add_bar_chart, legend
from ._paper import add_fast_table, chinese_day, sign_off
from .history import Supervision, read_supervision
from .lights import GREEN, LIGHTS, NO_UNIT, RED, UNREPORTED, YELLOW, Lights, judge_quarter
from .ranking import LATE, MISSING, ON_TIME, Rank, rank_units, submitted_at

TEXT_WIDTH = 8844
RANK_HEADERS = ("名次", "单位", "报送情况", "任务数", "绿灯", "黄灯", "红灯", "绿灯占比", "上期对比")
RANK_WIDTHS = (700, 1844, 1250, 800, 700, 700, 700, 1000, 1150)
STATUS_ORDER = STATUSES + (UNREPORTED,)
CHART_ORDER = LIGHTS + (UNREPORTED,)
NO_TASKS = "总台账中没有重点工作或民生实事，无法生成督查通报。请先用 toolkit import 导入责任分解通知。"
DEFAULT_TO = "各有关单位："


@dataclass
class BulletinFigures:
    """What the bulletin states, for the command's line and the tests."""

    quarter: str
    counts: dict[str, int]
    statuses: dict[str, int]
    ranking: list[Rank]
    previous_quarter: str = ""
    previous_counts: dict[str, int] = field(default_factory=dict)
    praised: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    path: str = ""


def bulletin_figures(sup: Supervision, quarter: str) -> tuple[BulletinFigures, Lights]:
    """Return the figures of the bulletin of `quarter` and its lights."""
    master, settings = sup.master, sup.settings
    lights = judge_quarter(master, settings, quarter)
    units = master.letter_units()
    before = previous_quarter(quarter)
    old_ranking, old_counts = None, {}
    if any(e.quarter == before for e in master.progress):
        old = judge_quarter(master, settings, before)
        old_ranking = rank_units(units, old, submitted_at(master, sup.receipts, before), settings.due_days)
        old_counts = old.counts()
    else:
        before = ""
    ranking = rank_units(units, lights, submitted_at(master, sup.receipts, quarter), settings.due_days, old_ranking)
    # Units whose returns of the quarter came with 佐证材料.
    evidence = {master.canonical(e.unit) for e in master.progress if e.quarter == quarter and e.evidence}
    statuses = {s: 0 for s in STATUS_ORDER}
    for judged in lights.all:
        if judged.light != NO_UNIT:
            statuses[judged.status or UNREPORTED] += 1
    figures = BulletinFigures(
        quarter, lights.counts(), statuses, ranking, before, old_counts,
        praised=[r.unit for r in ranking if r.reporting == ON_TIME and not r.red and r.unit in evidence],
        late=[r.unit for r in ranking if r.reporting == LATE],
        missing=[r.unit for r in ranking if r.reporting == MISSING])
    return figures, lights


def write_bulletin(master_path: Path | str, quarter: str, path: Path | str,
                   today: date | None = None) -> BulletinFigures:
    """Write the 督查通报 of `quarter` for the master at `master_path` to
    `path` (.docx); return its figures.  Raises ToolkitError when the
    master has nothing to judge or `path` cannot be written."""
    quarter = c.parse_quarter(quarter)
    sup = read_supervision(master_path)
    if not sup.master.notice.tasks and not sup.master.notice.livelihood:
        raise ToolkitError(NO_TASKS)
    figures, lights = bulletin_figures(sup, quarter)
    doc = new_document()
    _write(doc, sup, figures, lights, today or datetime.now().date())
    path = Path(path)
    save_atomic(path, lambda tmp: doc.save(str(tmp)))
    figures.path = str(path)
    return figures


def _write(doc, sup: Supervision, figures: BulletinFigures, lights: Lights, today: date) -> None:
    label = c.quarter_label(figures.quarter)
    cover = cover_context(sup.master.notice)
    add_title(doc, f"关于{label}政府工作报告\n重点工作推进情况的通报")
    add_blank(doc)
    add_paragraph(doc, cover["to"] or DEFAULT_TO, "GW Plain")
    source = f"按照《{cover['title']}》要求，" if cover["title"] else ""
    add_body(doc, f"{source}对照序时进度，现将{label}政府工作报告重点工作（含民生实事项目）推进情况通报如下：")
    _overall(doc, figures, lights, label)
    _ranking(doc, figures)
    _praise_and_name(doc, figures, sup.settings.due_days)
    _red_tasks(doc, lights)
    add_heading(doc, "五、下步工作要求")
    add_body(doc, "各责任单位要对照序时进度，逐项梳理亮灯任务，红灯任务要分析原因、明确措施、限时整改，"
                  "黄灯任务要加快进度、防止转红；未按时报送的单位要落实专人，按时报送进展情况和佐证材料。")
    add_blank(doc)
    sign_off(doc, sup.settings, today, cover["signer"])


def _overall(doc, figures: BulletinFigures, lights: Lights, label: str) -> None:
    counts, statuses = figures.counts, figures.statuses
    judged = sum(counts[k] for k in CHART_ORDER)
    add_heading(doc, "一、总体情况")
    apart = f"另有{counts[NO_UNIT]}项仅由统称单位（如各街镇）负责，未纳入亮灯。" if counts[NO_UNIT] else ""
    add_body(doc, f"纳入督查的重点工作{len(lights.tasks)}项、民生实事{len(lights.items)}项。截至{label}末，"
                  f"序时进度为{lights.expected:g}%，绿灯{counts[GREEN]}项、黄灯{counts[YELLOW]}项、红灯{counts[RED]}项、"
                  f"未报送{counts[UNREPORTED]}项。{apart}按完成状态，"
                  + "，".join(f"{s}{statuses[s]}项" for s in STATUS_ORDER) + "。")
    if figures.previous_quarter:
        add_body(doc, _compare(figures))
    rows = [(k, [(k, counts[k])], f"{counts[k]}项 {_share(counts[k], judged)}") for k in CHART_ORDER]
    add_bar_chart(doc, rows, judged, label_width=1300, value_width=1900, bar_width=TEXT_WIDTH - 3200)
    add_paragraph(doc, "图1  重点工作亮灯情况（按任务数）", "GW Table Center")
    by_leader = lights.by_leader()
    if len(by_leader) > 1:
        widest = max(sum(v[k] for k in CHART_ORDER) for v in by_leader.values())
        rows = [(leader or "其他", [(k, v[k]) for k in CHART_ORDER], f"绿灯{v[GREEN]}/红灯{v[RED]}")
                for leader, v in by_leader.items()]
        add_bar_chart(doc, rows, widest, label_width=1300, value_width=1900, bar_width=TEXT_WIDTH - 3200)
        add_paragraph(doc, "图2  分领导亮灯情况（按任务数）", "GW Table Center")
    _legend(doc)


def _legend(doc) -> None:
    from ..render import _oxml

    p = add_paragraph(doc, "", "GW Table Center")
    for chunk, colour in legend(CHART_ORDER):
        run = _oxml.sub(p, "w:r")
        if colour:
            _oxml.sub(_oxml.sub(run, "w:rPr"), "w:color", val=colour)
        _oxml.sub(run, "w:t").text = chunk


def _compare(figures: BulletinFigures) -> str:
    """Return the 上期对比 sentence: each light's change since last quarter."""
    old, new = figures.previous_counts, figures.counts
    parts = []
    for light in (GREEN, YELLOW, RED, UNREPORTED):
        step = new[light] - old.get(light, 0)
        parts.append(f"{light}{'增加' if step > 0 else '减少'}{abs(step)}项" if step else f"{light}持平")
    return f"与{c.quarter_label(figures.previous_quarter)}相比，" + "，".join(parts) + "。"


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "0.0%"


def _ranking(doc, figures: BulletinFigures) -> None:
    add_heading(doc, "二、各单位报送及推进情况")
    add_body(doc, "按报送及时性（按时报送、逾期报送、未报送）排序，同类中按绿灯任务占比从高到低、红灯任务从少到多排列"
                  + ("；上期对比为名次与上季度相比的变化。" if figures.previous_quarter else "。"))
    rows = [[str(r.rank), r.unit, r.reporting + (f"\n{r.late_days}天" if r.late_days else ""), str(r.total),
             str(r.green), str(r.yellow), str(r.red), f"{r.share:g}%", r.change] for r in figures.ranking]
    add_fast_table(doc, RANK_HEADERS, rows, RANK_WIDTHS, centered=(0, 2, 3, 4, 5, 6, 7, 8), split=False)
    add_blank(doc)


def _praise_and_name(doc, figures: BulletinFigures, due_days: int) -> None:
    add_heading(doc, "三、表扬和通报")
    if figures.praised:
        add_body(doc, f"{'、'.join(figures.praised)}等{len(figures.praised)}个单位按时报送并附佐证材料，"
                      "无红灯任务，予以表扬。")
    else:
        add_body(doc, "本季度没有按时报送并附佐证材料、且无红灯任务的单位。")
    if figures.late:
        add_body(doc, f"{'、'.join(figures.late)}等{len(figures.late)}个单位未在季度结束后{due_days}日内报送，予以通报。")
    if figures.missing:
        add_body(doc, f"截至通报时，{'、'.join(figures.missing)}等{len(figures.missing)}个单位仍未报送，予以通报，请立即报送。")
    if not figures.late and not figures.missing:
        add_body(doc, "各单位均按时报送。")


def _red_tasks(doc, lights: Lights) -> None:
    add_heading(doc, "四、红灯任务及存在问题")
    red = [j for j in lights.all if j.light == RED]
    if not red:
        add_body(doc, "本季度无红灯任务。")
        return
    add_body(doc, f"本季度红灯任务共{len(red)}项：")
    for n, judged in enumerate(red, start=1):
        problems = judged.entry.problems.rstrip("。；;，, ") if judged.entry and judged.entry.problems else "未填写"
        add_body(doc, f"{n}.【{judged.id}】{judged.text}（牵头单位：{'、'.join(judged.leads) or '未明确'}；"
                      f"{judged.reason}）存在问题：{problems}。")

