"""The write phase of the CORDIS import: compare the validated data with the database and
apply the difference in bulk statements, with one audit entry per created or changed record.

An empty value in the file never erases a stored one (it means "not known"), while a project's
participants and programme parts follow the file. Organisations entered by hand under another
external id are matched by PIC and only get their empty fields filled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clusterbridge.core.audit import jsonable
from clusterbridge.core.errors import Conflict
from clusterbridge.registry.enums import ParticipantRole
from clusterbridge.registry.importers.cordis_bulk import (
    CHANGED_UNDERNEATH,
    LOOKUP_CHUNK,
    BulkWriter,
    Row,
    as_json,
    chunked,
    created,
)
from clusterbridge.registry.importers.cordis_parse import (
    CordisData,
    OrganisationFacts,
    Progress,
    Project,
)
from clusterbridge.registry.models import (
    Collaboration,
    CollaborationProgrammePart,
    Organisation,
    Participation,
)
from clusterbridge.registry.search import search_text

ORGANISATIONS = cast(Table, Organisation.__table__)
COLLABORATIONS = cast(Table, Collaboration.__table__)
PARTICIPATIONS = cast(Table, Participation.__table__)
PROGRAMME_PARTS = cast(Table, CollaborationProgrammePart.__table__)


class Counts(NamedTuple):
    created: int
    updated: int
    unchanged: int


def write_cordis(
    session: Session, data: CordisData, actor: str, progress: Progress
) -> tuple[Counts, Counts]:
    """Write organisations, collaborations and the audit log; return their counts.

    A uniqueness clash (someone wrote the same records meanwhile, or a hand-entered record
    already holds an external id ``pic:<PIC>`` with another PIC) is a :class:`Conflict`; the
    caller's transaction then rolls everything back.
    """
    try:
        run = _Import(session, actor, progress)
        organisations = run.organisations(data.organisations)
        collaborations = run.collaborations(data)
        run.write_audit()
        run.analyze([ORGANISATIONS, COLLABORATIONS, PARTICIPATIONS, PROGRAMME_PARTS])
    except IntegrityError as error:
        raise Conflict(f"{CHANGED_UNDERNEATH} ({error.orig})") from error
    return organisations, collaborations


Member = tuple[ParticipantRole, Decimal | None]
"""A participant's role and contribution."""


@dataclass
class _Composition:
    """Who takes part in a collaboration (by organisation id) and under which programme parts;
    row ids say what to delete or update, PICs are carried for the audit log."""

    members: dict[int, Member] = field(default_factory=dict)
    parts: set[str] = field(default_factory=set)
    pics: dict[int, str | None] = field(default_factory=dict)
    member_rows: dict[int, int] = field(default_factory=dict)
    part_rows: dict[str, int] = field(default_factory=dict)

    def same(self, other: _Composition) -> bool:
        return self.members == other.members and self.parts == other.parts

    def audit(self) -> Row:
        """Participants as [pic, role] pairs (contributions apart), parts as a list."""
        orgs = sorted(self.members, key=lambda org: self.pics[org] or "")
        return {
            "participants": [[self.pics[org], self.members[org][0].value] for org in orgs],
            "contributions": {self.pics[org]: jsonable(self.members[org][1]) for org in orgs},
            "programme_parts": sorted(self.parts),
        }


@dataclass
class _Edits:
    """Row changes to the participants and parts of changed collaborations, applied in bulk."""

    gone_members: list[int] = field(default_factory=list)
    altered_members: list[Row] = field(default_factory=list)
    new_members: list[Row] = field(default_factory=list)
    gone_parts: list[int] = field(default_factory=list)
    new_parts: list[Row] = field(default_factory=list)

    def add(self, collaboration_id: int, before: _Composition, after: _Composition) -> None:
        """Queue what turns ``before`` into ``after`` for one collaboration."""
        rows = before.member_rows
        self.gone_members += [rows[org] for org in before.members if org not in after.members]
        self.altered_members += [
            {"b_id": rows[org], "v_role": role, "v_contribution": contribution}
            for org, (role, contribution) in after.members.items()
            if org in before.members and before.members[org] != (role, contribution)
        ]
        added = {org: m for org, m in after.members.items() if org not in before.members}
        self.new_members += _member_rows(collaboration_id, added)
        self.gone_parts += [before.part_rows[part] for part in before.parts - after.parts]
        self.new_parts += [
            {"collaboration_id": collaboration_id, "part": part}
            for part in sorted(after.parts - before.parts)
        ]


