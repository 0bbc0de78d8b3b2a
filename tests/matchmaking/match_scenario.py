"""A small registry where the right partners are known: a Catalan automotive cluster and its
members looking for battery suppliers, a company with R&D needs, Korean and European
candidates, universities, and a few years of joint projects."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from clusterbridge.core.db import transaction
from clusterbridge.registry.enums import OrganisationKind as Kind
from clusterbridge.registry.enums import SizeClass, Vocabulary
from tests.web.factories import RegistryFactory

NACE, TECH = Vocabulary.NACE, Vocabulary.TECHNOLOGY


@dataclass(frozen=True)
class Matches:
    """Ids of the scenario's organisations by their role in the tests."""

    cluster: int
    carmaker: int
    korean_battery: int
    korean_cells: int
    spanish_battery: int
    korean_food: int
    university: int
    research_centre: int
    far_university: int
    empty: int


def seed_matches(engine: Engine) -> Matches:
    with transaction(engine) as session:
        make = RegistryFactory(session)
        cluster = make.organisation(
            "Clúster de Components d'Automoció",
            Kind.CLUSTER_ORGANISATION,
            description="The automotive cluster of Catalonia: chassis and body parts makers.",
            needs="Suppliers of battery modules and battery management systems in Korea.",
            codes=[(NACE, "29.32"), (TECH, "electric-mobility")],
        )
        carmaker = make.organisation(
            "Carrosseries Vallès SA",
            description="We stamp and weld car body parts for electric vehicles.",
            offers="Stamped body parts and welded assemblies.",
            needs="Research partners to test lightweight battery housings; crash simulation.",
            size_class=SizeClass.LARGE,
            codes=[
                (NACE, "29.32"),
                (TECH, "electric-mobility"),
                (TECH, "lightweight-construction"),
            ],
        )
        korean_battery = make.organisation(
            "Hanbit Battery Co.",
            country="KR",
            description="Hanbit designs battery modules for electric vehicles.",
            offers="Battery modules and battery management systems for electric cars.",
            needs="European customers in the automotive industry.",
            codes=[(NACE, "27.20"), (TECH, "energy-storage")],
        )
        korean_cells = make.organisation(
            "Daeyang Cells",
            country="KR",
            description="Lithium-ion cells and battery packs.",
            offers="Battery packs and cells for vehicles.",
            codes=[(NACE, "27.20"), (TECH, "energy-storage")],
        )
        spanish_battery = make.organisation(
            "Bateries del Llobregat SL",
            description="Battery modules and battery management systems for buses.",
            offers="Battery modules and battery management systems.",
            codes=[(NACE, "27.20"), (TECH, "energy-storage")],
        )
        korean_food = make.organisation(
            "Seoul Kimchi Foods",
            country="KR",
            description="Fermented vegetables and sauces for export.",
            offers="Kimchi and sauces.",
            codes=[(NACE, "10.39")],
        )
        university = make.organisation(
            "Universitat Tècnica de Terrassa",
            Kind.UNIVERSITY,
            description="Engineering school with labs for crash simulation and lightweight "
            "battery housings of electric vehicles.",
            offers="Crash simulation, material testing of lightweight battery housings.",
            codes=[(NACE, "85.40"), (TECH, "lightweight-construction")],
        )
        research_centre = make.organisation(
            "Centre de Recerca en Materials",
            Kind.RESEARCH_CENTRE,
            description="Research on polymers for packaging.",
            offers="Polymer characterisation.",
            codes=[(NACE, "72.19")],
        )
        far_university = make.organisation(
            "Universidad de Sevilla",
            Kind.UNIVERSITY,
            description="Research in history of art and classical languages.",
            offers="Archives.",
        )
        empty = make.organisation("Empty Profile SL")
        for year in (2021, 2022, 2023):
            make.collaboration(f"Cells {year}", [korean_battery, korean_cells], year=year)
        make.collaboration("Crash lab", [carmaker, university], year=2022)
        make.collaboration("Body parts", [cluster, carmaker, spanish_battery], year=2023)
        return Matches(
            cluster.id, carmaker.id, korean_battery.id, korean_cells.id, spanish_battery.id,
            korean_food.id, university.id, research_centre.id, far_university.id, empty.id,
        )  # fmt: skip
