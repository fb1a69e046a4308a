from collections import Counter

from toolkit.units import alias_key, format_units, is_group_phrase, propose_aliases, split_units


def names(refs):
    return [(u.name, u.lead) for u in refs]


def test_star_before_and_after_marks_lead():
    assert names(split_units("*区财政局、区税务局")) == [("区财政局", True), ("区税务局", False)]
    assert names(split_units("区发改局*、区交通局*")) == [("区发改局", True), ("区交通局", True)]


def test_mixed_separators_and_group_phrase_kept():
    refs = split_units("区应急管理局*、区消防救援大队，各街道办事处")
    assert names(refs) == [("区应急管理局", True), ("区消防救援大队", False), ("各街道办事处", False)]
    assert [u.is_group for u in refs] == [False, False, True]


def test_whitespace_split_when_borders_lost():
    refs = split_units("区住建局* 区城中村改造建设中心 区房产管理中心 相关街镇")
    assert names(refs) == [
        ("区住建局", True), ("区城中村改造建设中心", False), ("区房产管理中心", False), ("相关街镇", False),
    ]


def test_stray_full_stop_and_spaces_are_not_names():
    refs = split_units("*市高教新区发展中心、 区征收服务中心、梧田街道。")
    assert names(refs) == [("市高教新区发展中心", True), ("区征收服务中心", False), ("梧田街道", False)]


def test_parenthetical_alias_stays_whole_and_is_normalised():
    refs = split_units("*区处非办、区委宣传部(区网信办)、区府办（区“两个健康”办）")
    assert [u.name for u in refs] == ["区处非办", "区委宣传部（区网信办）", "区府办（区“两个健康”办）"]


def test_single_unit_leads_several_without_star_do_not():
    assert names(split_units("区发改局")) == [("区发改局", True)]
    assert names(split_units("区发改局、区科技局")) == [("区发改局", False), ("区科技局", False)]
    assert names(split_units("区发改局、区科技局", first_leads=True)) == [("区发改局", True), ("区科技局", False)]


def test_sole_unit_beside_group_phrases_leads():
    assert names(split_units("区农业农村局,相关街道办事处")) == [("区农业农村局", True), ("相关街道办事处", False)]
    assert names(split_units("各街镇、区财政局、相关单位")) == [("各街镇", False), ("区财政局", True), ("相关单位", False)]
    assert names(split_units("各街镇")) == [("各街镇", True)]
    assert names(split_units("区发改局、区科技局、各街镇")) == [("区发改局", False), ("区科技局", False), ("各街镇", False)]


def test_group_phrases():
    for phrase in ("各街镇", "相关街道办事处", "各镇街（开发区）", "区政府直属各单位", "全区各部门", "各区属国企",
                   "区第19届亚运会工作领导小组其他成员单位", "区属国有企业"):
        assert is_group_phrase(phrase), phrase
    for unit in ("区发改局", "团区委", "七都街道", "温州眼健康产业投资建设有限公司"):
        assert not is_group_phrase(unit), unit


def test_alias_proposals():
    assert alias_key("区人社局") == alias_key("区人力社保局") == alias_key("区人力资源和社会保障局")
    assert alias_key("区卫健局") == alias_key("区卫生健康局")
    assert alias_key("区市场监管局") == alias_key("区市场监督管理局")
    counts = Counter({"区卫生健康局": 5, "区卫健局": 2, "区发改局": 3, "区科技局": 1})
    assert propose_aliases(counts) == {"区卫生健康局": ["区卫健局"]}


def test_format_units_puts_leads_first():
    assert format_units(split_units("区科技局、*区发改局")) == "*区发改局、区科技局"
    assert format_units(split_units("区发改局")) == "区发改局"


def test_star_apart_from_its_name_and_lead_in_words():
    assert names(split_units("* 区财政局、区发改局")) == [("区财政局", True), ("区发改局", False)]
    assert names(split_units("区科技局 *、区发改局")) == [("区科技局", True), ("区发改局", False)]
    assert names(split_units("★区科技局、区发改局")) == [("区科技局", True), ("区发改局", False)]
    assert names(split_units("区科技局（牵头）、区发改局")) == [("区科技局", True), ("区发改局", False)]
    assert names(split_units("区住建局* 区城中村改造建设中心")) == [("区住建局", True), ("区城中村改造建设中心", False)]


def test_more_group_phrases_and_and_others():
    for phrase in ("属地街镇", "涉及街镇", "区有关部门", "区级有关部门", "区直有关单位"):
        assert is_group_phrase(phrase), phrase
    refs = split_units("*区大数据局等相关部门")
    assert [(u.name, u.lead, u.is_group) for u in refs] == [
        ("区大数据局", True, False), ("等相关部门", False, True),
    ]


def test_split_outside_brackets_and_quotes():
    from toolkit.textsplit import split_outside

    assert split_outside("甲（乙、丙）、丁", "、") == ["甲（乙、丙）", "丁"]
    assert split_outside("“没有走在前列也是一种风险。”我们要争先。好", "。", keep=True) == [
        "“没有走在前列也是一种风险。”我们要争先。", "好",
    ]
    assert split_outside("、、甲、 ", "、") == ["甲"]
