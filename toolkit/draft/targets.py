"""Extract the quantified targets (量化指标) of a task row.

A target is the clause fragment that carries a number and its unit, with
its indicator: `地区生产总值增长8.5%以上`, `通办率达到90%`,
`新增就业人员5000名以上`, `处置违法建设20万平方米以上`.  Before a level
verb (`增长`, `达到`, `控制在`) the indicator is the subject, so the target
starts at the clause start; otherwise it starts at the first action verb,
whose object is the indicator.  It runs to the end of the clause; a list such as `新增高新技术企业40家、省科技型企业
200家` gives one target per item.  Numbers inside quotes (`“152”项目`) and
numbers without a unit (`2021年`, `5G`) are not targets.
"""

from __future__ import annotations

import bisect
import re

from ..textsplit import split_outside

_HARD_SEPARATORS = ",，;；:：。！？!?"
_QUOTES_OPEN, _QUOTES_CLOSE = "“‘「", "”’」"
# Longest units first so `万平方米` wins over `米`.
UNITS = sorted((
    "%", "％", "‰", "个百分点", "亿元", "万元", "元", "万吨", "吨", "万平方米", "平方米", "平方公里",
    "公里", "千米", "米", "万亩", "亩", "家", "个", "名", "所", "项", "件", "条", "户", "人次",
    "万人", "人", "座", "台", "辆", "套", "处", "批", "场", "次", "倍", "张", "间", "床", "艘",
    "兆瓦", "千瓦", "万千瓦", "标箱", "万标箱", "部", "支", "篇", "片", "幢", "栋", "棵", "株",
    "万株", "根", "盏", "对", "组", "期", "宗", "起", "亿", "万",
), key=len, reverse=True)
# Starts only where a digit run starts: inside a long run of digits every
# start would rescan the run (quadratic).
_QUANTITY = re.compile(r"(?<!\d)\d+(?:\.\d+)?(?:" + "|".join(re.escape(u) for u in UNITS) + ")")
# Action verbs a target starts with; longest first so `改造提升` wins over `提升`.
VERBS = sorted((
    "增长", "增加", "新增", "净增", "增至", "提高", "提升", "改造提升", "达到", "达", "超过", "突破",
    "开工建设", "控制在", "保持在", "保持", "稳定在", "下降", "降低", "减少", "压减", "压降", "完成", "实现",
    "建成", "建设", "新建", "改建", "新建改建", "开工", "新开工", "投产", "引进", "引育", "培育",
    "培养", "招引", "落地", "创建", "打造", "实施", "改造", "整治", "开展", "发行", "供应",
    "启动", "推进", "建立", "新招引", "签约", "新签约", "收储", "出让", "供地", "消除", "腾退",
    "拆除", "拆迁", "安置", "筹集", "交付", "开发", "认定", "评定", "举办", "组织", "服务",
    "帮扶", "救助", "覆盖", "引导", "吸引", "接待", "种植", "植树", "修复", "治理",
    "处置", "查处", "清理", "办理", "化解", "盘活", "整改", "新增改造",
), key=len, reverse=True)
# Verbs that state an indicator's level: the indicator is their subject.
LEVEL_VERBS = frozenset((
    "增长", "增加", "净增", "增至", "提高", "提升", "达到", "达", "超过", "突破", "控制在", "保持在",
    "保持", "稳定在", "下降", "降低", "减少", "压减", "压降",
))
# Words opening a clause that belong to no indicator.
OPENERS = ("力争", "确保", "争取", "努力", "力求", "全年", "今年", "年内", "预计", "全力", "实现")
_VERB = re.compile("|".join(re.escape(v) for v in VERBS))
# Words that bind to the verb after them: `分别增长`, `均下降`.
_BOUND_ADVERBS = ("分别", "均")
JOIN = "；"


def extract_targets(text: str) -> list[str]:
    """Return the quantified targets of `text`, in order; [] when it has none."""
    targets = []
    for clause in _clauses(text):
        targets += _clause_targets(clause)
    return targets


