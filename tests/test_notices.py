"""Reading the real sample notices: exact sections, counts, units, fields."""

from __future__ import annotations

import pytest

from toolkit.exceptions import UnknownFormat
from toolkit.model import TEXT_LOST
from toolkit.notices import Format, read_notice

from conftest import NOTICES

# (part, heading prefix, task count) for every section, in printed order.
EXPECTED_SECTIONS = {
    "longwan": [
        ("区本级", "一、夏禹桨", 0), ("区本级", "二、李丹", 24), ("区本级", "三、张少博", 26),
        ("区本级", "四、李明达", 26), ("区本级", "五、陈永霖", 8), ("区本级", "六、叶辉", 3),
        ("区本级", "七、池邦芬", 8), ("区本级", "八、彭锋", 20), ("区本级", "九、陈志楠", 27),
        ("区本级", "十、陈丕侠", 15), ("区本级", "十一、柯园园", 2),
        ("高新区(经开区)", "一、谢忠诚", 4), ("高新区(经开区)", "二、陈旭辉", 3),
        ("高新区(经开区)", "三、黄少燕", 15), ("高新区(经开区)", "四、林瑞远", 14),
        ("高新区(经开区)", "五、姜益祥", 2), ("高新区(经开区)", "六、应维胜", 33),
        ("高新区(经开区)", "七、陈鸣", 23),
    ],
    "lucheng2023": [
        ("", "一、张崇波", 0), ("", "二、林杰", 29), ("", "三、张伟", 15), ("", "四、陈允岳", 14),
        ("", "五、伍国军", 17), ("", "六、潘旭光", 1), ("", "七、滕灵辉", 9), ("", "八、杨丽霞", 11),
        ("", "九、王永林", 21), ("", "十、周岷", 16), ("", "十一、区政府直属各单位", 9),
    ],
    "ouhai": [
        ("", "一、刘云峰", 0), ("", "二、林仕德", 17), ("", "三、林照光", 27), ("", "四、吴雪梅", 24),
        ("", "五、杜潘祚", 13), ("", "六、寿宇飞", 15), ("", "七、张杰尔", 1), ("", "八、张昶", 8),
        ("", "九、金剑欣", 11), ("", "十、胡宋孝", 4), ("", "十一、林国锋", 3), ("", "十一、区委部门", 4),
    ],
    "lucheng2020": [
        ("", "全区经济社会发展的主要预期目标", 5), ("", "(一)以“力夺双赢”", 6), ("", "(二)以实体经济", 17),
        ("", "(三)以“精建精美”", 16), ("", "(四)以改革开放", 15), ("", "(五)以共治共享", 16),
        ("", "(六)以人民满意", 21),
    ],
}


def read(name):
    notice, format_ = read_notice(NOTICES[name])
    assert format_ is Format.TEXT
    return notice


def by_number(notice, heading_prefix, number, part=""):
    section = next(s for s in notice.sections if s.heading.startswith(heading_prefix) and s.part == part)
    return next(t for t in section.tasks if t.number == number)


def test_sections_and_counts(sample_name):
    notice = read(sample_name)
    got = [(s.part, s.heading, len(s.tasks)) for s in notice.sections]
    expected = EXPECTED_SECTIONS[sample_name]
    assert len(got) == len(expected)
    for (part, heading, count), (e_part, e_prefix, e_count) in zip(got, expected):
        assert (part, count) == (e_part, e_count) and heading.startswith(e_prefix), (heading, count)
    assert notice.problems == []


def test_web_page_printed_twice_is_read_once():
    notice = read("longwan")
    assert len(notice.tasks) == 253
    assert notice.duplicates == 253
    assert [s.leader for s in notice.sections[:3]] == ["夏禹桨", "李丹", "张少博"]
    assert notice.sections[0].note == "总负责。"


def test_web_page_cells_targets_and_units():
    notice = read("longwan")
    task = by_number(notice, "二、", "6", "区本级")
    assert task.text == "抢抓利好政策释放窗口期,争取省市财政专项资金13亿元以上、专项债额度15亿元。"
    assert task.target == "12亿元/10亿元"
    assert [(u.name, u.lead) for u in task.units] == [("区财政局", True), ("区发改局", False)]
    assert by_number(notice, "二、", "1", "区本级").target == ""
    no_units = by_number(notice, "二、", "19", "区本级")
    assert (no_units.units, no_units.target) == ([], "")
    shifted = by_number(notice, "四、", "6", "区本级")
    assert shifted.target == "量化任务由高新区(经开区)承担"
    assert shifted.units_cell == "区科技局"
    grouped = by_number(notice, "二、", "23", "区本级")
    assert [(u.name, u.lead, u.is_group) for u in grouped.units] == [
        ("区应急管理局", True, False), ("区消防救援大队", False, False), ("各街道办事处", False, True),
    ]
    hi_tech = notice.sections[11]
    assert hi_tech.target_label == "高新区任务数"
    assert [(u.name, u.lead) for u in hi_tech.tasks[2].units] == [("财政局", True), ("经发局", False)]


