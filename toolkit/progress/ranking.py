"""Ranking units for the 督查通报: on-time reporting first, then the share
of their tasks lit green, with the change since the previous quarter.

Pure: from the lights of two quarters and the 收文记录 rows.  Units that
tie on every measure share a rank (1, 2, 2, 4), as bulletins print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model import Master
from .lights import GREEN, RED, UNREPORTED, YELLOW, Lights, quarter_end

ON_TIME, LATE, MISSING = "按时报送", "逾期报送", "未报送"
REPORT_ORDER = {ON_TIME: 0, LATE: 1, MISSING: 2}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass
class Rank:
    """One unit's line of the ranking table."""

    unit: str
    reporting: str
    total: int
    green: int
    yellow: int
    red: int
    unreported: int
    submitted: str = ""
    late_days: int = 0
    rank: int = 0
    previous: int | None = None

    @property
    def share(self) -> float:
        """Return the percent of the unit's tasks lit green."""
        return round(100 * self.green / self.total, 1) if self.total else 0.0

    @property
    def change(self) -> str:
        """Return the change of rank since the previous quarter, as printed."""
        if self.previous is None:
            return "—"
        step = self.previous - self.rank
        return f"上升{step}位" if step > 0 else f"下降{-step}位" if step < 0 else "持平"

    def key(self) -> tuple:
        return (REPORT_ORDER[self.reporting], -self.share, self.red)


def submitted_at(master: Master, receipts: list[dict[str, str]], quarter: str) -> dict[str, str]:
    """Return {unit: when its first return of `quarter` was saved}: the
    file's own saved time when known, else the time it was collected.  Only
    files with rows taken count; 进展 rows typed in by hand count at their
    填报时间."""
    first: dict[str, str] = {}
    for row in receipts:
        if row.get("季度") != quarter or row.get("采纳行数", "0") in ("", "0"):
            continue
        unit = master.canonical(row.get("填报单位", ""))
        when = row.get("保存时间") or row.get("收文时间", "")
        if when and (unit not in first or when < first[unit]):
            first[unit] = when
    for entry in master.progress:
        unit = master.canonical(entry.unit)
        if entry.quarter == quarter and unit not in first and entry.collected_at:
            first[unit] = entry.collected_at
    return first


def rank_units(units: list[str], lights: Lights, submitted: dict[str, str], due_days: int,
               previous: list[Rank] | None = None) -> list[Rank]:
    """Return the ranking of `units` for `lights.quarter`, best first.

    A unit is on time when its first return was saved within `due_days`
    of the quarter's end (a unit reporting without any recorded time is
    taken as on time); `previous` is the last quarter's ranking.
    """
    due = datetime.combine(quarter_end(lights.quarter), datetime.max.time()) + timedelta(days=due_days)
    before = {r.unit: r.rank for r in previous or []}
    ranks = []
    for unit in units:
        counts = lights.counts(lights.by_unit.get(unit, []))
        rank = Rank(unit, MISSING, sum(counts[k] for k in (GREEN, YELLOW, RED, UNREPORTED)), counts[GREEN],
                    counts[YELLOW], counts[RED], counts[UNREPORTED], previous=before.get(unit))
        if unit in lights.reported:
            rank.submitted = submitted.get(unit, "")
            rank.reporting = ON_TIME
            if rank.submitted:
                late = datetime.strptime(rank.submitted[:19], TIME_FORMAT) - due
                if late > timedelta(0):
                    rank.reporting, rank.late_days = LATE, late.days + 1
        ranks.append(rank)
    order = {unit: n for n, unit in enumerate(units)}
    ranks.sort(key=lambda r: (r.key(), order[r.unit]))
    for n, rank in enumerate(ranks):
        rank.rank = ranks[n - 1].rank if n and rank.key() == ranks[n - 1].key() else n + 1
    return ranks
