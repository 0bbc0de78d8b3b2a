"""The profile of a theme (a sector a cluster works in): the codes and words that make the
organisations of one cluster look alike, and different from those of another.

Profiles are written compactly, as ';'-separated strings, and parsed once by :func:`theme`.
"""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]
"""A Korean word and its romanised or English form, e.g. ('배터리', 'Battery')."""


@dataclass(frozen=True)
class KoreanProfile:
    """How a theme reads in Korean: the mini-cluster label, words for company names and
    the sub-focus areas that tell two mini-clusters of one theme apart."""

    label: Pair
    words: tuple[Pair, ...]
    focus: tuple[Pair, ...]


@dataclass(frozen=True)
class Theme:
    """A sector profile: NACE classes (core first), technology slugs, emerging industries,
    and the English vocabulary that descriptions, offers and needs are made of."""

    key: str
    label: str
    sector: str
    nace_core: tuple[str, ...]
    nace_more: tuple[str, ...]
    technologies: tuple[str, ...]
    emerging: tuple[str, ...]
    products: tuple[str, ...]
    capabilities: tuple[str, ...]
    needs: tuple[str, ...]
    related: tuple[str, ...]
    words_ca: tuple[str, ...]
    words_en: tuple[str, ...]
    hubs: tuple[str, ...]
    parts: tuple[str, str]
    korean: KoreanProfile | None = None

    @property
    def nace(self) -> tuple[str, ...]:
        return self.nace_core + self.nace_more


def _items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def _pairs(text: str) -> tuple[Pair, ...]:
    pairs = []
    for item in _items(text):
        korean, latin = item.split("=")
        pairs.append((korean.strip(), latin.strip()))
    return tuple(pairs)


def korean(label: str, words: str, focus: str) -> KoreanProfile:
    """A Korean profile from 'hangul=Latin' strings, e.g. korean('이차전지=Secondary Battery',
    '배터리=Battery; 에너지=Energy', '소재=Materials; 장비=Equipment')."""
    return KoreanProfile(_pairs(label)[0], _pairs(words), _pairs(focus))


def theme(
    key: str,
    label: str,
    sector: str,
    *,
    nace: str,
    tech: str,
    emerging: str,
    products: str,
    capabilities: str,
    needs: str,
    related: str,
    words_ca: str,
    words_en: str,
    hubs: str,
    parts: str,
    ko: KoreanProfile | None = None,
) -> Theme:
    """A theme from compact strings; ``nace`` is 'core codes | more codes'."""
    core, _, more = nace.partition("|")
    he_part, h2020_part = _items(parts)
    return Theme(
        key=key,
        label=label,
        sector=sector,
        nace_core=tuple(core.split()),
        nace_more=tuple(more.split()),
        technologies=_items(tech),
        emerging=_items(emerging),
        products=_items(products),
        capabilities=_items(capabilities),
        needs=_items(needs),
        related=_items(related),
        words_ca=_items(words_ca),
        words_en=_items(words_en),
        hubs=_items(hubs),
        parts=(he_part, h2020_part),
        korean=ko,
    )
