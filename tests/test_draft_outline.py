from pathlib import Path

import pytest

from toolkit.draft.outline import find_outline, is_tasks_heading
from toolkit.draft.report import read_report
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
