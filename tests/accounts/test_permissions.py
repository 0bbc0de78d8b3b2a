"""The role x action matrix of accounts.permissions.can, as a whole.

Scenario: programme 1 holds clusters 10 (organisation 100) and 11 (organisation 110);
programme 2 holds cluster 20 (organisation 200). Company 101 is a member of cluster 10,
company 201 of cluster 20.
"""

from __future__ import annotations

import pytest

from clusterbridge.accounts.models import Role
from clusterbridge.accounts.permissions import ANONYMOUS, Action, Principal, Target, can

ADMIN = Principal(user_id=1, roles=frozenset({Role.PLATFORM_ADMIN}))
PROGRAMME_1 = Principal(
    user_id=2, roles=frozenset({Role.PROGRAMME_MANAGER}), programmes=frozenset({1})
)
CLUSTER_10 = Principal(
    user_id=3,
    roles=frozenset({Role.CLUSTER_MANAGER}),
    clusters=frozenset({10}),
    cluster_organisations=frozenset({100}),
)
REP_101 = Principal(
    user_id=4, roles=frozenset({Role.MEMBER_REPRESENTATIVE}), organisations=frozenset({101})
)
ORGANISER = Principal(user_id=5, roles=frozenset({Role.EVENT_ORGANISER}))
NO_ROLE = Principal(user_id=6)

COMPANY_101 = Target(
    organisation_id=101, member_of_clusters=frozenset({10}), in_programmes=frozenset({1})
)
COMPANY_201 = Target(
    organisation_id=201, member_of_clusters=frozenset({20}), in_programmes=frozenset({2})
)
CLUSTER_ORG_100 = Target(organisation_id=100, cluster_id=10, in_programmes=frozenset({1}))
CLUSTER_10_T = Target(cluster_id=10, organisation_id=100, in_programmes=frozenset({1}))
CLUSTER_11_T = Target(cluster_id=11, organisation_id=110, in_programmes=frozenset({1}))
CLUSTER_20_T = Target(cluster_id=20, organisation_id=200, in_programmes=frozenset({2}))
PROGRAMME_1_T = Target(programme_id=1)
PROGRAMME_2_T = Target(programme_id=2)
PLATFORM = Target()

PRINCIPALS = {
    "anonymous": ANONYMOUS,
    "admin": ADMIN,
    "programme_manager": PROGRAMME_1,
    "cluster_manager": CLUSTER_10,
    "representative": REP_101,
    "organiser": ORGANISER,
    "no_role": NO_ROLE,
}

# (action, target, the principals allowed); every other principal is refused.
MATRIX = [
    (Action.VIEW_PUBLIC, COMPANY_201, set(PRINCIPALS)),
    (
        Action.VIEW_PRIVATE,
        COMPANY_101,
        {"admin", "programme_manager", "cluster_manager", "representative"},
    ),
    (Action.VIEW_PRIVATE, COMPANY_201, {"admin"}),
    (
        Action.EDIT_ORGANISATION,
        COMPANY_101,
        {"admin", "programme_manager", "cluster_manager", "representative"},
    ),
    (Action.EDIT_ORGANISATION, COMPANY_201, {"admin"}),
    (Action.EDIT_ORGANISATION, CLUSTER_ORG_100, {"admin", "programme_manager", "cluster_manager"}),
    (Action.CREATE_ORGANISATION, PLATFORM, {"admin", "programme_manager", "cluster_manager"}),
    (Action.EDIT_CLUSTER, CLUSTER_10_T, {"admin", "programme_manager", "cluster_manager"}),
    (Action.EDIT_CLUSTER, CLUSTER_11_T, {"admin", "programme_manager"}),
    (Action.EDIT_CLUSTER, CLUSTER_20_T, {"admin"}),
    (Action.MANAGE_MEMBERSHIPS, CLUSTER_10_T, {"admin", "programme_manager", "cluster_manager"}),
    (Action.MANAGE_MEMBERSHIPS, CLUSTER_20_T, {"admin"}),
    (Action.VIEW_EVALUATION, CLUSTER_10_T, {"admin", "programme_manager", "cluster_manager"}),
    (Action.VIEW_EVALUATION, CLUSTER_11_T, {"admin", "programme_manager"}),
    (Action.VIEW_EVALUATION, PROGRAMME_1_T, {"admin", "programme_manager"}),
    (Action.VIEW_EVALUATION, PROGRAMME_2_T, {"admin"}),
    (Action.RECORD_EVALUATION, CLUSTER_10_T, {"admin", "programme_manager", "cluster_manager"}),
    (Action.RECORD_EVALUATION, CLUSTER_20_T, {"admin"}),
    (
        Action.EDIT_COLLABORATION,
        COMPANY_101,
        {"admin", "programme_manager", "cluster_manager", "representative"},
    ),
    (Action.IMPORT_FILES, PLATFORM, {"admin", "programme_manager"}),
    (Action.MANAGE_PROGRAMME, PROGRAMME_1_T, {"admin", "programme_manager"}),
    (Action.MANAGE_PROGRAMME, PROGRAMME_2_T, {"admin"}),
    (Action.MANAGE_COMPLEXES, PLATFORM, {"admin", "programme_manager"}),
    (Action.MANAGE_USERS, CLUSTER_10_T, {"admin", "programme_manager", "cluster_manager"}),
    (Action.MANAGE_USERS, CLUSTER_20_T, {"admin"}),
    (Action.MANAGE_PLATFORM, PLATFORM, {"admin"}),
    (Action.MANAGE_EVENTS, PLATFORM, {"admin", "organiser"}),
    (
        Action.PARTICIPATE_EVENT,
        COMPANY_101,
        {"admin", "cluster_manager", "representative", "organiser"},
    ),
    (Action.PARTICIPATE_EVENT, CLUSTER_ORG_100, {"admin", "cluster_manager", "organiser"}),
    (Action.PARTICIPATE_EVENT, COMPANY_201, {"admin", "organiser"}),
    (Action.PARTICIPATE_EVENT, PLATFORM, {"admin", "organiser"}),
    (Action.PUBLISH_POST, COMPANY_101, {"admin", "cluster_manager", "representative"}),
    (Action.PUBLISH_POST, CLUSTER_ORG_100, {"admin", "cluster_manager"}),
    (Action.PUBLISH_POST, COMPANY_201, {"admin"}),
    (Action.EXPRESS_INTEREST, COMPANY_101, {"admin", "cluster_manager", "representative"}),
    (Action.EXPRESS_INTEREST, COMPANY_201, {"admin"}),
    (Action.USE_ACCOUNT, PLATFORM, set(PRINCIPALS) - {"anonymous"}),
]


@pytest.mark.parametrize(
    ("action", "target", "allowed"),
    MATRIX,
    ids=[f"{a.value}-{i}" for i, (a, _, _) in enumerate(MATRIX)],
)
def test_matrix(action: Action, target: Target, allowed: set[str]) -> None:
    decided = {name for name, principal in PRINCIPALS.items() if can(principal, action, target)}
    assert decided == allowed


def test_every_action_is_in_the_matrix() -> None:
    assert {action for action, _, _ in MATRIX} == set(Action)


def test_changing_the_target_id_does_not_widen_a_scope() -> None:
    """A representative of 101 asking about 201 (another id in the URL) is refused."""
    assert can(REP_101, Action.EDIT_ORGANISATION, COMPANY_101)
    assert not can(REP_101, Action.EDIT_ORGANISATION, COMPANY_201)
    assert not can(REP_101, Action.VIEW_PRIVATE, Target(organisation_id=201))
