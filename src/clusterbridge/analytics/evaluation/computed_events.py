"""Indicators computed from the meetings recorded at the platform's matchmaking events.

A year in which no event meeting was recorded gives no value at all (the platform was not
used for events then, which says nothing about the clusters); otherwise every cluster gets a
value, zero included.
"""

from __future__ import annotations

from collections import Counter

from clusterbridge.analytics.evaluation.computed import Scope, Values, computation
from clusterbridge.events.plans import OrganisationMeetingCount, held_meeting_counts


def _per_cluster(scope: Scope, counted: str) -> Values:
    """Sum ``counted`` (held meetings or agreements) over each cluster's members; a meeting
    between two members of one cluster counts for each of them."""
    counts = held_meeting_counts(scope.session, year=scope.year)
    if not counts:
        return {}
    by_organisation: Counter[int] = Counter()
    for row in counts:
        by_organisation[row.organisation_id] += _value(row, counted)
    return {
        cluster_id: float(sum(by_organisation[m.organisation_id] for m in members))
        for cluster_id, members in scope.members.items()
    }


def _value(row: OrganisationMeetingCount, counted: str) -> int:
    return row.held if counted == "held" else row.agreements


@computation("event_meetings")
def event_meetings(scope: Scope) -> Values:
    """B2B meetings members held at matchmaking events on the platform during the year."""
    return _per_cluster(scope, "held")


@computation("event_agreements")
def event_agreements(scope: Scope) -> Values:
    """Meetings at matchmaking events on the platform that ended with an agreement signed."""
    return _per_cluster(scope, "agreements")