class _Import(BulkWriter):
    """The write phase: compare the validated data with the database and apply the difference."""

    def __init__(self, session: Session, actor: str, progress: Progress) -> None:
        super().__init__(session, actor, progress)
        self.organisation_ids: dict[str, int] = {}

    def organisations(self, facts: Mapping[str, OrganisationFacts]) -> Counts:
        """Create or update one organisation per PIC; return (created, updated, unchanged)."""
        existing = self.existing_organisations(list(facts))
        new: list[Row] = []
        changed: list[tuple[Row, Row]] = []
        for pic, fact in facts.items():
            row = existing.get(pic)
            if row is None:
                new.append(self.new_row(_new_organisation(fact)))
                continue
            self.organisation_ids[pic] = row["id"]
            values = _organisation_values(row, fact)
            if any(row[key] != value for key, value in values.items()):
                changed.append((row, values))
        for row in self.insert(ORGANISATIONS, new, "writing organisations"):
            self.organisation_ids[row["pic"]] = row["id"]
            self.record("organisation", "created", row["id"], None, created(ORGANISATIONS, row))
        self.update(ORGANISATIONS, changed)
        for row, values in changed:
            self.record("organisation", "updated", row["id"], as_json(row), self.after(row, values))
        return Counts(len(new), len(changed), len(facts) - len(new) - len(changed))

    def existing_organisations(self, pics: list[str]) -> dict[str, Row]:
        """Stored organisations by PIC, found by their PIC (perhaps entered by hand under
        another external id, which wins) or by the external id ``pic:<PIC>`` we give them."""
        by_pic: dict[str, Row] = {}
        by_external_id: dict[str, Row] = {}
        table = ORGANISATIONS
        for chunk in self.chunks("matching organisations", pics):
            ours = [f"pic:{pic}" for pic in chunk]
            query = select(table).where(or_(table.c.pic.in_(chunk), table.c.external_id.in_(ours)))
            for found in self.session.execute(query).mappings():
                row = dict(found)
                if row["pic"] is not None:
                    by_pic[row["pic"]] = row
                pic = row["external_id"].removeprefix("pic:")
                if row["external_id"].startswith("pic:") and row["pic"] in (None, pic):
                    by_external_id[pic] = row
        return by_external_id | by_pic

    def collaborations(self, data: CordisData) -> Counts:
        """Create or update one collaboration per project with its participants and parts."""
        wanted = {f"cordis:{rcn}": project for rcn, project in data.projects.items()}
        stored = self.existing_collaborations(list(wanted))
        current = self.compositions([row["id"] for row in stored.values()])
        compositions = self.wanted_compositions(data)
        new: list[Row] = []
        changed: list[tuple[Row, Row, _Composition]] = []
        for external_id, project in wanted.items():
            row = stored.get(external_id)
            composition = compositions[project.rcn]
            if row is None:
                new.append(self.new_row(_collaboration_values(project, None)))
                continue
            before = current[row["id"]]
            _keep_contributions(composition, before)
            values = _collaboration_values(project, row)
            if any(row[key] != value for key, value in values.items()) or not composition.same(
                before
            ):
                changed.append((row, values, before))
        self.create_collaborations(new, compositions)
        self.change_collaborations(changed, compositions)
        return Counts(len(new), len(changed), len(wanted) - len(new) - len(changed))

    def existing_collaborations(self, external_ids: list[str]) -> dict[str, Row]:
        """Stored collaborations by external id."""
        stored: dict[str, Row] = {}
        for chunk in self.chunks("matching collaborations", external_ids):
            query = select(COLLABORATIONS).where(COLLABORATIONS.c.external_id.in_(chunk))
            stored.update(
                {row["external_id"]: dict(row) for row in self.session.execute(query).mappings()}
            )
        return stored

    def compositions(self, collaboration_ids: list[int]) -> dict[int, _Composition]:
        """The stored participants and programme parts of the given collaborations."""
        found = {id_: _Composition() for id_ in collaboration_ids}
        p, o, parts = PARTICIPATIONS, ORGANISATIONS, PROGRAMME_PARTS
        columns = (
            p.c.id,
            p.c.collaboration_id,
            p.c.organisation_id,
            p.c.role,
            p.c.contribution,
            o.c.pic,
        )
        for chunk in chunked(collaboration_ids, LOOKUP_CHUNK):
            members = select(*columns).join(o, o.c.id == p.c.organisation_id)
            for m in self.session.execute(members.where(p.c.collaboration_id.in_(chunk))):
                composition = found[m.collaboration_id]
                composition.members[m.organisation_id] = (m.role, m.contribution)
                composition.pics[m.organisation_id] = m.pic
                composition.member_rows[m.organisation_id] = m.id
            query = select(parts.c.id, parts.c.collaboration_id, parts.c.part)
            for r in self.session.execute(query.where(parts.c.collaboration_id.in_(chunk))):
                found[r.collaboration_id].parts.add(r.part)
                found[r.collaboration_id].part_rows[r.part] = r.id
        return found

    def wanted_compositions(self, data: CordisData) -> dict[str, _Composition]:
        """Each project's participants and parts as the file gives them, in file order."""
        wanted = {
            rcn: _Composition(parts=set(data.programme_parts.get(rcn, ()))) for rcn in data.projects
        }
        for p in data.participants:
            org = self.organisation_ids[p.pic]
            wanted[p.rcn].members[org] = (p.role, p.contribution)
            wanted[p.rcn].pics[org] = p.pic
        return wanted

    def create_collaborations(
        self, new: list[Row], compositions: Mapping[str, _Composition]
    ) -> None:
        """Insert new collaborations, then their participants and parts, with audit entries."""
        members: list[Row] = []
        parts: list[Row] = []
        for row in self.insert(COLLABORATIONS, new, "writing collaborations"):
            composition = compositions[row["external_id"].removeprefix("cordis:")]
            members += _member_rows(row["id"], composition.members)
            parts += [
                {"collaboration_id": row["id"], "part": part} for part in sorted(composition.parts)
            ]
            self.record(
                "collaboration",
                "created",
                row["id"],
                None,
                created(COLLABORATIONS, row) | composition.audit(),
            )
        self.insert_plain(PARTICIPATIONS, members, "writing participations")
        self.insert_plain(PROGRAMME_PARTS, parts, "writing programme parts")

    def change_collaborations(
        self,
        changed: list[tuple[Row, Row, _Composition]],
        compositions: Mapping[str, _Composition],
    ) -> None:
        """Update changed collaborations and bring their participants and parts in line."""
        self.update(COLLABORATIONS, [(row, values) for row, values, _ in changed])
        edits = _Edits()
        for row, values, before in changed:
            after = compositions[row["external_id"].removeprefix("cordis:")]
            edits.add(row["id"], before, after)
            old, new = as_json(row) | before.audit(), self.after(row, values) | after.audit()
            self.record("collaboration", "updated", row["id"], old, new)
        self.apply(edits)

    def apply(self, edits: _Edits) -> None:
        """Delete, update and insert participation and part rows, in bulk statements."""
        for table, ids in (
            (PARTICIPATIONS, edits.gone_members),
            (PROGRAMME_PARTS, edits.gone_parts),
        ):
            for chunk in chunked(ids, LOOKUP_CHUNK):
                self.session.execute(delete(table).where(table.c.id.in_(chunk)))
        if edits.altered_members:
            p = PARTICIPATIONS
            statement = (
                update(p)
                .where(p.c.id == bindparam("b_id"))
                .values(role=bindparam("v_role"), contribution=bindparam("v_contribution"))
            )
            self.session.execute(statement, edits.altered_members)
        self.insert_plain(PARTICIPATIONS, edits.new_members)
        self.insert_plain(PROGRAMME_PARTS, edits.new_parts)


