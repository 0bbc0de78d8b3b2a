"""Benchmark: the MaxSAT encoding (PySAT RC2) on the 20 published B2B instances at d = 2.

Issue #3 asks which exact approach wins on which instances; this prints the MaxSAT side as a
Markdown table (status, breaks, published optimum, seconds) to set beside the CP-SAT table.
Needs ../shared/data/b2b-meetings; stops with a message when it is absent.

Usage: python benchmarks/b2b_maxsat.py [--limit 60] [--quick] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import sys

from b2b_instances import DATA, PUBLISHED
from clusterbridge.events.scheduling.dzn import read_dzn
from clusterbridge.events.scheduling.maxsat import MaxSatResult, solve_maxsat


def row(name: str, result: MaxSatResult) -> str:
    """One Markdown table row; a mismatch with a proven optimum is flagged."""
    breaks = "-" if result.breaks is None else str(result.breaks)
    published = PUBLISHED[name]
    flag = ""
    if result.status == "optimal" and result.breaks != published:
        flag = " (MISMATCH)"
    return f"| {name} | {result.status} | {breaks}{flag} | {published} | {result.seconds:.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--quick", action="store_true", help="10 s per instance")
    parser.add_argument("--only", nargs="*", default=None, help="instance names to run")
    arguments = parser.parse_args()
    if not DATA.exists():
        print(f"b2b_maxsat: shared data not found at {DATA}; skipped")
        return 0
    limit = 10.0 if arguments.quick else arguments.limit
    names = arguments.only or list(PUBLISHED)
    print(f"MaxSAT (PySAT RC2, Glucose 3), d = 2, limit {limit:g} s per instance\n")
    print("| instance | status | breaks | published optimum | seconds |")
    print("| --- | --- | ---: | ---: | ---: |")
    optimal = total = 0.0
    for name in names:
        result = solve_maxsat(read_dzn(DATA / f"{name}.original.dzn", fairness=2), limit)
        print(row(name, result), flush=True)
        optimal += result.status == "optimal"
        total += result.seconds
    print(f"\nproved optimal: {optimal:.0f} of {len(names)}; total {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
