"""The ten emerging industries of the European Cluster Observatory (2014), which the
European Cluster Collaboration Platform uses to tag clusters: new cross-sectoral
industries rather than the traditional ones NACE describes.
"""

from __future__ import annotations

from functools import cache

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.matching import add_keys, fold, suggest

# slug, label, other names in use
_EMERGING_INDUSTRIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("advanced-packaging", "Advanced packaging", ()),
    ("biopharmaceuticals", "Biopharmaceuticals", ("biopharma",)),
    ("blue-growth-industries", "Blue growth industries", ("blue growth", "blue economy")),
    ("creative-industries", "Creative industries", ("cultural and creative industries",)),
    ("digital-industries", "Digital industries", ()),
    ("environmental-industries", "Environmental industries", ()),
    ("experience-industries", "Experience industries", ("experience economy",)),
    ("logistical-services", "Logistical services", ("logistics services",)),
    ("medical-devices", "Medical devices", ("medical device industry",)),
    ("mobility-technologies", "Mobility technologies", ()),
)


def emerging_industry(value: str) -> str:
    """The slug of an emerging industry, from its slug or label ('Blue growth
    industries' -> 'blue-growth-industries')."""
    found = _keys().get(fold(value))
    if found is None:
        codes = [slug for slug, _, _ in _EMERGING_INDUSTRIES]
        raise UnknownCode("emerging industry", value, suggest(value, codes, _keys()))
    return found


def emerging_entries() -> list[Entry]:
    """The ten emerging industries, in alphabetical order."""
    return [Entry(slug, label) for slug, label, _ in _EMERGING_INDUSTRIES]


def emerging_terms() -> dict[str, tuple[str, ...]]:
    """Each slug -> its label and other names, the words a search should find it by."""
    return {slug: (label, *names) for slug, label, names in _EMERGING_INDUSTRIES}


@cache
def _keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for slug, label, names in _EMERGING_INDUSTRIES:
        add_keys(keys, slug, (slug, label, *names))
    return keys