def test_web_page_numbering_gap_is_kept():
    notice = read("longwan")
    section = notice.sections[13]
    assert [t.number for t in section.tasks][10:14] == ["11", "12", "14", "15"]
    assert section.tasks[12].target == "0家/15家"


def test_lucheng_cover_letter_fields():
    meta = read("lucheng2023").meta
    assert meta["文号"] == "温鹿政办〔2023〕12号"
    assert meta["发文机关"] == "温州市鹿城区人民政府办公室"
    assert meta["标题"].endswith("关于印发2023年政府工作报告重点工作责任分解和民生实事项目责任分解的通知")
    assert meta["主送"] == "各街道办事处、镇人民政府，区政府直属各单位"
    assert meta["正文"].count("\n") == 2
    assert meta["附件"] == "1. 2023年政府工作报告重点工作责任分解\n2. 2023年度区政府民生实事项目任务分解"
    assert meta["成文日期"] == "2023年2月27日"
    assert meta["公开方式"] == "（此件公开发布）"
    assert meta["抄送"] == "区委各部门，区人大常委会、政协办公室，区人武部，区法院，区检察院，各群众团体。"
    assert meta["印发机关"] == "温州市鹿城区人民政府办公室"
    assert meta["印发日期"] == "2023年3月3日"


def test_lucheng_tricky_units():
    notice = read("lucheng2023")
    two_leads = by_number(notice, "二、", "13")
    assert [u.name for u in two_leads.units if u.lead] == ["区委改革办", "区府办（区“两个健康”办）"]
    assert two_leads.remark == "根据区委工作安排，由区委改革办牵头。"
    alias = by_number(notice, "二、", "21")
    assert [(u.name, u.lead) for u in alias.units] == [("区发改局（区委社建委）", True)]
    groups = by_number(notice, "十一、", "1")
    assert [(u.name, u.lead, u.is_group) for u in groups.units] == [
        ("区政府直属各单位", False, True), ("各街镇", False, True),
    ]


def test_lucheng_livelihood_merged_cells_carried_down():
    items = read("lucheng2023").livelihood
    assert len(items) == 34
    assert [(i.number, i.project) for i in items[:3]] == [("1", "幼有所育"), ("1", "幼有所育"), ("2", "学有所教")]
    assert items[2].leader == "张伟"
    fire = next(i for i in items if i.content.startswith("改造提升社区微型消防站"))
    assert (fire.number, fire.project, fire.units) == ("7", "居有所安", ["区消防救援大队", "区应急管理局"])
    split_row = [i for i in items if i.number == "8"]
    assert [i.content for i in split_row] == ["新增认知障碍者床位 60 张。", "为 100 户残疾人家庭实施无障碍改造。"]


def test_ouhai_numbering_gap_repeated_numeral_and_stray_marks():
    notice = read("ouhai")
    assert [t.number for t in notice.sections[8].tasks][:4] == ["1", "2", "3", "5"]
    assert [s.heading for s in notice.sections[-2:]] == ["十一、林国锋主任牵头重点工作", "十一、区委部门重点工作"]
    stray = by_number(notice, "三、", "11")
    assert [u.name for u in stray.units][-1] == "梧田街道"
    spaced = by_number(notice, "十一、区委部门", "3")
    assert [u.name for u in spaced.units] == ["区委政法委", "区公安分局", "区市场监管局", "区应急管理局", "区生态环境分局"]
    group = by_number(notice, "二、", "17")
    assert group.units[-1].name == "各镇街（开发区）" and group.units[-1].is_group
    # No cover letter: only the annex's printed title, kept for the generated notice.
    assert notice.meta == {"附件标题": "2024年政府工作报告重点工作责任分解"}


def test_pdf_extract_categories_and_lost_items():
    notice = read("lucheng2020")
    assert len(notice.tasks) == 96
    assert [t.number for t in notice.tasks] == [str(n) for n in range(1, 97)]
    task = notice.tasks[5]
    assert task.category1 == "(一)以“力夺双赢”为目标，持续做稳发展环境。"
    assert task.category2 == "1. 精准施策扩内需。"
    assert task.leader == "全一凡"
    lost = [t for t in notice.tasks if TEXT_LOST in t.flags]
    assert [t.number for t in lost] == [str(n) for n in range(81, 90)]
    assert lost[2].text == "" and lost[2].units_cell == "区卫生健康局* 相关街镇" and lost[2].leader == "项晓"
    assert lost[0].category2 == "2. 提高康养服务普惠度。"
    glued = notice.tasks[21]
    assert glued.number == "22" and glued.category2 == "3. 提升企业竞争力。"
    assert notice.tasks[33].units_cell == "区城中村改造建设中心 市自然资源和规划局鹿城分局"
    two = notice.tasks[3]
    assert two.leader == "虞立清、童文阳"
    assert [u.name for u in two.units] == ["区发改局", "区农业农村局"]
    assert notice.meta["文号"] == "温鹿政办〔2020〕18号"
    assert notice.meta["印发日期"] == "2020年5月22日"


