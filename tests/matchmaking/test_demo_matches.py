"""The demo scenario tried as a new user would: a Catalan automotive cluster looking abroad for
companies gets Korean battery makers (its profile asks for battery suppliers), and a company
with R&D needs gets research partners, each with reasons."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from clusterbridge.cli.main import app
from clusterbridge.core.db import transaction
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation

runner = CliRunner()


def recommend(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["match", "recommend", *args, "--json"])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_the_demo_recommendations_make_sense(engine: Engine) -> None:
    assert runner.invoke(app, ["demo", "load", "--organisations", "1500"]).exit_code == 0
    # the ranker of this process may come from an earlier test's database: fit it on this one
    assert runner.invoke(app, ["match", "fit"]).exit_code == 0
    with transaction() as session:
        cluster = session.scalars(
            select(Organisation).where(Organisation.name.like("%Automoció de Catalunya%"))
        ).one()
        assert "battery" in (cluster.needs or "")
        researcher = session.scalars(
            select(Organisation)
            .where(Organisation.kind == OrganisationKind.COMPANY)
            .where(Organisation.needs.like("%joint R&D projects%"))
            .order_by(Organisation.id)
        ).first()
        assert researcher is not None
        cluster_name, researcher_id = cluster.name, researcher.id
    found = recommend(cluster_name, "--abroad", "--kind", "company", "--k", "5")
    partners = found["recommendations"]
    assert isinstance(partners, list)
    assert len(partners) == 5
    assert {p["country"] for p in partners} == {"KR"}
    with transaction() as session:
        texts = [
            f"{o.description} {o.offers}".lower()
            for o in session.scalars(
                select(Organisation).where(
                    Organisation.id.in_([p["organisation_id"] for p in partners])
                )
            )
        ]
    assert sum("batter" in text for text in texts) >= 3
    assert all(p["reasons"] for p in partners)
    research = recommend(str(researcher_id), "--kind", "university", "--kind", "research_centre")
    kinds = {p["kind"] for p in research["recommendations"]}
    assert kinds
    assert kinds <= {"university", "research_centre"}
    reasons = " ".join(r["text"] for p in research["recommendations"] for r in p["reasons"])
    assert reasons
