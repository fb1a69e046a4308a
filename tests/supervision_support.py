"""A hand-built quarter for the supervision tests (lights, reminders,
bulletin): small_notice plus a task only 各街镇 can report, a 民生实事 item
led by a unit with no 重点工作, and 完成时限 on two tasks."""

from __future__ import annotations

from pathlib import Path

from progress_support import _task, small_notice
from toolkit.model import LivelihoodItem, Notice, ProgressEntry as P
from toolkit.progress import common as c
from toolkit.progress import settings as s
from toolkit.workbook.rows import unit_rows
from toolkit.workbook.write import write_master

# 2023Q2: 序时进度 50.
Q2 = [
    P("01-01", "2023Q2", "区财政局", "序时推进", 45.0, "收入增长5.2%"),               # 5 behind: green
    P("01-01", "2023Q2", "区发改局", "滞后", 20.0, "配合推进"),                      # support, own view yellow
    P("01-02", "2023Q2", "区发改局", "序时推进", 40.0, "完成投资120亿元"),           # 10 behind: yellow
    P("01-03", "2023Q2", "区科技局", "滞后", 20.0, "认定工作推迟", "申报企业少"),      # 30 behind: yellow
    P("02-01", "2023Q2", "区教育局", "未启动", None, "", "用地未落实", "协调自然资源部门"),  # red
    P("02-02", "2023Q2", "区财政局", "序时推进", 60.0, "资金已拨付"),                 # lead 区卫健局 silent: green
    P("02-03", "2023Q2", "区发改局", "序时推进", 90.0, "主体完工"),                   # due 5月底: red (逾期)
]
# 2023Q1: 序时进度 25.
Q1 = [
    P("01-01", "2023Q1", "区财政局", "序时推进", 25.0),
    P("01-02", "2023Q1", "区发改局", "序时推进", 20.0),
    P("02-01", "2023Q1", "区教育局", "序时推进", 20.0, evidence="开工照片.jpg"),
    P("02-03", "2023Q1", "区发改局", "滞后", 10.0),
]


def supervision_notice() -> Notice:
    notice = small_notice()
    two = notice.sections[1]
    two.tasks[2].deadline = "2023年5月底"
    two.tasks[0].deadline = "年底前"
    two.tasks.append(_task("02-04", "各街镇完成老旧小区改造。", [("各街镇", True)]))
    for task in notice.tasks:
        task.leader = task.leader or ("林杰" if task.id.startswith("01") else "王芳")
    notice.livelihood = [LivelihoodItem("1", "急救体系", "新增AED设备100台。", "王芳", ["区红十字会"], id="民生-1-01")]
    return notice


def supervision_master(path: Path, progress=(), settings: dict[str, str] | None = None,
                       receipts: list[dict] = ()) -> Path:
    """Write the hand-built master; `settings` are 设置 values by key,
    `receipts` 收文记录 rows."""
    notice = supervision_notice()
    rows = s.default_rows()
    for row in rows:
        if settings and row["项目"] in settings:
            row["值"] = settings[row["项目"]]
    sheets = [(s.SHEET, s.HEADERS, rows)]
    if receipts:
        sheets.append((c.RECEIPTS, c.RECEIPT_HEADERS, receipts))
    write_master(path, notice, unit_rows(notice), list(progress), extra_sheets=sheets)
    return path
