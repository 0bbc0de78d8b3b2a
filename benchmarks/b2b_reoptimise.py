"""Benchmark: re-optimising a published B2B schedule after 1 % of the requests change (issue #3).

A generated event (2,000 participants, 10,000 requests, 32 slots, 350 tables by default) is
solved and its schedule published. Then about 1 % of the requests change
(``generate.change_requests``: half cancelled, as many new ones, and one participant arrives
late, losing its first four slots) and the changed event is solved again with the published
slots as ``previous``. Reported: seconds, published meetings moved (to another slot or
dropped), of them dropped, weight and breaks. Baseline, in the same run: solving the changed
event from scratch and counting the published meetings that changed slot the same way. Every
schedule is rechecked with ``check_selection``.

Usage: python benchmarks/b2b_reoptimise.py [--quick] [--publish-limit 60] [--limits 2 10 60]
       [--participants 2000] [--requests 10000] [--fraction 0.01] [--seed 0] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from clusterbridge.events.scheduling.generate import carried_over, change_requests, generate_event
from clusterbridge.events.scheduling.problem import SelectionProblem
from clusterbridge.events.scheduling.selection import (
    SelectionResult,
    check_selection,
    solve_selection,
)


def solved(
    problem: SelectionProblem,
    limit: float,
    workers: int,
    previous: Sequence[int | None] | None = None,
) -> SelectionResult:
    """Solve and recheck; a broken rule stops the benchmark."""
    result = solve_selection(problem, time_limit=limit, workers=workers, previous=previous)
    broken = check_selection(problem, result.slots)
    if broken:
        raise SystemExit(f"{problem.name}: invalid schedule: {broken[:3]}")
    return result


def moved(previous: Sequence[int | None], slots: Sequence[int | None]) -> tuple[int, int]:
    """Published meetings now in another slot or dropped, and of them dropped."""
    changed = [(b, s) for b, s in zip(previous, slots, strict=True) if b is not None and s != b]
    return len(changed), sum(1 for _, s in changed if s is None)


def forced_moves(
    problem: SelectionProblem, changed: SelectionProblem, previous: Sequence[int | None]
) -> int:
    """Published meetings whose slot became forbidden to a participant: they must move."""
    return sum(
        1
        for request, slot in zip(changed.requests, previous, strict=True)
        if slot is not None and any(slot in changed.forbidden_for(p) for p in request.participants)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s for every solve")
    parser.add_argument("--publish-limit", type=float, default=60.0)
    parser.add_argument("--limits", type=float, nargs="+", default=[2.0, 10.0, 60.0])
    parser.add_argument("--participants", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--fraction", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    publish_limit = 10.0 if args.quick else args.publish_limit
    limits = [10.0] if args.quick else args.limits
    problem = generate_event(args.participants, args.requests, seed=args.seed)
    published = solved(problem, publish_limit, args.workers)
    changed, mapping = change_requests(problem, args.fraction, seed=args.seed)
    previous = carried_over(mapping, published.slots)
    kept = sum(1 for slot in previous if slot is not None)
    print(
        f"{problem.name}: published {sum(s is not None for s in published.slots):,} meetings "
        f"(weight {published.weight:,}, {publish_limit:g} s). Changed: "
        f"{len(problem.requests) - sum(m is not None for m in mapping)} cancelled, "
        f"{sum(m is None for m in mapping)} new, one late participant; {kept:,} published "
        f"meetings still asked for, {forced_moves(problem, changed, previous)} of them in a slot "
        "now forbidden.\n"
    )
    print("| solve | limit | status | s | moved | of them dropped | weight | bound | breaks |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for limit in limits:
        for name, given in (("re-optimise (previous)", previous), ("from scratch", None)):
            result = solved(changed, limit, args.workers, given)
            shifted, dropped = moved(previous, result.slots)
            print(
                f"| {name} | {limit:g} s | {result.status} | {result.seconds:.1f} | {shifted:,} | "
                f"{dropped:,} | {result.weight:,} | {result.bound:,} | {result.breaks:,} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
