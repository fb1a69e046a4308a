"""toolkit bulletin: exact ranking with 上期对比, praise and names, the document."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from click.testing import CliRunner

from supervision_support import Q1, Q2, supervision_master
from toolkit.cli import cli
from toolkit.progress.bulletin import previous_quarter, write_bulletin

RECEIPTS = [
    {"收文时间": "2023-07-21 09:00:00", "文件": "科技局.xlsx", "填报单位": "区科技局", "季度": "2023Q2",
     "保存时间": "2023-07-20 09:00:00", "采纳行数": 1, "拒收行数": 0},
    {"收文时间": "2023-07-05 09:00:00", "文件": "财政局.xlsx", "填报单位": "区财政局", "季度": "2023Q2",
     "保存时间": "2023-07-04 18:00:00", "采纳行数": 2, "拒收行数": 0},
    # A refused file does not make a return.
    {"收文时间": "2023-07-01 09:00:00", "文件": "发改局-错.xlsx", "填报单位": "区发改局", "季度": "2023Q2",
     "保存时间": "2023-06-30 18:00:00", "采纳行数": 0, "拒收行数": 3},
]


@pytest.fixture
def master(tmp_path):
    return supervision_master(tmp_path / "总台账.xlsx", Q1 + Q2, receipts=RECEIPTS,
                              settings={"督查机构": "区政府督查室", "联系人": "王明", "联系电话": "88880000"})


def test_the_ranking_with_last_quarters_change(master, tmp_path):
    figures = write_bulletin(master, "2023Q2", tmp_path / "通报.docx", today=date(2023, 7, 25))
    assert [(r.rank, r.unit, r.reporting, r.late_days, r.total, r.green, r.red, r.share, r.change)
            for r in figures.ranking] == [
        (1, "区财政局", "按时报送", 0, 3, 2, 0, 66.7, "上升1位"),
        (2, "区发改局", "按时报送", 0, 3, 0, 1, 0.0, "上升1位"),
        (2, "区教育局", "按时报送", 0, 1, 0, 1, 0.0, "下降1位"),
        (4, "区科技局", "逾期报送", 10, 2, 0, 0, 0.0, "持平"),
        (5, "区卫健局", "未报送", 0, 1, 0, 0, 0.0, "下降1位"),
        (5, "区红十字会", "未报送", 0, 1, 0, 0, 0.0, "下降1位"),
    ]
    assert figures.previous_quarter == "2023Q1"
    assert figures.counts == {"绿灯": 2, "黄灯": 2, "红灯": 2, "未报送": 1, "无责任单位": 1}
    assert figures.previous_counts == {"绿灯": 3, "黄灯": 0, "红灯": 1, "未报送": 3, "无责任单位": 1}
    assert figures.statuses == {"已完成": 0, "序时推进": 4, "滞后": 1, "未启动": 1, "未报送": 1}
    assert (figures.praised, figures.late, figures.missing) == ([], ["区科技局"], ["区卫健局", "区红十字会"])


def test_the_first_quarter_has_no_comparison(master, tmp_path):
    figures = write_bulletin(master, "2023Q1", tmp_path / "通报.docx")
    assert figures.previous_quarter == "" and figures.previous_counts == {}
    assert [(r.rank, r.unit, r.change) for r in figures.ranking] == [
        (1, "区教育局", "—"), (2, "区财政局", "—"), (3, "区发改局", "—"),
        (4, "区科技局", "—"), (4, "区卫健局", "—"), (4, "区红十字会", "—")]
    assert figures.praised == ["区教育局"]


def test_the_document(master, tmp_path):
    write_bulletin(master, "2023Q2", tmp_path / "通报.docx", today=date(2023, 7, 25))
    doc = docx.Document(str(tmp_path / "通报.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于2023年第二季度政府工作报告\n重点工作推进情况的通报"
    assert ("纳入督查的重点工作7项、民生实事1项。截至2023年第二季度末，序时进度为50%，绿灯2项、黄灯2项、红灯2项、"
            "未报送1项。另有1项仅由统称单位（如各街镇）负责，未纳入亮灯。按完成状态，已完成0项，序时推进4项，滞后1项，"
            "未启动1项，未报送1项。") in texts
    assert "与2023年第一季度相比，绿灯减少1项，黄灯增加2项，红灯增加1项，未报送减少2项。" in texts
    assert "区科技局等1个单位未在季度结束后10日内报送，予以通报。" in texts
    assert "截至通报时，区卫健局、区红十字会等2个单位仍未报送，予以通报，请立即报送。" in texts
    assert ("2.【02-03】建设科技创新园区2个。（牵头单位：区发改局；已到完成时限（2023年5月底）尚未完成）"
            "存在问题：未填写。") in texts
    assert "本季度没有按时报送并附佐证材料、且无红灯任务的单位。" in texts
    assert "联系人：王明；联系电话：88880000。" in texts and "区政府督查室" in texts
    ranking = doc.tables[-1]
    assert [c.text for c in ranking.rows[0].cells] == ["名次", "单位", "报送情况", "任务数", "绿灯", "黄灯", "红灯",
                                                       "绿灯占比", "上期对比"]
    assert [c.text for c in ranking.rows[4].cells] == ["4", "区科技局", "逾期报送\n10天", "2", "0", "1", "0", "0%",
                                                       "持平"]
    # The lights chart: one shaded cell per non-zero light, in the lights' colours.
    fills = doc.tables[0]._tbl.xpath(".//w:shd/@w:fill")
    assert fills == ["43A047", "FDD835", "E53935", "F9A825"]


def test_previous_quarter():
    assert (previous_quarter("2023Q1"), previous_quarter("2023Q3")) == ("2022Q4", "2023Q2")


def test_the_command(master, tmp_path):
    result = CliRunner().invoke(cli, ["bulletin", str(master), "-q", "2023Q2"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"已生成2023年第二季度督查通报：{tmp_path / '总台账-2023Q2-督查通报.docx'}（绿灯2项，黄灯2项，红灯2项，未报送1项，无责任单位1项）",
        "按时报送 3 个单位，逾期报送 1 个，未报送 2 个；表扬 0 个单位。", "已与2023年第一季度对比。"]
