"""A command loads only what it uses.

Importing every command's libraries cost each command about a second
before it did any work (see toolkit/cli.py and toolkit/lazy.py).  These
tests run a fresh interpreter and look at what it loaded: no timing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from toolkit import progress, render, workbook


def loaded_after(statement: str) -> set[str]:
    """Return the modules a fresh interpreter holds after `statement`."""
    code = f"import sys\n{statement}\nimport json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_group_loads_no_command():
    modules = loaded_after("from toolkit.cli import cli")
    assert not any(m.startswith("toolkit.commands.") and m not in ("toolkit.commands.common", "toolkit.commands.zh")
                   for m in modules)
    assert "openpyxl" not in modules and "docx" not in modules


@pytest.mark.parametrize("command", ["summary", "bulletin", "remind", "import_", "letters"])
def test_reading_commands_never_load_openpyxl_or_collect(command):
    modules = loaded_after(f"import toolkit.commands.{command}")
    assert "openpyxl" not in modules
    assert "toolkit.progress.collect" not in modules
    assert "urllib.request" not in modules
    if command != "import_":
        assert "toolkit.notices.structure" not in modules  # the notice grammar is import's alone


@pytest.mark.parametrize("command", ["summary", "bulletin", "remind", "collect"])
def test_supervision_commands_load_no_template_engine(command):
    assert "jinja2" not in loaded_after(f"import toolkit.commands.{command}")


def test_collect_loads_no_word_library():
    modules = loaded_after("import toolkit.commands.collect")
    assert "docx" not in modules and "jinja2" not in modules and "openpyxl" not in modules


def test_running_a_command_loads_it_alone():
    modules = loaded_after("from toolkit.cli import cli\n"
                           "try:\n    cli.main(['summary', '--help'])\nexcept SystemExit:\n    pass")
    assert "toolkit.commands.summary" in modules
    assert "toolkit.commands.draft" not in modules and "toolkit.commands.collect" not in modules


def test_package_names_still_import():
    assert progress.write_summary.__module__ == "toolkit.progress.summary"
    assert progress.collect_returns.__module__ == "toolkit.progress.collect"
    assert workbook.read_master.__module__ == "toolkit.workbook.read"
    assert render.write_letters.__module__ == "toolkit.render.letters"
    with pytest.raises(AttributeError):
        progress.no_such_name  # noqa: B018
