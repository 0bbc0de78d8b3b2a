"""The demo scenario's partner-search posts, made through the same operations as real ones.

About thirty offers and requests from demo organisations: Catalan automotive and e-mobility
members looking for battery partners in Korea, Catalan companies with R&D needs looking for
universities, Korean battery and parts makers looking for European customers, universities
offering technologies; a few expressions of interest, some answered; two closed posts. The
demo member representative's company has a post with interest to answer.

Synthetic: every post is invented; posters are demo organisations chosen by a seeded draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from sqlalchemy import Engine, exists, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.demo import demo_member_company
from clusterbridge.core.db import transaction
from clusterbridge.demo.world import EXTERNAL_ID_PREFIX
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.models import PartnerPost, PostStatus, PostType
from clusterbridge.registry.enums import OrganisationKind, Vocabulary
from clusterbridge.registry.models import Cluster, Membership, Organisation, OrganisationCode
from clusterbridge.registry.queries.common import today_utc

EUROPE = ("DE", "FR", "IT", "NL", "BE", "AT", "SE", "FI", "PL", "PT")
"""European countries of the demo other than Spain."""

# One post per block: type | poster (country kinds [nace=..] [cluster=..]); the title;
# industries | technologies | target countries | kinds sought; then the description.
_POSTS = """
technology_request | ES company,startup nace=29 cluster=ct-automotive
Battery modules and BMS for light electric vehicles
29.10; 27.20 | battery-technology; power-electronics | KR | company
We assemble light electric vehicles and need a supplier of battery modules with a battery
management system, 48 V, for series of 5,000 units a year from 2028.

business_request | ES company nace=29 cluster=ct-automotive
Korean cell makers for a second source of LFP cells
27.20 | battery-technology; energy-storage | KR | company
A Tier 1 supplier of battery packs looks for a second source of LFP cells qualified for
automotive use, with local support in Europe.

rd_partner_search | ES company,startup nace=29 cluster=ct-automotive
Partners for a Horizon Europe proposal on solid-state batteries
27.20; 72.10 | battery-technology; advanced-materials | KR; DE; FR | university; research_centre
We prepare a proposal on solid-state cells for light vehicles and look for a university and a
research centre with pilot lines.

technology_request | ES company nace=29 cluster=ct-automotive
Recycled plastics for interior parts
22.26; 38.21 | recycling; polymers |  | company
Injection moulder of interior parts looking for suppliers of recycled polypropylene compounds
with automotive approval.

business_request | ES company,startup nace=29 cluster=ct-e-mobility
Charging hardware makers for a joint offer in Korea
27.90 | charging-infrastructure; smart-grids | KR | company
We install charging points and want a Korean hardware partner for a joint offer to fleet
operators in Korea.

technology_request | ES company,startup cluster=ct-e-mobility
Power electronics for on-board chargers
27.11; 26.11 | power-electronics; electric-mobility | KR; DE | company
Looking for silicon carbide power modules and design support for an 11 kW on-board charger.

rd_partner_search | ES company nace=28 cluster=ct-machinery
University partner for predictive maintenance of presses
28.41; 72.10 | predictive-maintenance; machine-learning | ES; KR | university; research_centre
A machine-tool maker with sensor data from 300 presses seeks a university group to develop
predictive-maintenance models.

rd_partner_search | ES company,startup nace=10
Research partner for plant-based protein texturing
10.89 | alternative-proteins; food-processing |  | university; research_centre
A food company needs a research partner to scale up high-moisture extrusion of plant proteins.

rd_partner_search | ES company nace=21
Clinical research partner for a diagnostic kit
21.20; 72.10 | diagnostics; medical-devices |  | university; research_centre
A diagnostics SME looks for a hospital research institute to validate a point-of-care kit.

technology_request | ES company nace=20
Catalysts for green hydrogen electrolysers
20.13; 27.90 | hydrogen-fuel-cells; advanced-materials | KR; DE | company; research_centre
A chemicals company piloting electrolysers needs low-iridium catalysts and test partners.

business_offer | ES company nace=22
Lightweight composite parts for electric buses
22.26; 29.32 | composites; lightweight-construction | KR; FR; DE | company
We produce composite body panels and seek bus and truck makers as customers.

technology_offer | ES university,research_centre
Licence: battery state-of-health estimation software
72.10 | battery-technology; machine-learning |  | company; startup
Our group offers a licence of algorithms that estimate a battery's state of health from charging
data, validated on 2,000 cells.

technology_offer | ES university,research_centre
Pilot line for printed electronics available to SMEs
72.10 | printed-electronics; sensors |  | company; startup
A research centre opens its roll-to-roll printing pilot line to companies that want to test
printed sensors.

business_offer | ES company nace=62
Cybersecurity audits for connected vehicles
62.10 | cybersecurity; embedded-systems | KR | company
A Catalan firm offers security testing of vehicle ECUs to UNECE R155 for suppliers entering
the European market.

