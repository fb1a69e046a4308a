"""Shared helpers for the progress-cycle tests: a small master, forms,
and ways to tamper with returned files the way units (and accidents) do."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from toolkit.model import Notice, ProgressEntry, Section, Task, UnitRef
from toolkit.progress.fill import fill_form
from toolkit.progress.forms import form_name, write_forms
from toolkit.workbook.read import read_master
from toolkit.workbook.rows import unit_rows
from toolkit.workbook.write import write_master

FIXTURES = Path(__file__).parent / "fixtures" / "progress"
# A fixed 台账标识 and 表单密钥: the committed LibreOffice-saved forms were
# made (and signed) for them.
META = {"文号": "温鹿政办〔2023〕12号", "标题": "关于印发2023年政府工作报告重点工作责任分解的通知",
        "台账标识": "54329c666b99759d", "表单密钥": "5f1c0e4b7a9d2c38e6f0a1b2c3d4e5f6"}


def _task(task_id: str, text: str, units: list[tuple[str, bool]], target: str = "") -> Task:
    refs = [UnitRef(name, lead) for name, lead in units]
    cell = "、".join(("*" if lead and len(refs) > 1 else "") + name for name, lead in units)
    return Task(number=task_id[-1], text=text, units=refs, units_cell=cell, target=target, id=task_id)


def small_notice(meta: dict[str, str] | None = None) -> Notice:
    """Return a two-leader notice: 6 tasks, 5 units and one group phrase."""
    one = Section("一、林杰常委、常务副区长牵头重点工作", "林杰", tasks=[
        _task("01-01", "实施财政收入提质行动，一般公共预算收入增长6%。", [("区财政局", True), ("区发改局", False)], "6%"),
        _task("01-02", "谋划重大项目120个，完成有效投资300亿元。", [("区发改局", True)], "300亿元"),
        _task("01-03", "新增国家高新技术企业60家。", [("区科技局", True), ("区财政局", False), ("各街镇", False)]),
    ])
    two = Section("二、王芳副区长牵头重点工作", "王芳", tasks=[
        _task("02-01", "新建改扩建中小学5所，新增学位3000个。", [("区教育局", True)]),
        _task("02-02", "推进区人民医院迁建工程。", [("区卫健局", True), ("区财政局", False)]),
        _task("02-03", "建设科技创新园区2个。", [("区发改局", True), ("区科技局", False)]),
    ])
    return Notice(source="test", sections=[one, two], meta=dict(META if meta is None else meta))


def make_master(path: Path, notice: Notice | None = None, progress: list[ProgressEntry] = ()) -> Path:
    """Write a master of `notice` (default: small_notice) at `path`."""
    notice = notice or small_notice()
    write_master(path, notice, unit_rows(notice), progress)
    return path


def forms_for(master: Path, out: Path, quarter: str = "2023Q1") -> dict[str, Path]:
    """Write the forms of `master` into `out`; return {unit: path}."""
    paths = write_forms(read_master(master), quarter, out)
    return {p.name.split("-", 1)[1][:-5]: p for p in paths}


def returned(form: Path, folder: Path, answers: dict, edits: dict | None = None, name: str = "") -> Path:
    """Fill a copy of `form` in `folder` as a unit would; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    return fill_form(form, answers, folder / (name or form.name), edits=edits)


def set_saved_at(path: Path, stamp: str) -> None:
    """Rewrite the file's docProps/core.xml modified time (`2023-04-01T08:00:00Z`)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", data.decode())
                data = text.encode()
            dst.writestr(info, data)
    shutil.move(tmp, path)


def minutes_ago(minutes: int) -> str:
    """Return a core.xml time `minutes` before now: a save time after the
    forms were written (so collect trusts it) and not in the future."""
    from datetime import datetime, timedelta, timezone

    return (datetime.now(timezone.utc) - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def answer(status: str = "序时推进", percent: object = 40, progress: str = "已完成前期工作",
           problems: str = "", next_steps: str = "加快推进") -> dict[str, object]:
    """Return one row of answers keyed by form header."""
    return {"完成状态": status, "完成进度": percent, "进展情况": progress,
            "存在问题": problems, "下步打算": next_steps}


def lost_text_notice() -> Notice:
    """Return small_notice with 02-02's text lost by the source (原文缺失)."""
    notice = small_notice()
    lost = notice.sections[1].tasks[1]
    lost.text, lost.flags = "", ["原文缺失"]
    return notice


def alias_master(path: Path, progress: list[ProgressEntry] = ()) -> Path:
    """Write small_notice with aliases: 01-02 led by 区发展改革局 (the
    clerk's alias of 区发改局), 01-03 led only by the group phrase 各街镇,
    02-01 with no lead at all."""
    from toolkit.model import UnitInfo

    notice = small_notice()
    one, two = notice.sections
    one.tasks[1].units = [UnitRef("区发展改革局", True), UnitRef("区发改局", False)]
    one.tasks[2].units = [UnitRef("各街镇", True), UnitRef("区科技局", False)]
    two.tasks[0].units = [UnitRef("区教育局", False)]
    write_master(path, notice, unit_rows(notice, [UnitInfo("区发改局", ["区发展改革局"])]), progress)
    return path


__all__ = ["FIXTURES", "alias_master", "answer", "form_name", "forms_for", "lost_text_notice", "make_master", "minutes_ago",
           "returned", "set_saved_at", "small_notice"]
