"""Notices that list tasks as numbered paragraphs instead of a table.

Offices write the units of a paragraph item two ways:

    1.地区生产总值增长8%以上。(责任领导:杜某;牵头单位:区发改局;责任单位:区统计局)

    (一)地区生产总值增长7%以上
    牵头单位:区发改局
    责任单位:区统计局、各街道

Numbering runs to any depth (`一、` `（一）` `1.` `（1）` `①`).  The level
whose paragraphs carry units is the item level; `一、` above it opens a
section, the levels between are categories.  `item_blocks` turns such
paragraphs into Item blocks and leaves every other block as it was, so
structure.py still accounts for each line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .blocks import Item, Para, Row
from .headings import SECTION, numeral_value
from .tables import field_of

# (level, pattern): the number, then the text.  `1.` must not be `1.5亿元`.
_LEVELS = (
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$", re.S)),
    (2, re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(.*)$", re.S)),
    (3, re.compile(r"^(\d{1,3})\s*(?:[.．、](?!\d)|\s)\s*(.*)$", re.S)),
    (4, re.compile(r"^[（(]\s*(\d{1,3})\s*[)）]\s*[、.．]?\s*(.*)$", re.S)),
    (5, re.compile(r"^([①-⑳])\s*(.*)$", re.S)),
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# `牵头单位：…` — a label (up to 8 characters) and a colon.
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,8}?)\s*[:：]")
_UNIT_FIELDS = ("lead", "support", "units", "leader", "deadline", "target")
_OPEN, _CLOSE = "（([【", "）)]】"
# `区发改局、区经信局分别牵头`, `区科技局牵头`, `各街镇配合`.
_LEAD_VERB = re.compile(r"^(.+?)(?:分别|共同|负责)?牵头(?:负责|实施|推进)?$")
_SUPPORT_VERB = re.compile(r"^(.+?)(?:共同|积极)?(?:配合|参与|协助|协同)$")
# `A和B分别牵头`: 和 between two unit names (not inside 发展和改革局).
_AND = re.compile(r"(?<=[局委办院部会室队所站司处厅中心])和(?=[\u4e00-\u9fff])")
# A web site's footer (`主办单位：XX区人民政府办公室`), not an item's units.
_FOOTER = re.compile(r"^(主办|承办)(单位)?\s*[:：][^,，;；]*(政府|办公室|网站|中心)$")
_LIVELIHOOD = re.compile(r"民生实事|实事项目|民生项目")


@dataclass
class Numbered:
    """A numbered paragraph: its level, printed number and text."""

    level: int
    number: str
    text: str


def numbered(text: str) -> Numbered | None:
    """Return the numbering of a paragraph, None when it is not numbered."""
    for level, pattern in _LEVELS:
        match = pattern.match(text)
        if match and match.group(2).strip():
            number = match.group(1)
            if number in _CIRCLED:
                number = str(_CIRCLED.index(number) + 1)
            elif not number.isdigit():
                number = str(numeral_value(number))
            return Numbered(level, number, match.group(2).strip())
    return None


def labelled(text: str) -> dict[str, str] | None:
    """Return {field: value} of a line of unit labels (`牵头单位：A；责任单位：B`),
    None when the line does not start with a known label."""
    match = _LABEL.match(text.strip())
    if not match or field_of(match.group(1)) not in _UNIT_FIELDS or _FOOTER.match(text.strip()):
        return None
    return _fields(text.strip())


def _fields(text: str) -> dict[str, str]:
    """Return {field: value} of label text; pieces without a label are read
    by their verb (`A牵头`, `B配合`) or count as responsible units."""
    found: dict[str, list[str]] = {}
    for piece in re.split(r"[;；]|。(?!$)", text):
        piece = piece.strip().strip("。.")
        if not piece:
            continue
        for field_, value in _piece_fields(piece):
            if value:
                found.setdefault(field_, []).append(value)
    return {f: "、".join(v) for f, v in found.items()}


def _piece_fields(piece: str) -> list[tuple[str, str]]:
    """Return (field, value) pairs of one `;`-separated piece, which may hold
    several labels (`牵头单位：A 配合单位：B`)."""
    marks = [m for m in _LABEL.finditer(piece) if field_of(m.group(1)) in _UNIT_FIELDS]
    if not marks:
        return _verb_fields(piece)
    pairs = _verb_fields(piece[:marks[0].start()]) if marks[0].start() else []
    for mark, following in zip(marks, marks[1:] + [None]):
        end = following.start() if following else len(piece)
        pairs.append((field_of(mark.group(1)), piece[mark.end():end].strip(" ，,、。")))
    return pairs


def _verb_fields(piece: str) -> list[tuple[str, str]]:
    pairs = []
    for clause in re.split(r"[，,]", piece):
        clause = clause.strip()
        if (match := _LEAD_VERB.match(clause)) and not match.group(1).endswith("领导"):
            pairs.append(("lead", _AND.sub("、", match.group(1))))
        elif (match := _SUPPORT_VERB.match(clause)):
            pairs.append(("support", _AND.sub("、", match.group(1))))
        elif clause:
            pairs.append(("units", clause))
    return pairs


def trailing_brackets(text: str) -> tuple[str, dict[str, str]]:
    """Split `text（牵头单位：A；责任单位：B）` into the text and its fields.

    The bracket is found from the end by depth, so a unit's own parenthesis
    (`县发改局(粮食局)`) stays inside it.  Brackets earlier in the text that
    name units for one clause stay in the text, their units counted too.
    """
    body = text.rstrip(" 。；;.")
    if not body or body[-1] not in _CLOSE:
        return text, _inner_fields(text)
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] in _CLOSE:
            depth += 1
        elif body[i] in _OPEN:
            depth -= 1
            if depth == 0:
                inside = body[i + 1:-1]
                fields = _bracket_fields(inside)
                if not fields:
                    return text, _inner_fields(text)
                head = body[:i].rstrip()
                extra = _inner_fields(head)
                for key, value in extra.items():
                    fields[key] = "、".join(v for v in (value, fields.get(key, "")) if v)
                # A lead per clause: the last bracket belongs to the last
                # clause, so the text keeps it beside the others.
                return (text if extra else head), fields
    return text, {}


def _bracket_fields(inside: str) -> dict[str, str]:
    """Return the fields of a bracket that names units, {} for any other
    bracket (`（一期）`, `（含…）`)."""
    if labelled(inside) is not None:
        return _fields(inside)
    if re.search(r"牵头|配合|责任单位|负责$", inside):
        fields = _fields(inside)
        return fields if set(fields) & {"lead", "support"} else {}
    return {}


def _inner_fields(text: str) -> dict[str, str]:
    """Return the unit fields of brackets inside `text` (one lead per clause)."""
    found: dict[str, list[str]] = {}
    for match in re.finditer(r"[（(]([^（()）]{2,80})[)）]", text):
        for key, value in _bracket_fields(match.group(1)).items():
            found.setdefault(key, []).append(value)
    return {k: "、".join(v) for k, v in found.items()}


def item_level(blocks: list[Para | Row]) -> int:
    """Return the numbering level whose paragraphs carry units, 0 when no
    paragraph does (a notice of tables, or a plain list)."""
    levels: Counter[int] = Counter()
    for block, nxt in zip(blocks, blocks[1:] + [None]):
        number = numbered(block.text) if isinstance(block, Para) else None
        if number is None:
            continue
        if trailing_brackets(number.text)[1] or (isinstance(nxt, Para) and labelled(nxt.text) is not None):
            levels[number.level] += 1
    if levels:
        return levels.most_common(1)[0][0]
    return _livelihood_level([(i, b) for i, b in enumerate(blocks) if isinstance(b, Para)])


def _livelihood_level(paras: list[tuple[int, Para]]) -> int:
    """Return the level of a 民生实事 list given as numbered paragraphs
    with no units (`1.增加基础教育公办学位；`), 0 when there is none.  The list
    follows a line that introduces it (`…民生实事项目10项：`) or a heading,
    not a cover letter's sentence that merely names 民生实事."""
    for k, (_, block) in enumerate(paras):
        text = block.text.strip()
        introduces = text.endswith((":", "：")) or (len(text) <= 30 and "。" not in text)
        if not introduces or not _LIVELIHOOD.search(text) or numbered(text):
            continue
        following = [numbered(p.text) for _, p in paras[k + 1:k + 4]]
        if len(following) == 3 and all(following) and len({f.level for f in following}) == 1:
            return following[0].level
    return 0


