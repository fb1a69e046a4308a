"""Responsible-unit cells: splitting, lead stars, group phrases, aliases.

Notices write the same cell many ways: `*区财政局、区税务局`,
`区发改局* 区经信局` (PDF, cell borders lost), `区应急管理局*、区消防救援大队，
各街道办事处`, with stray `。` or spaces.  Everything here is pure and small so
each rule can be tested alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .model import UnitRef
from .textsplit import split_outside

STARS = "*＊★"
# `区科技局（牵头）`: the lead named in words instead of a star.
_LEAD_WORD = re.compile(r"[（(]牵头[)）]$")
_SEPARATORS = "、，,；; \t\n\u3000"
_OPEN, _CLOSE = "（(", "）)"

# Group phrases name a set of units ("各街镇", "相关街道办事处"): kept in the
# lists as written, but nobody receives a letter addressed to them.
_GROUP_PREFIXES = ("各", "相关", "有关", "全区", "全市", "在鹿", "属地", "涉及", "等")
_GROUP_INFIXES = ("各单位", "各部门", "直属各", "各区属", "各镇街", "各街镇", "各街道", "成员单位", "区属国有企业",
                  "有关部门", "有关单位", "相关部门", "相关单位")
# `区大数据局等相关部门`: a unit, then a group phrase.
_AND_OTHERS = re.compile(r"^(.+?)(等(?:相关|有关|其他)?(?:部门|单位|街镇|街道|镇街))$")


def is_group_phrase(name: str) -> bool:
    """Return True when `name` is a group phrase rather than one unit."""
    return name.startswith(_GROUP_PREFIXES) or any(i in name for i in _GROUP_INFIXES)


_SPACES = re.compile(r"\s+")
# A star typed apart from its name (`* 区财政局`, `区科技局 *`).
_STAR_BEFORE = re.compile(r"(^|[、，,;；\s])([*＊★])\s+")
_STAR_AFTER = re.compile(r"\s+([*＊★])(?=$|[、，,;；])")
_LIST_COMMAS = re.compile(r"[、，,]")


def clean_name(token: str) -> str:
    """Return `token` without stars, stray punctuation and spaces.

    Half-width parentheses become full-width so `区委宣传部(区网信办)` and
    `区委宣传部（区网信办）` are one unit.
    """
    name = token.strip().strip(STARS).strip()
    name = name.strip("。.；;，,、 \u3000")
    if len(name) > 3 and name.endswith("等") and not name.endswith(("等单位", "等部门")):
        name = name[:-1]  # `…管委会等，各县政府`: the list goes on
    name = name.replace("(", "（").replace(")", "）")
    return _SPACES.sub("", name)


# `各县、市、区政府`: one group phrase whose 、 must not split it.
_ADMIN_LIST = re.compile(r"各[县市区乡镇](?:[、，,][县市区乡镇]){1,3}(?:人民)?(?:政府|党委|街道)?")
# `（列第一位者为牵头或汇总单位，下同）` typed inside a unit list: the notice's
# rule, not part of a unit's name.
RULE_NOTE = re.compile(r"[（(][^（）()]*(?:第一位|首位|第一个|排名第一)[^（）()]*[)）]")


def _tokens(cell: str) -> list[str]:
    """Split `cell` on separators that are outside parentheses; split a
    trailing `等相关部门` off its unit."""
    # The `in` tests skip patterns that cannot match: a city's notice has
    # thousands of unit cells, and most hold none of these.
    if "(" in cell or "（" in cell:
        cell = RULE_NOTE.sub("", cell)
    if "各" in cell:
        cell = _ADMIN_LIST.sub(lambda m: _LIST_COMMAS.sub("\0", m.group(0)), cell)
    tokens = []
    for token in split_outside(cell, _SEPARATORS, (_OPEN, _CLOSE)):
        token = token.replace("\0", "、")
        match = _AND_OTHERS.match(token) if "等" in token else None
        tokens += [match.group(1), match.group(2)] if match else [token]
    return tokens


def split_units(cell: str, first_leads: bool = False) -> list[UnitRef]:
    """Return the units of a responsible-units cell, lead flags set.

    A `*` before or after a name marks a lead unit.  With no star, a single
    unit leads (group phrases beside it not counted); with several, none does unless `first_leads` says the notice
    uses the "列第一位的为牵头单位" convention.
    """
    refs: dict[str, UnitRef] = {}
    if any(star in cell for star in STARS) and _SPACES.search(cell):
        cell = _STAR_AFTER.sub(r"\1", _STAR_BEFORE.sub(r"\1\2", cell))
    for token in _tokens(cell):
        stripped = token.strip().strip("。.")
        worded = "牵头" in stripped and _LEAD_WORD.search(stripped) is not None
        lead = stripped[:1] in STARS or stripped[-1:] in STARS or worded
        name = clean_name(token)
        if "牵头" in name:
            name = _LEAD_WORD.sub("", name)
        if not name:
            continue
        if name in refs:
            refs[name].lead = refs[name].lead or lead
        else:
            refs[name] = UnitRef(name, lead)
    units = list(refs.values())
    if units and not any(u.lead for u in units):
        # A group phrase beside one unit (`区农业农村局,相关街道办事处`) does not
        # make it one of several: that unit is still the sole one and leads.
        named = [u for u in units if not is_group_phrase(u.name)] or units
        if len(named) == 1:
            named[0].lead = True
        elif first_leads:
            units[0].lead = True
    return units


def format_units(units: list[UnitRef]) -> str:
    """Return a responsible-units cell: lead units first, each marked `*`."""
    ordered = [u for u in units if u.lead] + [u for u in units if not u.lead]
    starred = len(units) > 1
    return "、".join(("*" if u.lead and starred else "") + u.name for u in ordered)


# Long and short spellings of the same office word, most specific first.
_SYNONYMS = (
    ("人力资源和社会保障", "人社"),
    ("人力社保", "人社"),
    ("卫生健康", "卫健"),
    ("卫生和计划生育", "卫健"),
    ("市场监督管理", "市场监管"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("经济和信息化", "经信"),
    ("交通运输", "交通"),
    ("综合行政执法", "综合执法"),
    ("政府办公室", "府办"),
    ("政府办", "府办"),
    ("投资促进服务中心", "投促中心"),
    ("投资促进中心", "投促中心"),
    ("金融工作服务中心", "金融办"),
    ("金融服务中心", "金融办"),
    ("生态环境分局", "生态环境局"),
    ("文化和广电旅游体育", "文广旅体"),
    ("自然资源和规划", "自然资源"),
)


def alias_key(name: str) -> str:
    """Return a key that equal spellings of one unit share.

    `区人社局` and `区人力社保局` share a key; so do `区发改局（区六重办）` and
    `区发改局`: a trailing parenthetical hat does not make another unit (one
    inside the name, as in `中国（温州）数安港专班`, does).
    """
    key = re.sub(r"（[^）]*）$", "", name)
    for long, short in _SYNONYMS:
        key = key.replace(long, short)
    return key


def propose_aliases(counts: Counter[str]) -> dict[str, list[str]]:
    """Return {preferred name: [other spellings]} for names sharing a key.

    `counts` maps each name to how often it occurs; the most used spelling
    is proposed as the name, the others as its aliases.  Only proposals:
    the clerk confirms them in the 单位 sheet.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        if not is_group_phrase(name):
            groups[alias_key(name)].append(name)
    proposals = {}
    for names in groups.values():
        if len(names) > 1:
            names.sort(key=lambda n: (-counts[n], len(n), n))
            proposals[names[0]] = names[1:]
    return proposals
