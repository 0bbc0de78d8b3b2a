"""Every permission rule of the platform, in one place, as pure functions.

A :class:`Principal` is who is asking (with the scopes of their roles, resolved once per
request); a :class:`Target` is what they ask about (with the clusters and programmes it belongs
to). :func:`can` answers; web routes, API endpoints and CLI commands call it through their own
thin layer and never decide on their own. The role x action matrix is tested as a whole.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from clusterbridge.accounts.models import Role


class Action(enum.StrEnum):
    VIEW_PUBLIC = "public.view"
    """Public profiles, directories, the programme portfolio: everyone, signed in or not."""
    VIEW_PRIVATE = "record.view_private"
    """Fields that are not public (VAT, national ids, contacts) and the record's audit history."""
    EDIT_ORGANISATION = "organisation.edit"
    CREATE_ORGANISATION = "organisation.create"
    EDIT_CLUSTER = "cluster.edit"
    MANAGE_MEMBERSHIPS = "cluster.manage_memberships"
    EDIT_COLLABORATION = "collaboration.edit"
    IMPORT_FILES = "registry.import"
    MANAGE_PROGRAMME = "programme.manage"
    MANAGE_COMPLEXES = "complex.manage"
    MANAGE_USERS = "users.manage"
    """Invite users, decide access requests and grant roles within one's own scope."""
    MANAGE_PLATFORM = "platform.manage"
    """Everything that has no scope: all users, all programmes, the whole audit log."""
    MANAGE_EVENTS = "events.manage"
    PARTICIPATE_EVENT = "events.participate"
    """Register for an event, send and answer meeting requests and see the agenda, on behalf of
    the target organisation: its representatives, the managers of the clusters it is a member
    of, event organisers."""
    PUBLISH_POST = "posts.publish"
    """Publish, edit and close partner-search posts of the target organisation and answer the
    interest they receive: its representatives and the managers of its clusters."""
    EXPRESS_INTEREST = "posts.express_interest"
    """Tell a post's author that the target organisation is interested, or withdraw that: the
    same people as for ``PUBLISH_POST``."""
    VIEW_EVALUATION = "evaluation.view"
    """A cluster's or a programme's scorecards and reports (peer figures included)."""
    RECORD_EVALUATION = "evaluation.record"
    """Answer a cluster's yearly evaluation questionnaire."""
    USE_ACCOUNT = "account.use"
    """One's own account: profile, password, API tokens."""


@dataclass(frozen=True)
class Target:
    """What an action is about. Empty means "the platform as a whole"."""

    organisation_id: int | None = None
    cluster_id: int | None = None
    programme_id: int | None = None
    member_of_clusters: frozenset[int] = frozenset()
    """For an organisation: the clusters it is a current member of."""
    in_programmes: frozenset[int] = frozenset()
    """The programmes the target's clusters belong to."""


@dataclass(frozen=True)
class Principal:
    """Who is asking, with the scopes of their roles resolved."""

    user_id: int | None = None
    roles: frozenset[Role] = frozenset()
    programmes: frozenset[int] = frozenset()
    """Programmes managed (programme manager)."""
    clusters: frozenset[int] = frozenset()
    """Clusters managed (cluster manager)."""
    cluster_organisations: frozenset[int] = frozenset()
    """The organisations of the managed clusters (a cluster manager edits their own profile)."""
    organisations: frozenset[int] = frozenset()
    """Organisations represented (member representative)."""
    csrf_token: str | None = field(default=None, compare=False)

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def is_admin(self) -> bool:
        return Role.PLATFORM_ADMIN in self.roles


ANONYMOUS = Principal()


def _manages_programme_of(principal: Principal, target: Target) -> bool:
    ids = set(target.in_programmes) | ({target.programme_id} if target.programme_id else set())
    return bool(ids & principal.programmes)


def _manages_cluster_of(principal: Principal, target: Target) -> bool:
    ids = set(target.member_of_clusters) | ({target.cluster_id} if target.cluster_id else set())
    return bool(ids & principal.clusters)


def _represents(principal: Principal, target: Target) -> bool:
    org = target.organisation_id
    return org is not None and (
        org in principal.organisations or org in principal.cluster_organisations
    )


def _scoped(principal: Principal, target: Target) -> bool:
    """A manager or representative whose scope covers the target."""
    return (
        _manages_programme_of(principal, target)
        or _manages_cluster_of(principal, target)
        or _represents(principal, target)
    )


def can(principal: Principal, action: Action, target: Target = Target()) -> bool:
    """Whether ``principal`` may do ``action`` on ``target``."""
    if action is Action.VIEW_PUBLIC:
        return True
    if not principal.signed_in:
        return False
    if principal.is_admin or action is Action.USE_ACCOUNT:
        return True
    rule = _RULES.get(action)
    return rule(principal, target) if rule else False


def _edit_cluster(p: Principal, t: Target) -> bool:
    return t.cluster_id is not None and (t.cluster_id in p.clusters or _manages_programme_of(p, t))


def _evaluate(p: Principal, t: Target) -> bool:
    managed = t.cluster_id is not None and t.cluster_id in p.clusters
    return managed or _manages_programme_of(p, t)


def _create_organisation(p: Principal, _t: Target) -> bool:
    return bool(p.programmes or p.clusters)


def _manage_programme(p: Principal, t: Target) -> bool:
    return t.programme_id is not None and t.programme_id in p.programmes


def _has_programmes(p: Principal, _t: Target) -> bool:
    return bool(p.programmes)


def _organises_events(p: Principal, _t: Target) -> bool:
    return Role.EVENT_ORGANISER in p.roles


def _participate(p: Principal, t: Target) -> bool:
    return _organises_events(p, t) or _represents(p, t) or _manages_cluster_of(p, t)


def _acts_for_organisation(p: Principal, t: Target) -> bool:
    return _represents(p, t) or _manages_cluster_of(p, t)


def _manage_users(p: Principal, t: Target) -> bool:
    return _manages_programme_of(p, t) or _edit_cluster(p, t)


Rule = Callable[[Principal, Target], bool]

_RULES: dict[Action, Rule] = {
    Action.VIEW_PRIVATE: _scoped,
    Action.EDIT_ORGANISATION: _scoped,
    Action.CREATE_ORGANISATION: _create_organisation,
    Action.EDIT_CLUSTER: _edit_cluster,
    Action.MANAGE_MEMBERSHIPS: _edit_cluster,
    Action.EDIT_COLLABORATION: _scoped,
    Action.IMPORT_FILES: _has_programmes,
    Action.MANAGE_PROGRAMME: _manage_programme,
    Action.MANAGE_COMPLEXES: _has_programmes,
    Action.MANAGE_USERS: _manage_users,
    Action.MANAGE_EVENTS: _organises_events,
    Action.PARTICIPATE_EVENT: _participate,
    Action.PUBLISH_POST: _acts_for_organisation,
    Action.EXPRESS_INTEREST: _acts_for_organisation,
    Action.VIEW_EVALUATION: _evaluate,
    Action.RECORD_EVALUATION: _evaluate,
}
"""Rules for signed-in users who are not platform administrators."""
