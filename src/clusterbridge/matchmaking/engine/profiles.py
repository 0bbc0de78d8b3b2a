"""What the engine knows of an organisation, and the filters a query can carry."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """One organisation as the engine sees it; ``key`` is the registry's organisation id."""

    key: int
    kind: str
    """An ``OrganisationKind`` value: company, startup, university, research_centre..."""
    country: str | None
    name: str = ""
    description: str = ""
    offers: str = ""
    needs: str = ""
    industries: frozenset[str] = frozenset()
    """NACE codes (e.g. ``C29``, ``C27.2``)."""
    technologies: frozenset[str] = frozenset()
    size: str | None = None
    """A ``SizeClass`` value (micro, small, medium, large) or None."""
    founding_year: int | None = None
    clusters: frozenset[int] = frozenset()
    """Ids of the clusters the organisation is a current member of (or runs)."""

    @property
    def text(self) -> str:
        """What the organisation does and offers: the text a need is matched against. Its
        needs are left out (two firms needing batteries are not each other's supplier); they
        count in the reciprocity signal instead."""
        return "\n".join(part for part in (self.description, self.offers) if part)

    @property
    def is_empty(self) -> bool:
        """No text and no classification: nothing to match on but history."""
        return not (self.text.strip() or self.needs.strip() or self.industries or self.technologies)


@dataclass(frozen=True)
class Filters:
    """Which candidates a query admits. Empty sets mean "any"."""

    countries: frozenset[str] = frozenset()
    abroad_of: str | None = None
    """Exclude organisations of this country ("abroad only")."""
    kinds: frozenset[str] = frozenset()
    clusters: frozenset[int] = frozenset()
    industries: frozenset[str] = frozenset()
    """NACE code prefixes; a candidate matches when one of its codes starts with one of them."""
    sizes: frozenset[str] = frozenset()
    exclude: frozenset[int] = field(default_factory=frozenset)
    """Organisation keys never to recommend (the asker itself, fellow members...)."""

    def admits(self, profile: Profile) -> bool:
        """Whether ``profile`` passes every filter (the reference the indexes must agree with)."""
        if profile.key in self.exclude:
            return False
        if self.countries and profile.country not in self.countries:
            return False
        if self.abroad_of is not None and profile.country == self.abroad_of:
            return False
        if self.kinds and profile.kind not in self.kinds:
            return False
        if self.clusters and not (profile.clusters & self.clusters):
            return False
        if self.industries and not any(
            code.startswith(prefix) for code in profile.industries for prefix in self.industries
        ):
            return False
        return not (self.sizes and profile.size not in self.sizes)
