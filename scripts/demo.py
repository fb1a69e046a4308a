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


def main() -> None:
    OUTPUTS.mkdir(exist_ok=True)
    for name in NOTICES:
        toolkit("import", f"inputs/{name}", "-o", f"outputs/{Path(name).stem}.xlsx", "--force")
    master = "outputs/lucheng-2023-notice.xlsx"
    toolkit("notice", master, "-o", "outputs/责任分解通知.docx")
    toolkit("notice", master, "-o", "outputs/责任分解.html", "--format", "html")
    toolkit("letters", master, "-o", "outputs/任务函", "--combined")
    toolkit("draft", "inputs/longgang-2021-work-report.txt", "-o", "outputs/草稿-龙港2021.xlsx", "--force",
            "--reference", master)


if __name__ == "__main__":
    main()
