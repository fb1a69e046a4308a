from pathlib import Path

import pytest

from toolkit.draft.outline import find_outline, is_tasks_heading, split_section_line
from toolkit.draft.report import Line, read_report
from toolkit.exceptions import ParseError

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "inputs" / "longgang-2021-work-report.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "draft"


@pytest.mark.parametrize("text, expected", [
    ("三、2021年主要目标和任务", True),
    ("二、2022年工作安排", True),
    ("三、今年重点工作", True),
    ("三、扎实做好2023年各项工作", True),
    ("一、2022年工作总结", False),
    ("一、2020年主要工作回顾", False),
    ("二、“十四五”时期的主要目标和任务", False),
    ("(一)打好“深化改革”攻坚战,实现改革示范新跨越", False),
    ("三、2021年主要目标和任务。今年要全力以赴。", False),
])
def test_is_tasks_heading(text, expected):
    assert is_tasks_heading(text) is expected


def test_sample_outline():
    outline = find_outline(read_report(SAMPLE))
    assert (outline.heading.number, outline.heading.text) == (71, "三、2021年主要目标和任务")
    assert [line.number for line in outline.preamble] == [73]
    assert outline.main_targets.number == 75
    assert len(outline.categories) == 7
    assert [c.heading[:3] for c in outline.categories] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)"]
    assert outline.categories[0].heading == "(一)打好“深化改革”攻坚战,实现改革示范新跨越"
    assert [len(c.paragraphs) for c in outline.categories] == [3, 3, 3, 3, 5, 2, 7]
    # The glossary after the speech is not part of (七).
    assert outline.categories[-1].paragraphs[-1].number == 141


def test_report_without_sections_is_one_section():
    outline = find_outline(read_report(FIXTURES / "plain-tasks.txt"))
    assert outline.heading.text == "二、2022年工作安排"
    assert [c.heading for c in outline.categories] == ["二、2022年工作安排"]
    assert len(outline.categories[0].paragraphs) == 2
    assert outline.main_targets.text.startswith("今年经济社会发展的主要预期目标是")


def test_no_tasks_part_names_the_file():
    with pytest.raises(ParseError) as err:
        find_outline(read_report(FIXTURES / "no-tasks-part.txt"))
    assert str(err.value) == (
        "no-tasks-part.txt 中没有找到当年的目标和任务部分（如“三、2021年主要目标和任务”）。"
        "请确认这是政府工作报告全文，且该部分标题单独成段。"
    )


def test_headings_sharing_their_line_with_the_first_paragraph():
    """Issue 8: `（二）突出动能转换，……。` and the section's first
    paragraph printed as one paragraph; `预期目标：` without 主要…是."""
    outline = find_outline(read_report(FIXTURES / "shared-heading-lines.txt"))
    assert outline.heading.text == "二、2024年工作安排"
    assert outline.main_targets.number == 9
    assert [(c.heading, c.line) for c in outline.categories] == [
        ("（一）突出项目为王，扩大有效投资。", 11),
        ("（二）突出动能转换，加快产业升级。", 13),
        ("（三）突出城市更新，提升城市品质。", 15),
        ("（四）突出改革攻坚，优化营商环境。", 17),
    ]
    assert [[(p.number, p.text) for p in c.paragraphs] for c in outline.categories][1] == [
        (13, "规上工业增加值增长8%。新增高新技术企业40家、省级研发中心5个。")]


@pytest.mark.parametrize("text, heading, rest", [
    ("（二）突出动能转换，加快产业升级。今年将新增企业40家。", "（二）突出动能转换，加快产业升级。", "今年将新增企业40家。"),
    ("(三)聚焦项目建设：全年实施项目120个。", "(三)聚焦项目建设：", "全年实施项目120个。"),
    ("（一）打好“深化改革”攻坚战,实现改革示范新跨越", "（一）打好“深化改革”攻坚战,实现改革示范新跨越", None),
    ("（四）优化营商环境。", "（四）优化营商环境。", None),
])
def test_split_section_line(text, heading, rest):
    result = split_section_line(Line(5, text))
    assert result == (heading, Line(5, rest) if rest else None)


@pytest.mark.parametrize("text", [
    "三、2021年主要目标和任务",
    "（一）" + "很长的一句话没有句号" * 10 + "。后文。",
    "全年实施项目120个。",
])
def test_not_a_section_line(text):
    assert split_section_line(Line(5, text)) is None
