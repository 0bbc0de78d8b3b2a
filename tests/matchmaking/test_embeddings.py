"""Encoders: the model-free stand-in always; MiniLM when the ``semantic`` extra is installed."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from clusterbridge.matchmaking.engine.embeddings import (
    HashedWordsEncoder,
    semantic_encoder,
    semantic_missing,
)


def test_the_stand_in_gives_normalised_deterministic_rows() -> None:
    texts = ["battery cells", "Battery cells!", "wine and cava", ""]
    rows = HashedWordsEncoder().encode(texts)
    assert rows.shape == (4, 384)
    assert rows.dtype == np.float32
    assert np.linalg.norm(rows[:3], axis=1) == pytest.approx(1.0)
    assert not rows[3].any()
    assert rows[0] @ rows[1] == pytest.approx(1.0)
    assert np.array_equal(rows, HashedWordsEncoder().encode(texts))


def test_importing_the_engine_does_not_import_torch() -> None:
    code = (
        "import sys; import clusterbridge.matchmaking.engine.retrieval, "
        "clusterbridge.matchmaking.engine.embeddings as e; e.semantic_encoder(); "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_reason_and_the_encoder_agree() -> None:
    reason = semantic_missing()
    assert (reason is None) == (semantic_encoder() is not None)
    if reason is not None:
        assert "BM25" in reason


def test_minilm_puts_paraphrases_closer_than_other_sectors() -> None:
    encoder = semantic_encoder()
    if encoder is None:
        pytest.skip(semantic_missing() or "semantic extra not installed")
    rows = encoder.encode(
        [
            "manufacturer of lithium-ion battery cells",
            "we produce rechargeable accumulators for electric cars",
            "family winery producing sparkling wine",
        ]
    )
    assert rows.shape == (3, encoder.dim)
    assert np.linalg.norm(rows, axis=1) == pytest.approx(1.0, abs=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.1
