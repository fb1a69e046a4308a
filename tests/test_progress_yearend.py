"""toolkit report: the year-end 完成情况 report."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from click.testing import CliRunner

from supervision_support import Q1, Q2, supervision_master
from toolkit.cli import cli
from toolkit.exceptions import ToolkitError
from toolkit.model import ProgressEntry as P
from toolkit.progress.yearend import parse_year, write_year_report

Q4 = [P("01-01", "2023Q4", "区财政局", "已完成", 100.0, "全年收入增长6.3%"),
      P("02-01", "2023Q4", "区教育局", "滞后", 60.0, "3所完工", "1所用地未落实", "明年上半年完工")]


@pytest.fixture
def master(tmp_path):
    return supervision_master(tmp_path / "总台账.xlsx", Q1 + Q2 + Q4 + [P("01-02", "2024Q1", "区发改局", "已完成", 100.0)])


def test_each_task_has_its_latest_report_of_the_year(master, tmp_path):
    figures = write_year_report(master, "2023", tmp_path / "年度.docx", today=date(2024, 1, 10))
    assert figures.quarters == ["2023Q1", "2023Q2", "2023Q4"]
    assert [(f.judged.id, f.status, f.quarter) for f in figures.finals] == [
        ("01-01", "已完成", "2023Q4"), ("01-02", "序时推进", "2023Q2"), ("01-03", "滞后", "2023Q2"),
        ("02-01", "滞后", "2023Q4"), ("02-02", "序时推进", "2023Q2"), ("02-03", "序时推进", "2023Q2"),
        ("02-04", "未报送", ""), ("民生-1-01", "未报送", "")]
    assert figures.counts == {"已完成": 1, "序时推进": 3, "滞后": 2, "未启动": 0, "未报送": 1}


def test_the_document(master, tmp_path):
    write_year_report(master, 2023, tmp_path / "年度.docx", today=date(2024, 1, 10))
    doc = docx.Document(str(tmp_path / "年度.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2023年政府工作报告重点工作\n完成情况报告"
    assert ("《关于印发2023年政府工作报告重点工作责任分解的通知》共分解重点工作和民生实事7项（不含仅由统称单位负责的任务）。"
            "依据Q1、Q2、Q4各季度报送情况，取每项任务的最近一次报送，已完成1项，序时推进3项，滞后2项，未启动0项，未报送1项。"
            ) in texts
    assert [t for t in texts if t.startswith("（")][:3] == ["（一）林杰常委、常务副区长牵头重点工作", "（二）王芳副区长牵头重点工作",
                                                         "（三）民生实事项目"]
    first = [c.text for c in doc.tables[1].rows[1].cells]
    assert first == ["01-01", "实施财政收入提质行动，一般公共预算收入增长6%。", "已完成（100%）\nQ4报送\n全年收入增长6.3%",
                     "区财政局（牵头）\n区发改局（配合）"]
    assert "3.【02-01】新建改扩建中小学5所，新增学位3000个。（滞后；牵头单位：区教育局）存在问题：1所用地未落实。下步打算：明年上半年完工。" \
        in texts


@pytest.mark.parametrize("value", ["23", "二〇二三", "2023Q1"])
def test_a_bad_year(value):
    with pytest.raises(ToolkitError):
        parse_year(value)
    assert parse_year("2023年") == 2023


def test_the_command(master, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(master), "--year", "2023"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"已生成2023年度完成情况报告：{tmp_path / '总台账-2023-年度完成情况.docx'}"
                             "（已完成1项，序时推进3项，滞后2项，未启动0项，未报送1项）\n")
    assert CliRunner().invoke(cli, ["report", str(master), "--year", "23"]).exit_code == 2
