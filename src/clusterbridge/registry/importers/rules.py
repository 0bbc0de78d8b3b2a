"""Checks across columns and records that a single cell parser cannot make."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import Problem
from clusterbridge.registry import models as m
from clusterbridge.registry.enums import OrganisationKind

if TYPE_CHECKING:
    from clusterbridge.registry.importers.validate import Batch

Rule = Callable[[Session, "Batch", "dict[str, Batch]"], list[Problem]]


def pic_is_unique(session: Session, batch: Batch, _batches: dict[str, Batch]) -> list[Problem]:
    """A PIC identifies one organisation: it may not move to another external id."""
    pics = {r.values["pic"]: r for r in batch.records if r.values.get("pic")}
    if not pics:
        return []
    owners = dict(
        session.execute(
            select(m.Organisation.pic, m.Organisation.external_id).where(
                m.Organisation.pic.in_(list(pics))
            )
        ).all()
    )
    problems = []
    seen: dict[str, int] = {}
    for record in batch.records:
        pic = record.values.get("pic")
        if not pic:
            continue
        owner = owners.get(pic)
        if owner is not None and owner != record.values["external_id"]:
            reason = f"this PIC already belongs to organisation {owner!r}"
            problems.append(Problem(reason, batch.file, record.row, "pic", pic))
        elif pic in seen:
            reason = f"the same PIC is on row {seen[pic]}"
            problems.append(Problem(reason, batch.file, record.row, "pic", pic))
        seen.setdefault(pic, record.row)
    return problems


def cluster_is_cluster_organisation(
    session: Session, batch: Batch, batches: dict[str, Batch]
) -> list[Problem]:
    """A cluster profile belongs to an organisation of kind cluster_organisation."""
    wanted = {r.values["organisation"] for r in batch.records}
    kinds = dict(
        session.execute(
            select(m.Organisation.external_id, m.Organisation.kind).where(
                m.Organisation.external_id.in_(list(wanted))
            )
        ).all()
    )
    if "organisations" in batches:
        for record in batches["organisations"].records:
            if record.values.get("kind"):
                kinds[record.values["external_id"]] = record.values["kind"]
    return [
        Problem(
            "the organisation is not of kind cluster_organisation",
            batch.file,
            record.row,
            "organisation",
            record.values["organisation"],
        )
        for record in batch.records
        if kinds.get(record.values["organisation"])
        not in (None, OrganisationKind.CLUSTER_ORGANISATION)
    ]


def _ordered(first: str, last: str, reason: str) -> Rule:
    def check(_session: Session, batch: Batch, _batches: dict[str, Batch]) -> list[Problem]:
        return [
            Problem(reason, batch.file, r.row, last, r.values[last].isoformat())
            for r in batch.records
            if r.values.get(first) and r.values.get(last) and r.values[last] < r.values[first]
        ]

    return check


def member_is_not_its_cluster(
    _session: Session, batch: Batch, _b: dict[str, Batch]
) -> list[Problem]:
    return [
        Problem(
            "a cluster cannot be a member of itself",
            batch.file,
            r.row,
            "organisation",
            r.values["organisation"],
        )
        for r in batch.records
        if r.values.get("organisation") and r.values.get("organisation") == r.values.get("cluster")
    ]


RULES: dict[str, tuple[Rule, ...]] = {
    "organisations": (pic_is_unique,),
    "clusters": (cluster_is_cluster_organisation,),
    "memberships": (_ordered("since", "until", "until is before since"), member_is_not_its_cluster),
    "collaborations": (_ordered("start_date", "end_date", "end_date is before start_date"),),
}
