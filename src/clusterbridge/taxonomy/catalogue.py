"""Listing and searching every code list by name, for forms and web autocompletion."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy.countries import country_entries
from clusterbridge.taxonomy.emerging import emerging_entries, emerging_terms
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.industries import nace_entries, naics_entries
from clusterbridge.taxonomy.matching import fold, suggest
from clusterbridge.taxonomy.regions import nuts_entries
from clusterbridge.taxonomy.technologies import technology_entries, technology_terms

_LISTS: dict[str, Callable[[], list[Entry]]] = {
    "country": country_entries,
    "nuts": nuts_entries,
    "nace": nace_entries,
    "naics": naics_entries,
    "technology": technology_entries,
    "emerging": emerging_entries,
}
_ALIASES = {"emerging industry": "emerging"}
# Words besides the label that find an entry, for the lists that have synonyms.
_TERMS: dict[str, Callable[[], Mapping[str, tuple[str, ...]]]] = {
    "technology": technology_terms,
    "emerging": emerging_terms,
}

# One searchable row: the entry, its code as keys ('29 10', '2910'), its words as keys.
_Row = tuple[Entry, tuple[str, ...], tuple[str, ...]]


def entries(vocabulary: str) -> list[Entry]:
    """Every entry of a code list: 'country', 'nuts', 'nace', 'naics', 'technology' or
    'emerging' (subdivisions depend on a country: see :func:`subdivisions`)."""
    return _LISTS[_list_name(vocabulary)]()


def search(vocabulary: str, text: str, limit: int = 10) -> list[Entry]:
    """Up to ``limit`` entries whose code or label (or a synonym) contains ``text``,
    ignoring case and accents; best first: exact matches, codes starting with the text,
    words starting with it, then any other match, each in list order."""
    rows = _rows(_list_name(vocabulary))
    needle = fold(text)
    if limit <= 0:
        return []
    if not needle:
        return [entry for entry, _, _ in rows[:limit]]
    ranked: list[tuple[int, int, Entry]] = []
    for position, (entry, codes, words) in enumerate(rows):
        rank = _rank(needle, codes, words)
        if rank is not None:
            ranked.append((rank, position, entry))
    ranked.sort(key=lambda item: item[:2])
    return [entry for _, _, entry in ranked[:limit]]


def _list_name(vocabulary: str) -> str:
    name = fold(vocabulary)
    name = _ALIASES.get(name, name)
    if name not in _LISTS:
        raise UnknownCode("vocabulary", vocabulary, suggest(vocabulary, _LISTS))
    return name


def _rank(needle: str, codes: tuple[str, ...], words: tuple[str, ...]) -> int | None:
    if needle in codes or needle in words:
        return 0
    if any(code.startswith(needle) for code in codes):
        return 1
    if any(f" {needle}" in f" {word}" for word in words):
        return 2
    if any(needle in key for key in (*codes, *words)):
        return 3
    return None


@cache
def _rows(name: str) -> tuple[_Row, ...]:
    terms = _TERMS[name]() if name in _TERMS else {}
    rows: list[_Row] = []
    for entry in _LISTS[name]():
        code = fold(entry.code)
        words = terms.get(entry.code, (entry.label,))
        rows.append((entry, (code, code.replace(" ", "")), tuple(map(fold, words))))
    return tuple(rows)
