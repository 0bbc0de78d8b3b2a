"""Demo accounts, one per role, on real records of the demo scenario, so a newcomer can sign
in as each role right after ``make demo``.

DEMO ONLY: the passwords are fixed and published in the documentation. The accounts are made
only in a database that holds the demo scenario, never next to real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts import passwords, users
from clusterbridge.accounts.models import AccountStatus, Role, User
from clusterbridge.accounts.queries import scope_labels
from clusterbridge.accounts.roles import ROLE_LABELS, Scope, grant_role
from clusterbridge.demo.clusters import CATALAN_PROGRAMME, KOREAN_PROGRAMME
from clusterbridge.demo.world import EXTERNAL_ID_PREFIX
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Cluster, Membership, Organisation, Programme
from clusterbridge.registry.queries.common import is_current

DEMO_DOMAIN = "demo.example"
"""A reserved domain (RFC 2606): no demo e-mail can reach anyone."""
CATALAN_CLUSTER = f"{EXTERNAL_ID_PREFIX}cluster-ct-automotive"
KOREAN_CLUSTER = f"{EXTERNAL_ID_PREFIX}cluster-kr-banwol-sihwa-01"


@dataclass(frozen=True)
class DemoAccount:
    """A demo account as printed for newcomers."""

    role: Role
    email: str
    password: str
    scope: str
    try_this: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class _Spec:
    local_part: str
    name: str
    password: str
    role: Role
    scope: Scope
    try_this: str


def _id_of(session: Session, model: type[Programme] | type[Organisation], ext: str) -> int | None:
    return session.scalar(select(model.id).where(model.external_id == ext))


def _cluster_of(session: Session, organisation_external_id: str) -> int | None:
    query = select(Cluster.id).join(Organisation, Cluster.organisation_id == Organisation.id)
    return session.scalar(query.where(Organisation.external_id == organisation_external_id))


def _korean_cluster(session: Session) -> int | None:
    """The first Banwol-Sihwa mini-cluster, or the first Korean one if the seed has none."""
    found = _cluster_of(session, KOREAN_CLUSTER)
    if found is not None:
        return found
    query = select(Cluster.id).join(Programme, Cluster.programme_id == Programme.id)
    return session.scalar(
        query.where(Programme.external_id == KOREAN_PROGRAMME).order_by(Cluster.id)
    )


def _member_company(session: Session, cluster_id: int) -> int | None:
    """A company currently member of the cluster (the first by external id: stable per seed)."""
    today = date.today()
    query = (
        select(Organisation.id)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(
            Membership.cluster_id == cluster_id,
            Organisation.kind == OrganisationKind.COMPANY,
            is_current(today),
        )
        .order_by(Organisation.external_id)
    )
    return session.scalar(query)


def demo_member_company(session: Session) -> int | None:
    """The company the demo member representative represents (None without the demo)."""
    catalan = _cluster_of(session, CATALAN_CLUSTER)
    return None if catalan is None else _member_company(session, catalan)


def _specs(session: Session) -> list[_Spec]:
    """The accounts to make; empty when the demo scenario is not in the database."""
    programme = _id_of(session, Programme, CATALAN_PROGRAMME)
    catalan = _cluster_of(session, CATALAN_CLUSTER)
    korean = _korean_cluster(session)
    member = _member_company(session, catalan) if catalan is not None else None
    if programme is None or catalan is None or korean is None or member is None:
        return []
    admin_pages = "decide access requests at /admin/access-requests"
    return [
        _Spec(
            "admin",
            "Demo Administrator",
            "demo-admin-2026",
            Role.PLATFORM_ADMIN,
            Scope(),
            f"Everything: {admin_pages}, any profile",
        ),
        _Spec(
            "programme",
            "Demo Programme Manager",
            "demo-programme-2026",
            Role.PROGRAMME_MANAGER,
            Scope(programme_id=programme),
            f"The Catalan programme's clusters, /programmes/{programme}/scorecard; {admin_pages}",
        ),
        _Spec(
            "cluster-ct",
            "Demo Cluster Manager (Catalonia)",
            "demo-cluster-2026",
            Role.CLUSTER_MANAGER,
            Scope(cluster_id=catalan),
            f"Your cluster /clusters/{catalan}, its members and its /scorecard; {admin_pages}",
        ),
        _Spec(
            "cluster-kr",
            "Demo Mini-cluster Manager (Korea)",
            "demo-minicluster-2026",
            Role.CLUSTER_MANAGER,
            Scope(cluster_id=korean),
            f"Your mini-cluster /clusters/{korean}, its members and its /scorecard",
        ),
        _Spec(
            "member",
            "Demo Member Representative",
            "demo-member-2026",
            Role.MEMBER_REPRESENTATIVE,
            Scope(organisation_id=member),
            f"Your company's profile /organisations/{member}",
        ),
        _Spec(
            "events",
            "Demo Event Organiser",
            "demo-events-2026",
            Role.EVENT_ORGANISER,
            Scope(),
            "Events; an API token for scripts at /account",
        ),
    ]


def _ensure_user(session: Session, spec: _Spec) -> User:
    """The spec's user, created or brought back to its published password and active."""
    email = f"{spec.local_part}@{DEMO_DOMAIN}"
    user = users.find_user(session, email)
    if user is None:
        return users.create_user(session, email=email, name=spec.name, password=spec.password)
    if user.password_hash is None or not passwords.verify_password(
        user.password_hash, spec.password
    ):
        user.password_hash = passwords.hash_password(spec.password)
    user.status = AccountStatus.ACTIVE
    return user


def create_demo_accounts(session: Session) -> list[DemoAccount]:
    """Make (or repair) one account per role; running it again changes nothing. Returns none
    when the database does not hold the demo scenario."""
    specs = _specs(session)
    labels = scope_labels(session, (spec.scope for spec in specs))
    accounts = []
    for spec in specs:
        user = _ensure_user(session, spec)
        grant_role(session, user, spec.role, spec.scope, by=None)
        accounts.append(
            DemoAccount(spec.role, user.email, spec.password, labels[spec.scope], spec.try_this)
        )
    session.flush()
    return accounts
