"""`clusterbridge schedule ...`: solve B2B meeting timetables, from the published format."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.events.scheduling.dzn import read_dzn
from clusterbridge.events.scheduling.problem import Timetabling
from clusterbridge.events.scheduling.schedule import Schedule

app = typer.Typer(help="Schedule the meetings of a B2B event.", no_args_is_help=True)
console = Console(soft_wrap=True)


@app.callback()
def schedule() -> None:
    """Schedule the meetings of a B2B event."""


def schedule_json(problem: Timetabling, result: Schedule) -> dict[str, object]:
    """The JSON answer: status, breaks, bound, seconds and the 1-based slot of every meeting."""
    return {
        "instance": problem.name,
        "status": result.status,
        "breaks": result.total_breaks,
        "bound": result.bound,
        "seconds": round(result.seconds, 3),
        "slots": [None if s is None else s + 1 for s in result.slots],
    }


def _summary(problem: Timetabling, result: Schedule) -> None:
    table = Table(title=f"{problem.name}: {result.status}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("participants", str(problem.participants))
    table.add_row("meetings", str(len(problem.meetings)))
    table.add_row("slots (morning)", f"{problem.slots} ({problem.morning_slots})")
    table.add_row("tables", str(problem.tables))
    table.add_row("fairness", "none" if problem.fairness is None else str(problem.fairness))
    table.add_row("breaks", "-" if result.total_breaks is None else str(result.total_breaks))
    table.add_row("lower bound", "-" if result.bound is None else str(result.bound))
    table.add_row("seconds", f"{result.seconds:.2f}")
    console.print(table)
    if result.status == "infeasible":
        blamed = ", ".join(result.blamed) or "no single constraint group or pair of groups"
        console.print(f"Infeasible; relaxing this makes it feasible: {blamed}")
    elif result.status == "unknown":
        console.print("No timetable found within the time limit.")


@app.command("dzn")
@friendly_errors
def schedule_dzn(
    file: Path = typer.Argument(..., help="A MiniZinc data file of the published B2B instances."),
    fairness: int = typer.Option(2, "--fairness", min=0, help="Largest allowed break spread."),
    time_limit: float = typer.Option(60.0, "--time-limit", min=0.1, help="Seconds to search."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Timetable every meeting of FILE with the fewest breaks, proving optimality when possible."""
    problem = read_dzn(file, fairness=fairness)
    result = _solver()(problem, time_limit=time_limit)
    if as_json:
        typer.echo(json.dumps(schedule_json(problem, result)))
    else:
        _summary(problem, result)


def _solver() -> Callable[..., Schedule]:
    """CP-SAT and MaxSAT side by side, the first proof winning (it proves more of the
    published instances than either alone); needs the optional `scheduling` extra."""
    try:
        from clusterbridge.events.scheduling.portfolio import solve_portfolio
    except ImportError:
        raise ClusterBridgeError(
            "scheduling needs OR-Tools: pip install 'clusterbridge[scheduling]'"
        ) from None
    return solve_portfolio