def _new_organisation(fact: OrganisationFacts) -> Row:
    """A new organisation: CORDIS gives no names, so the PIC names it until someone does."""
    return {
        "external_id": f"pic:{fact.pic}",
        "pic": fact.pic,
        "name": f"PIC {fact.pic}",
        "search_text": search_text({"name": f"PIC {fact.pic}"}),
        "kind": fact.kind,
        "country": fact.country,
    }


def _organisation_values(row: Mapping[str, Any], fact: OrganisationFacts) -> Row:
    """The values the file asks for: kind and country on records it created; on records
    entered by hand (another external id) only the fields still empty are filled."""
    if row["external_id"] == f"pic:{fact.pic}":
        return {"kind": fact.kind, "country": fact.country or row["country"], "pic": fact.pic}
    return {
        "kind": row["kind"],
        "country": row["country"] or fact.country,
        "pic": row["pic"] or fact.pic,
    }


def _collaboration_values(project: Project, row: Mapping[str, Any] | None) -> Row:
    """The collaboration columns for a project; a value the file lacks keeps the stored one."""
    values: Row = {
        "external_id": f"cordis:{project.rcn}",
        "source": "cordis",
        "programme": "H2020",
        "year": project.year,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "total_cost": project.total_cost,
        "funding": project.funding,
    }
    if row is not None:
        values = {key: row[key] if value is None else value for key, value in values.items()}
    return values


def _keep_contributions(wanted: _Composition, stored: _Composition) -> None:
    """A contribution the file lacks keeps the stored one (an empty value is not a change)."""
    for org, (role, contribution) in wanted.members.items():
        if contribution is None and org in stored.members:
            wanted.members[org] = (role, stored.members[org][1])


def _member_rows(collaboration_id: int, members: Mapping[int, Member]) -> list[Row]:
    keys = ("collaboration_id", "organisation_id", "role", "contribution")
    return [
        dict(zip(keys, (collaboration_id, org, *member), strict=True))
        for org, member in members.items()
    ]
