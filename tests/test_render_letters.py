"""Task letters (toolkit.render.letters): one per unit, exactly its tasks."""

from __future__ import annotations

import re

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from fixtures.render.sample import sample_master

from toolkit.exceptions import TemplateError, ToolkitError
from toolkit.model import Master
from toolkit.render.letters import COMBINED_NAME, letter_contexts, write_letters
from toolkit.render.templates import DEFAULT_DIR
from toolkit.synthetic import make_notice
from toolkit.workbook.rows import unit_rows

ID = re.compile(r"（任务编号：([^）]+)）$")
LIVELIHOOD_ID = re.compile(r"（(?:牵头领导：[^；）]*；)?编号：([^）]+)）$")


def _letter_ids(path) -> tuple[list[str], list[str]]:
    """Return (lead task ids, support task ids) listed in a letter."""
    leads, supports, current = [], [], None
    for p in docx.Document(str(path)).paragraphs:
        if p.style.name == "GW Heading 1":
            current = leads if "牵头任务" in p.text else supports if "配合任务" in p.text else None
        m = ID.search(p.text)
        if m and current is not None:
            current.append(m.group(1))
    return leads, supports


@pytest.fixture
def master(tmp_path):
    return sample_master(tmp_path)


def test_one_letter_per_receiving_unit_with_exactly_its_tasks(master, tmp_path):
    summary = write_letters(master, tmp_path / "letters")
    names = sorted(p.name for p in (tmp_path / "letters").iterdir())
    # 区卫生健康局 is named only in 民生实事: it gets a letter too, after the task units.
    assert master.letter_units() == master.receiving_units() + ["区卫生健康局"]
    assert names == sorted(f"{u}.docx" for u in master.letter_units())
    assert len(names) == 12
    index = master.tasks_by_unit()
    for path in summary.files:
        leads, supports = index.get(path.stem, ([], []))
        assert _letter_ids(path) == ([t.id for t in leads], [t.id for t in supports]), path.stem


def test_group_phrases_get_no_letter(master, tmp_path):
    summary = write_letters(master, tmp_path)
    assert summary.groups == ["各街镇", "相关街镇"]
    assert not any("街镇" in p.name for p in tmp_path.glob("*.docx"))


def test_alias_spellings_reach_the_clerks_unit(master, tmp_path):
    write_letters(master, tmp_path)
    # 03-01 names 区人力社保局, which the clerk made an alias of 区人社局.
    assert _letter_ids(tmp_path / "区人社局.docx") == (["03-02"], ["03-01"])
    assert not (tmp_path / "区人力社保局.docx").exists()


def test_letter_text_names_other_units_targets_and_duties(master, tmp_path):
    write_letters(master, tmp_path)
    texts = [p.text.replace("\n", "") for p in docx.Document(str(tmp_path / "区人社局.docx")).paragraphs]
    # 区人社局 also leads two 民生实事 items (MS-04, MS-05; 区财政局 co-leads MS-05).
    assert texts[0] == "关于落实2023年政府工作报告重点工作任务和民生实事项目的函"
    assert texts[2] == "区人社局："
    assert texts[3].endswith("你单位共承担2023年政府工作报告重点工作2项，其中牵头1项、配合1项；"
                             "另牵头民生实事项目2项。现将具体任务函告如下，请认真抓好落实。")
    assert texts[4:13] == [
        "一、牵头任务（1项）",
        "（一）张伟常委、副区长牵头重点工作",
        "1. 开展职业技能培训13000人次。区本级任务数：13000人次。配合单位：区财政局、相关街镇。（任务编号：03-02）",
        "二、配合任务（1项）",
        "（一）张伟常委、副区长牵头重点工作",
        "1. 新开工中小学、幼儿园10所。区本级任务数：10所。牵头单位：区教育局。（任务编号：03-01）",
        "三、民生实事项目（2项）",
        "1. 劳有所获：开展职业技能培训13000人次。（牵头领导：伍国军；编号：MS-04）",
        "2. 劳有所获：新增城镇就业人员10000人。共同牵头：区财政局。（牵头领导：伍国军；编号：MS-05）",
    ]
    assert texts[13] == "四、报送要求"
    assert "每季度最后一个月的25日前向温州市鹿城区人民政府办公室报送" in texts[14]
    assert texts[15].startswith("对配合任务，请于每季度最后一个月的20日前将你单位承担部分的进展情况报送牵头单位")
    assert texts[16:18] == [
        "对民生实事项目，请于每季度最后一个月的25日前向温州市鹿城区人民政府办公室报送项目的季度进展情况。",
        "报送时请注明任务编号和民生实事项目编号。",
    ]
    assert texts[-2:] == ["温州市鹿城区人民政府办公室", "2023年2月27日"]


