"""Write operations of the registry, shared by the web pages, the API and the CLI.

Each operation validates its whole input first (with the import's column parsers, so a value
valid in a file is valid here), raising :class:`~clusterbridge.core.errors.InvalidInput` with a
problem per field; then writes, with one audit entry per changed record holding the before and
after values of the changed fields only. Edits name the version the editor saw and raise
:class:`StaleVersion` when the record changed since (checked up front, and again by the
version column at flush time, so two concurrent writers never overwrite each other silently).

Operations run in the caller's session and leave the commit to the caller: one
``with transaction():`` block (CLI) or one commit per request (web) makes each one transaction.
"""

from clusterbridge.registry.operations.clusters import update_cluster
from clusterbridge.registry.operations.collaborations import (
    ParticipantInput,
    create_collaboration,
    update_collaboration,
)
from clusterbridge.registry.operations.fields import (
    Changes,
    RawValue,
    StaleVersion,
    form_values,
)
from clusterbridge.registry.operations.memberships import (
    add_membership,
    change_membership_role,
    end_membership,
)
from clusterbridge.registry.operations.organisations import (
    create_organisation,
    update_organisation,
)

__all__ = [
    "Changes",
    "ParticipantInput",
    "RawValue",
    "StaleVersion",
    "add_membership",
    "change_membership_role",
    "create_collaboration",
    "create_organisation",
    "end_membership",
    "form_values",
    "update_cluster",
    "update_collaboration",
    "update_organisation",
]
