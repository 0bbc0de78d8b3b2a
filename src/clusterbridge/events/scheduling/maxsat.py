"""Solve B2B meeting timetabling exactly with PySAT's RC2 MaxSAT solver, within a time limit.

RC2 cannot be interrupted, so it runs in a child process that reports a first feasible
schedule (one SAT call on the hard clauses) and then the optimum; the parent stops it when the
limit passes and keeps the best schedule it heard of.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection

from pysat.examples.rc2 import RC2
from pysat.solvers import Solver

from clusterbridge.events.scheduling.maxsat_encoding import encode
from clusterbridge.events.scheduling.problem import Timetabling
from clusterbridge.events.scheduling.schedule import count_breaks

SAT_SOLVER = "g3"
"""Glucose 3, RC2's default back end."""


class MaxSatStatus(StrEnum):
    """How far the MaxSAT solver got."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class MaxSatResult:
    """The outcome of one MaxSAT run: the slot of each meeting (0-based) when a schedule was
    found, its total number of breaks, and the wall-clock seconds spent."""

    status: MaxSatStatus
    slots: tuple[int, ...] | None
    breaks: int | None
    seconds: float


def solve_maxsat(problem: Timetabling, time_limit: float) -> MaxSatResult:
    """Find a schedule with the fewest breaks; "feasible" when the limit passed before RC2
    proved optimality, "unknown" when not even a schedule was found in time."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=report_maxsat, args=(problem, sender), daemon=True)
    start = time.perf_counter()
    worker.start()
    sender.close()
    status, slots = _listen(receiver, start + time_limit)
    if worker.is_alive():
        worker.kill()
    worker.join()
    receiver.close()
    seconds = time.perf_counter() - start
    breaks = None if slots is None else sum(count_breaks(problem, slots))
    return MaxSatResult(status, None if slots is None else tuple(slots), breaks, seconds)


def _listen(receiver: Connection, deadline: float) -> tuple[MaxSatStatus, list[int] | None]:
    """The last status and schedule the worker reported before ``deadline``."""
    status, slots = MaxSatStatus.UNKNOWN, None
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0 or not receiver.poll(remaining):
            return status, slots
        try:
            kind, payload = receiver.recv()
        except EOFError:
            return status, slots
        if kind == "error":
            raise RuntimeError(f"the MaxSAT worker failed:\n{payload}")
        status = MaxSatStatus(kind)
        slots = payload if payload is not None else slots
        if status is not MaxSatStatus.FEASIBLE:
            return status, slots


def report_maxsat(problem: Timetabling, sender: Connection) -> None:
    """The worker: encode, send a first schedule, then the optimum (or "infeasible")."""
    try:
        encoding = encode(problem)
        with Solver(name=SAT_SOLVER, bootstrap_with=encoding.hard) as solver:
            if not solver.solve():
                sender.send((MaxSatStatus.INFEASIBLE.value, None))
                return
            sender.send((MaxSatStatus.FEASIBLE.value, encoding.slots_in(solver.get_model())))
        with RC2(encoding.wcnf(), solver=SAT_SOLVER, adapt=True, exhaust=True, minz=True) as rc2:
            model = rc2.compute()
            if model is None:
                sender.send((MaxSatStatus.INFEASIBLE.value, None))
            else:
                sender.send((MaxSatStatus.OPTIMAL.value, encoding.slots_in(model)))
    except Exception:  # reported to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