business_offer | KR company nace=27.2
Cylindrical cells for European e-bike and tool makers
27.20 | battery-technology; energy-storage | ES; DE; FR; IT; NL | company
A Korean cell maker with 2 GWh capacity looks for European customers in e-bikes, power tools and
light vehicles.

business_offer | KR company nace=27
Battery packs and BMS for European vehicle makers
27.20; 29.31 | battery-technology; power-electronics | ES; DE; FR; IT | company
We design and build battery packs with our own BMS and seek European customers and a local
assembly partner.

business_request | KR company,startup nace=38
European recyclers for black mass
38.21; 24.45 | recycling; circular-economy | ES; DE; FR; BE | company
Our plant produces black mass from battery scrap; we seek European refiners and recycling
partners.

business_offer | KR company nace=29
Electric drive components for European OEMs
29.31; 29.32 | electric-mobility; power-electronics | ES; DE; FR; IT; SE | company
A Korean supplier of motors and inverters for electric vehicles looks for European customers
and a distributor.

business_request | KR company nace=29
Distributor for automotive sensors in Spain
29.31 | sensors; automated-driving | ES; PT | company
We make radar and ultrasonic sensors and seek a distributor with Tier 1 contacts in Spain and
Portugal.

technology_offer | KR company,startup nace=28
Collaborative robots for automotive assembly
28.99 | robotics-automation; smart-factory | ES; DE; IT | company
A Korean robot maker offers cobots for screwdriving and inspection and seeks integration
partners in Europe.

rd_partner_search | KR company,startup nace=26
European partners for a Korea–EU semiconductor packaging project
26.11 | semiconductors; micro-nanoelectronics | DE; FR; NL; BE | research_centre; university
We look for European research partners for a joint project on advanced packaging under the
Korea–EU cooperation calls.

technology_request | KR company nace=20
Sodium-ion cathode materials
20.59; 27.20 | battery-technology; advanced-materials | ES; DE; FR | research_centre; company
A materials company seeks cathode technology for sodium-ion cells, to license or to develop
jointly.

business_offer | KR company,startup nace=62
Smart factory software for European SMEs
62.10 | smart-factory; industrial-internet | ES; DE; IT; PL | company
We offer an MES and monitoring platform and look for European integrators and first customers.

technology_offer | KR university,research_centre
Licence: solid electrolyte for all-solid-state cells
72.10 | battery-technology; nanotechnology |  | company
A Korean institute offers a licence of a sulphide solid electrolyte process with pilot-scale
data.

rd_partner_search | KR university,research_centre
European partners for hydrogen fuel cell durability tests
72.10; 27.90 | hydrogen-fuel-cells | ES; DE; FR; IT | research_centre; university; company
We seek European labs and companies for joint durability testing of fuel cell stacks for trucks.

business_offer | EU company
Battery testing services for cells and packs
71.20 | battery-technology | KR; ES | company
An accredited lab offers abuse, cycling and transport tests of cells and packs for makers
entering the EU.

business_request | EU company
Korean suppliers of power semiconductors
26.11; 27.11 | power-electronics; semiconductors | KR | company
A European drive maker looks for Korean suppliers of SiC MOSFETs and gate drivers.

technology_offer | EU university,research_centre
Digital twin toolkit for production lines
72.10 | digital-twins; simulation |  | company; startup
A research institute offers its digital twin toolkit and support to companies modelling
production lines.
"""

_MEMBER_POST = """
technology_request | ES company
Battery management systems for a light-vehicle platform
29.10; 27.20 | battery-technology; embedded-systems | KR; DE | company; startup
Our new light-vehicle platform needs a battery management system supplier who can adapt
firmware to our CAN protocol and support homologation in Europe.
"""
"""The post of the demo member representative's company (that account answers its interest)."""

_REQUEST = (
    "We have produced this for European and Korean customers for years and would like to "
    "discuss volumes and timing."
)
_MESSAGES = (
    "Our products fit what you describe; we can send samples and a datasheet next week.",
    "We work on exactly this topic and would be glad to talk about a joint project.",
    _REQUEST,
    "We are interested; could we meet at the next EU–Korea matchmaking day?",
    "Our lab has the equipment you mention; let us know your timeline.",
)


@dataclass(frozen=True)
class _Poster:
    """Who may publish a demo post: country ('EU': Europe but Spain), kinds, and optionally
    a NACE code start and a Catalan cluster whose members they are."""

    country: str
    kinds: tuple[OrganisationKind, ...]
    nace: str | None = None
    cluster: str | None = None


@dataclass(frozen=True)
class _Post:
    post_type: PostType
    poster: _Poster
    title: str
    industries: tuple[str, ...]
    technologies: tuple[str, ...]
    countries: tuple[str, ...]
    kinds: tuple[str, ...]
    description: str


