"""The embedded vector index: FAISS HNSW over inner products of normalised vectors.

Keys are small non-negative integers (a :class:`~clusterbridge.matchmaking.engine.retrieval.
ProfileIndex` uses its rows), so a filter arrives as a boolean mask indexed by key. A query
with a wide filter walks the HNSW graph with the filter as a bitmap; a selective filter is
answered exactly over the admitted vectors, because a graph walk through a sparse bitmap loses
neighbours. FAISS's HNSW cannot delete, so a changed vector is added as a new node and its old
node is hidden by the bitmap until :meth:`VectorIndex.compact` rebuilds the graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import faiss
import numpy as np

EXACT_BELOW = 20_000
"""Admitted vectors up to which a query is answered exactly."""
EXACT_SHARE = 0.05
"""Share of the index admitted below which a query is answered exactly."""
MAX_DEPTH = 4_096
"""Candidates a graph search may keep before an exact scan takes over."""
INDEX_FILE = "vectors.faiss"
KEYS_FILE = "vector_keys.npy"
SETTINGS_FILE = "vectors.json"


class VectorIndex:
    """Nearest neighbours by cosine similarity, with filters and in-place updates."""

    def __init__(self, dim: int, neighbours: int = 16, build_depth: int = 64) -> None:
        self.dim = dim
        self.neighbours = neighbours
        self.build_depth = build_depth
        self.search_depth = 64
        self._graph: Any = faiss.IndexHNSWFlat(dim, neighbours, faiss.METRIC_INNER_PRODUCT)
        self._graph.hnsw.efConstruction = build_depth
        self._node_key = np.zeros(0, dtype=np.int64)
        """Key of each graph node; -1 for a node hidden by an update or removal."""
        self._key_node = np.full(0, -1, dtype=np.int64)
        self._hidden = 0
        self._identity = True
        """Whether node ``i`` holds key ``i`` (filters then need no translation)."""

    @classmethod
    def create(cls, dim: int) -> VectorIndex:
        """An empty index for vectors of ``dim`` columns."""
        return cls(dim)

    def __len__(self) -> int:
        return len(self._node_key) - self._hidden

    def __contains__(self, key: int) -> bool:
        return 0 <= key < len(self._key_node) and self._key_node[key] >= 0

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors; a key already present is replaced (its old node hidden)."""
        keys = np.asarray(keys, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(keys) != len(vectors) or (len(keys) and vectors.shape[1] != self.dim):
            raise ValueError(f"expected {len(keys)} vectors of {self.dim} columns")
        if len(np.unique(keys)) != len(keys) or (len(keys) and keys.min() < 0):
            raise ValueError("keys must be unique non-negative integers")
        self.remove(keys)
        first = len(self._node_key)
        self._identity = self._identity and np.array_equal(
            keys, np.arange(first, first + len(keys))
        )
        self._graph.add(vectors)
        self._node_key = np.concatenate([self._node_key, keys])
        if len(keys) and keys.max() >= len(self._key_node):
            grown = np.full(max(int(keys.max()) + 1, 2 * len(self._key_node)), -1, np.int64)
            grown[: len(self._key_node)] = self._key_node
            self._key_node = grown
        self._key_node[keys] = np.arange(first, first + len(keys))

    update = add

    def remove(self, keys: np.ndarray) -> None:
        """Hide the vectors of ``keys`` (unknown keys are ignored)."""
        keys = np.asarray(keys, dtype=np.int64)
        keys = keys[(keys >= 0) & (keys < len(self._key_node))]
        nodes = self._key_node[keys]
        nodes = nodes[nodes >= 0]
        self._node_key[nodes] = -1
        self._key_node[keys] = -1
        self._hidden += len(nodes)

    def _stored(self) -> np.ndarray:
        """The graph's own copy of the vectors, one row per node (a view, not a copy)."""
        count = self._graph.ntotal
        storage: Any = faiss.downcast_index(self._graph.storage)
        return faiss.rev_swig_ptr(storage.get_xb(), count * self.dim).reshape(count, self.dim)

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        """The stored vectors of ``keys`` (zero rows for keys not in the index)."""
        keys = np.asarray(keys, dtype=np.int64)
        inside = (keys >= 0) & (keys < len(self._key_node))
        nodes = np.full(len(keys), -1, dtype=np.int64)
        nodes[inside] = self._key_node[keys[inside]]
        found = np.zeros((len(keys), self.dim), dtype=np.float32)
        found[nodes >= 0] = self._stored()[nodes[nodes >= 0]]
        return found

    def _admitted_nodes(self, allowed: np.ndarray | None) -> np.ndarray | None:
        """Mask over graph nodes: visible and admitted; None when every node is."""
        if allowed is None:
            return None if self._hidden == 0 else self._node_key >= 0
        allowed = np.asarray(allowed)
        if allowed.dtype != np.bool_:
            mask = np.zeros(len(self._key_node), dtype=bool)
            keys = allowed[(allowed >= 0) & (allowed < len(mask))]
            mask[keys] = True
            allowed = mask
        keys = self._node_key
        if self._identity and self._hidden == 0 and len(allowed) >= len(keys):
            return allowed[: len(keys)]
        padded = np.zeros(max(len(self._key_node), len(allowed)), dtype=bool)
        padded[: len(allowed)] = allowed
        return (keys >= 0) & padded[np.maximum(keys, 0)]

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Keys and similarities of the ``k`` nearest admitted vectors, nearest first.

        ``allowed`` is a boolean mask indexed by key, or an array of admitted keys.
        """
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim)
        nodes = self._admitted_nodes(allowed)
        total = len(self._node_key)
        count = total if nodes is None else int(np.count_nonzero(nodes))
        if count == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if nodes is not None and (count <= EXACT_BELOW or count < EXACT_SHARE * total):
            found, sims = self._exact(query, k, nodes)
            return self._node_key[found], sims
        depth = int(min(1024, max(self.search_depth, 2 * k) / min(1.0, 4 * count / total)))
        found, sims = self._walk(query, k, nodes, depth)
        while len(found) < min(k, count) and depth < MAX_DEPTH:
            # The admitted nodes lie away from the query's neighbourhood: look further.
            depth *= 4
            found, sims = self._walk(query, k, nodes, depth)
        if len(found) < min(k, count):
            found, sims = self._exact(query, k, nodes)
        return self._node_key[found], sims

    def _walk(
        self, query: np.ndarray, k: int, nodes: np.ndarray | None, depth: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Graph search keeping ``depth`` candidates, through the ``nodes`` bitmap if any."""
        params = cast(Any, faiss).SearchParametersHNSW()
        params.efSearch = depth
        return self._search(self._graph, params, query, k, nodes)

    def _exact(
        self, query: np.ndarray, k: int, nodes: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every admitted stored vector compared with the query (no copy of the vectors)."""
        storage = faiss.downcast_index(self._graph.storage)
        params = faiss.SearchParameters()
        return self._search(storage, params, query, k, nodes)

    @staticmethod
    def _search(
        searcher: Any, params: Any, query: np.ndarray, k: int, nodes: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        bits = selector = None
        if nodes is not None:
            # The bitmap and the selector must outlive the search: SWIG keeps no reference.
            bits = np.packbits(nodes, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(nodes), faiss.swig_ptr(bits))
            params.sel = selector
        sims, found = searcher.search(query, k, params=params)
        del bits, selector
        keep = found[0] >= 0
        return found[0][keep], sims[0][keep]

    def compact(self) -> None:
        """Rebuild the graph without hidden nodes (after many updates)."""
        if self._hidden == 0:
            return
        visible = np.flatnonzero(self._node_key >= 0)
        keys, vectors = self._node_key[visible], self._stored()[visible].copy()
        fresh = VectorIndex(self.dim, self.neighbours, self.build_depth)
        fresh.add(keys, vectors)
        self._graph, self._node_key = fresh._graph, fresh._node_key
        self._key_node, self._hidden = fresh._key_node, 0
        self._identity = fresh._identity

    def save(self, folder: Path) -> None:
        """Write the graph file and its key sidecar into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._graph, str(folder / INDEX_FILE))
        np.save(folder / KEYS_FILE, self._node_key)
        settings = {"dim": self.dim, "neighbours": self.neighbours, "depth": self.build_depth}
        (folder / SETTINGS_FILE).write_text(json.dumps(settings))

    @classmethod
    def load(cls, folder: Path) -> VectorIndex:
        """The index :meth:`save` wrote into ``folder``."""
        settings = json.loads((folder / SETTINGS_FILE).read_text())
        index = cls(settings["dim"], settings["neighbours"], settings["depth"])
        index._graph = faiss.read_index(str(folder / INDEX_FILE))
        index._node_key = np.load(folder / KEYS_FILE)
        visible = index._node_key >= 0
        index._hidden = int(np.count_nonzero(~visible))
        size = int(index._node_key.max()) + 1 if visible.any() else 0
        index._key_node = np.full(size, -1, dtype=np.int64)
        index._key_node[index._node_key[visible]] = np.flatnonzero(visible)
        index._identity = bool(np.array_equal(index._node_key, np.arange(len(visible))))
        return index
