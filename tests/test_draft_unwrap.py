from pathlib import Path

import docx
import pytest

from toolkit.draft import build_draft, read_report
from toolkit.draft.unwrap import ends_paragraph, is_page_number, page_width, running_headers, unwrap

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "inputs" / "longgang-2021-work-report.txt"
HEADER = "龙港市2021年政府工作报告"

# A report copied out of a PDF, 17 characters a printed line, with every
# case the joining must tell apart (see the comments on the right).
PDF_LINES = [
    "2022年政府工作报告",
    "二、2022年工作安排",
    "全力稳住经济大盘。新增市场主体三千",
    "家以上,培育一批“专精特新”企业,",
    "— 1 —",                                  # page break mid-paragraph
    "某市政府工作报告",                        # running header
    "加快推进数字化改革和“未来社区”",          # cut right after a quote
    "建设,推动服务业扩大开放。实施城市",
    "更新行动,完善城市功能和道路交通。",      # full, then a lead phrase: new paragraph
    "推动城市有机更新。改造老旧小区十二",
    "个,新建公园绿地五处和口袋公园。",        # full, sentence goes on: same paragraph
    "优化营商环境,深化“放管服”改革,",
    "完善政务服务体系,全面推进标准化统",
    "一、规范化和便利化建设,提升效能。",      # `一、` after a cut line is no heading
    "各位代表,今年的任务艰巨繁重,我们",
    "要以更大的决心和勇气推进各项工作。",
    "",                                        # a blank line ends a paragraph
    "建设美丽乡村。创建美丽乡村十个。",
    "— 2 —",
    "某市政府工作报告",
    "(一)打好“品质提升”系统战,实现城",     # a heading over two lines
    "市能级新跨越",
    "以规划引领推动城市建设。完成国土空",
    "间规划编制。",
    "(二)打好“民生事业”提升战",
    "推进城市精细化管理和智慧城市建设工",
    "作。依托城市大脑建设智慧城管平台。",
    "- 3 -",
    "某市政府工作报告",
    "名词解释",                                # a title after a full line
    "1.“未来社区”:指以人民美好生活向",
    "往为中心的新型城市功能单元。",
]