def test_first_leads_option():
    notice, _ = read_notice(NOTICES["longwan"], first_leads=True)
    task = next(t for t in notice.sections[2].tasks if t.number == "1")
    assert [(u.name, u.lead) for u in task.units] == [("区司法局", True), ("区市场监管局", False), ("区税务局", False)]
    default = by_number(read("longwan"), "三、", "1", "区本级")
    assert not any(u.lead for u in default.units)


def test_unknown_line_reported_with_line_number(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位\n1\t任务一。\t区财政局\n这一行谁也看不懂\n", encoding="utf-8")
    notice, _ = read_notice(path)
    assert len(notice.tasks) == 1
    assert [(p.line, p.text, p.reason) for p in notice.problems] == [(4, "这一行谁也看不懂", "无法识别的段落")]


def write(tmp_path, text, name="n.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_section_headings_under_one_header_row(tmp_path):
    path = write(tmp_path, "序号\t重点工作\t区本级任务数\t责任单位\n二、林杰常委牵头重点工作\n1\t甲。\t\t区财政局\n"
                           "2\t乙。\t3个\t区发改局\n三、张伟副区长牵头重点工作\n1\t丙。\t\t区教育局\n")
    notice, _ = read_notice(path)
    assert [(s.heading, s.target_label, [t.text for t in s.tasks]) for s in notice.sections] == [
        ("二、林杰常委牵头重点工作", "区本级任务数", ["甲。", "乙。"]),
        ("三、张伟副区长牵头重点工作", "区本级任务数", ["丙。"]),
    ]
    assert notice.problems == []


def test_number_variants_and_unreadable_number(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位\n1\t甲。\t区财政局\n2.\t乙。\t区发改局\n"
                           "３\t丙。\t区教育局\n（4）\t丁。\t区科技局\n第五\t戊。\t区商务局\n")
    notice, _ = read_notice(path)
    assert [(t.number, t.text) for t in notice.tasks] == [("1", "甲。"), ("2", "乙。"), ("3", "丙。"), ("4", "丁。")]
    assert [(p.line, p.reason) for p in notice.problems] == [(7, "序号「第五」无法识别")]


def test_row_split_by_page_break_keeps_every_cell(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t重点工作\t区本级任务数\t责任单位\t备注\n"
                           "1\t前半，\t5亿元\t*区财政局\t\n\t后半。\t\t区科技局\t按月报送\n")
    notice, _ = read_notice(path)
    (task,) = notice.tasks
    assert (task.text, task.target, task.remark) == ("前半，后半。", "5亿元", "按月报送")
    assert [(u.name, u.lead) for u in task.units] == [("区财政局", True), ("区科技局", False)]


def test_number_merged_over_two_rows_is_one_task(tmp_path):
    page = ("<html><body><p>二、林杰常委牵头重点工作</p><table>"
            "<tr><td>序号</td><td>重点工作</td><td>责任单位</td></tr>"
            "<tr><td rowspan='2'>3</td><td>任务三前半，</td><td>*区财政局</td></tr>"
            "<tr><td>后半。</td><td>区科技局</td></tr></table></body></html>")
    notice, _ = read_notice(write(tmp_path, page, "n.html"))
    (task,) = notice.tasks
    assert (task.number, task.text, task.units_cell) == ("3", "任务三前半，后半。", "*区财政局、区科技局")


def test_copy_to_ends_at_its_full_stop(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位\n1\t甲。\t区财政局\n"
                           "抄送：区委各部门，\n区法院。\n不该并入抄送的一行\n")
    notice, _ = read_notice(path)
    assert notice.meta["抄送"] == "区委各部门，区法院。"
    assert [p.text for p in notice.problems] == ["不该并入抄送的一行"]


def test_sections_after_a_cover_letter_without_annex_line(tmp_path):
    path = write(tmp_path, "关于印发重点工作责任分解的通知\n各街道办事处：\n现印发给你们。\n区政府办公室\n2024年3月1日\n"
                           "一、王五区长牵头重点工作\n序号\t重点工作\t责任单位\n1\t甲。\t区财政局\n")
    notice, _ = read_notice(path)
    assert [s.heading for s in notice.sections] == ["一、王五区长牵头重点工作"]
    assert notice.meta["成文日期"] == "2024年3月1日" and notice.problems == []


def test_a_web_pages_spaced_document_number_line_is_page_furniture(tmp_path):
    path = write(tmp_path, "返 回\n所在位置: 杭州网 > 热点专题\n"
                           "索 引 号：001/2023-0001\n文\u3000\u3000号：温政办〔2023〕12号\n文 号: 2\n"
                           "一、王五区长牵头重点工作\n序号\t重点工作\t责任单位\n1\t文号管理规范化。\t区档案馆\n")
    notice, _ = read_notice(path)
    assert notice.problems == []
    assert [t.text for t in notice.tasks] == ["文号管理规范化。"]


def test_livelihood_rows_of_a_page_printed_twice_read_once(tmp_path):
    table = "序号\t项目名称\t项目内容\t牵头领导\t牵头单位\n1\t幼有所育\t新增托位400个。\t伍国军\t区卫生健康局\n"
    notice, _ = read_notice(write(tmp_path, table + "\n" + table))
    assert len(notice.livelihood) == 1 and notice.duplicates == 1


def test_form_feed_keeps_line_numbers_and_vertical_tab_is_a_space(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位\n1\t甲。\t区财政局\f\n"
                           "2\t乙\x0b续。\t区发改局\n看不懂\n")
    notice, _ = read_notice(path)
    assert [t.text for t in notice.tasks] == ["甲。", "乙 续。"]
    assert [(p.line, p.text) for p in notice.problems] == [(5, "看不懂")]


def test_odd_spans_and_truncated_utf16(tmp_path):
    page = ("<html><body><p>二、林杰常委牵头重点工作</p><table><tr><td>序号</td><td>重点工作</td><td>责任单位</td></tr>"
            "<tr><td colspan='100%'>1</td><td>甲。</td><td>区财政局</td></tr></table></body></html>")
    notice, _ = read_notice(write(tmp_path, page, "n.html"))
    assert [(t.number, t.text) for t in notice.tasks] == [("1", "甲。")]
    broken = tmp_path / "b.txt"
    broken.write_bytes("序号".encode("utf-16") + b"\x00")
    with pytest.raises(UnknownFormat, match="^b.txt 的文字编码无法识别"):
        read_notice(broken)


def test_separate_lead_and_support_columns_and_extra_columns(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\t督办科室\n"
                           "1\t甲。\t区财政局\t区发改局、各街镇\t2024年6月\t一科\n2\t乙。\t区科技局\t\t\t\n"
                           "3\t丙。\t区商务局\t\t年底\t\t多出的一格\n")
    notice, _ = read_notice(path)
    first, second, third = notice.tasks
    assert [(u.name, u.lead) for u in first.units] == [("区财政局", True), ("区发改局", False), ("各街镇", False)]
    assert first.units_cell == "*区财政局、区发改局、各街镇"
    assert (first.deadline, third.deadline) == ("2024年6月", "年底")
    assert first.extra == {"督办科室": "一科"} and second.extra == {}
    assert [(u.name, u.lead) for u in second.units] == [("区科技局", True)]
    assert [(p.line, p.text, p.reason) for p in notice.problems] == [
        (5, "多出的一格", "表格行的单元格多于表头，多出的内容未导入"),
    ]


def test_units_header_with_a_note_in_it(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位（*为牵头单位）\n1\t甲。\t*区财政局、区发改局\n")
    notice, _ = read_notice(path)
    assert [(u.name, u.lead) for u in notice.tasks[0].units] == [("区财政局", True), ("区发改局", False)]


def test_cell_of_two_paragraphs_saved_as_text(tmp_path):
    path = write(tmp_path, "二、林杰常委牵头重点工作\n序号\t重点工作\t责任单位\t备注\n1\t第一段。\n"
                           "第二段。\t*区财政局、区发改局\t按季报送\n2\t乙。\t区科技局\t\n")
    notice, _ = read_notice(path)
    first, second = notice.tasks
    assert (first.text, first.units_cell, first.remark) == ("第一段。\n第二段。", "*区财政局、区发改局", "按季报送")
    assert second.text == "乙。" and notice.problems == []


def test_web_page_bare_number_target_and_short_task(tmp_path):
    page = "\n\n".join(["二、林杰常委牵头重点工作", "序号", "重点工作", "区本级", "任务数", "责任单位",
                          "1", "新建学校若干所，提升办学条件。", "3", "区教育局、区发改局",
                          "2", "保安全。", "", "区应急管理局",
                          "3", "抓好防汛防台工作。", "区应急管理局"])
    notice, _ = read_notice(write(tmp_path, page))
    assert [(t.number, t.text, t.target, t.units_cell) for t in notice.tasks] == [
        ("1", "新建学校若干所，提升办学条件。", "3", "区教育局、区发改局"),
        ("2", "保安全。", "", "区应急管理局"),
        ("3", "抓好防汛防台工作。", "", "区应急管理局"),
    ]
