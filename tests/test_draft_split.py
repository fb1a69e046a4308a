from pathlib import Path

import pytest

from toolkit.draft.outline import Category, find_outline
from toolkit.draft.report import Line, read_report
from toolkit.draft.split import category_pieces, is_slogan, lead_phrase, sentences, target_clauses

SAMPLE = Path(__file__).parent.parent / "inputs" / "longgang-2021-work-report.txt"


def test_sentences_keep_quotes_whole():
    text = "牢固树立“没有走在前列也是一种风险。”的意识。深化改革;扩大开放。收尾"
    assert sentences(text) == ["牢固树立“没有走在前列也是一种风险。”的意识。", "深化改革;", "扩大开放。", "收尾"]


def test_lead_phrase():
    assert lead_phrase("建强创新平台。推动省级经开区法定机构改革。") == "建强创新平台。"
    assert lead_phrase("完善低成本、高效率的政府运行模式。以“体制创新”打通堵点。") == "完善低成本、高效率的政府运行模式。"
    # A comma means a sentence of the speech, not a bold lead phrase.
    assert lead_phrase("勤政为民韶光贵,不待扬鞭自奋蹄。我们将发扬精神。") == ""
    assert lead_phrase("只有一句。") == ""


def test_main_targets_one_row_per_clause():
    line = Line(75, "综合各方面因素,全市经济社会发展的主要预期目标是:地区生产总值增长8.5%以上,"
                    "财政总收入、一般公共预算收入增长12%以上,城乡居民人均可支配收入同比增长分别达到9%和10%。")
    assert [p.text for p in target_clauses(line)] == [
        "地区生产总值增长8.5%以上。",
        "财政总收入、一般公共预算收入增长12%以上。",
        "城乡居民人均可支配收入同比增长分别达到9%和10%。",
    ]


def test_introduction_and_speech_are_skipped():
    category = Category("(七)作风", 127, [
        Line(129, "勤政为民韶光贵,不待扬鞭自奋蹄。我们将发扬精神。"),
        Line(131, "把讲政治作为第一遵循。始终把加强政治建设作为首要任务。善于观察。"),
        Line(141, "各位代表!奋斗创造历史,实干成就未来。"),
    ])
    pieces, skipped = category_pieces(category)
    assert [(p.text, p.line, p.lead) for p in pieces] == [
        ("始终把加强政治建设作为首要任务。", 131, "把讲政治作为第一遵循。"),
        ("善于观察。", 131, "把讲政治作为第一遵循。"),
    ]
    assert [line.number for line in skipped] == [129, 141]


def test_sample_rows_per_section():
    outline = find_outline(read_report(SAMPLE))
    counts = [len(category_pieces(c)[0]) for c in outline.categories]
    assert counts == [16, 20, 8, 15, 30, 11, 9]
    first = category_pieces(outline.categories[0])[0][0]
    assert first.lead == "争当新型城镇化改革的示范窗口。"
    assert first.text == "坚持改革不停步,更要改革迈大步,深入开展“改革深化年”行动,大力推进以人为核心的新型城镇化,加快实现全域城市化、农村社区化、就地市民化,全力打造全国新型城镇化改革策源地。"


def test_bold_lead_wins_over_text_rule():
    category = Category("(三)创新", 93, [
        Line(95, "坚持创新驱动，建强创新平台。推动改革。加快融合。", bold="坚持创新驱动，建强创新平台。"),
    ])
    pieces, skipped = category_pieces(category)
    assert [(p.text, p.lead) for p in pieces] == [
        ("推动改革。", "坚持创新驱动，建强创新平台。"), ("加快融合。", "坚持创新驱动，建强创新平台。")]
    assert skipped == []


@pytest.mark.parametrize("sentence, expected", [
    ("工作千万条,落实第一条。", True),
    ("空谈误国，实干兴邦！", True),
    ("民生无小事,枝叶总关情。", True),
    # Couplets opening like a measure are tasks.
    ("深化改革开放,激发市场活力。", False),
    ("守牢安全底线,筑牢稳定防线。", False),
    # Not couplets: unequal clauses, a figure, a quote, three clauses, no comma.
    ("工作千万条,落实是第一条。", False),
    ("新增就业5000人,失业率下降。", False),
    ("群众“急难愁盼”,政府马上就办。", False),
    ("工作千万条,落实第一条,责任第一位。", False),
    ("依法做好宗教事务管理。", False),
])
def test_is_slogan(sentence, expected):
    assert is_slogan(sentence) is expected


def test_slogan_opening_or_closing_a_paragraph_is_skipped():
    category = Category("(七)作风", 127, [
        Line(135, "把抓落实作为第一任务。工作千万条,落实第一条。坚持把抓落实作为生命线。"
                  "民生无小事,枝叶总关情。加大考核力度。空谈误国,实干兴邦。"),
    ])
    pieces, skipped = category_pieces(category)
    # Amid the measures, a couplet stays a row: only the ends are slogans' places.
    assert [p.text for p in pieces] == ["坚持把抓落实作为生命线。", "民生无小事,枝叶总关情。", "加大考核力度。"]
    assert [(line.number, line.text) for line in skipped] == [(135, "工作千万条,落实第一条。"), (135, "空谈误国,实干兴邦。")]
