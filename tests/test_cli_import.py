"""`toolkit import` through click: exit codes, messages, JSON."""

from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.notices import HOW_TO_MAP
from toolkit.workbook import read_master

from conftest import NOTICES


def run(*args):
    return CliRunner().invoke(cli, ["import", *map(str, args)])


def test_summary_and_exit_0(tmp_path):
    result = run(NOTICES["lucheng2020"], "-o", tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    assert "【lucheng-2020-pdf-extract.txt】格式：text（utf-8），重点工作 96 项，民生实事 0 项" in result.output
    assert "    (六)以人民满意为导向，持续壮大民生事业。：21 项" in result.output
    assert "原文缺失的任务 9 项（已保留单位和领导，标记为“原文缺失”）：\n    06-81\n    06-82\n" in result.output
    assert "所有行均已识别。" in result.output


def test_an_old_excel_file_is_not_told_to_become_docx(tmp_path):
    xls = tmp_path / "台账.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = run(xls, "-o", tmp_path / "m.xlsx")
    assert result.exit_code == 3
    # The readers word the reason; the advice must be about .xlsx, never .docx.
    assert result.stderr.startswith("错误：台账.xls ") and result.stderr.count("\n") == 1
    assert "另存为 .xlsx" in result.stderr and ".docx" not in result.stderr


def test_json_summary(tmp_path):
    result = run(NOTICES["longwan"], "-o", tmp_path / "m.xlsx", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    notice = data["notices"][0]
    assert (notice["tasks"], notice["duplicates"], data["ok"]) == (253, 253, True)
    assert notice["sections"][1] == {"part": "区本级", "heading": "二、李丹常委、常务副区长牵头重点工作", "tasks": 24}
    assert "各街道办事处" in data["groups"]


def test_not_understood_lines_exit_1_and_workbook_written(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位\n1\t任务一。\t区财政局\n看不懂的一行\n", encoding="utf-8")
    result = run(path, "-o", tmp_path / "m.xlsx", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["notices"][0]["problems"] == [
        {"file": "n.txt", "line": 4, "reason": "无法识别的段落", "text": "看不懂的一行"}
    ]
    assert openpyxl.load_workbook(tmp_path / "m.xlsx")["重点工作"].max_row == 2


def test_bad_inputs_one_line_errors(tmp_path, monkeypatch):
    from toolkit.notices import legacy

    # Old Word files go through LibreOffice: here, as if it were not installed.
    monkeypatch.setattr(legacy, "PROGRAMS", ("toolkit-no-such-office",))
    monkeypatch.setattr(legacy, "PLACES", ())
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "图片.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    sheet = tmp_path / "表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(sheet)
    old_word = tmp_path / "旧通知.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    pdf = tmp_path / "通知.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    prose = tmp_path / "文章.txt"
    prose.write_text("这是一篇没有表格的文章。\n第二段。\n", encoding="utf-8")
    cases = {
        empty: "错误：空.txt 是空文件。请检查是否选错了文件。",
        binary: "错误：图片.txt 不是文本文件，也不是可识别的 Word 或网页文件。请提供 .txt、.docx 或 .html 格式的通知。",
        # A spreadsheet is read as a notice now; this one holds no table.
        sheet: "错误：表.xlsx 中没有找到责任分解表格（应有“序号”“重点工作”“责任单位”等表头）或带责任单位的任务段落。"
               "看到的表头可能是 表.xlsx 工作表「Sheet」:1：姓名 | 电话。" + HOW_TO_MAP,
        old_word: "错误：旧通知.doc 是旧版 Word/WPS 文件，需要用 LibreOffice 转换后读取，但本机没有安装 LibreOffice。"
                  "请安装 LibreOffice（免费软件）后重试，或用 Word 或 WPS 打开后“另存为” .docx 再导入。",
        pdf: "错误：通知.pdf 无法作为 PDF 读取（文件已损坏）。请用 WPS 或 Word 打开后另存为 .docx 再导入。",
        prose: "错误：文章.txt 中没有找到责任分解表格（应有“序号”“重点工作”“责任单位”等表头）或带责任单位的任务段落。"
               "共 2 行无法识别，第一处：文章.txt:1 无法识别的段落：这是一篇没有表格的文章。",
    }
    for path, message in cases.items():
        result = run(path, "-o", tmp_path / "m.xlsx")
        assert result.exit_code == 3, path
        assert result.output.strip() == message
        assert isinstance(result.exception, SystemExit), result.exception


def test_existing_master_refused_with_hint(tmp_path):
    out = tmp_path / "m.xlsx"
    assert run(NOTICES["ouhai"], "-o", out).exit_code == 0
    result = run(NOTICES["ouhai"], "-o", out)
    assert result.exit_code == 2
    assert "m.xlsx 已存在。要保留台账里的修改并加入新内容，请加 --merge" in result.output


def test_usage_errors_exit_2(tmp_path):
    result = run(NOTICES["ouhai"], "-o", tmp_path / "m.xlsx", "--merge", "--force")
    assert result.exit_code == 2
    assert "--merge 和 --force 只能选一个。" in result.output
    assert run("-o", tmp_path / "m.xlsx").exit_code == 2


def test_locked_master_refused(tmp_path):
    out = tmp_path / "m.xlsx"
    run(NOTICES["ouhai"], "-o", out)
    (tmp_path / "~$m.xlsx").write_bytes(b"lock")
    result = run(NOTICES["ouhai"], "-o", out, "--force")
    assert result.exit_code == 3
    assert result.output.strip() == "错误：m.xlsx 正在被 Excel 或 WPS 打开（发现锁文件 ~$m.xlsx）。请先关闭该文件再运行。"


def test_unwritable_output_one_line(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = run(NOTICES["ouhai"], "-o", blocker / "m.xlsx")
    assert result.exit_code == 3
    assert result.output.strip() == (
        f"错误：无法写入 {blocker / 'm.xlsx'}：路径中有同名的文件或文件夹。原有文件保持不变，请检查输出位置后重试。"
    )


def test_output_must_be_xlsx(tmp_path):
    result = run(NOTICES["ouhai"], "-o", tmp_path / "out.docx")
    assert result.exit_code == 2
    assert "总台账应保存为 .xlsx 文件，例如 -o 总台账.xlsx。" in result.output


def test_columns_option_maps_unknown_header_words(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text("序号\t事项\t主办科室\t协作科室\n1\t甲项工作。\t区财政局\t区税务局\n", encoding="utf-8")
    refused = run(notice, "-o", tmp_path / "m.xlsx")
    assert refused.exit_code == 3
    assert "看到的表头可能是 通知.txt:1：序号 | 事项 | 主办科室 | 协作科室。" in refused.output
    result = run(notice, "-o", tmp_path / "m.xlsx", "--columns", "重点工作=事项,牵头单位=主办科室,配合单位=协作科室")
    assert result.exit_code == 0, result.output
    task = read_master(tmp_path / "m.xlsx").notice.tasks[0]
    assert (task.text, task.lead_units, task.support_units) == ("甲项工作。", ["区财政局"], ["区税务局"])
    bad = run(notice, "-o", tmp_path / "n.xlsx", "--columns", "牵头=主办科室")
    assert bad.exit_code == 2 and "无法理解：牵头=主办科室" in bad.output
