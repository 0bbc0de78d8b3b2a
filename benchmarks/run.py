"""Run every benchmark in this folder, one after the other (`make bench`).

Each benchmark prints its own figures next to a baseline measured in the same run; copy the
tables into benchmarks/README.md together with the machine they ran on. Benchmarks that need
the shared data sets say so and are skipped when the data is absent.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "demo_load.py",
    "import_cordis.py",
    "web_load.py",
    "mapping_scale.py",
    "b2b_published.py",
    "b2b_maxsat.py",
    "b2b_variants.py",
    "b2b_large.py",
    "b2b_reoptimise.py",
    "matchmaking_cordis.py",
    "matchmaking_scale.py",
]


def machine() -> str:
    """CPU model, cores, memory and Python version, for the README's result tables."""
    cpu, memory = platform.machine(), ""
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    if meminfo.exists():
        memory = f", {int(meminfo.read_text().split()[1]) / 1024 / 1024:.0f} GiB"
    cores = len(os.sched_getaffinity(0))
    return f"{cpu}, {cores} cores{memory}, Python {platform.python_version()}"


def main() -> int:
    print(f"machine: {machine()}")
    failed = 0
    for name in BENCHMARKS:
        print(f"\n=== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / name)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
