"""fill_some: the scripted units of `make demo`."""

from __future__ import annotations

from progress_support import forms_for, make_master
from toolkit.progress.collect import collect_returns
from toolkit.progress.fill import fill_some


def test_demo_fill_gives_one_refused_row(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    done = fill_some(forms["区财政局"].parent, tmp_path / "back", count=2, mistakes=True)
    assert [p.name for p in done] == ["2023Q1进展表-区卫健局.xlsx", "2023Q1进展表-区发改局.xlsx"]
    report = collect_returns(master, [tmp_path / "back"], "2023Q1")
    assert report.taken == 3  # 区卫健局 1 row, 区发改局 2 of its 3
    assert [(r.unit, r.task_id, r.reason) for r in report.refused] == [
        ("区发改局", "01-01", "完成状态「基本完成」不在下拉列表中（已完成/序时推进/滞后/未启动）")]
