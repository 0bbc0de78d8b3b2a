"""Make registry rows with the ORM in a line each, and the small scenario the web tests share.

The scenario has two programmes (Catalonia, Korea), two clusters with Catalan and Korean names,
current, ended and future-ending memberships, codes, and collaborations.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from clusterbridge.core.db import transaction
from clusterbridge.registry.enums import (
    ComplexType,
    LabelLevel,
    MembershipRole,
    OrganisationKind,
    ParticipantRole,
    Vocabulary,
)
from clusterbridge.registry.models import (
    Cluster,
    ClusterFocus,
    Collaboration,
    IndustrialComplex,
    Membership,
    Organisation,
    OrganisationCode,
    Participation,
    Programme,
)

CATALAN_CLUSTER = "Clúster de l'Automoció de Catalunya"
KOREAN_CLUSTER = "한국배터리산업협회"
_serial = itertools.count(1)  # external ids unique across factories within a test run


class RegistryFactory:
    """Adds rows to ``session`` (and flushes, so ids are known); the caller commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _add(self, row: Any) -> Any:
        self.session.add(row)
        self.session.flush()
        return row

    def organisation(
        self,
        name: str,
        kind: OrganisationKind = OrganisationKind.COMPANY,
        country: str = "ES",
        codes: Sequence[tuple[Vocabulary, str]] = (),
        **fields: Any,
    ) -> Organisation:
        org = Organisation(
            external_id=f"org-{next(_serial)}", kind=kind, name=name, country=country, **fields
        )
        org.codes = [OrganisationCode(vocabulary=v, code=c) for v, c in codes]
        return self._add(org)  # type: ignore[no-any-return]

    def programme(self, name: str, country: str, agency: Organisation | None = None) -> Programme:
        programme = Programme(
            external_id=f"prog-{next(_serial)}",
            name=name,
            country=country,
            agency_id=agency.id if agency else None,
            start_year=2015,
        )
        return self._add(programme)  # type: ignore[no-any-return]

    def industrial_complex(self, name: str, country: str = "KR") -> IndustrialComplex:
        complex_ = IndustrialComplex(
            external_id=f"ic-{next(_serial)}",
            name=name,
            complex_type=ComplexType.NATIONAL,
            country=country,
        )
        return self._add(complex_)  # type: ignore[no-any-return]

    def cluster(
        self,
        organisation: Organisation,
        programme: Programme | None = None,
        industrial_complex: IndustrialComplex | None = None,
        focus: Sequence[tuple[Vocabulary, str]] = (),
        **fields: Any,
    ) -> Cluster:
        cluster = Cluster(
            organisation_id=organisation.id,
            programme_id=programme.id if programme else None,
            industrial_complex_id=industrial_complex.id if industrial_complex else None,
            **fields,
        )
        cluster.focus = [ClusterFocus(vocabulary=v, code=c) for v, c in focus]
        return self._add(cluster)  # type: ignore[no-any-return]

    def member(
        self,
        organisation: Organisation,
        cluster: Cluster,
        since: date = date(2020, 1, 1),
        until: date | None = None,
        role: MembershipRole = MembershipRole.MEMBER,
    ) -> Membership:
        membership = Membership(
            organisation_id=organisation.id,
            cluster_id=cluster.id,
            role=role,
            since=since,
            until=until,
        )
        return self._add(membership)  # type: ignore[no-any-return]

    def collaboration(
        self, title: str, participants: Sequence[Organisation], year: int = 2020
    ) -> Collaboration:
        collaboration = Collaboration(
            external_id=f"collab-{next(_serial)}", source="cordis", title=title, year=year
        )
        collaboration.participants = [
            Participation(organisation_id=org.id, role=ParticipantRole.PARTICIPANT)
            for org in participants
        ]
        return self._add(collaboration)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Scenario:
    """Ids of the scenario's rows, by role in the tests."""

    catalonia_programme: int
    korea_programme: int
    catalan_cluster: int
    catalan_cluster_org: int
    korean_cluster: int
    korean_cluster_org: int
    motors: int
    upc: int
    battery_company: int
    former_member: int
    research_institute: int
    leaving_member: int


