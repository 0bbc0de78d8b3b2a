"""A programme manager signs in, edits a member's profile and imports files, in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role, RoleGrant
from clusterbridge.accounts.users import create_user
from clusterbridge.core.db import transaction
from clusterbridge.registry.models import Organisation
from clusterbridge.web.routers.account import WRONG_CREDENTIALS
from tests.browser.conftest import SCREENSHOTS
from tests.web.factories import Scenario

EMAIL, PASSWORD = "manager@agency.example", "a long enough password 2026"


@pytest.fixture
def manager(engine: Engine, scenario: Scenario) -> None:
    with transaction(engine) as session:
        user = create_user(session, email=EMAIL, name="Marta Puig", password=PASSWORD)
        session.add(
            RoleGrant(
                user_id=user.id,
                role=Role.PROGRAMME_MANAGER,
                programme_id=scenario.catalonia_programme,
            )
        )


def sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "Marta Puig" in page.locator("header").inner_text()


def test_sign_in_with_a_wrong_password_says_so(live_server: str, manager: None, page: Any) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    assert "/login" in page.url
    assert WRONG_CREDENTIALS in page.locator("main").inner_text()
    assert "Sign in" in page.locator("header").inner_text()
    assert "Marta Puig" not in page.locator("header").inner_text()


def test_sign_in_open_a_profile_and_edit_it(
    live_server: str, manager: None, scenario: Scenario, page: Any, engine: Engine
) -> None:
    sign_in(page, live_server)
    page.goto(f"{live_server}/organisations/{scenario.motors}")
    page.get_by_role("link", name="Edit this organisation").click()
    page.get_by_label("City").fill("Martorell")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    assert f"/organisations/{scenario.motors}" in page.url
    assert "Martorell" in page.locator("main").inner_text()
    with transaction(engine) as session:
        city = session.scalar(select(Organisation.city).where(Organisation.id == scenario.motors))
    assert city == "Martorell"


def test_upload_a_bad_file_then_a_good_one(
    live_server: str, manager: None, page: Any, engine: Engine, tmp_path: Path
) -> None:
    sign_in(page, live_server)
    header = "external_id,kind,name,country\n"
    rows = [f"NEW-{n},company,Nova {n} SL,ES\n" for n in range(1, 7)]
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "".join(rows[:5]) + "NEW-6,company,Nova 6 SL,ZZ\n", encoding="utf-8")
    page.goto(f"{live_server}/import")
    page.get_by_label("Kind of records in the file").select_option("organisations")
    page.get_by_label("File", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    report = page.locator("main").inner_text()
    assert "1 problem" in report
    cells = page.locator("table tbody tr").first.locator("td").all_inner_texts()
    assert cells[:3] == ["7", "country", "ZZ"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "import-row-level-report.png"), full_page=True)

    good = tmp_path / "good.csv"
    good.write_text(header + "".join(rows), encoding="utf-8")
    page.get_by_label("File", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_load_state()
    assert "Imported" in page.locator("h1").inner_text()
    with transaction(engine) as session:
        created = session.scalars(
            select(Organisation.external_id).where(Organisation.external_id.like("NEW-%"))
        ).all()
    assert sorted(created) == [f"NEW-{n}" for n in range(1, 7)]