def test_a_unit_that_only_supports_gets_no_lead_section(master, tmp_path):
    write_letters(master, tmp_path)
    texts = [p.text for p in docx.Document(str(tmp_path / "区税务局.docx")).paragraphs]
    assert "一、配合任务（1项）" in texts
    assert not any("牵头任务" in t for t in texts)
    assert not any(t.startswith("对牵头任务") for t in texts)


def test_letters_are_gbt9704_portrait_pages_with_page_numbers(master, tmp_path):
    write_letters(master, tmp_path)
    doc = docx.Document(str(tmp_path / "区财政局.docx"))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert round(section.top_margin.twips) == 2098
    footer = section.footer.paragraphs[0]._p
    assert [f.get(qn("w:instr")) for f in footer.findall(qn("w:fldSimple"))] == [" PAGE "]


def test_combined_document_has_one_section_per_unit_numbered_from_one(master, tmp_path):
    summary = write_letters(master, tmp_path, combined=True)
    assert summary.combined == tmp_path / COMBINED_NAME
    doc = docx.Document(str(summary.combined))
    assert len(doc.sections) == 12
    starts = [s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) for s in doc.sections]
    assert starts == ["1"] * 12
    addressed = [p.text for p in doc.paragraphs if p.style.name == "GW Plain" and p.text.endswith("：")]
    assert addressed == [f"{u}：" for u in master.receiving_units() + ["区卫生健康局"]]


def test_progress_is_reported_after_each_letter(master, tmp_path):
    calls = []
    write_letters(master, tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 12) for i in range(1, 13)]


def test_unsafe_unit_names_become_safe_file_names(tmp_path):
    notice = make_notice(tasks=4, units=6, sections=1)
    notice.sections[0].tasks[0].units[0].name = 'A/B:C*D?"E<F>G|H'
    master = Master(notice=notice, units=unit_rows(notice))
    summary = write_letters(master, tmp_path)
    assert tmp_path / "A_B_C_D__E_F_G_H.docx" in summary.files


