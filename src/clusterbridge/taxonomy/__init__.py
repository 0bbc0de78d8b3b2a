"""Code lists: countries, regions, industries, technologies and emerging industries.

Each ``f(value)`` turns what users and files write into the canonical code, or raises
:class:`~clusterbridge.core.errors.UnknownCode` with up to five close matches. Lists are
loaded once per process; a known value then costs a dict lookup.
"""

from clusterbridge.taxonomy.catalogue import entries, search
from clusterbridge.taxonomy.countries import (
    country,
    country_name,
    subdivision,
    subdivision_name,
    subdivisions,
)
from clusterbridge.taxonomy.emerging import emerging_industry
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.industries import industry, industry_label
from clusterbridge.taxonomy.regions import nuts, region, region_name
from clusterbridge.taxonomy.technologies import technology

__all__ = [
    "Entry",
    "country",
    "country_name",
    "emerging_industry",
    "entries",
    "industry",
    "industry_label",
    "nuts",
    "region",
    "region_name",
    "search",
    "subdivision",
    "subdivision_name",
    "subdivisions",
    "technology",
]