def wrap_sample(width=35, every=30, page="— {} —", header=None):
    """Return the sample as a PDF copy gives it: each paragraph cut every
    `width` characters, a page number (and `header`) after every `every`
    lines; and {sample line number: line number of its first printed line}."""
    lines, firsts, text_lines = [], {}, 0
    for number, paragraph in enumerate(SAMPLE.read_text(encoding="utf-8").splitlines(), start=1):
        paragraph = paragraph.replace("\xa0", " ").strip()
        for start in range(0, len(paragraph), width):
            if start == 0:
                firsts[number] = len(lines) + 1
            lines.append(paragraph[start:start + width])
            text_lines += 1
            if text_lines % every == 0:
                lines += [page.format(text_lines // every)] + ([header] if header else [])
    return "\n".join(lines) + "\n", firsts


def rows(draft):
    return [(t.id, t.text, t.target, t.category1, t.category2) for t in draft.notice.tasks]


@pytest.fixture(scope="module")
def sample_draft():
    return build_draft(read_report(SAMPLE))


@pytest.mark.parametrize("text, expected", [
    ("— 3 —", True), ("- 3 -", True), ("—3—", True), ("－ 12 －", True), ("第3页", True),
    ("第 3 页 共 20 页", True), ("3", False), ("2021年", False), ("— 3 — 年", False),
])
def test_is_page_number(text, expected):
    assert is_page_number(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("提升效能。", True), ("建成龙跃路步行街特色商圈;", True), ("各位代表:", True), ("努力奋斗!", True),
    ("没有走在前列也是一种风险。”", True), ("新增工业“机器人”", False), ("完善政务服务体系,全面", False),
    ("(按在报告中出现的先后顺序排列)", True), ("三、2021年主要目标和任务", False),
])
def test_ends_paragraph(text, expected):
    assert ends_paragraph(text) is expected


def test_pdf_lines_are_joined_into_paragraphs():
    assert page_width(PDF_LINES) == 17
    assert running_headers(PDF_LINES) == {"某市政府工作报告"}
    assert unwrap(PDF_LINES) == [
        (1, "2022年政府工作报告"),
        (2, "二、2022年工作安排"),
        (3, "全力稳住经济大盘。新增市场主体三千家以上,培育一批“专精特新”企业,加快推进数字化改革和"
            "“未来社区”建设,推动服务业扩大开放。实施城市更新行动,完善城市功能和道路交通。"),
        (10, "推动城市有机更新。改造老旧小区十二个,新建公园绿地五处和口袋公园。优化营商环境,"
             "深化“放管服”改革,完善政务服务体系,全面推进标准化统一、规范化和便利化建设,提升效能。"),
        (15, "各位代表,今年的任务艰巨繁重,我们要以更大的决心和勇气推进各项工作。"),
        (18, "建设美丽乡村。创建美丽乡村十个。"),
        (21, "(一)打好“品质提升”系统战,实现城市能级新跨越"),
        (23, "以规划引领推动城市建设。完成国土空间规划编制。"),
        (25, "(二)打好“民生事业”提升战"),
        (26, "推进城市精细化管理和智慧城市建设工作。依托城市大脑建设智慧城管平台。"),
        (30, "名词解释"),
        (31, "1.“未来社区”:指以人民美好生活向往为中心的新型城市功能单元。"),
    ]


def test_paragraph_per_line_text_is_left_alone():
    lines = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").replace("\xa0", " ").splitlines()]
    assert page_width(lines) is None
    assert unwrap(lines) == [(n, t) for n, t in enumerate(lines, start=1) if t]
    # Only a page number is dropped, whatever the layout.
    assert unwrap(["第一段。", "— 1 —", "第二段。"]) == [(1, "第一段。"), (3, "第二段。")]


def test_bold_lead_cut_by_the_line_end(tmp_path):
    document = docx.Document()
    for text in PDF_LINES:
        paragraph = document.add_paragraph()
        if text == "推进城市精细化管理和智慧城市建设工":
            paragraph.add_run(text).bold = True
        elif text.startswith("作。"):
            paragraph.add_run("作。").bold = True
            paragraph.add_run(text[2:])
        else:
            paragraph.add_run(text)
    document.save(tmp_path / "pdf.docx")
    lines = {line.number: line for line in read_report(tmp_path / "pdf.docx").lines}
    assert len(lines) == 12
    assert (lines[26].text, lines[26].bold) == (
        "推进城市精细化管理和智慧城市建设工作。依托城市大脑建设智慧城管平台。", "推进城市精细化管理和智慧城市建设工作。")


@pytest.mark.parametrize("width, page, header", [
    (35, "— {} —", None),
    (35, "- {} -", HEADER),
    (40, "— {} —", HEADER),
])
def test_hard_wrapped_sample_drafts_the_same(tmp_path, sample_draft, width, page, header):
    text, firsts = wrap_sample(width, 30, page, header)
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    assert len(text.splitlines()) > 4 * len(firsts)
    draft = build_draft(read_report(path))
    assert [(s.heading, len(s.tasks)) for s in draft.notice.sections] == [
        (s.heading, len(s.tasks)) for s in sample_draft.notice.sections]
    assert rows(draft) == rows(sample_draft)
    assert [t.target for t in draft.notice.tasks if t.target] == [t.target for t in sample_draft.notice.tasks if t.target]
    assert [(t.term, t.explanation, t.rows) for t in draft.terms] == [
        (t.term, t.explanation, t.rows) for t in sample_draft.terms]
    # Every row and skipped paragraph points at its paragraph's first printed line.
    assert [t.source for t in draft.notice.tasks] == [
        f"wrapped.txt:{firsts[int(t.source.split(':')[1])]}" for t in sample_draft.notice.tasks]
    assert [(line.number, line.text) for line in draft.skipped] == [
        (firsts[line.number], line.text) for line in sample_draft.skipped]


def test_hard_wrapped_sample_exact_lines(tmp_path):
    text, firsts = wrap_sample()
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    draft = build_draft(read_report(path))
    assert (len(text.splitlines()), len(draft.notice.tasks)) == (516, 112)
    assert [line.number for line in draft.skipped] == [401, 423, 433, 448]
    assert [t.source for t in draft.notice.tasks[:4]] == ["wrapped.txt:234"] * 3 + ["wrapped.txt:238"]
