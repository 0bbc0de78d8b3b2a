"""Edit forms of organisations and clusters, and the members page: who sees them, messages at
the fields, a stale form that overwrites nothing, CSRF, and history kept on a role change."""

from __future__ import annotations

import html
import re
import secrets
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.registry.models import Membership, Organisation
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario


def signed_in(client: TestClient, engine: Engine, role: Role | None = None, **scope: int) -> str:
    """Sign ``client`` in as a new user with ``role``; returns the session's CSRF token."""
    user = make_user(engine, f"{secrets.token_hex(4)}@example.org", role, **scope)
    return sign_in(client, engine, user)


def needs_sign_in(client: TestClient, method: str, path: str, **kwargs: Any) -> bool:
    """Anonymous visitors are refused: 401, or sent to the sign-in page."""
    response = client.request(method, path, follow_redirects=False, **kwargs)
    location = response.headers.get("location", "")
    return response.status_code == 401 or (
        response.status_code == 303 and location.startswith("/login")
    )


def field_value(page: str, name: str) -> str:
    match = re.search(rf'<input id="field-{name}" name="{name}" type="\w+" value="([^"]*)"', page)
    assert match, f"no input {name}"
    return html.unescape(match.group(1))


def field_error(page: str, name: str) -> str:
    match = re.search(rf'<p class="field__error" id="error-{name}">(.*?)</p>', page)
    return html.unescape(match.group(1)) if match else ""


