"""Benchmark: the 20 published B2B instances with generated forbidden slots, fixed meetings and
precedences (issue #3), at fairness d = 2, solved by CP-SAT and by MaxSAT (RC2) one after the
other (and, with ``--solver``, by their parallel portfolio), each with the full time limit.

Target (issue #3): every case solved to a proof (an optimum or infeasibility) within 60 s. The
variants come from ``clusterbridge.events.scheduling.variants`` (how they are drawn is written
there): forbidden slots at random; fixed meetings and precedences drawn from a known timetable
of the original instance, so those variants stay feasible. The known timetable is the best one
a solve of the original found (CP-SAT, then MaxSAT when CP-SAT did not prove it optimal); it is
cached in benchmarks/.cache/ (which ignores itself in git) so that reruns draw the same
variants. "added" counts the forbidden pairs, fixed meetings or precedences a variant adds;
"first proof" names the solver that proved the case soonest. Every timetable is rechecked by
the pure checker. Needs ../shared/data/b2b-meetings; prints Markdown tables.

Usage: python benchmarks/b2b_variants.py [--time-limit 60] [--quick] [--only NAME ...]
       [--variant NAME ...] [--seed 1] [--solver CP-SAT MaxSAT portfolio] [--cache PATH]
       [--solution-limit 120]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from b2b_instances import DATA, PUBLISHED
from clusterbridge.events.scheduling.dzn import read_dzn
from clusterbridge.events.scheduling.maxsat import solve_maxsat
from clusterbridge.events.scheduling.portfolio import solve_portfolio
from clusterbridge.events.scheduling.problem import Timetabling
from clusterbridge.events.scheduling.schedule import check_schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling
from clusterbridge.events.scheduling.variants import (
    with_fixed,
    with_forbidden,
    with_precedences,
)

VARIANTS = {
    "forbidden-0.3%": ("forbidden", 0.003),
    "forbidden-0.7%": ("forbidden", 0.007),
    "fixed-20%": ("fixed", 0.20),
    "fixed-40%": ("fixed", 0.40),
    "precedences-15%": ("precedences", 0.15),
    "precedences-25%": ("precedences", 0.25),
}
QUICK = ["tic-12", "tic-13", "forumt-14", "forum-13", "forum-14"]
"""Five instances, both families, for a run of a few minutes."""
CACHE = Path(__file__).resolve().parent / ".cache" / "b2b_known_timetables.json"
PROOFS = ("optimal", "infeasible")


@dataclass(frozen=True)
class Outcome:
    """One solver's answer on one case, rechecked by the pure checker."""

    status: str
    breaks: int | None
    bound: int | None
    seconds: float

    @property
    def proved(self) -> bool:
        return self.status in PROOFS

    def cells(self) -> str:
        value = "-" if self.breaks is None else str(self.breaks)
        if self.status == "feasible" and self.bound is not None:
            value += f" (≥{self.bound})"
        return f"{self.status} | {value} | {self.seconds:.1f}"


def recheck(problem: Timetabling, slots: Sequence[int | None], breaks: int | None) -> None:
    """Stop the benchmark when a solver returns an invalid timetable or a wrong count."""
    broken = check_schedule(problem, slots)
    recount = sum(count_breaks(problem, slots))
    if broken or recount != breaks:
        raise SystemExit(f"{problem.name}: invalid answer: {broken[:3]}, recount {recount}")


def run_cpsat(problem: Timetabling, limit: float) -> Outcome:
    result = solve_timetabling(problem, time_limit=limit, diagnose=False)
    if result.status in ("optimal", "feasible"):
        recheck(problem, result.slots, result.total_breaks)
    bound = None if result.status == "infeasible" else result.bound
    return Outcome(result.status, result.total_breaks, bound, result.seconds)


def run_maxsat(problem: Timetabling, limit: float) -> Outcome:
    result = solve_maxsat(problem, limit)
    if result.slots is not None:
        recheck(problem, result.slots, result.breaks)
    return Outcome(result.status.value, result.breaks, None, result.seconds)


