"""Finding the organisation a user names: by id, external id, PIC or name."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.queries.common import like_search


def find_organisation(session: Session, ref: str) -> Organisation:
    """The organisation ``ref`` names (its id, external id, PIC or exact name, in that order);
    an unknown name gets a message with the closest names to try."""
    ref = ref.strip()
    if not ref:
        raise NotFound("Name an organisation: its id, external id, PIC or name.")
    if ref.isdigit():
        found = session.get(Organisation, int(ref))
        if found is not None:
            return found
    found = session.scalars(
        select(Organisation).where(or_(Organisation.external_id == ref, Organisation.pic == ref))
    ).first()
    if found is None:
        found = session.scalars(
            select(Organisation)
            .where(func.lower(Organisation.name) == ref.lower())
            .order_by(Organisation.id)
        ).first()
    if found is not None:
        return found
    raise NotFound(_unknown(session, ref))


def _unknown(session: Session, ref: str) -> str:
    words = [word for word in ref.split() if len(word) >= 3] or [ref]
    names = session.scalars(
        select(Organisation.name)
        .where(or_(*(like_search(word) for word in words)))
        .order_by(Organisation.name)
        .limit(5)
    ).all()
    hint = f" Did you mean: {'; '.join(names)}?" if names else ""
    return f"No organisation {ref!r} (tried id, external id, PIC and name).{hint}"
