"""Layouts other offices publish: column words, text tables, paragraph items,
rules stated in the text.  Small hand-made cases, each one layout."""

from __future__ import annotations

from toolkit.importing import import_notices
from toolkit.notices import read_notice
from toolkit.render import write_notice
from toolkit.workbook import read_master


def write(tmp_path, text, name="n.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def units(task):
    return [(u.name, u.lead) for u in task.units]


def test_leader_deadline_target_and_lead_columns_by_other_words(tmp_path):
    path = write(tmp_path, "序号\t目标任务\t年度目标\t分管县领导\t主要责任单位\t协同配合单位\t时间节点\n"
                           "1\t新建学校3所。\t3所\t王某\t县教育局\t县财政局、各乡镇\t12月底前\n"
                           "2\t完善路网。\t\t李某某\t县交通局、县住建局\t\t6月\n")
    notice, _ = read_notice(path)
    first, second = notice.tasks
    assert (first.number, first.text, first.target, first.leader, first.deadline) == (
        "1", "新建学校3所。", "3所", "王某", "12月底前")
    assert units(first) == [("县教育局", True), ("县财政局", False), ("各乡镇", False)]
    # Two units under the lead column are co-leads.
    assert units(second) == [("县交通局", True), ("县住建局", True)]
    assert (second.leader, second.deadline) == ("李某某", "6月")
    assert notice.problems == []


def test_lead_column_with_responsible_column_beside_it(tmp_path):
    path = write(tmp_path, "序号\t重点任务\t牵头单位\t责任单位\t责任领导\n1\t甲。\t区发改局\t区统计局、区发改局\t杜某\n")
    task = read_notice(path)[0].tasks[0]
    assert units(task) == [("区发改局", True), ("区统计局", False)]
    assert task.leader == "杜某"


def test_header_split_by_spaces_and_no_number_column(tmp_path):
    path = write(tmp_path, "工 作 任 务\t牵 头 单 位\t分 管 县领导\n甲项工作。\t县发改局\t赵某\n乙项工作。\t县科技局\t钱某\n")
    notice, _ = read_notice(path)
    assert [(t.number, t.text, t.leader) for t in notice.tasks] == [("1", "甲项工作。", "赵某"), ("2", "乙项工作。", "钱某")]


def test_deadline_and_row_leader_survive_master_and_notice(tmp_path):
    path = write(tmp_path, "二、重点工作\n序号\t工作任务\t责任领导\t牵头单位\t配合单位\t完成时限\n"
                           "1\t甲。\t杜某\t区财政局\t区发改局\t2024年6月底\n")
    master_path = tmp_path / "m.xlsx"
    import_notices([path], master_path)
    master = read_master(master_path)
    task = master.notice.tasks[0]
    assert (task.deadline, task.leader, task.lead_units, task.support_units) == (
        "2024年6月底", "杜某", ["区财政局"], ["区发改局"])
    docx = tmp_path / "n.docx"
    write_notice(master, docx)
    again = read_notice(docx)[0].tasks[0]
    assert (again.deadline, again.text, units(again)) == ("2024年6月底", "甲。", [("区财政局", True), ("区发改局", False)])
    assert again.leader == "杜某"


def test_paragraph_items_with_brackets_of_every_kind(tmp_path):
    path = write(tmp_path, (
        "一、经济发展\n"
        "1.地区生产总值增长8%以上。(责任领导:杜某;牵头单位:区发改局;责任单位:区统计局)\n"
        "2．新开工项目9个。（牵头单位：市住建局）\n"
        "3.建设A工程（牵头单位：区交通局），推进B工程（牵头单位：区水利局）。\n"
        "4.推进数字化改革。（区大数据局和区经信局分别牵头，各街镇配合）\n"))
    notice, _ = read_notice(path)
    assert [(s.heading, len(s.tasks)) for s in notice.sections] == [("一、经济发展", 4)]
    first, second, third, fourth = notice.tasks
    assert (first.text, first.leader, units(first)) == (
        "地区生产总值增长8%以上。", "杜某", [("区发改局", True), ("区统计局", False)])
    assert (second.number, second.text, units(second)) == ("2", "新开工项目9个。", [("市住建局", True)])
    # A lead per clause: both lead, the clauses keep their brackets.
    assert third.text == "建设A工程（牵头单位：区交通局），推进B工程（牵头单位：区水利局）。"
    assert units(third) == [("区交通局", True), ("区水利局", True)]
    assert units(fourth) == [("区大数据局", True), ("区经信局", True), ("各街镇", False)]
    assert notice.problems == []


def test_items_with_unit_lines_circled_numbers_and_counted_categories(tmp_path):
    path = write(tmp_path, (
        "排在第一位的为牵头单位。\n"
        "一、交通出行（2件）\n"
        "①新辟公交线路5条。\n"
        "责任单位：区交通局、区公交公司\n"
        "②改造人行天桥2座。\n"
        "责任单位：区住建局\n"
        "完成时限：2024年12月\n"))
    notice, _ = read_notice(path)
    assert [(s.heading, len(s.tasks)) for s in notice.sections] == [("一、交通出行（2件）", 2)]
    first, second = notice.tasks
    assert notice.first_leads_rule == "排在第一位的为牵头单位"
    assert (first.number, units(first)) == ("1", [("区交通局", True), ("区公交公司", False)])
    assert (second.number, second.deadline, units(second)) == ("2", "2024年12月", [("区住建局", True)])


def test_tables_pasted_with_bars_and_with_runs_of_spaces(tmp_path):
    bars = write(tmp_path, "| 序号 | 重点工作 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
                           "| 1 | 甲项工作。 | 区财政局 | 区税务局 |\n", "bars.txt")
    spaces = write(tmp_path, "序号    重点工作        牵头单位    配合单位\n"
                             "1       甲项工作。      区财政局    区税务局\n", "spaces.txt")
    for path in (bars, spaces):
        notice, _ = read_notice(path)
        assert [(t.number, t.text, units(t)) for t in notice.tasks] == [
            ("1", "甲项工作。", [("区财政局", True), ("区税务局", False)])], path.name
        assert notice.problems == []


def test_stated_rule_is_in_the_import_summary(tmp_path):
    path = write(tmp_path, "一、重点工作\n1.甲。\n责任单位：区发改局(首位单位为牵头单位,下同)、区财政局\n")
    report = import_notices([path], tmp_path / "m.xlsx")
    assert "  通知规定“首位单位为牵头单位,下同”：没有标 * 的任务，已把列第一位的单位作为牵头单位" in report.lines()
    task = read_master(tmp_path / "m.xlsx").notice.tasks[0]
    assert (task.lead_units, task.support_units) == (["区发改局"], ["区财政局"])


def test_spaced_table_with_a_wrapped_task_text(tmp_path):
    path = write(tmp_path, "序号    重点工作              牵头单位    完成时限\n"
                           "1       新建学校3所，改扩建    县教育局    12月底前\n"
                           "        幼儿园5所。\n"
                           "2       完善路网。            县交通局    6月\n")
    notice, _ = read_notice(path)
    assert [(t.number, t.text, t.lead_units, t.deadline) for t in notice.tasks] == [
        ("1", "新建学校3所，改扩建幼儿园5所。", ["县教育局"], "12月底前"), ("2", "完善路网。", ["县交通局"], "6月")]
    assert notice.problems == []
