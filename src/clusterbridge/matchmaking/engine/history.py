"""Collaboration history as features: who worked with whom, where, when and how often.

A :class:`History` is built from past projects only (``year < before_year``), so nothing from
the year being ranked can leak into its own ranking. It answers, for a coordinator and a new
project's programme parts, which organisations are worth scoring and a row of named signals
for each of them. Pure: numpy and scipy, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

SIGNAL_GROUPS: dict[str, tuple[str, ...]] = {
    "past partners": (
        "past_projects",
        "past_recency",
        "past_share",
        "past_same_part",
        "past_last_gap",
        "past_recency_share",
        "past_by_experience",
        "past_part_recency",
        "past_led",
        "past_led_recency",
        "past_small",
        "past_small_recency",
        "past_led_by_them",
        "past_exclusive",
    ),
    "graph proximity": ("adamic_adar", "common_partners", "partner_of_partner"),
    "programme activity": (
        "part_projects",
        "part_recency",
        "part_share",
        "activity",
        "part_by_experience",
    ),
    "kinds and countries": (
        "same_country",
        "partner_kind_share",
        "partner_country_share",
        "kind_affinity",
        "country_affinity",
        "part_kind_affinity",
    ),
    "activity trend": ("recent_activity", "active_gap", "trend", "consortium_size", "coordinates"),
}
"""Signal names by the kind of evidence they carry (ablations and explanations use them)."""
PERSONAL: tuple[str, ...] = (
    *SIGNAL_GROUPS["past partners"],
    *SIGNAL_GROUPS["graph proximity"],
)
"""The signals that need the asker's own past projects (see ``History._personal``)."""
HABITS = ("partner_kind_share", "partner_country_share")
SIGNALS: tuple[str, ...] = tuple(name for group in SIGNAL_GROUPS.values() for name in group)
HALF_LIFE = 2.0
"""Years after which a past project counts half as much in the recency signals."""


@dataclass(frozen=True)
class Project:
    """A past (or new) project: its programme parts and member organisation keys."""

    key: str
    year: int
    parts: tuple[str, ...]
    members: tuple[int, ...]
    coordinator: int | None


@dataclass(frozen=True)
class Organisation:
    """The facts about an organisation that the history features need."""

    key: int
    kind: str
    country: str | None


def decay(age: np.ndarray) -> np.ndarray:
    """Weight of a project ``age`` years old: 1 this year, halving every :data:`HALF_LIFE`."""
    return np.asarray(np.power(0.5, np.maximum(age, 0) / HALF_LIFE), dtype=np.float64)


class _Codes:
    """Strings to dense integer codes (0 is reserved for "unknown")."""

    def __init__(self, values: Iterable[str | None]) -> None:
        self.code = {v: i + 1 for i, v in enumerate(sorted({v for v in values if v is not None}))}

    def __len__(self) -> int:
        return len(self.code) + 1

    def of(self, value: str | None) -> int:
        return self.code.get(value, 0) if value is not None else 0


