"""Read side of the registry: directories, profiles, portfolio and key figures.

Functions take a :class:`Session` and return frozen dataclasses, never ORM objects, so the
pages, the API and the CLI share them. A list costs a fixed number of statements (one for the
rows, one per related collection) whatever its length, so no N+1 query can creep in.
"""

from clusterbridge.registry.queries.clusters import (
    ClusterFilter,
    ClusterMember,
    ClusterProfile,
    ClusterSummary,
    cluster_members,
    get_cluster_profile,
    list_clusters,
    search_clusters,
)
from clusterbridge.registry.queries.common import (
    INDUSTRY_VOCABULARIES,
    KIND_ORDER,
    PER_PAGE,
    AnySelect,
    ClusterOrganisation,
    ClusterRef,
    Code,
    CursorPage,
    Page,
    SearchCondition,
    T,
    is_current,
    like_search,
    today_utc,
)
from clusterbridge.registry.queries.organisations import (
    RECORD_FIELDS,
    CollaborationRow,
    MembershipRow,
    OrganisationFilter,
    OrganisationProfile,
    OrganisationRecord,
    get_organisation_profile,
    list_organisations,
    organisation_conditions,
    search_organisations,
)
from clusterbridge.registry.queries.overview import (
    DirectoryChoices,
    KeyFigures,
    ProgrammeSummary,
    directory_choices,
    key_figures,
    programme_portfolio,
)

__all__ = [
    "INDUSTRY_VOCABULARIES",
    "KIND_ORDER",
    "PER_PAGE",
    "RECORD_FIELDS",
    "AnySelect",
    "ClusterFilter",
    "ClusterMember",
    "ClusterOrganisation",
    "ClusterProfile",
    "ClusterRef",
    "ClusterSummary",
    "Code",
    "CollaborationRow",
    "CursorPage",
    "DirectoryChoices",
    "KeyFigures",
    "MembershipRow",
    "OrganisationFilter",
    "OrganisationProfile",
    "OrganisationRecord",
    "Page",
    "ProgrammeSummary",
    "SearchCondition",
    "T",
    "cluster_members",
    "directory_choices",
    "get_cluster_profile",
    "get_organisation_profile",
    "is_current",
    "key_figures",
    "like_search",
    "list_clusters",
    "list_organisations",
    "organisation_conditions",
    "programme_portfolio",
    "search_clusters",
    "search_organisations",
    "today_utc",
]
