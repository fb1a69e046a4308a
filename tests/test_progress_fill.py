"""fill_some: the scripted units of `make demo`."""

from __future__ import annotations

from progress_support import forms_for, make_master
from toolkit.progress.collect import collect_returns
from toolkit.progress.fill import fill_form, fill_some


def test_demo_fill_gives_one_refused_row(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    done = fill_some(forms["区财政局"].parent, tmp_path / "back", count=2, mistakes=True)
    assert [p.name for p in done] == ["2023Q1进展表-区卫健局.xlsx", "2023Q1进展表-区发改局.xlsx"]
    report = collect_returns(master, [tmp_path / "back"], "2023Q1")
    assert report.taken == 3  # 区卫健局 1 row, 区发改局 2 of its 3
    assert [(r.unit, r.task_id, r.reason) for r in report.refused] == [
        ("区发改局", "01-01", "完成状态「基本完成」不在下拉列表中（已完成/序时推进/滞后/未启动）")]


def test_fill_form_refuses_a_workbook_that_is_not_a_form(tmp_path):
    import openpyxl
    import pytest

    from toolkit.exceptions import FormRejected

    other = tmp_path / "台账.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(FormRejected) as err:
        fill_form(other, {})
    assert str(err.value) == "台账.xlsx：不是本工具下发的进展表（找不到隐藏的“表单标识”）。请让单位在下发的表格上填写后报回。"


def test_fill_form_refuses_a_form_without_its_header(tmp_path):
    import openpyxl
    import pytest

    from toolkit.exceptions import FormRejected

    form = forms_for(make_master(tmp_path / "总台账.xlsx"), tmp_path / "forms")["区教育局"]
    book = openpyxl.load_workbook(form)
    book["进展填报"].delete_rows(4)
    book.save(form)
    with pytest.raises(FormRejected) as err:
        fill_form(form, {})
    assert str(err.value) == (f"{form.name}：找不到填报表格（表头需含“编号”“完成状态”等列）。请勿删除或改动表头。")


def test_module_on_a_wrong_folder_prints_one_line_and_exits_1(tmp_path):
    import subprocess
    import sys

    master = make_master(tmp_path / "总台账.xlsx")  # a workbook, but no form
    result = subprocess.run([sys.executable, "-m", "toolkit.progress.fill", str(tmp_path), str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"错误：{master.name}：不是本工具下发的进展表（找不到隐藏的“表单标识”）。"
                             "请让单位在下发的表格上填写后报回。\n")


def test_module_without_arguments_prints_usage_and_exits_2():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "toolkit.progress.fill"], capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "用法：python -m toolkit.progress.fill 进展表目录 输出目录 [份数] [--mistakes] [--saved-at 2023-04-03T08:00:00Z]\n"
