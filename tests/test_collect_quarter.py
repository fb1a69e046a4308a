"""collect without --quarter: the quarter comes from the returned forms;
returns of two quarters in one run stop it (exit 1, nothing written)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from progress_support import answer, forms_for, make_master, returned
from toolkit.cli import cli
from toolkit.progress import common as c
from toolkit.progress.collect import collect_returns
from toolkit.progress.formquarter import QuarterUnknown, forms_quarter
from toolkit.progress.returns import Received, ReturnedForm
from toolkit.workbook.read import read_master


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _received(name: str, quarter: str, key: str = "k1") -> Received:
    marker = {c.K_KIND: c.FORM_KIND, c.K_MASTER: key, c.K_QUARTER: quarter}
    return Received(Path(name), "0" * 64, form=ReturnedForm(Path(name), "0" * 64, "", marker))


@pytest.mark.parametrize("spelling", ["2023Q2", "2023-Q2", "2023年第二季度", "2023年二季度", "２０２３Ｑ２"])
def test_every_spelling_of_one_quarter_is_that_quarter(spelling):
    assert forms_quarter([_received("a.xlsx", "2023Q2"), _received("b.xlsx", spelling)], "k1") == "2023Q2"


def test_forms_of_another_master_do_not_count():
    # b.xlsx is another master's form of Q3: refused later with its own reason.
    got = forms_quarter([_received("a.xlsx", "2023Q2"), _received("b.xlsx", "2023Q3", key="other"),
                         Received(Path("c.xlsx"), "1" * 64, rejected=c.FormRejected("不是进展表"))], "k1")
    assert got == "2023Q2"


def test_two_quarters_are_named_with_their_files():
    with pytest.raises(QuarterUnknown) as err:
        forms_quarter([_received(f"q1-{n}.xlsx", "2023Q1") for n in range(5)] + [_received("q2.xlsx", "2023Q2")], "k1")
    assert str(err.value) == (
        "收到的进展表属于不同季度，无法确定要收哪个季度：2023年第一季度 5 个文件（q1-0.xlsx、q1-1.xlsx、q1-2.xlsx等5个）；"
        "2023年第二季度 1 个文件（q2.xlsx）。请把不同季度的文件分开存放后分别收文，或用 --quarter 指定季度"
        "（其他季度的表会被拒收并逐个列出）。总台账未改动。")
    assert err.value.exit_code == 1


def test_the_quarter_is_read_from_the_forms(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms", "2023Q2")
    back = tmp_path / "back"
    returned(forms["区教育局"], back, {"02-01": answer()})
    returned(forms["区财政局"], back, {"01-01": answer("滞后", 30)})
    result = CliRunner().invoke(cli, ["collect", str(master), str(back)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == \
        "2023年第二季度收文：2 个文件，新采纳 2 行，与已收内容相同 0 行，拒收 0 行，冲突待定 0 行。"
    assert result.stdout.splitlines()[-1] == f"收文报告（含全部明细）：{tmp_path / '总台账-2023Q2-收文报告.xlsx'}"
    assert (tmp_path / "总台账-2023Q2-收文报告.xlsx").exists()
    assert sorted((e.task_id, e.quarter, e.unit, e.status) for e in read_master(master).progress) == [
        ("01-01", "2023Q2", "区财政局", "滞后"), ("02-01", "2023Q2", "区教育局", "序时推进")]


def test_returns_of_two_quarters_stop_the_run_with_exit_1(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    back = tmp_path / "back"
    returned(forms_for(master, tmp_path / "q1")["区教育局"], back, {"02-01": answer()})
    returned(forms_for(master, tmp_path / "q2", "2023Q2")["区财政局"], back, {"01-01": answer()})
    before = _sha(master)
    result = CliRunner().invoke(cli, ["collect", str(master), str(back)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "错误：收到的进展表属于不同季度，无法确定要收哪个季度：2023年第一季度 1 个文件（2023Q1进展表-区教育局.xlsx）；"
        "2023年第二季度 1 个文件（2023Q2进展表-区财政局.xlsx）。请把不同季度的文件分开存放后分别收文，"
        "或用 --quarter 指定季度（其他季度的表会被拒收并逐个列出）。总台账未改动。\n")
    assert _sha(master) == before and not list(tmp_path.glob("*收文报告*")) and not (tmp_path / "备份").exists()
    # With --quarter the other quarter's form is refused on its own, as before.
    given = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023年第一季度"])
    assert given.exit_code == 1
    assert "2023Q2进展表-区财政局.xlsx（区财政局）：这是 2023Q2 的进展表，本次收的是 2023Q1，未合并。" in given.stderr
    assert [(e.task_id, e.quarter) for e in read_master(master).progress] == [("02-01", "2023Q1")]


def test_no_form_of_this_master_says_to_give_the_quarter(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    back = tmp_path / "back"
    back.mkdir()
    (back / "说明.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(QuarterUnknown) as err:
        collect_returns(master, [back], None)
    assert str(err.value).startswith("没有指定 --quarter，收到的 1 个文件中也没有本总台账下发的进展表，无法判断季度。")
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "--json"])
    assert result.exit_code == 1 and '"ok": false' in result.stdout
