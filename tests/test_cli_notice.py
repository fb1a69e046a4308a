"""`toolkit notice` (toolkit.commands.notice): thin face over write_notice."""

from __future__ import annotations

import docx
from click.testing import CliRunner
from fixtures.render.sample import sample_master_path

from toolkit.commands.notice import notice


def _run(*args):
    return CliRunner().invoke(notice, [str(a) for a in args])


def test_writes_the_notice_and_prints_a_summary(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "责任分解.docx"
    result = _run(master, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == f"已生成通知 {out}：2 个分组、7 项重点工作、5 条民生实事。\n"
    assert len(docx.Document(str(out)).tables) == 3


def test_default_output_is_beside_the_master(tmp_path):
    master = sample_master_path(tmp_path)
    result = _run(master)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "master-2023-责任分解.docx").exists()
    assert _run(master).exit_code == 2
    assert _run(master, "--format", "html").exit_code == 0
    assert (tmp_path / "master-2023-责任分解.html").exists()
    assert _run(master, "--table-only").exit_code == 0
    assert (tmp_path / "master-2023-责任分解附件表格.docx").exists()


def test_an_existing_notice_is_replaced_only_with_force(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "责任分解.docx"
    out.write_bytes(b"the clerk's edited notice")
    result = _run(master, "--table-only", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"错误：{out} 已存在。要用本次结果替换它，请加 --force；或用 -o 换一个名字。\n"
    assert out.read_bytes() == b"the clerk's edited notice"
    assert _run(master, "--table-only", "-o", out, "--force").exit_code == 0


def test_table_only(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "附件.docx"
    result = _run(master, "--table-only", "-o", out)
    assert result.output == f"已生成附件表格 {out}：2 个分组、7 项重点工作、5 条民生实事。\n"
    assert "抄送" not in "".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_html(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "责任分解.html"
    result = _run(master, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("<table>") == 3


def test_suffix_contradicting_format_is_a_usage_error(tmp_path):
    master = sample_master_path(tmp_path)
    result = _run(master, "--format", "html", "-o", tmp_path / "x.docx")
    assert result.exit_code == 2
    assert "输出文件 x.docx 的扩展名与 --format html 不一致；请把 -o 改为以 .html 结尾，或去掉 --format。" in result.output
    result = _run(master, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "通知可以保存为 .docx（Word）或 .html（网页），-o 应以其中之一结尾（现在是 x.pdf）。" in result.output
    assert not list(tmp_path.glob("x.*"))


def test_a_file_that_is_not_a_master_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    result = _run(bad, "-o", tmp_path / "n.docx")
    assert result.exit_code == 3
    assert result.output.startswith("错误：bad.xlsx 不是可读取的 Excel 总台账（.xlsx）：")
    assert "Traceback" not in result.output


def test_broken_template_is_reported_with_file_and_line(tmp_path):
    master = sample_master_path(tmp_path)
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "notice.txt.j2").write_text("= 标题\n{% if %}\n", encoding="utf-8")
    result = _run(master, "--templates", templates, "-o", tmp_path / "n.docx")
    assert result.exit_code == 3
    assert result.output.startswith(f"错误：模板 {templates / 'notice.txt.j2'} 第2行有语法错误：")


def test_unwritable_output_is_a_chinese_one_line_error(tmp_path):
    master = sample_master_path(tmp_path)
    (tmp_path / "blocker").write_text("")
    out = tmp_path / "blocker" / "责任分解.docx"
    result = _run(master, "-o", out)
    assert result.exit_code == 3
    assert result.output.splitlines()[-1] == (
        f"错误：无法写入 {out}：路径中有同名的文件或文件夹。请检查目录是否存在、是否有写入权限，或文件是否被其他程序占用。")