def _seed_clusters(make: RegistryFactory) -> tuple[Programme, Programme, Cluster, Cluster]:
    """The Catalan and Korean programmes, each with one cluster."""
    accio = make.organisation("ACCIÓ", OrganisationKind.PUBLIC_BODY, city="Barcelona")
    kicox = make.organisation(
        "한국산업단지공단", OrganisationKind.PUBLIC_BODY, "KR", name_latin="KICOX"
    )
    catalonia = make.programme("Catalonia Clusters Programme", "ES", accio)
    korea = make.programme("KICOX Mini-Cluster Programme", "KR", kicox)
    changwon = make.industrial_complex("Changwon National Industrial Complex")
    cat_org = make.organisation(
        CATALAN_CLUSTER,
        OrganisationKind.CLUSTER_ORGANISATION,
        city="Barcelona",
        description="Cluster of the automotive industry of Catalonia.",
    )
    cat = make.cluster(
        cat_org,
        catalonia,
        acronym="CIAC",
        label_level=LabelLevel.GOLD,
        management_fte=Decimal("5.50"),
        focus=[(Vocabulary.NACE, "C29"), (Vocabulary.TECHNOLOGY, "electric-vehicles")],
    )
    kr_org = make.organisation(
        KOREAN_CLUSTER,
        OrganisationKind.CLUSTER_ORGANISATION,
        "KR",
        name_latin="Korea Battery Industry Association",
        city="서울",
    )
    kr = make.cluster(kr_org, korea, changwon, acronym="KBIA", management_fte=Decimal(3))
    return catalonia, korea, cat, kr


def _seed_members(make: RegistryFactory) -> dict[str, Organisation]:
    """Six member organisations, by their role in the tests."""
    return {
        "motors": make.organisation(
            "Motors Vallès SL",
            city="Martorell",
            offers="Stamping and welding of car body parts.",
            codes=[(Vocabulary.NACE, "C29.3"), (Vocabulary.TECHNOLOGY, "electric-vehicles")],
        ),
        "upc": make.organisation(
            "Universitat Politècnica de Catalunya",
            OrganisationKind.UNIVERSITY,
            city="Barcelona",
            needs="Industrial partners for battery recycling pilots.",
            codes=[(Vocabulary.TECHNOLOGY, "battery-materials")],
        ),
        "battery": make.organisation(
            "배터리솔루션 주식회사",
            country="KR",
            name_latin="Battery Solution Co.",
            city="창원",
            codes=[(Vocabulary.NACE, "C27.2"), (Vocabulary.TECHNOLOGY, "battery-materials")],
        ),
        "former": make.organisation("Changwon Precision", OrganisationKind.STARTUP, "KR"),
        "institute": make.organisation(
            "Korea Institute of Battery Research", OrganisationKind.RESEARCH_CENTRE, "KR"
        ),
        "leaving": make.organisation("Girona Parts SA", city="Girona"),
    }


def seed_scenario(engine: Engine, today: date | None = None) -> Scenario:
    """Two programmes, two clusters, seven members (one ended, one ending in the future)."""
    today = today or date.today()
    with transaction(engine) as session:
        make = RegistryFactory(session)
        catalonia, korea, cat, kr = _seed_clusters(make)
        m = _seed_members(make)
        make.member(cat.organisation, cat, role=MembershipRole.FOUNDING_MEMBER)
        for org in (m["motors"], m["upc"], m["institute"]):
            make.member(org, cat)
        make.member(m["leaving"], cat, until=today + timedelta(days=90))
        for org in (m["battery"], m["institute"]):
            make.member(org, kr, since=date(2021, 3, 1))
        make.member(m["former"], kr, since=date(2019, 1, 1), until=today - timedelta(days=1))
        for year in range(2010, 2022):
            make.collaboration(f"Battery project {year}", [m["upc"], m["institute"]], year=year)
        make.collaboration("Joint welding line", [m["motors"], m["upc"]], year=2023)
        return Scenario(
            catalonia.id, korea.id, cat.id, cat.organisation_id, kr.id, kr.organisation_id,
            *(m[key].id for key in ("motors", "upc", "battery", "former", "institute", "leaving")),
        )  # fmt: skip


def seed_many(engine: Engine, count: int, cluster_id: int | None = None) -> list[int]:
    """``count`` companies named 'Bulk company 001'..., each with two codes (and a membership)."""
    with transaction(engine) as session:
        make = RegistryFactory(session)
        ids = []
        for number in range(1, count + 1):
            org = make.organisation(
                f"Bulk company {number:03d}",
                country="DE" if number % 2 else "FR",
                codes=[(Vocabulary.NACE, f"C{number % 5}"), (Vocabulary.TECHNOLOGY, "robotics")],
            )
            if cluster_id is not None:
                session.add(
                    Membership(
                        organisation_id=org.id,
                        cluster_id=cluster_id,
                        role=MembershipRole.MEMBER,
                        since=date(2022, 1, 1),
                    )
                )
            ids.append(org.id)
        return ids
