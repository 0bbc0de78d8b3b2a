"""The registry's JSON API under ``/api/v1``, the twin of the directory pages.

Reads are public (private fields only for those allowed to see them); every write needs a
signed-in principal (``Authorization: Bearer <token>``, or a browser session sending its CSRF
token in ``X-CSRF-Token``) whom the permission rules allow.

Lists use cursor pagination by id: pass back ``next_cursor`` as ``cursor`` until it is null.
The cursor is opaque to clients so the ordering can change without breaking them. Single
records carry their ``version`` and an ETag; a write sends it back as ``If-Match`` (or
``version``) and gets 409 if someone else changed the record since, 428 if it sends neither.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from clusterbridge.web.auth import get_principal
from clusterbridge.web.routers import (
    api_clusters,
    api_collaborations,
    api_memberships,
    api_organisations,
)

# Every endpoint resolves its caller, so an invalid or revoked token is refused (401) even
# where an anonymous call would be answered.
router = APIRouter(prefix="/api/v1", dependencies=[Depends(get_principal)])
for part in (api_organisations, api_clusters, api_memberships, api_collaborations):
    router.include_router(part.router)
