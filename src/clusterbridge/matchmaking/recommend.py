"""Partner recommendations for an organisation, optionally for one of its posts or a free-text
need, with filters: what the CLI, the API and the page all call."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from clusterbridge.core.errors import ClusterBridgeError, InvalidInput, NotFound, Problem
from clusterbridge.matchmaking.engine.pairs import Asker
from clusterbridge.matchmaking.engine.profiles import Filters, Profile
from clusterbridge.matchmaking.engine.recommender import Query, Recommendation
from clusterbridge.matchmaking.explain import Pair, Reason, reasons
from clusterbridge.matchmaking.organisations import find_organisation
from clusterbridge.matchmaking.posts.queries import PostRecord, get_post_record
from clusterbridge.matchmaking.service import Matchmaking, this_year
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation

MAX_K = 100
KINDS = tuple(kind.value for kind in OrganisationKind)


class NothingToRecommend(ClusterBridgeError):
    """Not an error of the user's: there is simply nothing to rank (the message says why)."""


@dataclass(frozen=True)
class MatchRequest:
    """Whom to find partners for, for what, and which partners are admissible."""

    organisation: str
    """An organisation id, external id, PIC or name."""
    post_id: int | None = None
    text: str | None = None
    abroad: bool = False
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    k: int = 10


@dataclass(frozen=True)
class MatchItem:
    rank: int
    organisation_id: int
    name: str
    kind: str
    country: str | None
    score: float
    reasons: list[Reason]


@dataclass(frozen=True)
class MatchResult:
    organisation_id: int
    organisation_name: str
    post: PostRecord | None
    items: list[MatchItem]
    notes: list[str] = field(default_factory=list)


def recommend(session: Session, engine: Matchmaking, request: MatchRequest) -> MatchResult:
    """The ``request.k`` best partners, explained; :class:`NothingToRecommend` when the
    profile is empty or the filters leave no candidate, :class:`NotFound` for an unknown
    organisation or post."""
    _check(request)
    organisation = find_organisation(session, request.organisation)
    post = _post_of(session, organisation, request.post_id)
    engine.refresh(session)
    with engine.lock:
        assert engine.index is not None
        asker = _asker(engine, organisation, post, request.text)
        filters = _filters(organisation, post, request)
        if _empty(engine, asker):
            raise NothingToRecommend(_empty_message(organisation.name))
        if not engine.index.mask(filters).any():
            raise NothingToRecommend(_no_candidates_message(request, post))
        explicit = post is not None or bool(request.text and request.text.strip())
        explicit = explicit or bool(asker.profile.needs.strip())
        query = Query(asker, filters, year=this_year() + 1, k=request.k, explicit=explicit)
        assert engine.ranker is not None
        found = engine.recommender().recommend(query, engine.ranker)
        if not found:
            raise NothingToRecommend(_no_candidates_message(request, post))
        items = [_item(rank, rec, engine, asker) for rank, rec in enumerate(found, 1)]
    notes = [note for note in (engine.index.semantic_note,) if note]
    notes.append(f"Ranker fitted on {engine.fitted_on}.")
    return MatchResult(organisation.id, organisation.name, post, items, notes)


def _check(request: MatchRequest) -> None:
    problems = []
    if not 1 <= request.k <= MAX_K:
        problems.append(
            Problem(f"ask for 1 to {MAX_K} recommendations", column="k", value=str(request.k))
        )
    problems += [
        Problem(f"choose from {', '.join(KINDS)}", column="kind", value=kind)
        for kind in request.kinds
        if kind not in KINDS
    ]
    if problems:
        raise InvalidInput(problems, "The request cannot be answered")


def _post_of(
    session: Session, organisation: Organisation, post_id: int | None
) -> PostRecord | None:
    if post_id is None:
        return None
    post = get_post_record(session, post_id)
    if post.organisation_id != organisation.id:
        raise NotFound(
            f"Post {post_id} belongs to {post.organisation_name}, not to {organisation.name}."
        )
    return post


def _asker(
    engine: Matchmaking, organisation: Organisation, post: PostRecord | None, text: str | None
) -> Asker:
    own = engine.asker_of(organisation.id)
    profile = (
        own.profile
        if own
        else Profile(organisation.id, organisation.kind.value, organisation.country)
    )
    base = own or Asker(profile, "", "", frozenset(), frozenset())
    if post is not None:
        return Asker(
            profile=profile,
            need=f"{post.title}. {post.description}",
            offer=base.offer,
            industries=frozenset(post.industries) or base.industries,
            technologies=frozenset(post.technologies) or base.technologies,
            kinds_sought=frozenset(post.kinds),
        )
    if text and text.strip():
        return Asker(profile, text.strip(), base.offer, base.industries, base.technologies)
    return base


def _filters(organisation: Organisation, post: PostRecord | None, request: MatchRequest) -> Filters:
    countries = set(request.countries) or set(post.countries if post else ())
    kinds = set(request.kinds) or set(post.kinds if post else ())
    return Filters(
        countries=frozenset(countries),
        abroad_of=organisation.country if request.abroad else None,
        kinds=frozenset(kinds),
        exclude=frozenset({organisation.id}),
    )


def _empty(engine: Matchmaking, asker: Asker) -> bool:
    """Nothing to match on: no text, no codes and no collaboration history."""
    if asker.need.strip() or asker.industries or asker.technologies:
        return False
    return not engine.history.partnered(asker.profile.key)


def _empty_message(name: str) -> str:
    return (
        f"{name} has no description, offers, needs, industries or technologies yet, and no "
        "collaborations on record: there is nothing to match on. Complete its profile, or "
        "ask for a post (--for-post) or a free-text need."
    )


def _no_candidates_message(request: MatchRequest, post: PostRecord | None) -> str:
    named = []
    if request.abroad:
        named.append("abroad only")
    if request.kinds or (post and post.kinds):
        named.append(f"kinds {', '.join(request.kinds or (post.kinds if post else ()))}")
    if request.countries or (post and post.countries):
        named.append(
            f"countries {', '.join(request.countries or (post.countries if post else ()))}"
        )
    which = f" ({'; '.join(named)})" if named else ""
    return f"No organisation passes the filters{which}: loosen them to see recommendations."


def _item(rank: int, rec: Recommendation, engine: Matchmaking, asker: Asker) -> MatchItem:
    assert engine.index is not None
    index = engine.index
    partner = index.profile(rec.key)

    def name_of(key: int) -> str:
        return index.profile(key).name if index.has(key) else f"organisation {key}"

    pair = Pair(asker.profile, partner, name_of, asker.kinds_sought)
    return MatchItem(
        rank=rank,
        organisation_id=rec.key,
        name=partner.name,
        kind=partner.kind,
        country=partner.country,
        score=rec.score,
        reasons=reasons(rec, pair),
    )
