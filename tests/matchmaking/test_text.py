"""BM25 over organisation texts: tokens, ranking, incremental changes, explanations."""

from __future__ import annotations

import numpy as np
import pytest

from clusterbridge.matchmaking.engine.text import Bm25Index, tokens

TEXTS = {
    10: "We manufacture lithium-ion battery modules and battery packs for electric buses.",
    11: "Winery in Penedès producing cava and still wines for export.",
    12: "Injection moulding of plastic parts for the automotive industry.",
    13: "Electric bus maker looking for suppliers of battery cells.",
    14: "Software company developing cybersecurity tools for banks.",
}


def index_of(texts: dict[int, str]) -> Bm25Index:
    return Bm25Index.build(list(texts), list(texts.values()))


def test_tokens_fold_accents_drop_stop_words_and_stem_plurals() -> None:
    assert tokens("The Batteries of Penedès and Mecànica") == ["battery", "penede", "mecanica"]
    assert tokens("Modules, PACKS; glass") == ["module", "pack", "glass"]


def test_battery_query_finds_the_battery_maker_first() -> None:
    keys, scores = index_of(TEXTS).top("battery modules", 3)
    assert keys[0] == 10
    assert set(keys) == {10, 13}
    assert scores[0] > scores[1] > 0


def test_allowed_mask_restricts_the_rows() -> None:
    index = index_of(TEXTS)
    allowed = np.array([False, True, True, True, True])
    keys, _ = index.top("battery modules", 3, allowed)
    assert list(keys) == [13]


def test_update_moves_a_text_and_remove_forgets_it() -> None:
    index = index_of(TEXTS)
    index.update(14, "Battery management systems and battery modules for buses.")
    keys, _ = index.top("battery modules", 5)
    assert set(keys) == {10, 13, 14}
    index.remove(10)
    keys, _ = index.top("battery modules", 5)
    assert 10 not in set(keys)
    assert index.row(10) is None
    index.update(99, "cava and wine")
    assert index.row(99) == 5
    assert set(index.top("cava", 2)[0]) == {99, 11}


def test_merged_delta_scores_like_a_fresh_build() -> None:
    index = index_of(TEXTS)
    changed = dict(TEXTS)
    changed[12] = "Plastic battery housings and moulded battery trays."
    changed[15] = "Battery recycling plant for lithium-ion modules."
    index.update(12, changed[12])
    index.update(15, changed[15])
    index.merge()
    fresh = index_of(changed)
    for query in ("battery modules", "cava wine", "plastic parts"):
        assert index.scores(query) == pytest.approx(fresh.scores(query), rel=1e-5)


def test_shared_terms_name_the_words_in_common_best_first() -> None:
    index = index_of(TEXTS)
    assert index.shared_terms("battery cells for electric buses", 13) == [
        "cell",
        "battery",
        "electric",
    ]
    assert index.shared_terms("cava", 10) == []
    index.update(11, "battery cells")
    assert index.shared_terms("battery", 11) == ["battery"]


def test_state_round_trip_gives_the_same_scores() -> None:
    index = index_of(TEXTS)
    index.update(13, "Electric bus maker buying battery cells and charging stations.")
    copy = Bm25Index.from_state(index.state())
    assert copy.scores("battery charging") == pytest.approx(index.scores("battery charging"))
    assert copy.row(13) == index.row(13)
