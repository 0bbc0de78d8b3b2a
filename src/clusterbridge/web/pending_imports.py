"""Uploads waiting between the dry run of an import and its confirmation.

The confirm step must import exactly the bytes the user reviewed, without sending them through
the browser again (a hidden field could be edited, and would double the traffic). So an upload is
kept on the server, under the data directory, in a folder per user, named by a random id, for an
hour. Confirming claims it with an atomic rename, so a double click imports it once; uploads older
than an hour are swept whenever someone uploads. Several web workers share them as long as they
share the data directory.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from clusterbridge.core.models import utcnow
from clusterbridge.core.settings import get_settings

LIFETIME = timedelta(hours=1)
CONTENT = "content"
META = "meta.json"
CLAIMED = ".claimed"
_ID = re.compile(r"^[A-Za-z0-9_-]{32}$")


@dataclass(frozen=True)
class PendingImport:
    """A stored upload: its kind, the name the user gave it, and where its bytes are."""

    id: str
    kind: str
    file_name: str
    folder: Path
    created_at: datetime

    @property
    def path(self) -> Path:
        return self.folder / CONTENT


def uploads_root() -> Path:
    return get_settings().data_dir / "uploads"


def _user_folder(user_id: int) -> Path:
    return uploads_root() / f"user-{user_id}"


def save(user_id: int, kind: str, file_name: str, data: bytes) -> PendingImport:
    """Keep ``data`` for ``user_id`` under a new random id."""
    sweep_expired()
    upload_id = secrets.token_urlsafe(24)
    folder = _user_folder(user_id) / upload_id
    folder.mkdir(parents=True)
    created_at = utcnow()
    (folder / CONTENT).write_bytes(data)
    meta = {"kind": kind, "file_name": file_name, "created_at": created_at.isoformat()}
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    return PendingImport(upload_id, kind, file_name, folder, created_at)


def _read(upload_id: str, folder: Path) -> PendingImport | None:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        created_at = datetime.fromisoformat(meta["created_at"])
        return PendingImport(upload_id, meta["kind"], meta["file_name"], folder, created_at)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load(user_id: int, upload_id: str) -> PendingImport | None:
    """The user's upload with this id, or None if there is none (or it has expired)."""
    if not _ID.match(upload_id):
        return None
    pending = _read(upload_id, _user_folder(user_id) / upload_id)
    if pending is None or utcnow() - pending.created_at > LIFETIME:
        return None
    return pending


def claim(user_id: int, upload_id: str) -> PendingImport | None:
    """Take the upload for importing: after this, no other request can load or claim it."""
    pending = load(user_id, upload_id)
    if pending is None:
        return None
    claimed = pending.folder.with_name(pending.folder.name + CLAIMED)
    try:
        os.rename(pending.folder, claimed)
    except OSError:
        return None  # claimed meanwhile by another request
    return PendingImport(pending.id, pending.kind, pending.file_name, claimed, pending.created_at)


def discard(pending: PendingImport) -> None:
    shutil.rmtree(pending.folder, ignore_errors=True)


def sweep_expired() -> None:
    """Delete every user's uploads older than :data:`LIFETIME` (and any left half-written)."""
    root = uploads_root()
    if not root.is_dir():
        return
    cutoff = (utcnow() - LIFETIME).timestamp()
    for folder in root.glob("user-*/*"):
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # removed meanwhile by another worker