class History:
    """The co-participation graph and activity counts of the projects before a year."""

    def __init__(self, projects: list[Project], organisations: list[Organisation], before: int):
        self.before_year = before
        self.keys = np.array(sorted(o.key for o in organisations), dtype=np.int64)
        facts = {o.key: o for o in organisations}
        self.kinds = _Codes(o.kind for o in organisations)
        self.countries = _Codes(o.country for o in organisations)
        ordered = [facts[int(key)] for key in self.keys]
        self.kind = np.array([self.kinds.of(o.kind) for o in ordered], dtype=np.int64)
        self.country = np.array([self.countries.of(o.country) for o in ordered], dtype=np.int64)
        self.parts = _Codes(part for p in projects for part in p.parts)
        self.year = np.array([p.year for p in projects], dtype=np.int64)
        self._last: tuple[tuple[int | None, tuple[str, ...], int], np.ndarray] | None = None
        self._build_matrices(projects)
        self._build_activity(projects)
        self._build_affinities(projects)

    @classmethod
    def build(
        cls,
        projects: Iterable[Project],
        organisations: Iterable[Organisation],
        *,
        before_year: int,
    ) -> History:
        """The history of ``projects`` that started before ``before_year`` (the leak guard).

        Members missing from ``organisations`` are added with an unknown kind and country.
        """
        kept = [p for p in projects if p.year < before_year]
        known = {o.key: o for o in organisations}
        for project in kept:
            for member in project.members:
                known.setdefault(member, Organisation(member, "", None))
        return cls(kept, list(known.values()), before_year)

    def _build_matrices(self, projects: list[Project]) -> None:
        """Incidence (organisation x project), partnerships and programme parts as sparse."""
        rows = [self.index(m) for p in projects for m in dict.fromkeys(p.members)]
        cols = [j for j, p in enumerate(projects) for _ in dict.fromkeys(p.members)]
        n, m = len(self.keys), len(projects)
        self.incidence = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, m))
        self.members = self.incidence.T.tocsr()
        together = (self.incidence @ self.members).tolil()
        together.setdiag(0)
        self.together = together.tocsr()
        self.together.eliminate_zeros()
        self.linked = self.together.copy()
        self.linked.data[:] = 1.0
        self.degree = np.asarray(self.linked.sum(axis=1)).ravel()
        part_rows = [j for j, p in enumerate(projects) for _ in p.parts]
        part_cols = [self.parts.of(part) for p in projects for part in p.parts]
        shape = (m, len(self.parts))
        self.project_parts = sp.csr_matrix(
            (np.ones(len(part_rows)), (part_rows, part_cols)), shape=shape
        )
        self.size = np.diff(self.members.indptr).astype(np.float64)
        self.lead = np.array([self.index(p.coordinator) for p in projects], dtype=np.int64)

    def _build_activity(self, projects: list[Project]) -> None:
        """Per organisation: projects by part (plain and recency-weighted), by year, led."""
        weight = decay(self.before_year - self.year)
        self.part_count = (self.incidence @ self.project_parts).tocsc()
        self.part_recent = (self.incidence @ sp.diags(weight) @ self.project_parts).tocsc()
        self.total = np.asarray(self.incidence.sum(axis=1)).ravel()
        first = int(self.year.min()) if len(self.year) else self.before_year
        self.first_year = first
        by_year = sp.csr_matrix(
            (np.ones(len(self.year)), (np.arange(len(self.year)), self.year - first)),
            shape=(len(self.year), self.before_year - first + 1),
        )
        self.per_year = np.asarray((self.incidence @ by_year).todense())
        led = [self.index(p.coordinator) for p in projects if p.coordinator is not None]
        self.led = np.bincount([i for i in led if i >= 0], minlength=len(self.keys))
        sizes = np.asarray(self.incidence @ self.size, dtype=np.float64)
        self.mean_size = np.divide(
            sizes, self.total, out=np.zeros_like(sizes), where=self.total > 0
        )

    def _build_affinities(self, projects: list[Project]) -> None:
        """How often coordinators of a kind/country take partners of a kind/country, and
        which partner kinds each programme part draws, as smoothed log lifts."""
        n_kind, n_country, n_part = len(self.kinds), len(self.countries), len(self.parts)
        kinds = np.ones((n_kind, n_kind))
        countries = np.ones((n_country, n_country))
        part_kinds = np.ones((n_part, n_kind))
        for project in projects:
            lead = self.index(project.coordinator) if project.coordinator is not None else -1
            others = [self.index(m) for m in project.members if m != project.coordinator]
            for other in others:
                for part in project.parts:
                    part_kinds[self.parts.of(part), self.kind[other]] += 1
                if lead >= 0:
                    kinds[self.kind[lead], self.kind[other]] += 1
                    countries[self.country[lead], self.country[other]] += 1
        self.kind_lift, self.country_lift = _log_lift(kinds), _log_lift(countries)
        self.part_kind_lift = _log_lift(part_kinds)

    def index(self, key: int | None) -> int:
        """The dense index of an organisation key, -1 when unknown."""
        if key is None:
            return -1
        at = int(np.searchsorted(self.keys, key))
        return at if at < len(self.keys) and self.keys[at] == key else -1

    def _indices(self, keys: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        if len(self.keys) == 0:
            return np.full(len(keys), -1)
        return np.where(self.keys[at] == keys, at, -1)

    def _part_columns(self, parts: Sequence[str]) -> list[int]:
        return sorted({c for c in (self.parts.of(part) for part in parts) if c > 0})

    def part_activity(self, parts: Sequence[str], recent: bool = False) -> np.ndarray:
        """Projects of each organisation under any of ``parts`` (recency-weighted if asked)."""
        matrix = self.part_recent if recent else self.part_count
        columns = self._part_columns(parts)
        if not columns:
            return np.zeros(len(self.keys))
        return np.asarray(matrix[:, columns].sum(axis=1)).ravel()

    def partner_vectors(self, org: int | None, parts: Sequence[str], year: int) -> np.ndarray:
        """(organisations x 10) joint projects with ``org``: all, recency-weighted, in ``parts``,
        last year together (0 when never), in ``parts`` recency-weighted, led by ``org`` (its
        own pick), the same recency-weighted, each weighted by 1 / (other members) (a small
        consortium is a closer tie), the same recency-weighted, led by the candidate. Zeros
        for a newcomer."""
        at = self.index(org)
        out = np.zeros((len(self.keys), 10))
        if at < 0:
            return out
        projects = self.incidence.indices[self.incidence.indptr[at] : self.incidence.indptr[at + 1]]
        if len(projects) == 0:
            return out
        columns = self._part_columns(parts)
        in_part = np.asarray(self.project_parts[projects][:, columns].sum(axis=1)).ravel() > 0
        years = self.year[projects]
        recent = decay(year - years)
        led = self.lead[projects] == at
        small = 1.0 / np.maximum(self.size[projects] - 1.0, 1.0)
        weights = np.column_stack(
            [np.ones(len(projects)), recent, in_part, in_part * recent, led, led * recent,
             small, small * recent]
        )  # fmt: skip
        block = self.members[projects].T.tocsr()
        together = block @ weights
        out[:, :3] = together[:, :3]
        last = block.multiply(years[None, :].astype(np.float64)).max(axis=1)
        out[:, 3] = np.asarray(last.todense()).ravel()
        out[:, 4:9] = together[:, 3:]
        leads = self.lead[projects]
        out[:, 9] = np.bincount(leads[leads >= 0], minlength=len(self.keys))
        out[at] = 0.0
        return out

    def adamic_adar(self, org: int | None) -> np.ndarray:
        """Adamic-Adar index of ``org`` with every organisation (zeros for a newcomer)."""
        at = self.index(org)
        if at < 0:
            return np.zeros(len(self.keys))
        row = self.linked[at]
        weights = 1.0 / np.log(np.maximum(self.degree[row.indices], 2.0))
        scores = np.asarray(self.linked[row.indices].T @ weights).ravel()
        scores[at] = 0.0
        return scores

    def _neighbourhood(self, org: int | None, parts: Sequence[str], year: int) -> np.ndarray:
        """(organisations x 13): the first four partner vectors, Adamic-Adar, common partners,
        recency-weighted partners of partners, then the other six partner vectors; the last
        query's answer is kept (candidates and signals of one query ask for the same)."""
        wanted = (org, tuple(parts), year)
        if self._last is not None and self._last[0] == wanted:
            return self._last[1]
        out = np.zeros((len(self.keys), 13))
        at = self.index(org)
        if at >= 0:
            out[:, :4] = (vectors := self.partner_vectors(org, parts, year))[:, :4]
            out[:, 7:] = vectors[:, 4:]
            out[:, 4] = self.adamic_adar(org)
            near = self.linked[at].indices
            out[:, 5] = np.asarray(self.linked[near].T @ np.ones(len(near))).ravel()
            spread = out[near, 1] / np.maximum(self.degree[near], 1.0)
            out[:, 6] = np.asarray(self.together[near].T @ spread).ravel()
            out[at, 5:7] = 0.0
        self._last = (wanted, out)
        return out

    def candidates(self, org: int | None, parts: Sequence[str], limit: int) -> np.ndarray:
        """Keys worth scoring: past partners, then partners of partners, then the organisations
        most active in ``parts`` (for a newcomer only the latter), at most ``limit``."""
        activity = self.part_activity(parts, recent=True)
        if not activity.any():
            activity = self.total.astype(np.float64)
        if not self.partnered(org):
            return np.asarray(self.keys[_top(activity, limit)], dtype=np.int64)
        near = self._neighbourhood(org, parts, self.before_year)
        pools = [(near[:, 1], limit // 2), (near[:, 4], limit // 4), (activity, limit)]
        own = self.index(org)
        chosen: dict[int, None] = {}
        for scores, quota in pools:
            added = 0
            for i in _top(scores, quota + limit):
                if len(chosen) >= limit or added >= quota:
                    break
                if int(i) not in chosen and i != own:
                    chosen[int(i)] = None
                    added += 1
        return self.keys[list(chosen)].astype(np.int64)

    def signals(
        self,
        org: int | None,
        candidates: np.ndarray,
        parts: Sequence[str],
        year: int,
        country: str | None,
        kind: str | None,
    ) -> dict[str, np.ndarray]:
        """Every signal of :data:`SIGNALS` for each candidate of a project led by ``org`` under
        ``parts`` starting in ``year``; ``country`` and ``kind`` are the coordinator's."""
        at = self._indices(np.asarray(candidates, dtype=np.int64))
        known = at >= 0
        rows = np.where(known, at, 0)
        values = self._personal(org, parts, year, rows) | self._general(parts, year, rows)
        values |= self._composition(parts, country, kind, rows)
        values |= self._habits(org, parts, year, rows)
        lead = self.index(org)
        experience = float(np.log1p(self.total[lead])) if lead >= 0 else 0.0
        values["past_by_experience"] = values["past_recency"] * experience
        values["part_by_experience"] = values["part_recency"] / (1.0 + experience)
        return {name: np.where(known, values[name], 0.0) for name in SIGNALS}

    def partnered(self, org: int | None) -> bool:
        """Whether ``org`` has a past project: only then are its personal signals non-zero
        (and worth the dense neighbourhood computation, one row per organisation)."""
        at = self.index(org)
        return at >= 0 and self.total[at] > 0

    def _personal(
        self, org: int | None, parts: Sequence[str], year: int, rows: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Past partners and graph proximity: zero for a newcomer."""
        if not self.partnered(org):
            return {name: np.zeros(len(rows)) for name in PERSONAL}
        near = self._neighbourhood(org, parts, year)[rows]
        at = self.index(org)
        led = float(self.total[at]) if at >= 0 else 0.0
        last = near[:, 3]
        return {
            "past_projects": np.log1p(near[:, 0]),
            "past_recency": np.log1p(near[:, 1]),
            "past_share": near[:, 0] / max(led, 1.0),
            "past_same_part": np.log1p(near[:, 2]),
            "past_last_gap": np.where(last > 0, decay(year - last), 0.0),
            "past_recency_share": near[:, 1]
            / max(float(self._neighbourhood(org, parts, year)[:, 1].sum()), 1e-9),
            "adamic_adar": np.log1p(near[:, 4]),
            "common_partners": np.log1p(near[:, 5]),
            "partner_of_partner": np.log1p(near[:, 6]),
            "past_part_recency": np.log1p(near[:, 7]),
            "past_led": np.log1p(near[:, 8]),
            "past_led_recency": np.log1p(near[:, 9]),
            "past_small": np.log1p(near[:, 10]),
            "past_small_recency": np.log1p(near[:, 11]),
            "past_led_by_them": np.log1p(near[:, 12]),
            "past_exclusive": near[:, 0] / np.maximum(self.total[rows], 1.0),
        }

    def _general(self, parts: Sequence[str], year: int, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Programme activity and activity trend: the same for every coordinator."""
        shift = decay(np.array([year - self.before_year]))[0]
        in_part = self.part_activity(parts)[rows]
        total = self.total[rows]
        span = max(year - self.first_year, 1)
        recent = self._projects_between(rows, year - 2, year)
        active = self.per_year[rows] > 0
        last = np.where(active.any(axis=1), active.shape[1] - 1 - np.argmax(active[:, ::-1], 1), -1)
        gap = np.where(last >= 0, year - (self.first_year + last), 99)
        return {
            "part_projects": np.log1p(in_part),
            "part_recency": np.log1p(self.part_activity(parts, recent=True)[rows] * shift),
            "part_share": in_part / np.maximum(total, 1.0),
            "activity": np.log1p(total),
            "recent_activity": np.log1p(recent),
            "active_gap": decay(gap.astype(np.float64)),
            "trend": np.log1p(recent) - np.log1p(total * 2.0 / span),
            "consortium_size": np.log1p(self.mean_size[rows]),
            "coordinates": self.led[rows] / np.maximum(total, 1.0),
        }

    def _projects_between(self, rows: np.ndarray, start: int, end: int) -> np.ndarray:
        """Projects of each row's organisation starting in [start, end)."""
        lo = min(max(start - self.first_year, 0), self.per_year.shape[1])
        hi = min(max(end - self.first_year, 0), self.per_year.shape[1])
        return np.asarray(self.per_year[rows, lo:hi].sum(axis=1)).ravel()

    def _composition(
        self, parts: Sequence[str], country: str | None, kind: str | None, rows: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Kinds and countries: how well each candidate fits the coordinator and the parts."""
        kinds, countries = self.kind[rows], self.country[rows]
        own_country = self.countries.of(country)
        columns = self._part_columns(parts)
        by_part = self.part_kind_lift[columns][:, kinds].mean(axis=0) if columns else 0.0
        return {
            "same_country": ((countries == own_country) & (own_country > 0)).astype(np.float64),
            "kind_affinity": self.kind_lift[self.kinds.of(kind), kinds],
            "country_affinity": self.country_lift[own_country, countries],
            "part_kind_affinity": np.broadcast_to(by_part, len(rows)).astype(np.float64),
        }

    def _habits(
        self, org: int | None, parts: Sequence[str], year: int, rows: np.ndarray
    ) -> dict[str, np.ndarray]:
        """The coordinator's own habits: the share of its past partnerships that went to the
        candidate's kind and to the candidate's country (zero for a newcomer)."""
        if not self.partnered(org):
            return {name: np.zeros(len(rows)) for name in HABITS}
        weight = self._neighbourhood(org, parts, year)[:, 0]
        shares = []
        for codes, size in ((self.kind, len(self.kinds)), (self.country, len(self.countries))):
            counts = np.bincount(codes, weights=weight, minlength=size)
            shares.append(counts[codes[rows]] / max(float(counts.sum()), 1.0))
        return {"partner_kind_share": shares[0], "partner_country_share": shares[1]}

    def shared_partners(self, a: int, b: int, limit: int = 3) -> list[int]:
        """Organisations both ``a`` and ``b`` worked with, most joint projects first."""
        i, j = self.index(a), self.index(b)
        if i < 0 or j < 0:
            return []
        ours, theirs = self.together[i], self.together[j]
        common, at_ours, at_theirs = np.intersect1d(
            ours.indices, theirs.indices, assume_unique=True, return_indices=True
        )
        strength = ours.data[at_ours] * theirs.data[at_theirs]
        order = np.lexsort((self.keys[common], -strength))[:limit]
        return [int(self.keys[common[o]]) for o in order]

    def past_projects(self, a: int, b: int) -> int:
        """How many past projects ``a`` and ``b`` had together."""
        i, j = self.index(a), self.index(b)
        return int(self.together[i, j]) if i >= 0 and j >= 0 else 0


def _log_lift(counts: np.ndarray) -> np.ndarray:
    """log(P(column | row) / P(column)) of a (smoothed) count table."""
    given = counts / counts.sum(axis=1, keepdims=True)
    overall = counts.sum(axis=0) / counts.sum()
    return np.asarray(np.log(given / overall))


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` highest positive scores, best first (ties by index)."""
    positive = np.flatnonzero(scores > 0)
    if count <= 0 or len(positive) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((positive, -scores[positive]))
    return positive[order[:count]]