def test_broken_template_names_file_and_line(master, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    text = (DEFAULT_DIR / "letter.txt.j2").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[20] = "{{ 1 + }}"
    (templates / "letter.txt.j2").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        write_letters(master, tmp_path / "out", templates=templates)
    assert str(exc.value).startswith(f"模板 {templates / 'letter.txt.j2'} 第21行有语法错误：")


def test_unknown_template_variable_is_named(master, tmp_path):
    (tmp_path / "letter.txt.j2").write_text("@ {{ unit }}：\n{{ deadline }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        write_letters(master, tmp_path / "out", templates=tmp_path)
    assert str(exc.value).startswith(f"模板 {tmp_path / 'letter.txt.j2'} 使用了未知的变量「deadline」。可用的变量：")


def test_a_master_without_receiving_units_is_an_error(tmp_path):
    notice = make_notice(tasks=2, units=6, sections=1)
    for task in notice.tasks:
        task.units = [task.units[0].__class__("各街镇")]
    master = Master(notice=notice, units=[], path=str(tmp_path / "总台账.xlsx"))
    with pytest.raises(ToolkitError) as exc:
        write_letters(master, tmp_path)
    assert str(exc.value) == ("总台账 总台账.xlsx 中没有可以发函的责任单位（只有统称或为空）。"
                              "请检查「重点工作」工作表的责任单位列和「民生实事」工作表的牵头单位列。")


def test_contexts_group_tasks_by_leader_section(master):
    contexts = {c["unit"]: c for c in letter_contexts(master)}
    finance = contexts["区财政局"]
    assert (finance["lead_count"], finance["support_count"]) == (1, 2)
    assert [g["title"] for g in finance["leads"]] == ["林杰常委、常务副区长牵头重点工作"]
    assert [g["title"] for g in finance["supports"]] == ["林杰常委、常务副区长牵头重点工作", "张伟常委、副区长牵头重点工作"]
    task = finance["supports"][0]["tasks"][0]
    assert (task["id"], task["lead_units"], task["support_units"]) == ("02-03", ["区投资促进服务中心"], ["区科技局", "区金融办", "各街镇"])


def test_city_scale_batch(tmp_path):
    """3,000 tasks over 600 units: one letter each.  Its speed is measured by
    scripts/bench_letters.py, never timed here (a busy machine would flake)."""
    notice = make_notice(tasks=3000, units=600)
    master = Master(notice=notice, units=unit_rows(notice))
    summary = write_letters(master, tmp_path)
    assert len(summary.files) == 600
    assert summary.groups == ["各街镇"]


def test_a_failure_midway_leaves_no_half_written_print_file(master, tmp_path):
    def fail(done, total):
        if done == 3:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_letters(master, tmp_path, combined=True, progress=fail)
    assert not (tmp_path / COMBINED_NAME).exists()
    assert len(list(tmp_path.glob("*.docx"))) == 3


def test_an_open_print_file_is_refused_and_kept(master, tmp_path):
    (tmp_path / COMBINED_NAME).write_bytes(b"clerk's copy")
    (tmp_path / f"~${COMBINED_NAME}").write_text("")
    with pytest.raises(ToolkitError):
        write_letters(master, tmp_path, combined=True)
    assert (tmp_path / COMBINED_NAME).read_bytes() == b"clerk's copy"


def test_real_notice_letters_list_exactly_each_units_tasks(tmp_path):
    from pathlib import Path

    from toolkit.importing import import_notices
    from toolkit.workbook import read_master

    inputs = Path(__file__).resolve().parents[1] / "inputs"
    import_notices([inputs / "lucheng-2023-notice.txt"], tmp_path / "master.xlsx")
    real = read_master(tmp_path / "master.xlsx")
    summary = write_letters(real, tmp_path / "letters")
    index = real.tasks_by_unit()
    assert len(index) == len(real.receiving_units())
    # Two units are named only in 民生实事 (民生-04-01, 民生-04-02); they get letters too.
    assert [p.stem for p in summary.files] == real.receiving_units() + ["市医疗保障局鹿城分局", "区红十字会"]
    assert summary.groups == [
        "各街镇", "相关街镇", "区属国有企业", "全区各部门", "区第19届亚运会工作领导小组其他成员单位",
        "区现代社区建设暨“共享社·幸福里”建设领导小组其他成员单位", "区政府直属各单位",
    ]
    for path in summary.files:
        leads, supports = index.get(path.stem, ([], []))
        assert _letter_ids(path) == ([t.id for t in leads], [t.id for t in supports]), path.stem


def _small_master(cell: str, *, text: str = "推进协作。", meta: dict | None = None, source: str = "",
                  flags: tuple = (), aliases: dict | None = None, livelihood: tuple = ()) -> Master:
    """Return a one-task master: `cell` is the printed 责任单位; `livelihood`
    holds (项目名称, 项目内容, 牵头领导, [牵头单位]) rows, ids 民生-01-01…"""
    from toolkit.model import LivelihoodItem, Notice, Section, Task, UnitInfo
    from toolkit.units import split_units

    task = Task("1", text, units=split_units(cell), units_cell=cell, id="02-01", flags=list(flags))
    notice = Notice(source=source, meta=dict(meta or {}),
                    sections=[Section("二、林杰常委、常务副区长牵头重点工作", "林杰", tasks=[task])])
    notice.livelihood = [LivelihoodItem("1", project, content, leader, list(names), id=f"民生-01-{i:02d}")
                         for i, (project, content, leader, names) in enumerate(livelihood, start=1)]
    units = [UnitInfo(name, list(names)) for name, names in (aliases or {}).items()]
    return Master(notice=notice, units=units)


def _task_lines(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if ID.search(p.text)]


def test_co_leads_are_named_as_co_leads_and_not_as_supporters(tmp_path):
    # 区乙办 is the clerk's alias of 区乙局, printed twice: once as lead.
    master = _small_master("*区甲局、*区乙办、区丙局、区乙局，各街镇", aliases={"区乙局": ["区乙办"]})
    write_letters(master, tmp_path)
    assert _task_lines(tmp_path / "区甲局.docx") == [
        "1. 推进协作。共同牵头：区乙局。配合单位：区丙局、各街镇。（任务编号：02-01）"]
    assert _task_lines(tmp_path / "区乙局.docx") == [
        "1. 推进协作。共同牵头：区甲局。配合单位：区丙局、各街镇。（任务编号：02-01）"]
    assert _task_lines(tmp_path / "区丙局.docx") == [
        "1. 推进协作。牵头单位：区甲局、区乙局；其他配合单位：各街镇。（任务编号：02-01）"]
    context = letter_contexts(master)[0]["leads"][0]["tasks"][0]
    assert (context["lead_units"], context["support_units"], "others" in context) == (
        ["区乙局"], ["区丙局", "各街镇"], False)


def test_group_phrases_come_from_the_master_under_the_clerks_names(tmp_path):
    from toolkit.render import letters

    master = _small_master("*区甲局，相关街道，各街镇", aliases={"各街镇": ["相关街道"]})
    assert write_letters(master, tmp_path).groups == ["各街镇"]
    assert not hasattr(letters, "group_phrases")


def test_lost_task_text_is_shown_as_a_pointer_to_the_notice(tmp_path):
    from toolkit.model import TEXT_LOST

    master = _small_master("*区甲局、区丙局", text="", flags=(TEXT_LOST,))
    write_letters(master, tmp_path)
    assert _task_lines(tmp_path / "区甲局.docx") == [
        "1. （原文缺失，请以通知原件为准）配合单位：区丙局。（任务编号：02-01）"]


def test_year_falls_back_to_the_source_file_then_this_year(tmp_path):
    from datetime import date

    named = _small_master("*区甲局", source="inputs/lucheng-2021-notice.txt")
    assert letter_contexts(named)[0]["year"] == "2021"
    # A number that only looks like a year (part of 120235) is not one.
    bare = _small_master("*区甲局", meta={"文号": "温鹿政办120235号"})
    assert letter_contexts(bare)[0]["year"] == str(date.today().year)
    write_letters(bare, tmp_path)
    texts = [p.text for p in docx.Document(str(tmp_path / "区甲局.docx")).paragraphs]
    # The title breaks between words (梯形), the counts omit a zero part.
    assert (texts[0], texts[3]) == (
        f"关于落实{date.today().year}年政府工作报告\n重点工作任务的函",
        f"你单位共承担{date.today().year}年政府工作报告重点工作1项，均为牵头任务。现将具体任务函告如下，请认真抓好落实。")


def test_letter_template_prints_no_empty_year(master):
    from toolkit.render.templates import TextTemplate

    context = {**letter_contexts(master)[0], "year": "", "title": ""}
    lines = TextTemplate("letter.txt.j2").render(context)
    assert (lines[0].text, lines[3].text) == (
        "关于落实政府工作报告重点工作任务的函",
        "你单位共承担政府工作报告重点工作1项，均为牵头任务。现将具体任务函告如下，请认真抓好落实。")


def test_unwritable_letter_folder_is_explained_in_chinese(master, tmp_path):
    (tmp_path / "blocker").write_text("")
    target = tmp_path / "blocker" / "letters"
    with pytest.raises(ToolkitError) as exc:
        write_letters(master, target)
    assert str(exc.value) == (f"无法写入 {target}：路径中有同名的文件或文件夹。"
                              "请检查目录是否存在、是否有写入权限，或文件是否被其他程序占用。")


# 民生实事: a unit named as 牵头单位 of an item sees it in its letter, after the tasks.

CHILDCARE = ("幼有所育", "新增 0-3 岁幼儿托育机构托位 400 个。", "伍国军", ["区甲局"])
LUCHENG = "inputs/lucheng-2023-notice.txt"


def _texts(path) -> list[str]:
    """Paragraph texts, title lines joined."""
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs]


def _livelihood_ids(path) -> list[str]:
    return [m.group(1) for m in map(LIVELIHOOD_ID.search, _texts(path)) if m]


def test_a_unit_leading_a_livelihood_item_sees_it_after_its_tasks(tmp_path):
    master = _small_master("*区甲局、区丙局", source=LUCHENG, livelihood=(CHILDCARE,))
    write_letters(master, tmp_path)
    assert _texts(tmp_path / "区甲局.docx")[:13] == [
        "关于落实2023年政府工作报告重点工作任务和民生实事项目的函",
        "",
        "区甲局：",
        "你单位共承担2023年政府工作报告重点工作1项，均为牵头任务；另牵头民生实事项目1项。"
        "现将具体任务函告如下，请认真抓好落实。",
        "一、牵头任务（1项）",
        "（一）林杰常委、常务副区长牵头重点工作",
        "1. 推进协作。配合单位：区丙局。（任务编号：02-01）",
        "二、民生实事项目（1项）",
        "1. 幼有所育：新增 0-3 岁幼儿托育机构托位 400 个。（牵头领导：伍国军；编号：民生-01-01）",
        "三、报送要求",
        "对牵头任务，你单位负总责，请主动协调配合单位，于每季度最后一个月的25日前向区政府办公室报送牵头任务的"
        "季度进展情况（完成状态、完成进度、进展情况、存在问题和下步打算），同时抄送各配合单位。",
        "对民生实事项目，请于每季度最后一个月的25日前向区政府办公室报送项目的季度进展情况。",
        "报送时请注明任务编号和民生实事项目编号。",
    ]
    # A unit with no 民生实事 item: the letter reads as before.
    other = _texts(tmp_path / "区丙局.docx")
    assert other[0] == "关于落实2023年政府工作报告重点工作任务的函"
    assert other[3] == "你单位共承担2023年政府工作报告重点工作1项，均为配合任务。现将具体任务函告如下，请认真抓好落实。"
    assert not any("民生实事" in t for t in other)


def test_co_leads_of_a_livelihood_item_are_named_to_each_other(tmp_path):
    item = ("行有所畅", "设立电动自行车智能充电桩（柜）1000 个。", "陈允岳", ["区甲局", "区乙局", "区丙局"])
    master = _small_master("*区甲局", source=LUCHENG, livelihood=(item,))
    write_letters(master, tmp_path)
    line = "1. 行有所畅：设立电动自行车智能充电桩（柜）1000 个。共同牵头：{}。（牵头领导：陈允岳；编号：民生-01-01）"
    for unit, others in [("区甲局", "区乙局、区丙局"), ("区乙局", "区甲局、区丙局"), ("区丙局", "区甲局、区乙局")]:
        assert line.format(others) in _texts(tmp_path / f"{unit}.docx"), unit


def test_a_unit_only_in_livelihood_gets_a_letter_claiming_no_tasks(tmp_path):
    item = ("病有所医", "在公共场所新增 AED（自动体外除颤仪）10 台。", "伍国军", ["区红十字会"])
    master = _small_master("*区甲局", source=LUCHENG, livelihood=(CHILDCARE, item))
    summary = write_letters(master, tmp_path)
    assert [p.name for p in summary.files] == ["区甲局.docx", "区红十字会.docx"]
    texts = _texts(tmp_path / "区红十字会.docx")
    assert texts[:8] == [
        "关于落实2023年民生实事项目的函",
        "",
        "区红十字会：",
        "你单位牵头2023年民生实事项目1项。现将具体任务函告如下，请认真抓好落实。",
        "一、民生实事项目（1项）",
        "1. 病有所医：在公共场所新增 AED（自动体外除颤仪）10 台。（牵头领导：伍国军；编号：民生-01-02）",
        "二、报送要求",
        "对民生实事项目，请于每季度最后一个月的25日前向区政府办公室报送项目的季度进展情况。",
    ]
    assert texts[8] == "报送时请注明民生实事项目编号。"
    assert not any("牵头任务" in t or "配合任务" in t or "重点工作" in t for t in texts)
    context = letter_contexts(master)[1]
    assert (context["unit"], context["lead_count"], context["support_count"], context["livelihood_count"],
            context["leads"], context["supports"]) == ("区红十字会", 0, 0, 1, [], [])


def test_livelihood_item_without_project_or_leader_prints_no_empty_labels(tmp_path):
    master = _small_master("*区甲局", livelihood=(("", "新增城镇就业人员 10000 人。", "", ["区甲局"]),))
    write_letters(master, tmp_path)
    assert "1. 新增城镇就业人员 10000 人。（编号：民生-01-01）" in _texts(tmp_path / "区甲局.docx")


def test_group_phrases_in_livelihood_get_no_letter(tmp_path):
    from toolkit.model import UnitInfo

    items = (("灾有所防", "规范提升避灾安置场所 5 个。", "林杰", ["区甲局", "各街镇"]),
             ("灾有所防", "建设应急避难场所 2 个。", "林杰", ["相关街镇"]),
             ("灾有所防", "开展应急演练 10 次。", "林杰", ["区应急指挥部成员单位"]))
    master = _small_master("*区甲局，各街镇", source=LUCHENG, livelihood=items)
    # The clerk set 类型 统称 for a name the tool would have taken for a unit.
    master.units.append(UnitInfo("区应急指挥部成员单位", is_group=True))
    summary = write_letters(master, tmp_path)
    assert [p.name for p in summary.files] == ["区甲局.docx"]
    assert summary.groups == ["各街镇", "相关街镇", "区应急指挥部成员单位"]
    # Like a task's other units, a co-leading group phrase is still named.
    assert _texts(tmp_path / "区甲局.docx")[8] == (
        "1. 灾有所防：规范提升避灾安置场所 5 个。共同牵头：各街镇。（牵头领导：林杰；编号：民生-01-01）")
    assert _livelihood_ids(tmp_path / "区甲局.docx") == ["民生-01-01"]


def test_livelihood_units_go_through_the_clerks_aliases(tmp_path):
    # 区乙办 is the clerk's alias of 区乙局: one letter, the item listed once, never its own co-lead.
    items = (("住有所居", "完成老旧小区改造 20 个。", "陈允岳", ["区乙办"]),
             ("住有所居", "完成既有住宅加装电梯 50 台。", "陈允岳", ["区甲局", "区乙办", "区乙局"]))
    master = _small_master("*区甲局", source=LUCHENG, livelihood=items, aliases={"区乙局": ["区乙办"]})
    summary = write_letters(master, tmp_path)
    assert [p.name for p in summary.files] == ["区甲局.docx", "区乙局.docx"]
    assert [t for t in _texts(tmp_path / "区乙局.docx") if LIVELIHOOD_ID.search(t)] == [
        "1. 住有所居：完成老旧小区改造 20 个。（牵头领导：陈允岳；编号：民生-01-01）",
        "2. 住有所居：完成既有住宅加装电梯 50 台。共同牵头：区甲局。（牵头领导：陈允岳；编号：民生-01-02）",
    ]
    assert [t for t in _texts(tmp_path / "区甲局.docx") if LIVELIHOOD_ID.search(t)] == [
        "1. 住有所居：完成既有住宅加装电梯 50 台。共同牵头：区乙局。（牵头领导：陈允岳；编号：民生-01-02）",
    ]


def test_real_notice_letters_list_exactly_each_units_livelihood_items(tmp_path):
    from pathlib import Path

    from toolkit.importing import import_notices
    from toolkit.workbook import read_master

    inputs = Path(__file__).resolve().parents[1] / "inputs"
    import_notices([inputs / "lucheng-2023-notice.txt"], tmp_path / "master.xlsx")
    real = read_master(tmp_path / "master.xlsx")
    summary = write_letters(real, tmp_path / "letters")
    health = tmp_path / "letters" / "区卫生健康局.docx"
    assert _livelihood_ids(health) == ["民生-01-01", "民生-05-03"]
    assert [t for t in _texts(health) if LIVELIHOOD_ID.search(t)] == [
        "1. 幼有所育：新增 0-3 岁幼儿托育机构托位 400 个。（牵头领导：伍国军；编号：民生-01-01）",
        "2. 老有所养：为 70 周岁及以上鹿城区户籍老年人购买意外伤害保险 90000 人。（牵头领导：伍国军；编号：民生-05-03）",
    ]
    assert "你单位共承担2023年政府工作报告重点工作11项，其中牵头2项、配合9项；另牵头民生实事项目2项。" in _texts(health)[3]
    # Every item reaches exactly its 牵头单位: each letter lists that unit's ids, in printed order.
    expected: dict[str, list[str]] = {}
    for item in real.notice.livelihood:
        for name in item.units:
            expected.setdefault(name, []).append(item.id)
    assert {p.stem: _livelihood_ids(p) for p in summary.files if _livelihood_ids(p)} == expected
    assert _texts(tmp_path / "letters" / "市医疗保障局鹿城分局.docx")[3].endswith(
        "你单位牵头2023年民生实事项目1项。现将具体任务函告如下，请认真抓好落实。")


# Issue 11: contact of the issuing office, zero counts, aliases, duplex print.

def test_letters_name_the_issuing_offices_contact_from_the_meta_sheet(tmp_path):
    meta = {"联系人": "张三", "联系电话": "0577-88880000", "任务函文号": "温鹿政办函[2023] 5号"}
    write_letters(_small_master("*区甲局", meta=meta), tmp_path)
    texts = _texts(tmp_path / "区甲局.docx")
    assert texts[0] == "温鹿政办函〔2023〕5号"
    assert "联系人：张三，联系电话：0577-88880000。" in texts
    write_letters(_small_master("*区甲局", meta={"联系电话": "88880000"}), tmp_path / "b")
    assert "联系电话：88880000。" in _texts(tmp_path / "b" / "区甲局.docx")
    write_letters(_small_master("*区甲局"), tmp_path / "c")
    assert not any(t.startswith(("联系人", "联系电话")) for t in _texts(tmp_path / "c" / "区甲局.docx"))


def test_unconfirmed_aliases_are_warned_about(tmp_path):
    from toolkit.model import UnitInfo

    master = _small_master("*区发改局、区发改局（区六重办）")
    master.units = [UnitInfo("区发改局", [], suggested=["区发改局（区六重办）"]),
                    UnitInfo("区发改局（区六重办）", [])]
    summary = write_letters(master, tmp_path)
    assert summary.warnings == ["提示：区发改局、区发改局（区六重办） 可能是同一单位，现在会各收到一份任务函（共2份）。"
                                "如是同一单位，请在总台账「单位」表的“别名”列确认后重新生成。"]
    confirmed = _small_master("*区发改局、区发改局（区六重办）", aliases={"区发改局": ["区发改局（区六重办）"]})
    assert write_letters(confirmed, tmp_path / "b").warnings == []


def test_each_letter_of_the_print_file_starts_on_an_odd_page_numbered_1(master, tmp_path):
    summary = write_letters(master, tmp_path, combined=True)
    body = docx.Document(str(summary.combined)).element.body
    sections = body.findall(".//" + qn("w:sectPr"))
    assert len(sections) == len(summary.files)
    assert {s.find(qn("w:type")).get(qn("w:val")) for s in sections} == {"oddPage"}
    assert {s.find(qn("w:pgNumType")).get(qn("w:start")) for s in sections} == {"1"}
