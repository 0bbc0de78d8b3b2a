"""The FAISS vector index: exact answers, filters, in-place updates, save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clusterbridge.matchmaking.engine import vectors
from clusterbridge.matchmaking.engine.vectors import VectorIndex

DIM = 24


def unit_rows(count: int, seed: int = 3) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, DIM)).astype(np.float32)
    normalised: np.ndarray = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return normalised


def brute_force(data: np.ndarray, query: np.ndarray, k: int, allowed: np.ndarray) -> list[int]:
    sims = np.where(allowed, data @ query, -np.inf)
    return list(np.argsort(-sims)[:k])


@pytest.fixture
def data() -> np.ndarray:
    return unit_rows(2000)


@pytest.fixture
def index(data: np.ndarray) -> VectorIndex:
    built = VectorIndex.create(DIM)
    built.add(np.arange(len(data)), data)
    return built


def test_a_stored_vector_finds_itself_first(index: VectorIndex, data: np.ndarray) -> None:
    keys, sims = index.search(data[42], 5)
    assert keys[0] == 42
    assert sims[0] == pytest.approx(1.0, abs=1e-5)
    assert list(sims) == sorted(sims, reverse=True)


def test_a_selective_filter_returns_only_admitted_keys_and_the_exact_top(
    index: VectorIndex, data: np.ndarray
) -> None:
    allowed = np.zeros(len(data), dtype=bool)
    allowed[np.random.default_rng(1).choice(len(data), 15, replace=False)] = True
    query = unit_rows(1, seed=9)[0]
    keys, _ = index.search(query, 5, allowed)
    assert all(allowed[keys])
    assert list(keys) == brute_force(data, query, 5, allowed)
    admitted_keys = np.flatnonzero(allowed)
    assert list(index.search(query, 5, admitted_keys)[0]) == list(keys)


def test_a_wide_filter_through_the_graph_keeps_to_the_filter(
    index: VectorIndex, data: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors, "EXACT_BELOW", 0)
    monkeypatch.setattr(vectors, "EXACT_SHARE", 0.0)
    allowed = np.arange(len(data)) % 2 == 0
    query = unit_rows(1, seed=5)[0]
    keys, _ = index.search(query, 10, allowed)
    assert all(allowed[keys])
    assert len(set(keys) & set(brute_force(data, query, 10, allowed))) >= 9


def test_an_update_moves_the_vector_in_place(index: VectorIndex, data: np.ndarray) -> None:
    index.update(np.array([7]), data[[1500]])
    keys, _ = index.search(data[1500], 2)
    assert set(keys) == {7, 1500}
    assert len(index) == len(data)
    assert index.search(data[7], 1)[0][0] != 7
    index.remove(np.array([1500]))
    assert 1500 not in index
    assert list(index.search(data[1500], 1)[0]) == [7]


def test_compact_drops_hidden_nodes_and_keeps_answers(index: VectorIndex, data: np.ndarray) -> None:
    index.update(np.array([3, 4]), data[[10, 11]])
    index.remove(np.array([5]))
    before = index.search(data[10], 3)[0]
    index.compact()
    assert len(index) == len(data) - 1
    assert set(index.search(data[10], 3)[0]) == set(before)
    assert 5 not in index


def test_save_and_load_round_trip(index: VectorIndex, data: np.ndarray, tmp_path: Path) -> None:
    index.update(np.array([8]), data[[9]])
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path)
    assert len(loaded) == len(index)
    for row in (8, 9, 100):
        assert list(loaded.search(data[row], 4)[0]) == list(index.search(data[row], 4)[0])
    assert np.allclose(loaded.vectors(np.array([8, 100])), data[[9, 100]])


def test_wrong_shapes_and_duplicate_keys_are_refused(index: VectorIndex) -> None:
    with pytest.raises(ValueError, match="columns"):
        index.add(np.array([1]), np.zeros((1, DIM + 1), dtype=np.float32))
    with pytest.raises(ValueError, match="unique"):
        index.add(np.array([1, 1]), unit_rows(2))
