"""The finished scenario as import tables: every value a string exactly as a CSV cell holds
it ('' when empty, lists joined with ';', ISO dates, decimals with a point)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from clusterbridge.demo.clusters import CATALAN_PROGRAMME, KOREAN_PROGRAMME
from clusterbridge.demo.institutions import TECHNOPARKS
from clusterbridge.demo.places import COMPLEXES, Complex
from clusterbridge.demo.themes import THEMES
from clusterbridge.demo.world import EXTERNAL_ID_PREFIX, Cluster, Collaboration, Org, World

Row = dict[str, str]
SEPARATOR = ";"
SYNTHETIC = "Synthetic demo data"


def cents(amount: int | None) -> str:
    return "" if amount is None else f"{amount // 100}.{amount % 100:02d}"


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def joined(items: Iterable[str]) -> str:
    return SEPARATOR.join(items)


def tables(world: World) -> dict[str, list[Row]]:
    """Every table of the scenario, in the order an import applies them."""
    return {
        "organisations": [_organisation(org) for org in world.organisations],
        "programmes": _programmes(world),
        "industrial_complexes": [_complex(world, c) for c in COMPLEXES],
        "clusters": [_cluster(c) for c in world.clusters],
        "memberships": [
            {
                "organisation": m.org.external_id,
                "cluster": m.cluster.org.external_id,
                "role": m.role.value,
                "since": day(m.since),
                "until": day(m.until),
            }
            for m in world.memberships
        ],
        "collaborations": [_collaboration(c) for c in world.collaborations],
        "participations": [
            {
                "collaboration": c.external_id,
                "organisation": p.org.external_id,
                "role": p.role.value,
                "contribution": cents(p.contribution_cents),
            }
            for c in world.collaborations
            for p in c.participants
        ],
        "persons": [
            {
                "external_id": p.external_id,
                "name": p.name,
                "email": p.email,
                "position": p.position,
                "organisation": p.org.external_id,
            }
            for p in world.persons
        ],
    }


def _organisation(org: Org) -> Row:
    return {
        "external_id": org.external_id,
        "kind": org.kind.value,
        "name": org.name.name,
        "name_latin": org.name.latin,
        "country": org.country,
        "region": org.city.region,
        "nuts": org.city.nuts,
        "city": org.city.name,
        "latitude": f"{org.latitude:.5f}",
        "longitude": f"{org.longitude:.5f}",
        "website": org.website,
        "description": org.description,
        "offers": org.offers,
        "needs": org.needs,
        "size_class": org.size,
        "founding_year": "" if org.founded is None else str(org.founded),
        "vat": org.vat,
        "pic": org.pic,
        "national_id": org.national_id,
        "industries": joined(org.industries),
        "technologies": joined(org.technologies),
        "emerging_industries": joined(org.emerging),
    }


def _programmes(world: World) -> list[Row]:
    catalan = sum(1 for c in world.clusters if c.programme == CATALAN_PROGRAMME)
    korean = len(world.clusters) - catalan
    return [
        {
            "external_id": CATALAN_PROGRAMME,
            "name": "Catalonia Clusters Programme",
            "agency": world.institutions["accio"].external_id,
            "country": "ES",
            "description": f"{SYNTHETIC}: a programme of {catalan} Catalan clusters modelled on"
            " the sectors of the Catalan cluster landscape; every organisation, person and"
            " figure in it is invented for demonstration.",
            "website": "https://catalonia-clusters.example",
            "start_year": "1993",
        },
        {
            "external_id": KOREAN_PROGRAMME,
            "name": "KICOX mini-clusters",
            "agency": world.institutions["kicox"].external_id,
            "country": "KR",
            "description": f"{SYNTHETIC}: {korean} mini-clusters in {len(COMPLEXES)} Korean"
            " industrial complexes, in the manner of the KICOX mini-cluster programme; every"
            " organisation, person and figure in it is invented for demonstration.",
            "website": "https://kicox-mini-clusters.example",
            "start_year": "2005",
        },
    ]


def _complex(world: World, item: Complex) -> Row:
    managed_by_kicox = item.complex_type in ("national", "urban_high_tech")
    manager = world.institutions["kicox" if managed_by_kicox else TECHNOPARKS[item.region]]
    return {
        "external_id": complex_id(item),
        "name": f"{item.name} ({item.name_ko})",
        "complex_type": item.complex_type,
        "country": "KR",
        "region": item.region,
        "managing_body": manager.external_id,
        "area_km2": f"{item.area_km2:.3f}",
    }


def complex_id(item: Complex) -> str:
    return f"{EXTERNAL_ID_PREFIX}complex-{item.code}"


def _cluster(cluster: Cluster) -> Row:
    theme = THEMES[cluster.theme]
    return {
        "organisation": cluster.org.external_id,
        "programme": cluster.programme,
        "industrial_complex": complex_id(cluster.complex) if cluster.complex else "",
        "acronym": cluster.acronym,
        "management_fte": cents(cluster.fte_cents),
        "label_level": cluster.label,
        "label_valid_until": day(cluster.label_until),
        "founding_year": str(cluster.founded),
        "strategy_areas": joined(cluster.strategy),
        "focus_industries": joined(theme.nace_core),
        "focus_technologies": joined(theme.technologies[:5]),
        "focus_emerging_industries": joined(theme.emerging),
    }


def _collaboration(item: Collaboration) -> Row:
    return {
        "external_id": item.external_id,
        "source": item.source,
        "title": item.title,
        "programme": item.programme,
        "year": str(item.start.year),
        "start_date": day(item.start),
        "end_date": day(item.end),
        "total_cost": cents(item.total_cents),
        "funding": cents(item.funding_cents),
        "programme_parts": joined(item.parts),
    }
