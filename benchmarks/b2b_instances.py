"""The published B2B instances: where they are and their proven optima at fairness 2."""

from __future__ import annotations

import os
from pathlib import Path

DATA = (
    Path(
        os.environ.get(
            "CLUSTERBRIDGE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"
        )
    )
    / "b2b-meetings"
)

PUBLISHED = {
    "forum-13": 0, "forum-13crafb": 6, "forum-13crafc": 1, "forum-14": 2, "forumt-14": 5,
    "forumt-14crafc": 5, "forumt-14crafd": 4, "forumt-14crafe": 5, "tic-12": 0, "tic-12crafc": 0,
    "tic-13": 0, "tic-13crafb": 0, "tic-13crafc": 4, "tic-14crafa": 0, "tic-14crafc": 0,
    "tic-14crafd": 0, "ticf-13crafa": 0, "ticf-13crafb": 3, "ticf-13crafc": 1, "ticf-14crafa": 0,
}  # fmt: skip
"""Total breaks at d = 2, proven optimal by Bofill et al. (JAIR 2022), from the data README."""
