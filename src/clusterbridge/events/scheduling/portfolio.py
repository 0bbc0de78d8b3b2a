"""Run the CP-SAT timetabler and the MaxSAT solver side by side; the first proof wins.

On the published instances each engine proves some that the other cannot within seconds (see
benchmarks/README.md), so both run at once, each in its own process, and the loser is stopped
as soon as the winner proves optimality or infeasibility. CP-SAT keeps its two workers (its
core-based and default searches need both; with one worker the portfolio proved two fewer
published instances in 10 s), so on two cores the three threads share them. When neither proves
anything in time, the answer is the timetable with fewer breaks, with CP-SAT's lower bound.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from clusterbridge.events.scheduling.diagnosis import diagnose_infeasibility
from clusterbridge.events.scheduling.maxsat import MaxSatStatus, report_maxsat
from clusterbridge.events.scheduling.problem import Timetabling
from clusterbridge.events.scheduling.schedule import Schedule, count_breaks
from clusterbridge.events.scheduling.timetabling import solve_timetabling

PROOFS = ("optimal", "infeasible")


def solve_portfolio(
    problem: Timetabling, time_limit: float = 60.0, cp_workers: int = 2, diagnose: bool = True
) -> Schedule:
    """Solve ``problem`` with both engines at once within ``time_limit`` seconds."""
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    pipes: dict[Connection, str] = {}
    workers: list[BaseProcess] = []
    jobs = (
        ("cp-sat", _run_cp_sat, (time_limit, cp_workers)),
        ("maxsat", report_maxsat, ()),
    )
    for engine, target, extra in jobs:
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=target, args=(problem, sender, *extra), daemon=True)
        worker.start()
        sender.close()
        pipes[receiver] = engine
        workers.append(worker)
    try:
        result = _first_proof(problem, pipes, started + time_limit)
    finally:
        for process in workers:
            if process.is_alive():
                process.kill()
            process.join()
        for receiver in pipes:
            receiver.close()
    if result.status == "infeasible" and diagnose:
        left = max(1.0, time_limit - (time.perf_counter() - started))
        result = replace(result, blamed=diagnose_infeasibility(problem, left, cp_workers))
    return replace(result, seconds=time.perf_counter() - started)


def _first_proof(problem: Timetabling, pipes: dict[Connection, str], deadline: float) -> Schedule:
    """Listen to both workers until one proves its answer, both finish or time is up."""
    best: Schedule | None = None
    bound: int | None = None
    open_pipes = list(pipes)
    while open_pipes and (left := deadline - time.perf_counter()) > 0:
        for receiver in wait(open_pipes, timeout=left):
            assert isinstance(receiver, Connection)
            try:
                kind, payload = receiver.recv()
            except EOFError:
                open_pipes.remove(receiver)
                continue
            if kind == "error":
                raise RuntimeError(f"the {pipes[receiver]} worker failed:\n{payload}")
            answer = _as_schedule(problem, kind, payload)
            if answer.status in PROOFS:
                return answer
            if answer.bound is not None:
                bound = max(bound or 0, answer.bound)
            if answer.total_breaks is not None and (
                best is None or best.total_breaks is None or answer.total_breaks < best.total_breaks
            ):
                best = answer
    if best is None:
        return Schedule("unknown", (None,) * len(problem.meetings), bound=bound)
    return replace(best, status="feasible", bound=bound)


def _as_schedule(problem: Timetabling, kind: str, payload: object) -> Schedule:
    """A worker's message as a Schedule: CP-SAT sends one, MaxSAT a status and slots."""
    if kind == "cp-sat":
        assert isinstance(payload, Schedule)
        return payload
    status = MaxSatStatus(kind)
    if status is MaxSatStatus.INFEASIBLE:
        return Schedule("infeasible", (None,) * len(problem.meetings))
    assert isinstance(payload, list)
    breaks = count_breaks(problem, payload)
    proven = status is MaxSatStatus.OPTIMAL
    return Schedule(
        "optimal" if proven else "feasible",
        tuple(payload),
        tuple(breaks),
        sum(breaks),
        sum(breaks) if proven else None,
    )


def _run_cp_sat(problem: Timetabling, sender: Connection, time_limit: float, workers: int) -> None:
    """The CP-SAT worker: solve and send the Schedule (or the error)."""
    try:
        result = solve_timetabling(problem, time_limit * 0.98, workers=workers, diagnose=False)
        sender.send(("cp-sat", result))
    except Exception:  # reported to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
