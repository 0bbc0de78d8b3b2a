"""Indicators computed from the meetings recorded at the platform's matchmaking events.

A year in which no event meeting was recorded gives no value at all (the platform was not
used for events then, which says nothing about the clusters); otherwise every cluster gets a
value, zero included.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from clusterbridge.analytics.evaluation.computed import Scope, Values, computation
from clusterbridge.events.plans import OrganisationMeetingCount, held_meeting_counts

_COUNTS: WeakKeyDictionary[Scope, list[OrganisationMeetingCount]] = WeakKeyDictionary()
"""The year's counts per scope, read once for both computations."""


def _per_cluster(scope: Scope, counted: str) -> Values:
    """Sum ``counted`` (held meetings or agreements) over each cluster's members; a meeting
    between two members of one cluster counts for each of them."""
    if scope not in _COUNTS:
        _COUNTS[scope] = held_meeting_counts(scope.session, year=scope.year)
    rows = _COUNTS[scope]
    if not rows:
        return {}
    by_organisation = {
        row.organisation_id: row.held if counted == "held" else row.agreements for row in rows
    }
    return {
        cluster_id: float(sum(by_organisation.get(m.organisation_id, 0) for m in members))
        for cluster_id, members in scope.members.items()
    }


@computation("event_meetings")
def event_meetings(scope: Scope) -> Values:
    """B2B meetings members held at matchmaking events on the platform during the year."""
    return _per_cluster(scope, "held")


@computation("event_agreements")
def event_agreements(scope: Scope) -> Values:
    """Meetings at matchmaking events on the platform that ended with an agreement signed."""
    return _per_cluster(scope, "agreements")