def version_in(page: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', page)
    assert match
    return match.group(1)


def organisation_form(page: str, csrf: str, **changes: str) -> dict[str, str]:
    """The form as a browser would send it back: every field's current value, then changes."""
    names = re.findall(r'id="field-(\w+)" name="\1"', page)
    data = {name: field_value(page, name) for name in names if f'<input id="field-{name}"' in page}
    for name in re.findall(r'<select id="field-(\w+)"', page):
        chosen = re.search(rf'<select id="field-{name}".*?</select>', page, re.S)
        assert chosen
        selected = re.search(r'<option value="([^"]*)" selected>', chosen.group(0))
        data[name] = selected.group(1) if selected else ""
    for name in re.findall(r'<textarea id="field-(\w+)"', page):
        text = re.search(rf'<textarea id="field-{name}"[^>]*>(.*?)</textarea>', page, re.S)
        assert text
        data[name] = html.unescape(text.group(1))
    return {**data, "csrf_token": csrf, "version": version_in(page), **changes}


def test_the_form_shows_current_values_to_those_who_may_edit(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    path = f"/organisations/{scenario.motors}/edit"
    assert needs_sign_in(client, "GET", path)
    signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.upc)
    assert client.get(path).status_code == 403
    client.cookies.clear()
    csrf = signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    page = client.get(path)
    assert page.status_code == 200
    assert field_value(page.text, "name") == "Motors Vallès SL"
    assert field_value(page.text, "city") == "Martorell"
    assert f'name="csrf_token" value="{csrf}"' in page.text
    assert 'id="field-vat"' in page.text  # the representative sees private fields
    assert '<option value="company" selected>Company</option>' in page.text
    assert "Separate codes with" in page.text


def test_field_errors_are_shown_next_to_their_field_with_values_kept(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    csrf = signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    path = f"/organisations/{scenario.motors}/edit"
    form = organisation_form(
        client.get(path).text, csrf, country="Atlantis", founding_year="soon", city="Rubí"
    )
    response = client.post(path, data=form)
    assert response.status_code == 422
    assert field_error(response.text, "country").startswith("Unknown country code 'Atlantis'")
    assert field_error(response.text, "founding_year") == "Not a whole number."
    assert field_error(response.text, "city") == ""
    assert field_value(response.text, "country") == "Atlantis"
    assert field_value(response.text, "city") == "Rubí"
    assert 'href="#field-country"' in response.text  # the summary links to the field
    with transaction(engine) as session:
        assert session.get(Organisation, scenario.motors).city == "Martorell"  # type: ignore[union-attr]


def test_a_valid_form_saves_only_what_changed(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    csrf = signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    path = f"/organisations/{scenario.motors}/edit"
    form = organisation_form(client.get(path).text, csrf, city="Rubí", size_class="medium")
    response = client.post(path, data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/organisations/{scenario.motors}"
    with transaction(engine) as session:
        (entry,) = session.scalars(select(AuditEntry)).all()
    assert entry.after == {"city": "Rubí", "size_class": "medium"}
    profile = client.get(f"/organisations/{scenario.motors}").text
    assert "Rubí" in profile
    assert f'href="/organisations/{scenario.motors}/edit"' in profile


def test_a_stale_form_overwrites_nothing_and_shows_the_current_values(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    csrf = signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    path = f"/organisations/{scenario.motors}/edit"
    seen = client.get(path).text
    first = client.post(path, data=organisation_form(seen, csrf, city="Rubí"))
    assert first.status_code == 200  # followed the redirect to the profile
    second = client.post(path, data=organisation_form(seen, csrf, city="Terrassa"))
    assert second.status_code == 409
    assert "changed by someone else meanwhile" in second.text
    assert field_value(second.text, "city") == "Rubí"
    assert version_in(second.text) == "2"
    assert "<dt>City</dt><dd>Terrassa</dd>" in second.text  # the lost value, to apply again
    with transaction(engine) as session:
        assert session.get(Organisation, scenario.motors).city == "Rubí"  # type: ignore[union-attr]


def test_a_post_without_the_csrf_token_is_refused(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    csrf = signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    path = f"/organisations/{scenario.motors}/edit"
    form = organisation_form(client.get(path).text, csrf, city="Rubí")
    del form["csrf_token"]
    assert client.post(path, data=form).status_code == 403
    assert client.post(path, data={**form, "csrf_token": "forged"}).status_code == 403
    client.cookies.clear()
    assert needs_sign_in(client, "POST", path, data=form)


def test_edit_links_only_for_those_who_may_edit(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    org, cluster = f"/organisations/{scenario.motors}", f"/clusters/{scenario.catalan_cluster}"
    assert "/edit" not in client.get(org).text
    assert "/edit" not in client.get(cluster).text
    signed_in(client, engine, Role.CLUSTER_MANAGER, cluster_id=scenario.korean_cluster)
    assert f"{org}/edit" not in client.get(org).text
    assert f"{cluster}/members" not in client.get(cluster).text
    client.cookies.clear()
    signed_in(client, engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    assert f"{org}/edit" in client.get(org).text  # Motors is a member of the Catalan cluster
    page = client.get(cluster).text
    assert f"{cluster}/edit" in page
    assert f"{cluster}/members" in page


def test_cluster_form_by_role(client: TestClient, engine: Engine, scenario: Scenario) -> None:
    path = f"/clusters/{scenario.catalan_cluster}/edit"
    signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    assert client.get(path).status_code == 403
    client.cookies.clear()
    csrf = signed_in(client, engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    assert client.get(f"/clusters/{scenario.korean_cluster}/edit").status_code == 403
    page = client.get(path).text
    assert field_value(page, "acronym") == "CIAC"
    assert field_value(page, "management_fte") == "5.50"
    assert 'id="field-programme"' not in page  # moving the cluster is for programme managers
    form = organisation_form(page, csrf, management_fte="lots", label_level="platinum")
    failed = client.post(path, data=form)
    assert failed.status_code == 422
    assert field_error(failed.text, "management_fte") == "Not a number."
    assert field_error(failed.text, "label_level") == "Must be one of: bronze, silver, gold."
    saved = client.post(path, data={**form, "management_fte": "6,5", "label_level": "silver"})
    assert saved.status_code == 200
    assert "6.5 FTE" in saved.text
    client.cookies.clear()
    signed_in(client, engine, Role.PROGRAMME_MANAGER, programme_id=scenario.catalonia_programme)
    assert 'id="field-programme"' in client.get(path).text


def membership_of(engine: Engine, org_id: int, cluster_id: int) -> list[tuple[str, date | None]]:
    with transaction(engine) as session:
        rows = session.scalars(
            select(Membership)
            .where(Membership.organisation_id == org_id, Membership.cluster_id == cluster_id)
            .order_by(Membership.since)
        )
        return [(m.role.value, m.until) for m in rows]


def test_members_page_adds_ends_and_changes_roles(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    base = f"/clusters/{scenario.korean_cluster}/members"
    assert needs_sign_in(client, "GET", base)
    csrf = signed_in(client, engine, Role.CLUSTER_MANAGER, cluster_id=scenario.korean_cluster)
    search = client.get(base, params={"q": "Motors"})
    assert search.status_code == 200
    assert f'name="organisation_id" value="{scenario.motors}"' in search.text
    add = {"csrf_token": csrf, "organisation_id": str(scenario.motors), "role": "partner"}
    added = client.post(base, data={**add, "since": "2024-01-01", "q": "Motors"})
    assert added.status_code == 200
    assert "The membership was added." in added.text
    overlap = client.post(base, data={**add, "since": "2024-06-01", "q": "Motors"})
    assert overlap.status_code == 422
    assert "Overlaps the membership from 2024-01-01 to now (partner)." in overlap.text
    with transaction(engine) as session:
        mid = session.scalars(
            select(Membership.id).where(
                Membership.organisation_id == scenario.motors,
                Membership.cluster_id == scenario.korean_cluster,
            )
        ).one()
    assert f'action="{base}/{mid}/role"' in added.text
    role_form = {"csrf_token": csrf, "role": "board_member", "on": "2024-09-01", "version": "1"}
    changed = client.post(f"{base}/{mid}/role", data=role_form)
    assert changed.status_code == 200
    assert membership_of(engine, scenario.motors, scenario.korean_cluster) == [
        ("partner", date(2024, 9, 1)),
        ("board_member", None),
    ]
    stale = client.post(
        f"{base}/{mid}/end", data={"csrf_token": csrf, "until": "2025-01-01", "version": "1"}
    )
    assert stale.status_code == 409
    assert "changed by someone else meanwhile" in stale.text


def test_members_page_refuses_other_clusters_memberships(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    catalan = f"/clusters/{scenario.catalan_cluster}/members"
    signed_in(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    assert client.get(catalan).status_code == 403
    client.cookies.clear()
    csrf = signed_in(client, engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    assert client.get(f"/clusters/{scenario.korean_cluster}/members").status_code == 403
    with transaction(engine) as session:
        korean = session.scalars(
            select(Membership.id).where(Membership.organisation_id == scenario.battery_company)
        ).one()
    form = {"csrf_token": csrf, "until": "2025-01-01", "version": "1"}
    assert client.post(f"{catalan}/{korean}/end", data=form).status_code == 404
    assert membership_of(engine, scenario.battery_company, scenario.korean_cluster) == [
        ("member", None)
    ]
    ended = client.post(f"/clusters/{scenario.korean_cluster}/members/{korean}/end", data=form)
    assert ended.status_code == 403
    bad = client.post(f"{catalan}", data={"csrf_token": csrf, "organisation_id": "", "since": "x"})
    assert bad.status_code == 422
    assert "Choose an organisation." in bad.text
