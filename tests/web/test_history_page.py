"""The history page of a record: the diff of each change, newest first, for those who may see it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts.models import Role, User
from clusterbridge.accounts.roles import Scope, grant_role
from clusterbridge.core.audit import record
from clusterbridge.core.db import transaction
from clusterbridge.registry.admin_operations import update_record
from clusterbridge.registry.importers.kinds import PROGRAMMES
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import Organisation
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario
from tests.web.page_checks import needs_sign_in, words


def rename_motors(engine: Engine, scenario: Scenario, actor: str) -> None:
    """Rename the company Motors Vallès and give it a website, through a file import."""
    with transaction(engine) as session:
        motors = session.get(Organisation, scenario.motors)
        assert motors is not None
        external_id = motors.external_id
    row = {
        "external_id": external_id,
        "kind": "company",
        "name": "Motors Vallès SLU",
        "website": "https://motors.example",
    }
    import_tables({"organisations": [row]}, actor=actor, engine=engine)


def cluster_manager(engine: Engine, email: str, cluster_id: int) -> int:
    return make_user(engine, email, Role.CLUSTER_MANAGER, cluster_id=cluster_id)


def test_after_an_update_the_diff_appears(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    editor = make_user(engine, "marta@accio.cat", Role.PLATFORM_ADMIN)
    rename_motors(engine, scenario, actor=f"user:{editor}")
    manager = cluster_manager(engine, "ciac@example.org", scenario.catalan_cluster)
    sign_in(client, engine, manager)
    response = client.get(f"/history/organisation/{scenario.motors}")
    assert response.status_code == 200
    text = words(response.text)
    assert "History of Motors Vallès SL" in text  # the record as it is now
    assert "1 recorded change, newest first." in text
    assert "Updated ·" in text
    assert "UTC · by marta" in text  # the user's name, not "user:<id>"
    assert "Field Before After Name Motors Vallès SL Motors Vallès SLU" in text
    assert "Website (empty) https://motors.example" in text
    assert f'<a href="/organisations/{scenario.motors}">' in response.text


def test_another_clusters_manager_may_not_see_it(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    rename_motors(engine, scenario, actor="cli")
    korean = cluster_manager(engine, "kbia@example.kr", scenario.korean_cluster)
    sign_in(client, engine, korean)
    assert client.get(f"/history/organisation/{scenario.motors}").status_code == 403
    assert client.get(f"/history/cluster/{scenario.catalan_cluster}").status_code == 403
    assert client.get(f"/history/programme/{scenario.catalonia_programme}").status_code == 403
    own = client.get(f"/history/cluster/{scenario.korean_cluster}")
    assert own.status_code == 200
    assert "No change is recorded for this cluster." in words(own.text)


def test_anonymous_visitors_must_sign_in(client: TestClient, scenario: Scenario) -> None:
    response = client.get(f"/history/organisation/{scenario.motors}", follow_redirects=False)
    assert needs_sign_in(response)


def test_unknown_entities_and_records(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    sign_in(client, engine, make_user(engine, "admin@example.org", Role.PLATFORM_ADMIN))
    assert client.get("/history/planet/1").status_code == 404
    assert client.get("/history/organisation/999999").status_code == 404
    assert client.get("/history/organisation/abc").status_code == 404


def test_records_without_a_scope_are_for_administrators(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    manager = make_user(
        engine, "pm@accio.cat", Role.PROGRAMME_MANAGER, programme_id=scenario.catalonia_programme
    )
    sign_in(client, engine, manager)
    assert client.get(f"/history/programme/{scenario.catalonia_programme}").status_code == 200
    assert client.get(f"/history/user/{manager}").status_code == 403
    sign_in(client, engine, make_user(engine, "admin@example.org", Role.PLATFORM_ADMIN))
    assert client.get(f"/history/user/{manager}").status_code == 200


def test_newest_first_and_paginated(client: TestClient, engine: Engine, scenario: Scenario) -> None:
    with transaction(engine) as session:
        for number in range(30):
            record(
                session,
                actor="cli",
                action="registry.programme.updated",
                entity="programme",
                entity_id=scenario.korea_programme,
                before={"description": f"v{number}"},
                after={"description": f"v{number + 1}"},
            )
    sign_in(client, engine, make_user(engine, "admin@example.org", Role.PLATFORM_ADMIN))
    first = words(client.get(f"/history/programme/{scenario.korea_programme}").text)
    assert "30 recorded changes" in first
    assert first.index("v29 v30") < first.index("v28 v29")
    assert "v4 v5" not in first  # on page 2
    second = client.get(f"/history/programme/{scenario.korea_programme}?page=2")
    assert "Description v4 v5" in words(second.text)
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2' in second.text


def test_programme_edits_and_role_grants_appear(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    admin = make_user(engine, "admin@example.org", Role.PLATFORM_ADMIN)
    other = make_user(engine, "new@example.org")
    with transaction(engine) as session:
        changes = {"start_year": "2016"}
        update_record(session, PROGRAMMES, scenario.korea_programme, changes, 1, f"user:{admin}")
        user = session.get(User, other)
        assert user is not None
        grant_role(session, user, Role.EVENT_ORGANISER, Scope(), by=admin)
    sign_in(client, engine, admin)
    programme = words(client.get(f"/history/programme/{scenario.korea_programme}").text)
    assert "Updated" in programme
    assert "Start year 2015 2016" in programme
    user_page = words(client.get(f"/history/user/{other}").text)
    assert "Role granted" in user_page
    assert "Role (empty) event_organiser" in user_page


def test_history_link_only_for_those_who_may_follow_it(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    link = f'href="/history/organisation/{scenario.motors}"'
    assert link not in client.get(f"/organisations/{scenario.motors}").text
    sign_in(client, engine, cluster_manager(engine, "kbia@example.kr", scenario.korean_cluster))
    assert link not in client.get(f"/organisations/{scenario.motors}").text
    sign_in(client, engine, cluster_manager(engine, "ciac@example.org", scenario.catalan_cluster))
    assert link in client.get(f"/organisations/{scenario.motors}").text
    cluster_page = client.get(f"/clusters/{scenario.catalan_cluster}").text
    assert f'href="/history/cluster/{scenario.catalan_cluster}"' in cluster_page
