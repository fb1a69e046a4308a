import pytest

from toolkit.draft.targets import extract_targets


@pytest.mark.parametrize("text, expected", [
    ("地区生产总值增长8.5%以上。", ["地区生产总值增长8.5%以上"]),
    ("推动全民创业就业,新增就业人员5000名以上,登记失业率控制在2.8%以内。",
     ["新增就业人员5000名以上", "登记失业率控制在2.8%以内"]),
    ("建成投用宏程小学,改造提升10所学校;", ["改造提升10所学校"]),
    ("力争战略性新兴产业增加值、数字经济核心产业增加值分别增长15%、9%以上。",
     ["战略性新兴产业增加值、数字经济核心产业增加值分别增长15%、9%以上"]),
    ("全年新增高新技术企业40家、省科技型企业200家。", ["新增高新技术企业40家", "省科技型企业200家"]),
    ("全年落地“152”项目2个、“251”项目5个。", ["落地“152”项目2个", "“251”项目5个"]),
    ("培育“隐形冠军”企业2家、“专精特新”培育企业120家。", ["培育“隐形冠军”企业2家", "“专精特新”培育企业120家"]),
    ("工业项目投产30个以上、新开工20个以上。", ["投产30个以上", "新开工20个以上"]),
    # Issue 8: the indicator stays with its figure.
    ("深化拆违控违,处置违法建设20万平方米以上。", ["处置违法建设20万平方米以上"]),
    ("政务服务事项“一网通办”通办率达到90%。", ["政务服务事项“一网通办”通办率达到90%"]),
    ("实现社会消费品零售总额增长5%以上。", ["社会消费品零售总额增长5%以上"]),
    ("全年完成老旧小区改造30个。", ["完成老旧小区改造30个"]),
])
def test_targets(text, expected):
    assert extract_targets(text) == expected


@pytest.mark.parametrize("text", [
    "2021年将迎来建党100周年,也是“十四五”开局之年。",
    "推进“5G+诊疗”,打造“三服务”2.0版,实施营商环境“10+N”便利化行动。",
    "谋划218省道前期工作,打造15分钟体育健身圈。",
    "坚持改革不停步,更要改革迈大步。",
])
def test_no_target(text):
    assert extract_targets(text) == []


def test_main_targets_of_a_real_report():
    """五莲县 2013 (tests/fixtures/draft/real/SOURCES.md): commas between
    targets, a colon before them, a ‰ rate; every target keeps its indicator."""
    from pathlib import Path

    from toolkit.draft.report import Line
    from toolkit.draft.split import target_clauses

    text = (Path(__file__).parent / "fixtures" / "draft" / "real" / "wulian-2013-main-targets.txt").read_text(
        encoding="utf-8").strip()
    rows = [p.text for p in target_clauses(Line(1, text))]
    assert rows == ["生产总值增长13%。", "公共财政预算收入增长18%。", "规模以上固定资产投资增长25%。",
                    "社会消费品零售总额增长17%。", "居民消费价格指数控制在3.5%以内。", "人口自然增长率控制在3‰以内。"]
    assert [extract_targets(r) for r in rows] == [
        ["生产总值增长13%"], ["公共财政预算收入增长18%"], ["规模以上固定资产投资增长25%"],
        ["社会消费品零售总额增长17%"], ["居民消费价格指数控制在3.5%以内"], ["人口自然增长率控制在3‰以内"]]