@dataclass
class _Walker:
    """Turns numbered paragraphs of the item level into Items."""

    level: int
    out: list
    item: Item | None = None
    categories: tuple[str, str] = ("", "")
    pending: list | None = None

    def flush(self) -> None:
        if self.item is not None:
            self.out.append(self.item)
            self.item = None

    def para(self, block: Para, following: str) -> None:
        text = block.text.strip()
        number = numbered(text)
        fields = labelled(text)
        if fields is not None and self.item is not None:
            self.item.take(fields)
        elif number is not None and number.level == self.level:
            self.flush()
            head, fields = trailing_brackets(number.text)
            self.item = Item(number=number.number, text=head, line=block.line,
                             category1=self.categories[0], category2=self.categories[1])
            self.item.take(fields)
        elif number is not None and number.level < self.level and (number.level > 1 or not self._is_section(text)):
            self.flush()
            self.category(number.level, text)
            if number.level == 1:
                self.out.append(block)
        elif (self.item is not None and not self.item.has_units()
              and (number is not None or labelled(following) is not None)):
            self.item.text += text  # a wrapped line or a sub-point before the units
        else:
            self.flush()
            if number is not None and number.level == 1:
                self.categories = ("", "")
                block = Para(block.text, block.line, section=self._is_section(text))
            self.out.append(block)

    def _is_section(self, text: str) -> bool:
        return SECTION.match(text) is not None

    def category(self, level: int, text: str) -> None:
        """Keep a heading between the section and the items as the items'
        category (`(一)打好防范化解重大风险攻坚战`)."""
        if level <= 2 or self.level - level >= 2 and not self.categories[0]:
            self.categories = (text if level > 1 else "", "")
        else:
            self.categories = (self.categories[0], text)


def item_blocks(blocks: list[Para | Row]) -> list[Para | Row | Item]:
    """Return `blocks` with paragraph items turned into Item blocks."""
    level = item_level(blocks)
    if not level:
        return list(blocks)
    walker = _Walker(level, [])
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            following = next((b.text for b in blocks[i + 1:i + 2] if isinstance(b, Para)), "")
            walker.para(block, following)
        else:
            walker.flush()
            walker.out.append(block)
    walker.flush()
    return _confirm_sections(walker.out)


def _confirm_sections(blocks: list) -> list:
    """Keep the section flag only on headings with items under them: a
    cover letter's `一、总体要求` stays an ordinary paragraph."""
    for i, block in enumerate(blocks):
        if isinstance(block, Para) and block.section:
            following = next((b for b in blocks[i + 1:] if isinstance(b, Item) or isinstance(b, Para) and b.section), None)
            block.section = isinstance(following, Item)
    return blocks
