"""The engine for one database: a profile index kept in step with the registry, the
collaboration history and a ranker fitted on it. The CLI, the API and the pages share it."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from clusterbridge.core.settings import get_settings
from clusterbridge.matchmaking.engine import fitting
from clusterbridge.matchmaking.engine.embeddings import Encoder, semantic_encoder
from clusterbridge.matchmaking.engine.history import SIGNALS as HISTORY_SIGNALS
from clusterbridge.matchmaking.engine.history import History
from clusterbridge.matchmaking.engine.pairs import Asker, TermSets
from clusterbridge.matchmaking.engine.ranker import Ranker
from clusterbridge.matchmaking.engine.recommender import ALL_SIGNALS, Recommender
from clusterbridge.matchmaking.engine.retrieval import ProfileIndex
from clusterbridge.matchmaking.engine.text import tokens
from clusterbridge.matchmaking.history_source import HistoryInputs, history_state, load_history
from clusterbridge.matchmaking.profiles_source import (
    RegistryState,
    fingerprint,
    load_profiles,
    registry_state,
)

FEATURES: tuple[str, ...] = ALL_SIGNALS + HISTORY_SIGNALS
DEFAULT_RANKER = Path(__file__).with_name("default_ranker.json")
"""Fitted on the demo scenario's history (``clusterbridge match fit --save-default``); used
while a database has too little history of its own to fit on."""
DRIFT = 0.2
"""Refit when the number of collaborations moved by more than this share since the fit."""
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress display."""


