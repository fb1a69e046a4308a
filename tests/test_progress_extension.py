"""Forms carry 完成时限 and this quarter's target; returns carry 申请延期,
延期原因, 申请完成时间 and 佐证材料 into 进展, the summary and the bulletin."""

from __future__ import annotations

import docx

from progress_support import answer, forms_for, returned
from supervision_support import supervision_master
from toolkit.progress import common as c
from toolkit.progress.bulletin import write_bulletin
from toolkit.progress.collect import collect_returns
from toolkit.progress.fill import stamp_saved
from toolkit.progress.returns import read_return
from toolkit.progress.summary_lights import add_lights
from toolkit.render.document import new_document
from toolkit.workbook.read import read_master


def test_forms_show_deadline_and_quarter_target(tmp_path):
    notice_master = supervision_master(tmp_path / "m.xlsx")
    import openpyxl
    book = openpyxl.load_workbook(notice_master)
    sheet = book["重点工作"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(1, len(headers) + 1, "二季度目标")
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    sheet.cell(ids.index("02-01") + 2, len(headers) + 1, "完成2所学校主体结构")
    book.save(notice_master)
    forms = forms_for(notice_master, tmp_path / "forms", "2023Q2")
    rows = {r.values["编号"]: r.values for r in read_return(forms["区教育局"]).rows}
    assert (rows["02-01"]["完成时限"], rows["02-01"]["本季度目标"]) == ("年底前", "完成2所学校主体结构")
    assert c.FORM_HEADERS[-4:] == ("申请延期", "延期原因", "申请完成时间", "佐证材料")


def test_extension_and_evidence_reach_the_master_and_the_documents(tmp_path):
    master = supervision_master(tmp_path / "m.xlsx")
    forms = forms_for(master, tmp_path / "forms", "2023Q1")
    back = tmp_path / "back"
    returned(forms["区教育局"], back, {"02-01": {**answer("滞后", 10), "申请延期": "是", "延期原因": "用地指标未下达",
                                                "申请完成时间": "2024年6月底", "佐证材料": "用地批复申请.pdf"}})
    # A reason without the choice is still a request.
    returned(forms["区科技局"], back, {"01-03": {**answer(percent=25), "延期原因": "认定批次推迟"}})
    for path in back.iterdir():
        stamp_saved(path, "2023-04-03T08:00:00Z")  # saved on time (due 10 days after the quarter)
    assert collect_returns(master, [back], "2023Q1").ok
    entries = {e.task_id: e for e in read_master(master).progress}
    got = entries["02-01"]
    assert (got.extension, got.extension_reason, got.extension_date, got.evidence) == (
        "是", "用地指标未下达", "2024年6月底", "用地批复申请.pdf")
    assert (entries["01-03"].extension, entries["01-03"].extension_reason) == ("是", "认定批次推迟")
    doc = new_document()
    add_lights(doc, read_master(master), "2023Q1", "五")
    doc.save(str(tmp_path / "s.docx"))
    saved = docx.Document(str(tmp_path / "s.docx"))
    assert "申请延期的任务2项：" in [p.text for p in saved.paragraphs]
    assert [[cell.text for cell in row.cells] for row in saved.tables[-1].rows] == [
        ["编号", "申请单位", "延期原因", "申请完成时间"], ["02-01", "区教育局", "用地指标未下达", "2024年6月底"],
        ["01-03", "区科技局", "认定批次推迟", "未填写"]]
    figures = write_bulletin(master, "2023Q1", tmp_path / "b.docx")
    # On time, no red task (02-01 is 15 points behind: yellow), and evidence sent.
    assert figures.praised == ["区教育局"]
