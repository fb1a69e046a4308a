from pathlib import Path

from toolkit.draft.glossary import Term, link_terms, read_glossary
from toolkit.draft.report import read_report

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "inputs" / "longgang-2021-work-report.txt"


def test_sample_glossary():
    terms = read_glossary(read_report(SAMPLE))
    assert len(terms) == 23
    first, last = terms[0], terms[-1]
    assert (first.number, first.term, first.line) == ("1", "“一区五城”", 150)
    assert first.explanation.startswith("指龙港市今后一段时期的发展定位")
    assert (last.number, last.term) == ("23", "“无废城市”")


def test_multi_paragraph_explanation():
    terms = read_glossary(read_report(ROOT / "tests" / "fixtures" / "draft" / "plain-tasks.txt"))
    assert [(t.term, t.explanation) for t in terms] == [
        ("“未来社区”", "指以人民美好生活向往为中心的新型城市功能单元。"),
        ("“专精特新”企业", "指具有专业化、精细化、特色化、新颖化特征的中小企业。\n其中国家级企业称“小巨人”。"),
    ]


def test_keys_and_links():
    terms = [Term("1", "“专精特新”企业", "", 1), Term("2", "“六稳”“六保”", "", 2), Term("3", "“152”项目", "", 3),
             Term("4", "“数字经济”", "", 4)]
    assert terms[0].keys == ["“专精特新”企业", "“专精特新”", "专精特新"]
    assert terms[1].keys == ["“六稳”“六保”", "“六稳”", "“六保”"]
    used = link_terms(terms, [("a", "培育“专精特新”培育企业120家"), ("b", "落地“152”项目2个,做好六稳工作"),
                              ("c", "大力发展数字经济,确保152亿元")])
    assert used == {"a": ["“专精特新”企业"], "b": ["“152”项目"], "c": ["“数字经济”"]}
    assert [t.rows for t in terms] == [["a"], [], ["b"], ["c"]]


def test_report_without_glossary(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("三、2021年主要目标和任务\n\n建强创新平台。推动改革。\n", encoding="utf-8")
    assert read_glossary(read_report(path)) == []
