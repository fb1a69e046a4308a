"""The README, followed from a fresh clone: `make demo`, then every
`$ toolkit …` example, each with the exit code the README shows.

Slow (about a minute): marked `slow`, run by `make test`; skip it while
developing with `-m "not slow"`.  To stay short it does not build a new
virtual environment from PyPI: `make demo` runs with this test's own
interpreter (`PY=…`), which has the dependencies, while `python -m toolkit`
in the clone imports the clone's code.  The clone is of the last commit.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from toolkit.cli import cli

README = ROOT / "README.md"


def examples(text: str) -> list[tuple[list[str], int]]:
    """Return every `$ toolkit …` line of the README's code blocks with the
    exit code shown after it (`（退出码 N…）`, else 0)."""
    found: list[tuple[list[str], int]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside and line.startswith("$ toolkit"):
            found.append((shlex.split(line[2:])[1:], 0))
        elif inside and found and (m := re.match(r"（退出码 (\d)", line)):
            found[-1] = (found[-1][0], int(m.group(1)))
    return found


def test_readme_starts_with_the_two_commands_then_how_to_run_toolkit():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[2].split("#")[0].strip() == "make demo"
    assert lines[3].split("#")[0].strip() == "make test"
    after = "\n".join(lines[4:14])
    for how in (".venv/bin/toolkit", "source .venv/bin/activate", "make install"):
        assert how in after


def test_every_example_is_found_with_its_exit_code():
    found = examples(README.read_text(encoding="utf-8"))
    commands = [args[0] if args else "" for args, _ in found]
    assert set(commands) - {""} == set(cli.all_commands())
    assert [code for _, code in found if code] == [1, 2]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or shutil.which("make") is None, reason="git and make needed")
def test_readme_from_a_fresh_clone(tmp_path):
    clone = tmp_path / "toolkit"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    demo = subprocess.run(["make", "demo", f"PY={sys.executable}", "VENV_STAMP="], cwd=clone,
                          capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]
    assert (clone / "outputs" / "lucheng-2023-notice-2023-任务函").is_dir()
    for args, expected in examples((clone / "README.md").read_text(encoding="utf-8")):
        run = subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=clone,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == expected, (args, run.stdout[-1500:], run.stderr[-1500:])
        assert "Traceback" not in run.stderr