class Matchmaking:
    """Index, history and ranker of one database, refreshed when the registry changes."""

    def __init__(self, folder: Path, encoder: Encoder | None) -> None:
        self.folder = folder
        self.encoder = encoder
        self.lock = threading.RLock()
        self.index: ProfileIndex | None = None
        self.fingerprints: dict[int, str] = {}
        self.profile_state: RegistryState | None = None
        self.history_state: tuple[int, str, int] | None = None
        self.inputs = HistoryInputs([], [])
        self.history = History.build([], [], before_year=1)
        self.ranker: Ranker | None = None
        self.fitted_on = "nothing yet"
        self._sets: TermSets | None = None
        self._ranker_mtime = 0
        self._fitted_count: int | None = None
        """Collaborations in the database when the ranker was fitted."""

    # ---- keeping in step with the registry -----------------------------------------------

    def refresh(self, session: Session, progress: Progress = _quiet) -> None:
        """Bring the index, the history and the ranker up to date with the database."""
        with self.lock:
            self._refresh_profiles(session, progress)
            state = history_state(session)
            if state != self.history_state:
                self.inputs = load_history(session)
                self.history = History.build(
                    self.inputs.projects, self.inputs.organisations, before_year=this_year() + 1
                )
                if self.ranker is None:
                    self.ranker = self._load_ranker()
                if self.ranker is None or self._drifted(state[0]):
                    self.ranker = self._fit(state, progress)
                self.history_state = state
            if self._saved_ranker_changed():
                self.ranker = self._load_ranker() or self.ranker

    def refit(self, session: Session, progress: Progress = _quiet) -> Ranker:
        """Fit the ranker again now, whatever is cached."""
        with self.lock:
            self.refresh(session, progress)
            state = history_state(session)
            self.ranker = self._fit(state, progress)
            return self.ranker

    def _refresh_profiles(self, session: Session, progress: Progress) -> None:
        state = registry_state(session)
        if self.index is not None and state == self.profile_state:
            return
        if self.index is None:
            self.index, self.fingerprints = self._load_index()
        profiles = load_profiles(session)
        prints = {key: fingerprint(profile) for key, profile in profiles.items()}
        if self.index is None:
            progress("Indexing profiles", 0, len(profiles))

            def indexed(done: int, total: int) -> None:
                progress("Indexing profiles", done, total)

            self.index = ProfileIndex.build(profiles.values(), self.encoder, indexed)
        else:
            changed = [key for key, value in prints.items() if self.fingerprints.get(key) != value]
            for done, key in enumerate(changed, 1):
                self.index.upsert(profiles[key])
                progress("Updating changed profiles", done, len(changed))
            for key in set(self.fingerprints) - set(prints):
                self.index.remove(key)
        self._sets = None
        if prints != self.fingerprints or not (self.folder / "fingerprints.json").exists():
            self.fingerprints = prints
            self._save_index()
        self.profile_state = state

    def _load_index(self) -> tuple[ProfileIndex | None, dict[int, str]]:
        saved = self.folder / "fingerprints.json"
        if not saved.exists():
            return None, {}
        data = json.loads(saved.read_text())
        if data.get("semantic") != (self.encoder is not None):
            return None, {}
        index = ProfileIndex.load(self.folder / "index", self.encoder)
        return index, {int(key): value for key, value in data["profiles"].items()}

    def _save_index(self) -> None:
        assert self.index is not None
        self.index.save(self.folder / "index")
        data = {"semantic": self.encoder is not None, "profiles": self.fingerprints}
        (self.folder / "fingerprints.json").write_text(json.dumps(data))

    # ---- fitting ---------------------------------------------------------------------------

    def recommender(self, history: History | None = None) -> Recommender:
        """A recommender over the current index and ``history`` (the whole history if None)."""
        assert self.index is not None, "refresh() first"
        if self._sets is None:
            self._sets = TermSets(tokens, self.index.bm25.idf())
        return Recommender(self.index, history or self.history, self._sets)

    def _drifted(self, collaborations: int) -> bool:
        """Whether the history grew or shrank by a fifth or more since the ranker was fitted:
        then its weights no longer speak for this database and it is fitted again."""
        fitted = self._fitted_count
        return fitted is None or abs(collaborations - fitted) > DRIFT * max(fitted, 1)

    def _fit(self, state: tuple[int, str, int], progress: Progress) -> Ranker:
        self._fitted_count = state[0]
        projects, organisations = self.inputs.projects, self.inputs.organisations
        years = fitting.fitting_years(projects, before=this_year() + 1)
        progress("Fitting the ranker", 0, 1)
        found = fitting.examples(
            lambda year: self.recommender(History.build(projects, organisations, before_year=year)),
            projects,
            self.asker_of,
            years,
            FEATURES,
        )
        ranker = fitting.fit(found, FEATURES)
        progress("Fitting the ranker", 1, 1)
        if ranker is None:
            self.fitted_on = "the demo scenario (this database has no usable history yet)"
            return Ranker.from_dict(json.loads(DEFAULT_RANKER.read_text()))
        self.fitted_on = (
            f"{found.queries} projects of {years[0]}-{years[-1]} (signals from earlier years)"
        )
        self._save_ranker(ranker, state)
        return ranker

    def _load_ranker(self) -> Ranker | None:
        """The ranker fitted earlier for this database: its weights stay valid while the
        history changes by less than a fifth (``clusterbridge match fit`` refits at any time),
        so requests rarely wait for a fit."""
        saved = self.folder / "ranker.json"
        if not saved.exists():
            return None
        data = json.loads(saved.read_text())
        if tuple(data["ranker"]["features"]) != FEATURES:
            return None
        self.fitted_on = data["fitted_on"]
        self._fitted_count = int(data["state"][0])
        self._ranker_mtime = saved.stat().st_mtime_ns
        return Ranker.from_dict(data["ranker"])

    def _saved_ranker_changed(self) -> bool:
        """Whether another process (``match fit``) wrote a new ranker since we read ours."""
        saved = self.folder / "ranker.json"
        return saved.exists() and saved.stat().st_mtime_ns != self._ranker_mtime

    def _save_ranker(self, ranker: Ranker, state: tuple[int, str, int]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data: dict[str, Any] = {
            "state": list(state),
            "fitted_on": self.fitted_on,
            "ranker": ranker.to_dict(),
        }
        (self.folder / "ranker.json").write_text(json.dumps(data))
        self._ranker_mtime = (self.folder / "ranker.json").stat().st_mtime_ns

    def asker_of(self, key: int) -> Asker | None:
        """An organisation asking with its own profile: its needs and activity as the need."""
        assert self.index is not None
        if not self.index.has(key):
            return None
        profile = self.index.profile(key)
        return Asker(
            profile=profile,
            need=profile.needs or profile.description,
            offer=" ".join(filter(None, (profile.offers, profile.description))),
            industries=profile.industries,
            technologies=profile.technologies,
        )


def this_year() -> int:
    return datetime.now(UTC).year


_ENGINES: dict[str, Matchmaking] = {}
_ENGINES_LOCK = threading.Lock()


def matchmaking_for(engine: Engine, folder: Path | None = None) -> Matchmaking:
    """The process-wide :class:`Matchmaking` of a database (its files under the data folder)."""
    url = engine.url.render_as_string(hide_password=True)
    if folder is None:
        digest = hashlib.blake2b(url.encode(), digest_size=6).hexdigest()
        folder = get_settings().data_dir / "matchmaking" / digest
    with _ENGINES_LOCK:
        found = _ENGINES.get(str(folder))
        if found is None:
            encoder = semantic_encoder() if get_settings().semantic else None
            found = _ENGINES[str(folder)] = Matchmaking(folder, encoder)
        return found
