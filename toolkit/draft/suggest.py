"""Suggest responsible units for draft rows from earlier masters.

Offline and explainable on purpose: a clerk must see *why* a unit is
proposed before confirming it.  Two signals, both reported:

* similar tasks — character-bigram TF-IDF cosine between the draft row and
  every task of the reference masters; the units of the closest tasks are
  proposed, with the task, its score and the words both texts share;
* unit keywords — a row naming a unit's field (`教育`, `财政`, `统计`) proposes
  that unit.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Master, UnitRef
from ..units import alias_key, format_units, is_group_phrase

TOP_TASKS = 3
MIN_SIMILARITY = 0.15
KEYWORD_WEIGHT = 0.2
# A unit keyword counts only if at least this share of the reference tasks
# using the word went to that unit.
KEYWORD_PRECISION = 0.5
SUPPORT_WEIGHT = 0.5
# A unit is kept when its score reaches this share of the best unit's.
KEEP_SHARE = 0.3
MAX_UNITS = 5
# Bigrams in more than this share of reference tasks (推进, 加快) carry no
# signal and would make the index slow.
MAX_DF_SHARE = 0.3
_CJK_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_PREFIXES = ("温州市", "区委", "市委", "区", "市", "县")
_SUFFIXES = ("工作专班", "专班", "管理服务中心", "服务中心", "管理中心", "中心", "管委会", "管理局",
             "分局", "大队", "局", "委", "办", "部", "会", "集团", "公司", "所", "院", "站")


@dataclass
class Suggestion:
    """Units proposed for one row and the reasons, for the clerk to confirm."""

    units: list[UnitRef] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def cell(self) -> str:
        """Return the units as a 责任单位 cell (`*` on the proposed lead)."""
        return format_units(self.units)


@dataclass
class _RefTask:
    label: str
    text: str
    units: list[UnitRef]
    weights: dict[str, float]


def bigrams(text: str) -> Counter[str]:
    """Return the character bigrams of the Chinese/latin runs of `text`."""
    grams: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def unit_keyword(name: str) -> str:
    """Return the field word of a unit name (`区教育局` → `教育`); "" if too short."""
    key = alias_key(name)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return key if len(key) >= 2 else ""


class Suggester:
    """An index of the tasks of reference masters, queried once per draft row."""

    def __init__(self, masters: list[Master]):
        self.tasks = [t for m in masters for t in _ref_tasks(m)]
        df: Counter[str] = Counter(g for t in self.tasks for g in t.weights)
        total = len(self.tasks)
        limit = max(2, MAX_DF_SHARE * total)
        self.idf = {g: math.log((total + 1) / (n + 1)) + 1 for g, n in df.items() if n <= limit}
        self.default_idf = math.log(total + 1) + 1
        self.index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, task in enumerate(self.tasks):
            task.weights = _normalised({g: n * self.idf[g] for g, n in task.weights.items() if g in self.idf})
            for gram, weight in task.weights.items():
                self.index[gram].append((i, weight))
        units = {u.name for t in self.tasks for u in t.units if not is_group_phrase(u.name)}
        candidates = {name: kw for name in sorted(units) if (kw := unit_keyword(name))}
        self.keywords = {n: kw for n, kw in candidates.items() if self._keyword_holds(n, kw)}

    def _keyword_holds(self, name: str, keyword: str) -> bool:
        """Return True unless the references show `keyword` misleads: tasks
        using it (`改革` is everywhere) mostly went to other units."""
        using = [t for t in self.tasks if keyword in t.text]
        if not using:
            return True
        hits = sum(1 for t in using if any(u.name == name for u in t.units))
        return hits / len(using) >= KEYWORD_PRECISION

    def suggest(self, text: str) -> Suggestion:
        """Return the units proposed for `text`; empty when nothing is similar."""
        scores: Counter[str] = Counter()
        lead_scores: Counter[str] = Counter()
        reasons = []
        for i, similarity in self.similar(text):
            task = self.tasks[i]
            for ref in task.units:
                scores[ref.name] += similarity * (1 if ref.lead else SUPPORT_WEIGHT)
                lead_scores[ref.name] += similarity if ref.lead else 0
            shared = "、".join(shared_words(text, task.text, self.idf)) or "无"
            reasons.append(f"相似任务 {task.label}「{_short(task.text)}」（相似度{similarity:.2f}，共同词：{shared}）")
        for name, keyword in self.keywords.items():
            if keyword in text:
                scores[name] += KEYWORD_WEIGHT
                reasons.append(f"文本含「{keyword}」→ {name}")
        return Suggestion(_choose(scores, lead_scores), reasons)

    def similar(self, text: str) -> list[tuple[int, float]]:
        """Return (reference task index, cosine) of the closest tasks, best first."""
        query = _normalised({g: n * self.idf.get(g, self.default_idf) for g, n in bigrams(text).items()})
        dots: dict[int, float] = defaultdict(float)
        for gram, weight in query.items():
            for i, ref_weight in self.index.get(gram, ()):
                dots[i] += weight * ref_weight
        best = sorted(dots.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TASKS]
        return [(i, round(s, 4)) for i, s in best if s >= MIN_SIMILARITY]


def shared_words(text: str, other: str, idf: dict[str, float], limit: int = 3) -> list[str]:
    """Return the longest runs of `text` whose bigrams all occur in `other`,
    most telling first (summed IDF): the words that explain a match."""
    theirs = set(bigrams(other))
    runs, current = [], ""
    for run in _CJK_RUN.findall(text):
        current = ""
        for i in range(len(run) - 1):
            gram = run[i:i + 2]
            if gram in theirs:
                current = current + gram[1] if current else gram
            else:
                if current:
                    runs.append(current)
                current = ""
        if current:
            runs.append(current)
    score = {r: sum(idf.get(r[i:i + 2], 0) for i in range(len(r) - 1)) for r in set(runs)}
    ranked = sorted((r for r in score if score[r] > 0), key=lambda r: (-score[r], r))
    return ranked[:limit]


def _choose(scores: Counter[str], lead_scores: Counter[str]) -> list[UnitRef]:
    """Return up to MAX_UNITS units worth proposing, the likeliest lead first."""
    if not scores:
        return []
    top = max(scores.values())
    kept = [n for n, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) if s >= KEEP_SHARE * top]
    kept = kept[:MAX_UNITS]
    # A group phrase (区政府直属各单位…) may support but never leads.
    candidates = [n for n in kept if not is_group_phrase(n)]
    if not candidates:
        return [UnitRef(n, False) for n in kept]
    lead = max(candidates, key=lambda n: (lead_scores[n], scores[n], -kept.index(n)))
    return [UnitRef(lead, True)] + [UnitRef(n, False) for n in kept if n != lead]


def _ref_tasks(master: Master) -> list[_RefTask]:
    name = Path(master.path).name
    out = []
    for task in master.notice.tasks:
        units = master.canonical_units(task)
        if units:
            out.append(_RefTask(f"{name} {task.id}".strip(), task.text, units, dict(bigrams(task.text))))
    return out


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {g: w / norm for g, w in weights.items()}


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
