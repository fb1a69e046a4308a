"""`make demo`: run the main job on inputs/ and leave the results in outputs/.

Each step is the command a clerk would type, printed before it runs.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS, OUTPUTS = ROOT / "inputs", ROOT / "outputs"
NOTICES = ["lucheng-2023-notice.txt", "longwan-2023-web-page.txt", "ouhai-2024-annex.txt",
           "lucheng-2020-pdf-extract.txt"]


def toolkit(*args: str, ok=(0,)) -> None:
    """Run `toolkit ARGS` as a clerk would, stopping the demo on failure."""
    print("\n$ toolkit " + " ".join(shlex.quote(a) for a in args), flush=True)
    code = subprocess.call([sys.executable, "-m", "toolkit", *args], cwd=ROOT)
    if code not in ok:
        sys.exit(f"demo: 命令失败（退出码 {code}）")


def run_python(*args: str) -> None:
    """Run a helper script of the demo (not a clerk's command)."""
    print("\n$ python " + " ".join(shlex.quote(a) for a in args), flush=True)
    subprocess.check_call([sys.executable, *args], cwd=ROOT)


def main() -> None:
    OUTPUTS.mkdir(exist_ok=True)
    # --force everywhere: a second `make demo` replaces what the first wrote.
    for name in NOTICES:
        toolkit("import", f"inputs/{name}", "-o", f"outputs/{Path(name).stem}.xlsx", "--force")
    master = "outputs/lucheng-2023-notice.xlsx"
    toolkit("notice", master, "--force")
    toolkit("notice", master, "--format", "html", "--force")
    toolkit("letters", master, "--combined", "--force")
    # The quarterly cycle: forms out, six units fill theirs (one with
    # mistakes, which collect refuses row by row: exit 1), back in, summary.
    toolkit("forms", master, "-q", "2023Q1", "--force",
            "--deadline", "2023年4月5日", "--contact", "区府办督查科 0577-88880000")
    run_python("-m", "toolkit.progress.fill", "outputs/lucheng-2023-notice-2023Q1-进展表",
               "outputs/收回-2023Q1", "6", "--mistakes", "--saved-at", "2023-04-06T08:00:00Z")
    toolkit("collect", master, "outputs/收回-2023Q1", "-q", "2023Q1", ok=(0, 1))
    toolkit("summary", master, "-q", "2023Q1", "--force")
    toolkit("summary", master, "-q", "2023Q1", "--blank", "--force")
    # Supervision: reminders after Q1 (units silent or with red tasks), then
    # a second quarter with more returns, and the bulletin comparing both.
    toolkit("remind", master, "-q", "2023Q1", "--combined", "--force")
    toolkit("forms", master, "-q", "2023Q2", "--force",
            "--deadline", "2023年7月5日", "--contact", "区府办督查科 0577-88880000")
    run_python("-m", "toolkit.progress.fill", "outputs/lucheng-2023-notice-2023Q2-进展表",
               "outputs/收回-2023Q2", "20", "--saved-at", "2023-07-08T08:00:00Z")
    toolkit("collect", master, "outputs/收回-2023Q2", "-q", "2023Q2", ok=(0, 1))
    toolkit("summary", master, "-q", "2023Q2", "--force")
    toolkit("bulletin", master, "-q", "2023Q2", "--force")
    toolkit("report", master, "-y", "2023", "--force")
    toolkit("draft", "inputs/longgang-2021-work-report.txt", "-o", "outputs/草稿-龙港2021.xlsx", "--force",
            "--reference", master)


if __name__ == "__main__":
    main()
