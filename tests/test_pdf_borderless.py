"""PDF tables printed without ruling lines (toolkit/notices/pdf_columns.py):
read as tables, cell by cell, from where their text sits.

Fixtures, both made by LibreOffice 7.4 (`soffice --headless --convert-to
pdf`): qingshan-2024-borderless.pdf, a county notice whose two task tables
have no borders (built by qingshan-2024-borderless.py; the header repeats
on page 3), and lucheng-2023-libreoffice.pdf, the LibreOffice re-save of
the 2023 sample, whose header cells do not sit over their columns.
"""

from __future__ import annotations

import re

import pytest

from toolkit.notices import Format, read_notice

from conftest import FIXTURES

NOTICES = FIXTURES / "notices"


@pytest.fixture(scope="module")
def qingshan():
    notice, format_ = read_notice(NOTICES / "qingshan-2024-borderless.pdf")
    assert format_ is Format.PDF
    return notice


def test_sections_and_counts(qingshan):
    assert [(s.heading, len(s.tasks)) for s in qingshan.sections] == [
        ("一、稳增长促发展（6 项）", 6), ("二、惠民生增福祉（5 项）", 5)]
    assert qingshan.problems == []
    assert qingshan.meta["标题"] == "青山县人民政府办公室关于印发2024年县政府工作报告重点工作责任分解的通知"


def _row(task):
    return (task.number, task.text, task.lead_units, task.support_units, task.deadline, task.source)


def test_exact_rows(qingshan):
    tasks = {t.number: t for t in qingshan.tasks}
    assert [t.number for t in qingshan.tasks] == [str(n) for n in range(1, 12)]
    # Wrapped over five printed lines, units over two; the writer's spacing
    # between Chinese and numbers is not a space in a cell.
    assert _row(tasks["2"]) == (
        "2", "全力推进重大项目建设，全年实施省市县重点项目120个以上，完成投资150亿元，力争新开工亿元以上项目30个。",
        ["县发改局"], ["县自然资源局", "县住建局", "各乡镇（街道）"], "2024年12月底",
        "qingshan-2024-borderless.pdf:第2页第14行")
    # An empty 配合单位 cell.
    assert _row(tasks["4"])[1:5] == (
        "加快数字经济发展，数字经济核心产业增加值增长10%以上，新增上云企业200家。", ["县经信局"], [], "2024年12月底")
    assert _row(tasks["6"])[2:5] == (["县自然资源局"], ["县发改局", "县经信局", "县财政局", "县税务局"], "2024年10月底")
    # Page 3, under the header repeated there.
    assert _row(tasks["9"]) == (
        "9", "完成老旧小区改造35个，惠及居民6200户，同步推进加装电梯50台。", ["县住建局"], ["各乡镇（街道）"],
        "2024年11月底", "qingshan-2024-borderless.pdf:第3页第24行")
    assert _row(tasks["11"])[2:5] == (["县民政局"], ["县财政局", "县卫生健康局", "各乡镇（街道）"], "2024年10月底")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_header_not_over_its_columns_reads_as_the_word_file():
    """The LibreOffice re-save prints its header cells right of their
    columns' text: rows are closed up under 重点工作.  Every task row reads
    as from the .docx (texts but for the PDF's spaces)."""
    pdf, _ = read_notice(NOTICES / "lucheng-2023-libreoffice.pdf")
    word, _ = read_notice(NOTICES / "lucheng-2023-libreoffice.docx")
    assert [(s.heading, len(s.tasks)) for s in pdf.sections] == [(s.heading, len(s.tasks)) for s in word.sections]
    assert len(pdf.tasks) == 142
    assert [(t.number, _squeezed(t.text), t.lead_units, t.support_units, _squeezed(t.remark)) for t in pdf.tasks] == [
        (t.number, _squeezed(t.text), t.lead_units, t.support_units, _squeezed(t.remark)) for t in word.tasks]


def test_same_tasks_as_the_word_file(qingshan):
    word, _ = read_notice(NOTICES / "qingshan-2024-borderless.docx")
    assert [(t.number, t.text, t.lead_units, t.support_units, t.deadline) for t in qingshan.tasks] == [
        (t.number, t.text, t.lead_units, t.support_units, t.deadline) for t in word.tasks]


def test_borderless_livelihood_table_is_reported_not_guessed():
    """The re-save's 民生实事 table merges cells over rows; read from where
    its text sits, items came out joined (two leaders in one).  Its lines
    are reported as not understood instead, each with its page."""
    pdf, _ = read_notice(NOTICES / "lucheng-2023-libreoffice.pdf")
    assert pdf.livelihood == []
    header = next(p for p in pdf.problems if p.text.startswith("序号 项目名称"))
    assert (header.text, header.source) == ("序号 项目名称 项目内容 牵头领导 牵头单位", "lucheng-2023-libreoffice.pdf 第23页")
    assert any(p.text.startswith("1 幼有所育") for p in pdf.problems)