def _clauses(text: str) -> list[str]:
    """Return the clauses of `text` split on hard separators outside quotes."""
    return split_outside(text, _HARD_SEPARATORS, (_QUOTES_OPEN, _QUOTES_CLOSE))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return the (open, close) positions of the quoted names in `text`."""
    spans, start = [], None
    for i, ch in enumerate(text):
        if ch in _QUOTES_OPEN and start is None:
            start = i
        elif ch in _QUOTES_CLOSE and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    """Return True when `at` lies strictly inside one of the ordered,
    disjoint `spans` (`starts` their openings): a bisection, so a line of
    thousands of quotes stays linear."""
    i = bisect.bisect_left(starts, at) - 1
    return i >= 0 and spans[i][0] < at < spans[i][1]


def _quantities(text: str) -> list[re.Match]:
    """Return the number+unit matches of `text` that lie outside quotes."""
    quoted = _quoted_spans(text)
    starts = [a for a, _ in quoted]
    found = []
    for match in _QUANTITY.finditer(text):
        if _inside(quoted, starts, match.start()):
            continue
        if match.start() > 0 and (text[match.start() - 1].isdigit() or text[match.start() - 1] in "+."):
            continue
        found.append(match)
    return found


def _clause_targets(clause: str) -> list[str]:
    """Return the targets of one clause, splitting lists at `、` after a quantity.

    `、` directly followed by a number lists values of one target
    (`分别增长15%、9%以上`) and does not split.
    """
    quantities = _quantities(clause)
    if not quantities:
        return []
    segments, start = [], 0
    for i, match in enumerate(quantities):
        nxt = next((quantities[j] for j in range(i + 1, len(quantities)) if quantities[j].start() > match.end()), None)
        # Looked for only up to the next quantity: linear on a long list.
        cut = clause.find("、", match.end(), nxt.start()) if nxt is not None else -1
        if cut >= 0 and cut + 1 < nxt.start() and _plain(clause[match.end():cut]):
            segments.append((start, cut))
            start = cut + 1
    segments.append((start, len(clause)))
    targets = []
    for a, b in segments:
        segment = clause[a:b]
        inside = _quantities(segment)
        if inside:
            targets.append(segment[_start(segment, inside[0].start()):].strip())
    return [t for t in targets if t]


def _plain(between: str) -> bool:
    """Return True when the text between a quantity and `、` is only a qualifier
    or a short noun (`以上`, `学校`): the `、` then separates list items."""
    return len(between) <= 8


def _start(segment: str, number_at: int) -> int:
    """Return where the target of `segment` starts, keeping its indicator.

    With a level verb (`增长`, `达到`, `控制在`…) the indicator is the
    subject before it: `通办率达到90%`, `地区生产总值增长8.5%以上`, so the
    target runs from the clause start (after `力争`, `全年`…).  Otherwise
    the indicator is the object after the first action verb:
    `处置违法建设20万平方米以上` starts at `处置`, not at `建设`.  A verb in
    quotes or just after a closing quote is part of a name.
    """
    verbs = _verbs(segment, number_at)
    opening = _after_openers(segment)
    if any(v.group() in LEVEL_VERBS for v in verbs) or not verbs:
        return opening
    first = verbs[0].start()
    for adverb in _BOUND_ADVERBS:
        if segment[:first].endswith(adverb):
            return first - len(adverb)
    return first


def _verbs(segment: str, number_at: int) -> list[re.Match]:
    """Return the action verbs of `segment` before `number_at`, outside
    quoted names."""
    quoted = _quoted_spans(segment)
    starts = [a for a, _ in quoted]
    found = []
    for match in _VERB.finditer(segment, 0, number_at):
        inside = _inside(quoted, starts, match.start())
        after_quote = match.start() > 0 and segment[match.start() - 1] in "”’」"
        if not inside and not after_quote:
            found.append(match)
    return found


def _after_openers(segment: str) -> int:
    """Return where `segment` starts once its opening modal and time words
    (`力争`, `全年`) are skipped: they belong to no indicator."""
    pos = 0
    while True:
        word = next((w for w in OPENERS if segment.startswith(w, pos)), None)
        if word is None:
            return pos
        pos += len(word)
