"""Benchmark: the exact B2B timetabler on the 20 published instances (Bofill et al., JAIR 2022).

Target (issue #3): all 20 proven optimal with the published value at fairness 2, each in at most
10 s, all 20 in at most 60 s, on 2 cores. Baseline, measured in the same run: the plain CP-SAT
model (no implied constraints, no hints, one minimisation). Needs the shared data
(../shared/data/b2b-meetings or CLUSTERBRIDGE_SHARED_DATA); prints a Markdown table.

"Ours" is CP-SAT and MaxSAT run in parallel, the first proof winning (``--engine portfolio``,
the default, as `clusterbridge schedule dzn` runs it) or the CP-SAT timetabler alone
(``--engine cp-sat``).

Usage: python benchmarks/b2b_published.py [--time-limit 60] [--plain-time-limit 60] [--quick]
       [--fairness 2] [--only NAME ...] [--no-plain] [--engine portfolio|cp-sat]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from b2b_instances import DATA, PUBLISHED
from clusterbridge.events.scheduling.dzn import read_dzn
from clusterbridge.events.scheduling.portfolio import solve_portfolio
from clusterbridge.events.scheduling.schedule import Schedule, check_schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling


def verified(
    problem_path: Path, fairness: int, limit: float, plain: bool, engine: str = "portfolio"
) -> Schedule:
    """Solve one instance and recheck the answer with the pure checker."""
    problem = read_dzn(problem_path, fairness=fairness)
    if engine == "portfolio" and not plain:
        result = solve_portfolio(problem, time_limit=limit, cp_workers=2, diagnose=False)
    else:
        result = solve_timetabling(problem, time_limit=limit, plain=plain, diagnose=False)
    if result.status in ("optimal", "feasible"):
        broken = check_schedule(problem, result.slots)
        recount = sum(count_breaks(problem, result.slots))
        if broken or recount != result.total_breaks:
            raise SystemExit(f"{problem_path.name}: invalid answer: {broken[:3]} {recount}")
    return result


def cell(result: Schedule | None) -> str:
    """Status, breaks (bound when unknown) and seconds of one run, as table cells."""
    if result is None:
        return "- | - | -"
    value = "-" if result.total_breaks is None else str(result.total_breaks)
    if result.status != "optimal" and result.bound is not None:
        value += f" (≥{result.bound})"
    return f"{result.status} | {value} | {result.seconds:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--plain-time-limit", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="10 s per instance for both.")
    parser.add_argument("--fairness", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--no-plain", action="store_true")
    parser.add_argument("--engine", choices=("portfolio", "cp-sat"), default="portfolio")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: shared data not found at {DATA}")
        return
    ours_limit, plain_limit = (
        (10.0, 10.0) if args.quick else (args.time_limit, args.plain_time_limit)
    )
    names = args.only or sorted(PUBLISHED)
    plain_note = "not run" if args.no_plain else f"{plain_limit:g} s"
    print(
        f"fairness {args.fairness}; engine {args.engine}; "
        f"limits: ours {ours_limit:g} s, plain {plain_note}\n"
    )
    print("| instance | published | ours | breaks | s | plain | breaks | s |")
    print("|---|---|---|---|---|---|---|---|")
    ours_all: list[tuple[str, Schedule]] = []
    plain_proved = 0
    for name in names:
        path = DATA / f"{name}.original.dzn"
        ours = verified(path, args.fairness, ours_limit, plain=False, engine=args.engine)
        plain = None if args.no_plain else verified(path, args.fairness, plain_limit, plain=True)
        plain_proved += plain is not None and plain.status == "optimal"
        ours_all.append((name, ours))
        published = PUBLISHED.get(name) if args.fairness == 2 else None
        print(
            f"| {name} | {'-' if published is None else published} | {cell(ours)} | {cell(plain)} |"
        )
        sys.stdout.flush()
    summarize(ours_all, plain_proved, args.fairness, args.no_plain)


def summarize(
    ours: list[tuple[str, Schedule]], plain_proved: int, fairness: int, no_plain: bool
) -> None:
    """Totals and whether the issue's targets are met."""
    proved = [
        (name, r)
        for name, r in ours
        if r.status == "optimal" and (fairness != 2 or r.total_breaks == PUBLISHED.get(name))
    ]
    total = sum(r.seconds for _, r in ours)
    slowest = max((r.seconds for _, r in ours), default=0.0)
    print(
        f"\nours: {len(proved)}/{len(ours)} proven optimal"
        f"{' with the published value' if fairness == 2 else ''}; "
        f"slowest {slowest:.1f} s; total {total:.1f} s"
    )
    if not no_plain:
        print(f"plain: {plain_proved}/{len(ours)} proven optimal")
    met = len(proved) == 20 and slowest <= 10 and total <= 60
    print(f"targets (20 proven, each <= 10 s, total <= 60 s): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