def load_demo_posts(seed: int = 2026, engine: Engine | None = None) -> list[int]:
    """Publish the demo posts and a few expressions of interest (once: nothing happens when
    the database holds any post, or no demo organisation); return the new posts' ids."""
    rng = Random(seed)
    today = today_utc()
    with transaction(engine) as session:
        if session.scalar(select(exists().where(PartnerPost.id.is_not(None)))):
            return []
        made: list[tuple[int, _Post]] = []
        used: set[int] = set()
        for spec in _specs():
            poster = _pick(session, rng, spec.poster, used)
            if poster is None:
                continue
            used.add(poster)
            post = _publish(session, spec, poster, today + timedelta(days=rng.randint(20, 330)))
            made.append((post, spec))
        if not made:
            return []
        for post_id, _ in rng.sample(made, min(2, len(made))):
            ops.close_post(session, post_id, actor_id=None)
        waiting = _member_post(session, today)
        if waiting is not None:
            made.append(waiting)
        _interests(session, rng, made, waiting[0] if waiting else None)
        return [post_id for post_id, _ in made]


def _specs(table: str = _POSTS) -> list[_Post]:
    found = []
    for block in table.strip().split("\n\n"):
        head, title, codes, *text = block.splitlines()
        kind, who = (part.strip() for part in head.split("|"))
        industries, tech, countries, kinds = (_list(part) for part in codes.split("|"))
        found.append(
            _Post(PostType(kind), _poster(who), title.strip(), industries, tech, countries,
                  kinds, " ".join(line.strip() for line in text))
        )  # fmt: skip
    return found


def _list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def _poster(text: str) -> _Poster:
    country, kinds, *options = text.split()
    named = dict(option.split("=", 1) for option in options)
    cluster = named.get("cluster")
    return _Poster(
        country,
        tuple(OrganisationKind(kind) for kind in kinds.split(",")),
        named.get("nace"),
        f"{EXTERNAL_ID_PREFIX}cluster-{cluster}" if cluster else None,
    )


def _pick(session: Session, rng: Random, who: _Poster, used: set[int]) -> int | None:
    """A demo organisation fitting ``who`` (not yet posting), relaxing the cluster and then
    the industry when the scenario has none that fits them all."""
    for cluster, nace in ((who.cluster, who.nace), (None, who.nace), (None, None)):
        query = select(Organisation.id).where(
            Organisation.kind.in_(who.kinds),
            Organisation.external_id.startswith(EXTERNAL_ID_PREFIX),
        )
        countries = EUROPE if who.country == "EU" else (who.country,)
        query = query.where(Organisation.country.in_(countries))
        if nace:
            codes = select(OrganisationCode.organisation_id).where(
                OrganisationCode.vocabulary == Vocabulary.NACE,
                OrganisationCode.code.startswith(nace),
            )
            query = query.where(Organisation.id.in_(codes))
        if cluster:
            members = (
                select(Membership.organisation_id)
                .join(Cluster, Cluster.id == Membership.cluster_id)
                .join(Organisation, Organisation.id == Cluster.organisation_id)
                .where(Organisation.external_id == cluster)
            )
            query = query.where(Organisation.id.in_(members))
        found = [org for org in session.scalars(query.order_by(Organisation.id)) if org not in used]
        if found:
            return rng.choice(found)
    return None


def _publish(session: Session, spec: _Post, poster: int, expires: date) -> int:
    values = ops.PostInput(
        organisation_id=poster,
        post_type=spec.post_type,
        title=spec.title,
        description=spec.description,
        expires_on=expires,
        industries=spec.industries,
        technologies=spec.technologies,
        countries=spec.countries,
        kinds=spec.kinds,
    )
    return ops.create_post(session, values, actor_id=None).id


def _member_post(session: Session, today: date) -> tuple[int, _Post] | None:
    """A post of the demo member representative's company, so that account has interest to
    answer."""
    member = demo_member_company(session)
    if member is None:
        return None
    spec = _specs(_MEMBER_POST)[0]
    return _publish(session, spec, member, today + timedelta(days=120)), spec


def _interests(
    session: Session, rng: Random, made: list[tuple[int, _Post]], waiting: int | None
) -> None:
    """One or two organisations of the sought kinds and countries answer about two open posts
    in five, and the ``waiting`` one (left unanswered); the posters accept some answers and
    decline others."""
    for post_id, spec in made:
        post = ops.get_post(session, post_id)
        if post.status is PostStatus.CLOSED or (rng.random() < 0.6 and post_id != waiting):
            continue
        poster = post.organisation_id
        who = _Poster(
            spec.countries[0] if spec.countries else "ES",
            tuple(OrganisationKind(k) for k in spec.kinds) or (OrganisationKind.COMPANY,),
        )
        answered = {poster}
        for _ in range(rng.randint(1, 2)):
            org = _pick(session, rng, who, answered)
            if org is None:
                break
            answered.add(org)
            message = rng.choice(_MESSAGES)
            interest = ops.express_interest(session, post_id, org, message, actor_id=None)
            answer = 1.0 if post_id == waiting else rng.random()
            if answer < 0.35:
                ops.respond_interest(session, interest.id, True, actor_id=None)
            elif answer < 0.5:
                ops.respond_interest(session, interest.id, False, actor_id=None)