def run_portfolio(problem: Timetabling, limit: float) -> Outcome:
    result = solve_portfolio(problem, time_limit=limit, diagnose=False)
    if result.status in ("optimal", "feasible"):
        recheck(problem, result.slots, result.total_breaks)
    bound = None if result.status == "infeasible" else result.bound
    return Outcome(result.status, result.total_breaks, bound, result.seconds)


SOLVERS: dict[str, Callable[[Timetabling, float], Outcome]] = {
    "CP-SAT": run_cpsat,
    "MaxSAT": run_maxsat,
    "portfolio": run_portfolio,
}
"""Each solver, named as in the tables: ``solve_timetabling`` (2 workers), ``solve_maxsat``
(RC2) and ``solve_portfolio`` (both at once, the first proof wins)."""


@dataclass(frozen=True)
class Known:
    """The timetable of an original instance that the variants are drawn from."""

    slots: list[int]
    breaks: int
    status: str
    solver: str


def known_timetable(path: Path, problem: Timetabling, cache: Path, limit: float) -> Known:
    """The best timetable of the original instance we know, from the cache or fresh solves
    (CP-SAT, then MaxSAT when CP-SAT did not prove its timetable optimal)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    key = f"{problem.name}@d{problem.fairness}"
    stored = json.loads(cache.read_text()) if cache.exists() else {}
    entry = stored.get(key)
    if entry is not None and entry["data"] == digest:
        cached = [slot - 1 for slot in entry["slots"]]
        return Known(cached, entry["breaks"], entry["status"], entry["solver"])
    answer = solve_timetabling(problem, time_limit=limit, diagnose=False)
    slots: Sequence[int | None] = answer.slots
    breaks, status, solver = answer.total_breaks, str(answer.status), "CP-SAT"
    if answer.status != "optimal":
        other = solve_maxsat(problem, limit)
        if other.slots is not None and (breaks is None or (other.breaks or 0) < breaks):
            slots, breaks, status, solver = other.slots, other.breaks, other.status.value, "MaxSAT"
    if breaks is None or any(slot is None for slot in slots):
        raise SystemExit(f"{problem.name}: no timetable of the original within {limit:g} s")
    recheck(problem, slots, breaks)
    known = Known([slot for slot in slots if slot is not None], breaks, status, solver)
    stored[key] = {"data": digest, "breaks": breaks, "status": status, "solver": solver}
    stored[key]["slots"] = [slot + 1 for slot in known.slots]
    cache.parent.mkdir(parents=True, exist_ok=True)
    (cache.parent / ".gitignore").write_text("*\n")
    cache.write_text(json.dumps(stored, indent=1, sort_keys=True))
    return known


def print_known(known: dict[str, Known]) -> None:
    """The timetables the fixed and precedence variants were drawn from."""
    print("\n| instance | known timetable: breaks | found by | published optimum |")
    print("| --- | ---: | --- | ---: |")
    for name, k in known.items():
        print(f"| {name} | {k.breaks} ({k.status}) | {k.solver} | {PUBLISHED.get(name, '-')} |")


def variant(problem: Timetabling, name: str, seed: int, known: Known) -> Timetabling:
    kind, share = VARIANTS[name]
    if kind == "forbidden":
        return with_forbidden(problem, share, seed)
    if kind == "fixed":
        return with_fixed(problem, share, seed, known.slots)
    return with_precedences(problem, share, seed, known.slots)


def added(original: Timetabling, problem: Timetabling) -> int:
    """How many forbidden pairs, fixed meetings and precedences the variant added."""
    pairs = sum(
        len(problem.forbidden_for(p) - original.forbidden_for(p))
        for p in range(problem.participants)
    )
    fixed = sum(
        new.fixed_slot is not None and old.fixed_slot is None
        for old, new in zip(original.meetings, problem.meetings, strict=True)
    )
    ordered = sum(
        len(new.after) - len(old.after)
        for old, new in zip(original.meetings, problem.meetings, strict=True)
    )
    return pairs + fixed + ordered


@dataclass(frozen=True)
class Row:
    """One case: an instance, a variant and what each solver run made of it."""

    instance: str
    variant: str
    added: int
    outcomes: dict[str, Outcome]

    def first_proof(self) -> tuple[float, str] | None:
        """The fastest proof among the solvers run (seconds, solver), None without one."""
        done = [(o.seconds, label) for label, o in self.outcomes.items() if o.proved]
        return min(done) if done else None

    def line(self) -> str:
        cells = " | ".join(o.cells() for o in self.outcomes.values())
        first = self.first_proof()
        case = f"| {self.instance} | {self.variant} | {self.added} |"
        return f"{case} {cells} | {first[1] if first else '-'} |"


def header(solvers: list[str]) -> str:
    columns = "".join(f" {label} | breaks | s |" for label in solvers)
    aligns = " --- | ---: | ---: |" * len(solvers)
    head = f"| instance | variant | added |{columns} first proof |"
    return f"{head}\n| --- | --- | ---: |{aligns} --- |"


def summarize(rows: list[Row], solvers: list[str], limit: float) -> None:
    """Proofs per solver and per variant, the fastest of the solvers run, and total time."""
    print(f"\n| solver | proofs within {limit:g} s | infeasible | slowest proof | total s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label in solvers:
        runs = [r.outcomes[label] for r in rows]
        proved = [o for o in runs if o.proved]
        infeasible = sum(o.status == "infeasible" for o in proved)
        slowest = max((o.seconds for o in proved), default=0.0)
        total = sum(o.seconds for o in runs)
        counts = f"{len(proved)} / {len(runs)} | {infeasible}"
        print(f"| {label} | {counts} | {slowest:.1f} | {total:.1f} |")
    if len(solvers) > 1:
        fastest = [first[0] for r in rows if (first := r.first_proof()) is not None]
        print(
            f"| fastest of these | {len(fastest)} / {len(rows)} | | "
            f"{max(fastest, default=0.0):.1f} | {sum(fastest):.1f} (proofs only) |"
        )
    titles = "".join(f" {label} |" for label in solvers)
    print(f"\n| variant |{titles} any | cases |")
    print("| --- |" + " ---: |" * (len(solvers) + 2))
    for name in dict.fromkeys(r.variant for r in rows):
        mine = [r for r in rows if r.variant == name]
        proofs = [sum(r.outcomes[label].proved for r in mine) for label in solvers]
        anyone = sum(r.first_proof() is not None for r in mine)
        cells = "".join(f" {count} |" for count in proofs)
        print(f"| {name} |{cells} {anyone} | {len(mine)} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds per solver and case"
    )
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    parser.add_argument("--only", nargs="*", default=None, help="instance names")
    parser.add_argument("--variant", nargs="*", default=None, choices=list(VARIANTS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--solver", nargs="*", choices=list(SOLVERS), default=["CP-SAT", "MaxSAT"])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument(
        "--solution-limit",
        type=float,
        default=120.0,
        help="seconds per solver for a known timetable",
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"b2b_variants: shared data not found at {DATA}; skipped")
        return 0
    names = args.only or (QUICK if args.quick else sorted(PUBLISHED))
    variants = args.variant or list(VARIANTS)
    print(f"fairness 2, seed {args.seed}, {args.time_limit:g} s per solver and case\n")
    print(header(args.solver))
    rows: list[Row] = []
    knowns: dict[str, Known] = {}
    for name in names:
        path = DATA / f"{name}.original.dzn"
        original = read_dzn(path, fairness=2)
        known = knowns[name] = known_timetable(path, original, args.cache, args.solution_limit)
        for label in variants:
            problem = variant(original, label, args.seed, known)
            outcomes = {s: SOLVERS[s](problem, args.time_limit) for s in args.solver}
            rows.append(Row(name, label, added(original, problem), outcomes))
            print(rows[-1].line(), flush=True)
    summarize(rows, args.solver, args.time_limit)
    print_known(knowns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
