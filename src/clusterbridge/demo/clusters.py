"""The two cluster programmes: 28 Catalan clusters and about 100 KICOX mini-clusters spread
over the Korean industrial complexes, each with its cluster organisation."""

from __future__ import annotations

from datetime import date
from random import Random

from clusterbridge.demo.names import OrgName
from clusterbridge.demo.places import CITIES, COMPLEXES, Complex
from clusterbridge.demo.themes import THEMES
from clusterbridge.demo.world import EXTERNAL_ID_PREFIX, Cluster, World
from clusterbridge.registry.enums import OrganisationKind

CATALAN_PROGRAMME = f"{EXTERNAL_ID_PREFIX}programme-catalonia-clusters"
KOREAN_PROGRAMME = f"{EXTERNAL_ID_PREFIX}programme-kicox-mini-clusters"

# theme | name | acronym | founded | seat
_CATALAN_CLUSTERS = """
automotive | Clúster de Components d'Automoció de Catalunya | CCAC | 2013 | Martorell
packaging | Clúster de l'Envàs i l'Embalatge | CEE | 2012 | Sabadell
food | Clúster d'Alimentació Innovadora | CAI | 2014 | Vic
beauty | Clúster Bellesa i Cosmètica | BEC | 2015 | Barcelona
biopharma | Clúster BioSalut Catalunya | BIOSAL | 2006 | Barcelona
medtech | Clúster de Tecnologies Mèdiques i e-Salut | MEDTECAT | 2014 | Barcelona
energy-efficiency | Clúster d'Eficiència Energètica de Catalunya | CEFEC | 2009 | Barcelona
e-mobility | Clúster de Mobilitat Elèctrica | MOBELEC | 2017 | Barcelona
digital | Clúster Digital i IoT de Catalunya | DIGICAT | 2010 | Barcelona
audiovisual | Clúster Audiovisual i de Continguts | CAVC | 2004 | Barcelona
habitat | Clúster Hàbitat i Interiorisme | HABITAT+ | 2008 | Barcelona
maritime | Clúster Marítim Mediterrani | MARMED | 2014 | Barcelona
aerospace | Clúster Aeroespacial de Catalunya | AEROCAT | 2011 | Castelldefels
fashion | Clúster Moda i Confecció | MODACAT | 2008 | Mataró
wine | Clúster del Vi i el Cava | VICAVA | 2012 | Vilafranca del Penedès
plastics | Clúster de Plàstics i Composites | PLASCOM | 2010 | Rubí
chemicals | Clúster Químic del Camp de Tarragona | QUIMCAT | 2008 | Tarragona
water | Clúster de l'Aigua de Catalunya | AIGUACAT | 2011 | Barcelona
solar | Clúster Solar i Renovables | SOLREN | 2012 | Lleida
sports | Clúster de la Indústria de l'Esport | ESPORTCAT | 2010 | Sant Cugat del Vallès
logistics | Clúster de Logística Intermodal | LOGICAT | 2009 | El Prat de Llobregat
graphic | Clúster Gràfic i de Comunicació Impresa | GRAFICAT | 2006 | Barcelona
railways | Clúster Ferroviari de Catalunya | FERROCAT | 2005 | Barcelona
machinery | Clúster de Maquinària i Indústria 4.0 | MAQ40 | 2009 | Sabadell
building | Clúster d'Edificació Sostenible | EDISOST | 2013 | Barcelona
cybersecurity | Clúster de Ciberseguretat de Catalunya | CIBERCAT | 2019 | Barcelona
circular | Clúster d'Economia Circular | CIRCULAR.CAT | 2018 | Girona
photonics | Clúster de Fotònica i Òptica | FOTOCAT | 2012 | Castelldefels
"""

CATALAN_MEMBERS = (48, 175)
"""Intended number of members of a Catalan cluster at full scale."""
KOREAN_MEMBERS = (18, 50)
"""Intended number of members of a Korean mini-cluster at full scale."""


def catalan_themes() -> tuple[str, ...]:
    """The themes of the 28 Catalan clusters, in programme order."""
    return tuple(line.split("|")[0].strip() for line in _CATALAN_CLUSTERS.strip().splitlines())


