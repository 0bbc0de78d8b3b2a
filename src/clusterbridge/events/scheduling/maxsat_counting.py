"""Unary counters for the MaxSAT encoding: how many of a set of literals are true, as literals.

PySAT's totalizer only promises "count >= k implies output k"; the fairness bound also needs the
converse (an output may only be true when the count really reaches it), so we build our own.
"""

from __future__ import annotations

from pysat.formula import IDPool

Clause = list[int]


def count_at_least(literals: list[int], pool: IDPool, clauses: list[Clause]) -> list[int]:
    """Literals ``out`` with ``out[k]`` true exactly when at least ``k + 1`` of ``literals`` are.

    A totalizer (a tree of unary adders) encoded in both directions; its clauses go to ``clauses``.
    """
    if len(literals) <= 1:
        return list(literals)
    middle = len(literals) // 2
    left = count_at_least(literals[:middle], pool, clauses)
    right = count_at_least(literals[middle:], pool, clauses)
    return _unary_sum(left, right, pool, clauses)


def _unary_sum(left: list[int], right: list[int], pool: IDPool, clauses: list[Clause]) -> list[int]:
    """The unary sum of two unary counts: ``out[i + j]`` iff ``left >= i`` and ``right >= j``
    for some split, with every ``out`` literal a fresh variable."""
    total = [pool.id() for _ in range(len(left) + len(right))]
    for i in range(len(left) + 1):
        for j in range(len(right) + 1):
            if i + j >= 1:  # left >= i and right >= j give total >= i + j
                clause = [total[i + j - 1]]
                clause += [-left[i - 1]] if i else []
                clause += [-right[j - 1]] if j else []
                clauses.append(clause)
            if i + j < len(total):  # left <= i and right <= j give total <= i + j
                clause = [-total[i + j]]
                clause += [left[i]] if i < len(left) else []
                clause += [right[j]] if j < len(right) else []
                clauses.append(clause)
    return total
