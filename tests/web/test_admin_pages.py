"""Admin pages of programmes and industrial complexes, and the dashboard: each open to the roles
that may manage them, closed to everyone else (403; anonymous visitors are sent to sign in)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.registry.models import IndustrialComplex, Programme
from tests.web.admin_people import People, as_user, grants_of, people
from tests.web.factories import Scenario
from tests.web.page_checks import needs_sign_in, words

__all__ = ["people"]  # the fixture


# ---- dashboard and header links -------------------------------------------------------------


def test_dashboard_shows_what_each_role_may_manage(
    client: TestClient, engine: Engine, people: People
) -> None:
    as_user(client, engine, people.admin)
    admin = words(client.get("/admin").text)
    for area in ("Programmes Create and edit", "Industrial complexes", "Users and roles", "Import"):
        assert area in admin
    as_user(client, engine, people.catalan_programme_manager)
    manager = client.get("/admin")
    assert "Edit the programmes you manage." in words(manager.text)
    assert '<a href="/admin" aria-current="page">Admin</a>' in manager.text
    assert '<a href="/import">Import</a>' in manager.text
    as_user(client, engine, people.catalan_cluster_manager)
    cluster = words(client.get("/admin").text)
    assert "Users and roles" in cluster
    assert "Programmes" not in cluster
    assert "Import files" not in cluster


def test_dashboard_is_closed_to_others(client: TestClient, engine: Engine, people: People) -> None:
    assert needs_sign_in(client.get("/admin", follow_redirects=False))
    assert 'href="/admin"' not in client.get("/").text
    as_user(client, engine, people.representative)
    assert client.get("/admin").status_code == 403
    assert 'href="/admin"' not in client.get("/").text
    assert 'href="/import"' not in client.get("/").text


# ---- programmes ------------------------------------------------------------------------------


def test_programme_pages_by_role(
    client: TestClient, engine: Engine, people: People, scenario: Scenario
) -> None:
    catalonia, korea = scenario.catalonia_programme, scenario.korea_programme
    for path in ("/admin/programmes", f"/admin/programmes/{catalonia}", "/admin/programmes/new"):
        assert needs_sign_in(client.get(path, follow_redirects=False))
    anonymous_post = client.post(f"/admin/programmes/{catalonia}", follow_redirects=False)
    assert needs_sign_in(anonymous_post)
    as_user(client, engine, people.admin)
    listing = words(client.get("/admin/programmes").text)
    assert "Catalonia Clusters Programme" in listing
    assert "KICOX Mini-Cluster Programme" in listing
    assert "New programme" in listing
    as_user(client, engine, people.catalan_programme_manager)
    listing = words(client.get("/admin/programmes").text)
    assert "Catalonia Clusters Programme" in listing
    assert "KICOX" not in listing
    assert "New programme" not in listing
    assert client.get(f"/admin/programmes/{catalonia}").status_code == 200
    assert client.get(f"/admin/programmes/{korea}").status_code == 403
    assert client.get("/admin/programmes/new").status_code == 403
    for other in (people.catalan_cluster_manager, people.representative):
        as_user(client, engine, other)
        assert client.get("/admin/programmes").status_code == 403
        assert client.get(f"/admin/programmes/{catalonia}").status_code == 403


PROGRAMME_FORM = {
    "external_id": "prog-basque",
    "name": "Basque Clusters",
    "agency": "",
    "country": "Spain",
    "start_year": "2012",
    "website": "https://spri.eus",
    "description": "",
}


def test_programme_form_errors_are_shown_at_their_fields(
    client: TestClient, engine: Engine, people: People
) -> None:
    csrf = as_user(client, engine, people.admin)
    wrong = {"external_id": "", "name": "", "agency": "no-such-org", "country": "Narnia"}
    form = PROGRAMME_FORM | wrong | {"start_year": "soon", "csrf_token": csrf}
    response = client.post("/admin/programmes/new", data=form)
    assert response.status_code == 422
    html = response.text
    assert 'aria-describedby="field-country-hint field-country-error" aria-invalid="true"' in html
    text = words(html)
    assert "Nothing was saved: correct the fields marked below." in text
    assert "English names are accepted. Unknown country code 'Narnia'" in text
    assert "Start year The year the programme started, e.g. 2015. Not a whole number." in text
    assert "Name (required) A value is required." in text
    assert "No organisation with this id." in text
    assert 'value="Narnia"' in html  # what was typed stays in the form
    with transaction(engine) as session:
        assert len(session.scalars(select(Programme.id)).all()) == 2  # nothing created


def test_an_administrator_creates_a_programme(
    client: TestClient, engine: Engine, people: People
) -> None:
    form = PROGRAMME_FORM | {"csrf_token": as_user(client, engine, people.admin)}
    created = client.post("/admin/programmes/new", data=form, follow_redirects=False)
    assert created.status_code == 303
    page = client.get(created.headers["location"])
    assert "The programme was created." in words(page.text)
    with transaction(engine) as session:
        programme = session.scalars(
            select(Programme).where(Programme.external_id == "prog-basque")
        ).one()
        assert (programme.country, programme.start_year) == ("ES", 2012)
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "registry.programme.created")
        ).one()
        assert entry.actor == f"user:{people.admin}"
    duplicate = client.post("/admin/programmes/new", data=form)
    assert duplicate.status_code == 422
    assert "Another programme already has this id." in words(duplicate.text)


def test_a_programme_manager_edits_their_programme(
    client: TestClient, engine: Engine, people: People, scenario: Scenario
) -> None:
    csrf = as_user(client, engine, people.catalan_programme_manager)
    path = f"/admin/programmes/{scenario.catalonia_programme}"
    page = client.get(path).text
    assert 'name="version" value="1"' in page
    assert 'value="Catalonia Clusters Programme"' in page
    form = {
        "csrf_token": csrf,
        "version": "1",
        "name": "Catalonia Clusters Programme 2030",
        "agency": "",
        "country": "ES",
        "description": "",
        "website": "",
        "start_year": "2015",
    }
    saved = client.post(path, data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert "Your changes were saved." in client.get(saved.headers["location"]).text
    stale = client.post(path, data=form | {"name": "Another name"})
    assert stale.status_code == 409
    assert "was changed by someone else meanwhile" in words(stale.text)
    assert 'value="Another name"' in stale.text
    with transaction(engine) as session:
        programme = session.get(Programme, scenario.catalonia_programme)
        assert programme is not None
        assert (programme.name, programme.version) == ("Catalonia Clusters Programme 2030", 2)
    korea = client.post(f"/admin/programmes/{scenario.korea_programme}", data=form)
    assert korea.status_code == 403


def test_admin_forms_need_the_csrf_token(
    client: TestClient, engine: Engine, people: People, scenario: Scenario
) -> None:
    as_user(client, engine, people.admin)
    form = {"version": "1", "name": "Forged"}
    response = client.post(f"/admin/programmes/{scenario.catalonia_programme}", data=form)
    assert response.status_code == 403
    grant = {"email": "new@example.org", "role": "event_organiser"}
    assert client.post("/admin/users/grant", data=grant).status_code == 403
    assert grants_of(engine, people.newcomer) == set()


# ---- industrial complexes --------------------------------------------------------------------


def test_complex_pages_by_role(client: TestClient, engine: Engine, people: People) -> None:
    assert needs_sign_in(client.get("/admin/complexes", follow_redirects=False))
    for allowed in (people.admin, people.catalan_programme_manager):
        as_user(client, engine, allowed)
        listing = client.get("/admin/complexes")
        assert listing.status_code == 200
        assert "Changwon National Industrial Complex" in listing.text
        assert client.get("/admin/complexes/new").status_code == 200
    for other in (people.catalan_cluster_manager, people.representative):
        as_user(client, engine, other)
        assert client.get("/admin/complexes").status_code == 403
        assert client.get("/admin/complexes/new").status_code == 403


def test_create_and_edit_a_complex(client: TestClient, engine: Engine, people: People) -> None:
    csrf = as_user(client, engine, people.catalan_programme_manager)
    form = {
        "csrf_token": csrf,
        "external_id": "ic-gumi",
        "name": "Gumi National Industrial Complex",
        "complex_type": "harbour",
        "country": "KR",
        "region": "KR-47",
        "managing_body": "",
        "area_km2": "a lot",
    }
    response = client.post("/admin/complexes/new", data=form)
    assert response.status_code == 422
    text = words(response.text)
    assert "Must be one of: national, general" in text
    assert "Area (km²) A number, e.g. 32.5. Not a number." in text
    created = client.post(
        "/admin/complexes/new",
        data=form | {"complex_type": "national", "area_km2": "24,3"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    edit = {key: value for key, value in form.items() if key != "external_id"}
    edit |= {"complex_type": "national", "area_km2": "25", "version": "1"}
    assert client.post(created.headers["location"], data=edit).status_code == 200  # redirected
    with transaction(engine) as session:
        gumi = session.scalars(
            select(IndustrialComplex).where(IndustrialComplex.external_id == "ic-gumi")
        ).one()
        assert (str(gumi.area_km2), gumi.version) == ("25.000", 2)
