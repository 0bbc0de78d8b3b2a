"""The history of a record: its audit entries, newest first, each as a table of the fields it
changed with their values before and after.

The history shows private values and who changed them, so it takes
:attr:`Action.VIEW_PRIVATE` on the record's target: the organisation, cluster or programme it
belongs to; records without such a scope (collaborations, complexes, users) are for
administrators.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import pass_context
from jinja2.runtime import Context
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.models import User
from clusterbridge.accounts.permissions import Action, Target, can
from clusterbridge.accounts.scopes import cluster_target, organisation_target, programme_target
from clusterbridge.core.audit_queries import Related, record_history
from clusterbridge.core.errors import NotFound
from clusterbridge.core.models import Base
from clusterbridge.registry import models as m
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.page_principal import principal_in
from clusterbridge.web.templating import render, templates

router = APIRouter(include_in_schema=False)

USER_PREFIX = "user:"


class Entity(enum.StrEnum):
    """The records with a history page, named as the audit log names them."""

    ORGANISATION = "organisation"
    CLUSTER = "cluster"
    MEMBERSHIP = "membership"
    COLLABORATION = "collaboration"
    PROGRAMME = "programme"
    INDUSTRIAL_COMPLEX = "industrial_complex"
    PERSON = "person"
    USER = "user"


def _for_admins(_session: Session, _record: Any) -> Target:
    return Target()


def _person_target(session: Session, person: m.Person) -> Target:
    if person.organisation_id is None:
        return Target()
    return organisation_target(session, person.organisation_id)


def _membership_label(membership: m.Membership) -> str:
    return (
        f"Membership of {membership.organisation.name} in "
        f"{membership.cluster.organisation.name} since {membership.since.isoformat()}"
    )


@dataclass(frozen=True)
class Subject:
    """How the page finds, names, guards and links one kind of record."""

    model: type[Base]
    label: Callable[[Any], str]
    target: Callable[[Session, Any], Target]
    url: str | None = None
    related: tuple[Related, ...] = ()


SUBJECTS: dict[Entity, Subject] = {
    Entity.ORGANISATION: Subject(
        m.Organisation,
        lambda o: o.name,
        lambda s, o: organisation_target(s, o.id),
        "/organisations/{id}",
    ),
    Entity.CLUSTER: Subject(
        m.Cluster,
        lambda c: c.organisation.name,
        lambda s, c: cluster_target(s, c.id),
        "/clusters/{id}",
    ),
    Entity.MEMBERSHIP: Subject(
        m.Membership, _membership_label, lambda s, ms: cluster_target(s, ms.cluster_id)
    ),
    Entity.COLLABORATION: Subject(m.Collaboration, lambda c: c.title or c.external_id, _for_admins),
    Entity.PROGRAMME: Subject(
        m.Programme,
        lambda p: p.name,
        lambda s, p: programme_target(s, p.id),
        "/admin/programmes/{id}",
    ),
    Entity.INDUSTRIAL_COMPLEX: Subject(
        m.IndustrialComplex, lambda c: c.name, _for_admins, "/admin/complexes/{id}"
    ),
    Entity.PERSON: Subject(m.Person, lambda p: p.name, _person_target),
    Entity.USER: Subject(
        User,
        lambda u: f"{u.name} ({u.email})",
        _for_admins,
        "/admin/users/{id}",
        (Related(("accounts.role.granted", "accounts.role.revoked"), "user_id"),),
    ),
}


def history_target(session: Session, entity: Entity, record_id: int) -> tuple[Any, Target]:
    """The record and the target its history is guarded by; :class:`NotFound` if it is gone."""
    subject = SUBJECTS[entity]
    record = session.get(subject.model, record_id)
    if record is None:
        raise NotFound(f"There is no {entity.value.replace('_', ' ')} with id {record_id}.")
    return record, subject.target(session, record)


def actor_labels(session: Session, actors: Iterable[str]) -> dict[str, str]:
    """Readable names of audit actors: users by their name (one query), others as logged."""
    labels = {actor: actor for actor in actors}
    ids = {
        int(actor.removeprefix(USER_PREFIX))
        for actor in labels
        if actor.startswith(USER_PREFIX) and actor.removeprefix(USER_PREFIX).isdigit()
    }
    if ids:
        names = dict(session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
        for user_id, name in names.items():
            labels[f"{USER_PREFIX}{user_id}"] = name
    return labels


def action_label(action: str, entity: str) -> str:
    """'registry.cluster.updated' -> 'Updated'; 'accounts.role.granted' -> 'Role granted'."""
    parts = action.split(".")
    words = parts[-1] if len(parts) < 3 or parts[1] == entity else f"{parts[1]} {parts[-1]}"
    return words.replace("_", " ").capitalize()


def value_text(value: Any) -> str:
    """A logged value as text: lists joined with '; ', nothing for empty values."""
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@router.get("/history/{entity}/{record_id}", response_class=HTMLResponse)
def history_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    entity: Entity,
    record_id: int,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """A record's audit entries, 25 a page."""
    authorize(principal, Action.USE_ACCOUNT)  # anonymous visitors: 401 before any lookup
    record, target = history_target(session, entity, record_id)
    authorize(principal, Action.VIEW_PRIVATE, target)
    subject = SUBJECTS[entity]
    history = record_history(session, entity.value, record_id, page, related=subject.related)
    context = {
        "entity": entity.value,
        "record_id": record_id,
        "record_label": subject.label(record),
        "record_url": subject.url.format(id=record_id) if subject.url else None,
        "history": history,
        "actors": actor_labels(session, {entry.actor for entry in history.items}),
        "action_label": action_label,
        "value_text": value_text,
    }
    return render(request, "history.html", context)


@pass_context
def history_link(context: Context, entity: str, record_id: int) -> str | None:
    """The address of a record's history, for those who may read it (None for the others)."""
    principal = principal_in(context)
    request = context.get("request")
    if not principal.signed_in or not isinstance(request, Request):
        return None
    with request.app.state.session_factory() as session:
        try:
            _, target = history_target(session, Entity(entity), record_id)
        except NotFound:
            return None
        allowed = can(principal, Action.VIEW_PRIVATE, target)
    return f"/history/{entity}/{record_id}" if allowed else None


templates.env.globals["history_link"] = history_link
