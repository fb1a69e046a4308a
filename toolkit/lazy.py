"""Package names that load their module on first use.

A package's `__init__` re-exports its main functions for the library's
users (`from toolkit.progress import write_forms`).  Importing them all
eagerly made every command load every other command's libraries: reading
the master pulled in collect, the notice renderer, jinja2 and python-docx.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def exports(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """Return a module `__getattr__` (PEP 562) that imports `names[name]`,
    a submodule of `package`, the first time `name` is asked for."""

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(names[name], package), name)

    return __getattr__
