"""Location quotients, shares, growth, shift-share and wages over a :class:`Panel`.

Every function works on whole ``[region, cluster, year]`` arrays and returns NaN where the panel
has no statistics row. When no reference economy is given, the reference is the sum of the
panel's regions (:func:`summed_reference`); a supplied reference (a nation, the EU) may include
regions the panel does not list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clusterbridge.analytics.mapping.types import BoolArray, FloatArray, Panel, Reference


def summed_reference(panel: Panel) -> Reference:
    """The default reference economy: each cluster's employment summed over the panel's regions."""
    return Reference(employment=np.nansum(panel.employment, axis=0))


def _totals_by_type(employment: FloatArray, traded: BoolArray, axis: int) -> FloatArray:
    """Traded and local totals along the cluster ``axis``: index 0 local, 1 traded."""
    filled = np.nan_to_num(employment, nan=0.0)
    weights = np.stack([~traded, traded]).astype(np.float64)
    moved = np.moveaxis(filled, axis, -1)
    totals = np.asarray(moved @ weights.T, dtype=np.float64)
    return np.moveaxis(totals, -1, axis)


def location_quotients(panel: Panel, reference: Reference | None = None) -> FloatArray:
    """LQ = (E_rc / E_r) / (E_Nc / E_N) per region, cluster and year.

    As the U.S. Cluster Mapping publishes it, E_r and E_N are traded employment for a traded
    cluster and local employment for a local one. NaN where the panel has no row or the
    region has no employment of that type.
    """
    reference = reference or summed_reference(panel)
    kind = panel.traded.astype(np.intp)
    region_totals = _totals_by_type(panel.employment, panel.traded, axis=1)
    reference_totals = _totals_by_type(reference.employment, panel.traded, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        reference_share = reference.employment / reference_totals[kind, :]
        lq = panel.employment / region_totals[:, kind, :]
        lq /= reference_share[np.newaxis]
    return lq


def region_shares(panel: Panel) -> FloatArray:
    """Each cluster's share of the region's employment in all clusters (the ECO "focus")."""
    total = np.nansum(panel.employment, axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(panel.employment / total, dtype=np.float64)


def average_wage(panel: Panel) -> FloatArray:
    """Payroll per employee, in the payroll's unit (NaN without payroll or employment)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        wage = panel.payroll / panel.employment
    wage[~(panel.employment > 0)] = np.nan
    return np.asarray(wage, dtype=np.float64)


def _year_index(panel: Panel, year: int) -> int:
    if year not in panel.years:
        raise ValueError(f"year {year} is not in the panel (years {list(panel.years)})")
    return panel.years.index(year)


def _growth_rate(start: FloatArray, end: FloatArray, span: int) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.power(end / start, 1.0 / span) - 1.0
    rate[~(start > 0)] = np.nan
    return np.asarray(rate, dtype=np.float64)


def cagr(panel: Panel, start: int, end: int) -> FloatArray:
    """Compound annual growth rate of employment from ``start`` to ``end``, per region and cluster.

    NaN where either year has no row or employment in ``start`` is zero.
    """
    first, last = _year_index(panel, start), _year_index(panel, end)
    if end <= start:
        raise ValueError("the end year must come after the start year")
    employment = panel.employment
    return _growth_rate(employment[:, :, first], employment[:, :, last], end - start)


def cagr_since_first_year(panel: Panel) -> FloatArray:
    """CAGR from the first year to every year, ``[region, cluster, year]`` (NaN in year one)."""
    result = np.full(panel.employment.shape, np.nan)
    first = panel.employment[:, :, 0]
    for index, year in enumerate(panel.years[1:], start=1):
        span = year - panel.years[0]
        result[:, :, index] = _growth_rate(first, panel.employment[:, :, index], span)
    return result


@dataclass(frozen=True)
class ShiftShare:
    """The change of employment between two years split in three parts, ``[region, cluster]``.

    ``national_growth + industry_mix + regional_competitiveness == change`` (up to rounding).
    """

    change: FloatArray
    national_growth: FloatArray
    industry_mix: FloatArray
    regional_competitiveness: FloatArray


def shift_share(
    panel: Panel, start: int, end: int, reference: Reference | None = None
) -> ShiftShare:
    """Classic shift-share decomposition of each region's cluster employment change.

    National growth applies the reference economy's total growth to the starting employment,
    industry mix the cluster's growth above that, and regional competitiveness the region's
    growth above its cluster's national growth.
    """
    first, last = _year_index(panel, start), _year_index(panel, end)
    reference = reference or summed_reference(panel)
    national = reference.employment
    with np.errstate(divide="ignore", invalid="ignore"):
        total_growth = np.nansum(national[:, last]) / np.nansum(national[:, first]) - 1.0
        cluster_growth = national[:, last] / national[:, first] - 1.0
        begin, finish = panel.employment[:, :, first], panel.employment[:, :, last]
        regional_growth = (finish - begin) / begin
    change = finish - begin
    national_part = begin * total_growth
    mix = begin * (cluster_growth - total_growth)[np.newaxis]
    competitiveness = begin * (regional_growth - cluster_growth[np.newaxis])
    return ShiftShare(change, national_part, mix, np.where(begin > 0, competitiveness, np.nan))