def add_clusters(world: World, rng: Random, scale: float) -> None:
    """Both programmes' clusters; ``scale`` (at most 1) shrinks the intended member counts."""
    for line in _CATALAN_CLUSTERS.strip().splitlines():
        theme, name, acronym, founded, seat = (part.strip() for part in line.split("|"))
        org = world.add(
            rng,
            OrganisationKind.CLUSTER_ORGANISATION,
            OrgName(name, "", name),
            CITIES[seat],
            [theme],
            external_id=f"{EXTERNAL_ID_PREFIX}cluster-ct-{theme}",
        )
        target = max(4, round(rng.randint(*CATALAN_MEMBERS) * scale))
        cluster = Cluster(org, theme, CATALAN_PROGRAMME, acronym, int(founded), target)
        _manage(rng, cluster)
        world.clusters.append(cluster)
    for complex_, count in zip(COMPLEXES, mini_cluster_counts(rng), strict=True):
        _add_mini_clusters(world, rng, complex_, count, scale)


def mini_cluster_counts(rng: Random) -> list[int]:
    """Mini-clusters per complex: the usual numbers (100 in all), give or take four."""
    counts = [item.clusters for item in COMPLEXES]
    change = rng.randint(-4, 4)
    for _ in range(abs(change)):
        candidates = [i for i, n in enumerate(counts) if change > 0 or n > 2]
        counts[rng.choice(candidates)] += 1 if change > 0 else -1
    return counts


def _add_mini_clusters(
    world: World, rng: Random, complex_: Complex, count: int, scale: float
) -> None:
    offset = rng.randrange(4)
    for number in range(count):
        theme = THEMES[complex_.themes[number % len(complex_.themes)]]
        assert theme.korean, f"theme {theme.key} has no Korean profile"
        repeat = number // len(complex_.themes)
        focus_ko, focus_en = theme.korean.focus[(offset + repeat) % len(theme.korean.focus)]
        label_ko, label_en = theme.korean.label
        latin = f"{complex_.short} {label_en} {focus_en} Mini-Cluster"
        org = world.add(
            rng,
            OrganisationKind.CLUSTER_ORGANISATION,
            OrgName(f"{complex_.short_ko} {label_ko} {focus_ko} 미니클러스터", latin, latin),
            CITIES[complex_.cities[0]],
            [theme.key],
            external_id=f"{EXTERNAL_ID_PREFIX}cluster-kr-{complex_.code}-{number + 1:02d}",
        )
        acronym = f"MC-{complex_.code.split('-')[0].upper()}-{number + 1:02d}"
        target = max(3, round(rng.randint(*KOREAN_MEMBERS) * scale))
        founded = rng.randint(2005, 2019)
        cluster = Cluster(org, theme.key, KOREAN_PROGRAMME, acronym, founded, target, complex_)
        _manage(rng, cluster)
        world.clusters.append(cluster)


_CATALAN_STRATEGY = (
    "Internationalisation",
    "Digital transformation",
    "Sustainability and decarbonisation",
    "Talent and skills",
    "Collaborative innovation projects",
    "Access to finance",
    "Value chain cooperation",
    "EU-Korea cooperation",
)
_KOREAN_STRATEGY = (
    "Joint R&D",
    "Technology commercialisation",
    "Export marketing",
    "Smart factory adoption",
    "Workforce training",
    "Carbon neutrality",
    "EU-Korea cooperation",
)


def _manage(rng: Random, cluster: Cluster) -> None:
    """Management staff, excellence label (most Catalan clusters hold one, few Korean
    mini-clusters do) and strategy areas."""
    if cluster.complex is None:
        cluster.fte_cents = rng.randint(15, 95) * 10
        cluster.label = rng.choices(("gold", "silver", "bronze", ""), weights=(25, 30, 40, 5))[0]
        cluster.strategy = rng.sample(_CATALAN_STRATEGY, rng.randint(3, 5))
    else:
        cluster.fte_cents = rng.randint(5, 20) * 10
        cluster.label = "bronze" if rng.random() < 0.05 else ""
        cluster.strategy = rng.sample(_KOREAN_STRATEGY, rng.randint(2, 4))
    if cluster.label:
        cluster.label_until = date(rng.randint(2025, 2027), rng.randint(1, 12), 1)
