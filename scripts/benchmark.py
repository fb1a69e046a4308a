"""`make bench`: run every scripts/bench_*.py in its own process and print
its figures, so each peak-memory figure is that job's alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    print(f"Python {sys.version.split()[0]}, {sys.platform}")
    for script in sorted(HERE.glob("bench_*.py")):
        subprocess.run([sys.executable, str(script)], check=False)
