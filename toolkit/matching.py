"""Recognise a notice by its content, not its file name.

The same notice comes back as a .docx, a web page or a corrected copy under
another name; its ids (`02-05`, from printed numerals and 序号) and task
texts stay.  A notice whose tasks mostly match (same id, same text once
whitespace is ignored) one already held is that notice again.
"""

from __future__ import annotations

import re

from .model import Notice, Task

# Share of a notice's tasks that must match for it to be "the same notice":
# a corrected notice changes a few texts, another year's changes nearly all.
SAME_SHARE = 0.5


def local_id(task_id: str) -> str:
    """Return `task_id` without its notice prefix (`ouhai/02-05` → `02-05`)."""
    return task_id.rsplit("/", 1)[-1]


def prefix_of(task_id: str) -> str:
    """Return the notice prefix of `task_id` (`ouhai/` or '')."""
    return task_id[: len(task_id) - len(local_id(task_id))]


def fingerprint(tasks: list[Task]) -> dict[str, str]:
    """Return {local id: task text without whitespace}."""
    return {local_id(t.id): re.sub(r"\s+", "", t.text) for t in tasks}


def share(incoming: dict[str, str], held: dict[str, str]) -> float:
    """Return the share of `incoming` tasks found in `held` with the same text."""
    if not incoming:
        return 0.0
    same = sum(1 for key, text in incoming.items() if text and held.get(key) == text)
    return same / len(incoming)


def held_notices(tasks: list[Task]) -> dict[str, dict[str, str]]:
    """Return {prefix: fingerprint} for each notice a master holds."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(prefix_of(task.id), []).append(task)
    return {prefix: fingerprint(group) for prefix, group in groups.items()}


def match(notice: Notice, held: dict[str, dict[str, str]]) -> str | None:
    """Return the prefix of the held notice `notice` is, or None."""
    mine = fingerprint(notice.tasks)
    scored = sorted(((share(mine, theirs), prefix) for prefix, theirs in held.items()), reverse=True)
    if scored and scored[0][0] >= SAME_SHARE:
        return scored[0][1]
    return None
