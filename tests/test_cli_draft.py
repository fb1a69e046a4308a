from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.workbook import read_master

from test_draft_suggest import reference_master

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "inputs" / "longgang-2021-work-report.txt"
NO_TASKS = ROOT / "tests" / "fixtures" / "draft" / "no-tasks-part.txt"
SKIPPED = (
    "未拆分（导语、致辞或口号）：longgang-2021-work-report.txt:119 各位代表,群众的期盼就是我们努力的方向。今年我们按照“群众提\n"
    "未拆分（导语、致辞或口号）：longgang-2021-work-report.txt:129 勤政为民韶光贵,不待扬鞭自奋蹄。我们将发扬“为民服务孺子牛、\n"
    "未拆分（导语、致辞或口号）：longgang-2021-work-report.txt:135 工作千万条,落实第一条。\n"
    "未拆分（导语、致辞或口号）：longgang-2021-work-report.txt:141 各位代表!奋斗创造历史,实干成就未来。让我们更加紧密地团结在\n"
)


def run(*args):
    return CliRunner().invoke(cli, ["draft", *map(str, args)])


def test_draft_sample(tmp_path):
    output = tmp_path / "草稿.xlsx"
    result = CliRunner().invoke(cli, ["draft", str(SAMPLE), "-o", str(output)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == (
        f"已生成草稿：{output}（7个部分，112条任务，38条含量化指标共68项，名词解释23条）\n"
        "请在“责任单位”列填写责任单位（牵头单位前加*）；可用 --reference 给出往年总台账以获得建议。\n"
    )
    assert result.stderr == SKIPPED
    assert len(read_master(output).notice.tasks) == 112


def test_draft_with_reference(tmp_path):
    output = tmp_path / "草稿.xlsx"
    result = run(SAMPLE, "-o", output, "--reference", reference_master(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "已为15条任务建议责任单位，见“建议责任单位”“建议依据”列，请逐条确认后填入“责任单位”。"


def test_no_tasks_part_exit_3(tmp_path):
    result = run(NO_TASKS, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 3
    assert result.stderr == (
        "错误：no-tasks-part.txt 中没有找到当年的目标和任务部分（如“三、2021年主要目标和任务”）。"
        "请确认这是政府工作报告全文，且该部分标题单独成段。\n"
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_existing_output_exit_2(tmp_path):
    output = tmp_path / "草稿.xlsx"
    output.write_bytes(b"old")
    result = run(SAMPLE, "-o", output)
    assert result.exit_code == 2
    assert result.stderr == "错误：草稿.xlsx 已存在。请换一个输出文件名，或加 --force 覆盖（会先备份原文件）。\n"
    assert output.read_bytes() == b"old"


def test_bad_reference_exit_3(tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    result = run(SAMPLE, "-o", tmp_path / "x.xlsx", "--reference", bad)
    assert result.exit_code == 3
    assert result.stderr.startswith("错误：坏.xlsx 不是可读取的 Excel 总台账（.xlsx）：")


def test_unknown_format_exit_3(tmp_path):
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF")
    result = run(pdf, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 3
    assert result.stderr == ("错误：报告.pdf 是 PDF 文件，无法直接读取表格。请用 WPS 或 Word 打开后另存为 .docx，"
                             "或把文字全选复制到记事本存为 .txt 后再导入。\n")


def test_missing_output_is_usage_error(tmp_path):
    result = run(SAMPLE)
    assert result.exit_code == 2
    assert "错误：缺少选项 '-o' / '--output'" in result.stderr


def test_an_output_that_is_not_xlsx_is_a_usage_error(tmp_path):
    result = run(SAMPLE, "-o", tmp_path / "草稿.docx")
    assert result.exit_code == 2
    assert "草稿总台账是 Excel 文件，应以 .xlsx 结尾（现在是 草稿.docx）。" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_draft_hard_wrapped_report(tmp_path):
    from test_draft_unwrap import wrap_sample

    text, _ = wrap_sample()
    report = tmp_path / "pdf复制.txt"
    report.write_text(text, encoding="utf-8")
    output = tmp_path / "草稿.xlsx"
    result = CliRunner().invoke(cli, ["draft", str(report), "-o", str(output)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"已生成草稿：{output}（7个部分，112条任务，38条含量化指标共68项，名词解释23条）"
    assert result.stderr == SKIPPED.replace("longgang-2021-work-report.txt:119", "pdf复制.txt:401").replace(
        "longgang-2021-work-report.txt:129", "pdf复制.txt:423").replace(
        "longgang-2021-work-report.txt:135", "pdf复制.txt:433").replace("longgang-2021-work-report.txt:141", "pdf复制.txt:448")
