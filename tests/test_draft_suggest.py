from pathlib import Path

from toolkit.draft.suggest import Suggester, bigrams, shared_words, unit_keyword
from toolkit.model import Notice, Section, Task
from toolkit.units import split_units
from toolkit.workbook import read_master, write_master

REFERENCE_TASKS = [
    ("01-01", "地区生产总值增长6%以上。", "区发改局"),
    ("01-02", "一般公共预算收入增长6%。", "*区财政局、区税务局"),
    ("01-03", "城镇调查失业率控制在5%以内，新增城镇就业9000人。", "区人力社保局"),
    ("01-04", "新开工绣山中学等中小学、幼儿园10所，建成投用学校11所。", "*区教育局、区住建局"),
    ("01-05", "新增国家高新技术企业60家、省科技型中小企业150家。", "*区科技局、区经信局"),
    ("01-06", "依法完善宗教事务系统治理。", "区委统战部"),
]


def reference_master(folder: Path) -> Path:
    """Write a small reference master by hand, as an earlier year's import."""
    section = Section("二、林杰常务副区长牵头重点工作", "林杰")
    for task_id, text, cell in REFERENCE_TASKS:
        section.tasks.append(Task(number=task_id[-1], text=text, units=split_units(cell),
                                  units_cell=cell, id=task_id))
    path = folder / "参考台账.xlsx"
    write_master(path, Notice(sections=[section]), [])
    return path


def test_bigrams_skip_digits_and_punctuation():
    assert bigrams("增长6%以上。") == {"增长": 1, "以上": 1}


def test_unit_keyword():
    assert [unit_keyword(n) for n in ("区教育局", "区委统战部", "区人力资源和社会保障局", "区市场监督管理局", "区局")] == [
        "教育", "统战", "人社", "市场监管", ""]


def test_shared_words_are_maximal_runs():
    idf = {g: 1.0 for g in bigrams("地区生产总值增长以上")}
    assert shared_words("地区生产总值增长8.5%以上。", "地区生产总值增长 6%以上。", idf) == ["地区生产总值增长", "以上"]


def test_suggestions_explain_themselves(tmp_path):
    suggester = Suggester([read_master(reference_master(tmp_path))])
    gdp = suggester.suggest("地区生产总值增长8.5%以上。")
    assert gdp.cell == "区发改局"
    assert gdp.reasons == ["相似任务 参考台账.xlsx 01-01「地区生产总值增长6%以上。」（相似度1.00，共同词：地区生产总值增长、以上）"]
    revenue = suggester.suggest("财政总收入、一般公共预算收入增长12%以上。")
    assert revenue.cell == "*区财政局、区税务局"
    jobs = suggester.suggest("推动全民创业就业,新增就业人员5000名以上,登记失业率控制在2.8%以内。")
    assert jobs.cell == "区人力社保局"
    assert jobs.reasons == [
        "相似任务 参考台账.xlsx 01-03「城镇调查失业率控制在5%以内，新增城镇就业900…」（相似度0.37，共同词：失业率控制在、以内、就业）"]


def test_keyword_alone_proposes_unit(tmp_path):
    suggester = Suggester([read_master(reference_master(tmp_path))])
    school = suggester.suggest("深化与温州大学战略合作,打造教育强市。")
    assert school.cell == "区教育局"
    assert school.reasons == ["文本含「教育」→ 区教育局"]


def test_nothing_similar_gives_no_units(tmp_path):
    suggester = Suggester([read_master(reference_master(tmp_path))])
    none = suggester.suggest("把讲政治作为第一遵循。")
    assert (none.units, none.reasons, none.cell) == ([], [], "")


def test_a_group_phrase_never_leads():
    from collections import Counter

    from toolkit.draft.suggest import _choose

    scores = Counter({"区政府直属各单位": 3.0, "区发改局": 2.0})
    leads = Counter({"区政府直属各单位": 3.0})
    assert [(u.name, u.lead) for u in _choose(scores, leads)] == [("区发改局", True), ("区政府直属各单位", False)]
    assert [(u.name, u.lead) for u in _choose(Counter({"各街镇": 1.0}), Counter({"各街镇": 1.0}))] == [("各街镇", False)]
