"""Countries (ISO 3166-1) and their subdivisions (ISO 3166-2), from the pycountry package.

Countries are returned as upper-case alpha-2 codes. Besides alpha-2, alpha-3 and the ISO
names, we accept common English names ('South Korea', 'Russia'), the EU conventions
'EL' for Greece and 'UK' for the United Kingdom used by Eurostat and CORDIS, and Kosovo's
user-assigned code 'XK' that the EU uses.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pycountry

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.matching import add_keys, fold, suggest

# Codes the EU institutions use instead of the ISO ones.
EU_COUNTRY_CODES = {"EL": "GR", "UK": "GB"}

# Codes outside ISO 3166-1 that the EU (CORDIS, Eurostat) and most registries use.
_USER_ASSIGNED = {"XK": "Kosovo"}

# English names in everyday use that pycountry does not carry.
_EXTRA_NAMES = {
    "BN": ("Brunei",),
    "CD": ("DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde",),
    "CZ": ("Czech Republic",),
    "GB": ("Great Britain", "Britain"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea",),
    "MK": ("Macedonia", "Republic of Macedonia"),
    "MM": ("Burma",),
    "NL": ("Holland", "The Netherlands"),
    "PS": ("Palestine",),
    "RU": ("Russia",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "US": ("USA", "United States of America"),
    "VA": ("Vatican", "Vatican City"),
    "XK": ("Kosovo",),
}


def country(value: str) -> str:
    """The ISO 3166-1 alpha-2 code for a code or English name: 'es', 'ESP', 'Spain',
    'Korea, Republic of' and 'EL' give 'ES', 'ES', 'ES', 'KR' and 'GR'."""
    code = value.strip().upper()
    if code in _countries():
        return code
    found = _country_keys().get(fold(value))
    if found is None:
        raise UnknownCode("country", value, suggest(value, _countries(), _country_keys()))
    return found


def country_name(code: str) -> str:
    """The English short name of a country ('KR' -> 'South Korea')."""
    return _countries()[country(code)].label


def subdivision(value: str, country: str | None = None) -> str:
    """The ISO 3166-2 code ('es-ct' -> 'ES-CT'); with ``country``, the subdivision must
    belong to it, and its name is accepted too ('Cataluña', country='ES' -> 'ES-CT')."""
    code = value.strip().upper()
    entry = _subdivisions().get(code)
    if country is None:
        if entry is None:
            own = _subdivisions_by_country().get(code.split("-", 1)[0])
            codes = [item.code for item in own] if own else list(_subdivisions())
            raise UnknownCode("subdivision", value, suggest(value, codes))
        return entry.code
    alpha2 = _alpha2(country)
    if entry is not None and code.split("-", 1)[0] == alpha2:
        return entry.code
    names = _subdivision_names(alpha2)
    found = names.get(fold(value))
    if found is None:
        codes = [item.code for item in subdivisions(alpha2)]
        raise UnknownCode("subdivision", value, suggest(value, codes, names))
    return found


def subdivision_name(code: str) -> str:
    """The name of an ISO 3166-2 subdivision as ISO writes it ('ES-CT' ->
    'Catalunya [Cataluña]')."""
    return _subdivisions()[subdivision(code)].label


def subdivisions(country: str) -> list[Entry]:
    """Every subdivision of a country, sorted by code; ``parent`` is the enclosing
    subdivision, or the country code for top-level ones."""
    return list(_subdivisions_by_country().get(_alpha2(country), ()))


def country_entries() -> list[Entry]:
    """Every ISO 3166-1 country, sorted by code."""
    return list(_countries().values())


def _alpha2(value: str) -> str:
    """``country`` under a name that function parameters called ``country`` do not hide."""
    return country(value)


@cache
def _countries() -> dict[str, Entry]:
    found = {
        item.alpha_2: Entry(item.alpha_2, getattr(item, "common_name", item.name))
        for item in pycountry.countries
    }
    found.update({code: Entry(code, name) for code, name in _USER_ASSIGNED.items()})
    return dict(sorted(found.items()))


@cache
def _country_keys() -> dict[str, str]:
    """Folded codes and names -> alpha-2; the official ones first, then aliases."""
    keys: dict[str, str] = {}
    for item in pycountry.countries:
        terms = [item.alpha_2, item.alpha_3, item.name]
        terms += [
            getattr(item, attr) for attr in ("official_name", "common_name") if hasattr(item, attr)
        ]
        add_keys(keys, item.alpha_2, terms)
    for alias, code in EU_COUNTRY_CODES.items():
        add_keys(keys, code, [alias])
    for code, names in _EXTRA_NAMES.items():
        add_keys(keys, code, names)
    _add_inverted_names(keys)
    return keys


def _add_inverted_names(keys: dict[str, str]) -> None:
    """ISO writes 'Korea, Republic of': also accept 'Republic of Korea', and the head
    alone ('Moldova') where only one country has it ('Korea' is two)."""
    heads = Counter(item.name.split(", ")[0] for item in pycountry.countries)
    for item in pycountry.countries:
        head, comma, tail = str(item.name).partition(", ")
        if not comma:
            continue
        keys.setdefault(fold(f"{tail} {head}"), item.alpha_2)
        if heads[head] == 1:
            keys.setdefault(fold(head), item.alpha_2)


@cache
def _subdivisions() -> dict[str, Entry]:
    items = {item.code.upper(): item for item in pycountry.subdivisions}
    found: dict[str, Entry] = {}
    for code, item in sorted(items.items()):
        level, parent = 1, item.parent_code
        while parent is not None and parent.upper() in items:
            level += 1
            parent = items[parent.upper()].parent_code
        found[code] = Entry(code, item.name, item.parent_code or item.country_code, level)
    return found


@cache
def _subdivisions_by_country() -> dict[str, tuple[Entry, ...]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in _subdivisions().values():
        grouped.setdefault(entry.code.split("-", 1)[0], []).append(entry)
    return {code: tuple(entries) for code, entries in grouped.items()}


@cache
def _subdivision_names(alpha2: str) -> dict[str, str]:
    """Folded subdivision names of one country -> code, leaving out names two of its
    subdivisions share. ISO writes some names as 'Catalunya [Cataluña]': both count."""
    claims: dict[str, set[str]] = {}
    for entry in _subdivisions_by_country().get(alpha2, ()):
        names = entry.label.replace("]", "").split("[")
        for name in names:
            claims.setdefault(fold(name), set()).add(entry.code)
    return {key: codes.pop() for key, codes in claims.items() if len(codes) == 1 and key}
