"""The bulk import page: row-level report of a bad file, summary and confirmation of a good one,
re-validation on confirm, permissions, CSRF and the limits of an upload."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.settings import get_settings
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation
from clusterbridge.web.routers import imports
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario
from tests.web.page_checks import needs_sign_in
from tests.web.page_checks import words as text_of

HEADER = "external_id,kind,name,country,pic"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Uploads waiting for confirmation go to a fresh data directory per test."""
    monkeypatch.setattr(get_settings(), "data_dir", tmp_path)
    return tmp_path


def pending_uploads(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "uploads").glob("user-*/*"))


def organisations_csv(bad_country_on_row_7: bool = False, pic: str = "") -> bytes:
    """Six companies (rows 2 to 7); the last one's country is 'Narnia' if asked."""
    lines = [HEADER]
    for number in range(1, 7):
        country = "Narnia" if bad_country_on_row_7 and number == 6 else "ES"
        lines.append(
            f"imp-{number},company,Empresa {number},{country},{pic if number == 1 else ''}"
        )
    return ("\n".join(lines) + "\n").encode()


def upload(
    client: TestClient,
    csrf: str | None,
    content: bytes,
    name: str = "empreses.csv",
    kind: str = "organisations",
    follow_redirects: bool = True,
) -> Response:
    data = {"kind": kind} | ({"csrf_token": csrf} if csrf is not None else {})
    files = {"file": (name, content, "text/csv")}
    return client.post("/import", data=data, files=files, follow_redirects=follow_redirects)


def upload_id_of(html: str) -> str:
    match = re.search(r'name="upload_id" value="([^"]+)"', html)
    assert match, "no confirm form on the page"
    return match.group(1)


def imported_ids(engine: Engine) -> list[str]:
    with transaction(engine) as session:
        query = select(Organisation.external_id).where(Organisation.external_id.like("imp-%"))
        return sorted(session.scalars(query))


@pytest.fixture
def manager(client: TestClient, engine: Engine, scenario: Scenario) -> tuple[int, str]:
    """A signed-in programme manager: (user id, CSRF token)."""
    user_id = make_user(
        engine,
        "gestor@accio.cat",
        Role.PROGRAMME_MANAGER,
        programme_id=scenario.catalonia_programme,
    )
    return user_id, sign_in(client, engine, user_id)


def test_page_shows_the_columns_of_the_chosen_kind(
    client: TestClient, manager: tuple[int, str]
) -> None:
    response = client.get("/import?kind=memberships")
    assert response.status_code == 200
    words = text_of(response.text)
    assert "Columns of memberships.csv" in words
    assert "since key yes Date as YYYY-MM-DD." in words
    assert (
        "role One of: member, founding_member, board_member, associate, partner (default member)."
        in words
    )
    assert '<option value="memberships" selected>' in response.text
    assert "docs/data-formats.md" in words
    template = client.get("/import/template/memberships.csv")
    assert template.text == "organisation,cluster,role,since,until\r\n"
    assert template.headers["content-type"].startswith("text/csv")


def test_bad_file_reports_row_7_and_writes_nothing(
    client: TestClient, engine: Engine, manager: tuple[int, str], data_dir: Path
) -> None:
    response = upload(client, manager[1], organisations_csv(bad_country_on_row_7=True))
    assert response.status_code == 422
    words = text_of(response.text)
    assert "Problems in empreses.csv" in words
    assert "1 problem found in this file of organisations; nothing was changed." in words
    assert "Row Column Value Problem 7 country Narnia unknown country code 'Narnia'" in words
    assert 'aria-labelledby="problems-title"' in response.text
    assert imported_ids(engine) == []
    assert pending_uploads(data_dir) == []
    assert 'action="/import"' in response.text  # the form to upload a corrected file


def test_good_file_shows_a_summary_then_confirm_imports_it(
    client: TestClient, engine: Engine, manager: tuple[int, str], data_dir: Path
) -> None:
    user_id, csrf = manager
    response = upload(client, csrf, organisations_csv())
    assert response.status_code == 200
    assert "To create 6 To update 0 Unchanged 0" in text_of(response.text)
    assert "Confirm import" in response.text
    assert imported_ids(engine) == []  # a dry run only
    assert len(pending_uploads(data_dir)) == 1
    done = client.post(
        "/import/confirm", data={"csrf_token": csrf, "upload_id": upload_id_of(response.text)}
    )
    assert done.status_code == 200
    assert "Created 6 Updated 0 Unchanged 0" in text_of(done.text)
    assert imported_ids(engine) == [f"imp-{n}" for n in range(1, 7)]
    assert pending_uploads(data_dir) == []
    with transaction(engine) as session:
        actors = set(session.scalars(select(AuditEntry.actor)))
    assert actors == {f"user:{user_id}"}


def test_reimporting_the_same_file_has_nothing_to_confirm(
    client: TestClient, manager: tuple[int, str], data_dir: Path
) -> None:
    csrf = manager[1]
    first = upload(client, csrf, organisations_csv())
    client.post("/import/confirm", data={"csrf_token": csrf, "upload_id": upload_id_of(first.text)})
    again = upload(client, csrf, organisations_csv())
    assert "Unchanged 6" in text_of(again.text)
    assert "Nothing would change" in again.text
    assert "Confirm import" not in again.text
    assert pending_uploads(data_dir) == []


def test_confirm_validates_again(
    client: TestClient, engine: Engine, manager: tuple[int, str]
) -> None:
    """Between the check and the confirmation, another organisation takes the file's PIC."""
    csrf = manager[1]
    response = upload(client, csrf, organisations_csv(pic="999888777"))
    assert response.status_code == 200
    with transaction(engine) as session:
        session.add(
            Organisation(
                external_id="other", kind=OrganisationKind.COMPANY, name="Other", pic="999888777"
            )
        )
    done = client.post(
        "/import/confirm", data={"csrf_token": csrf, "upload_id": upload_id_of(response.text)}
    )
    assert done.status_code == 422
    words = text_of(done.text)
    assert "The registry changed since the file was checked" in words
    assert "2 pic 999888777 this PIC already belongs to organisation 'other'" in words
    assert imported_ids(engine) == []


def test_an_upload_is_imported_once_and_only_by_its_owner(
    client: TestClient, engine: Engine, scenario: Scenario, manager: tuple[int, str]
) -> None:
    response = upload(client, manager[1], organisations_csv())
    upload_id = upload_id_of(response.text)
    other = make_user(engine, "other@accio.cat", Role.PLATFORM_ADMIN)
    other_csrf = sign_in(client, engine, other)
    stolen = client.post("/import/confirm", data={"csrf_token": other_csrf, "upload_id": upload_id})
    assert stolen.status_code == 409
    assert "no longer waiting for confirmation" in stolen.text
    assert imported_ids(engine) == []
    csrf = sign_in(client, engine, manager[0])
    confirm = {"csrf_token": csrf, "upload_id": upload_id}
    assert client.post("/import/confirm", data=confirm).status_code == 200
    assert client.post("/import/confirm", data=confirm).status_code == 409


def test_xlsx_upload(client: TestClient, engine: Engine, manager: tuple[int, str]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["external_id", "kind", "name", "country"])
    sheet.append(["imp-x", "university", "Universitat de Girona", "Spain"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, manager[1], buffer.getvalue(), name="universitats.xlsx")
    assert response.status_code == 200
    assert "To create 1" in text_of(response.text)
    confirm = {"csrf_token": manager[1], "upload_id": upload_id_of(response.text)}
    assert client.post("/import/confirm", data=confirm).status_code == 200
    assert imported_ids(engine) == ["imp-x"]


def test_a_member_representative_may_not_import(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    user_id = make_user(
        engine, "rep@motors.example", Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors
    )
    csrf = sign_in(client, engine, user_id)
    assert client.get("/import").status_code == 403
    assert upload(client, csrf, organisations_csv()).status_code == 403
    confirm = {"csrf_token": csrf, "upload_id": "x" * 32}
    assert client.post("/import/confirm", data=confirm).status_code == 403
    assert imported_ids(engine) == []


def test_anonymous_visitors_must_sign_in(client: TestClient, engine: Engine) -> None:
    assert needs_sign_in(client.get("/import", follow_redirects=False))
    assert needs_sign_in(client.get("/import/template/organisations.csv", follow_redirects=False))
    assert needs_sign_in(upload(client, None, organisations_csv(), follow_redirects=False))
    confirm = client.post("/import/confirm", data={"upload_id": "x" * 32}, follow_redirects=False)
    assert needs_sign_in(confirm)
    assert imported_ids(engine) == []


def test_an_upload_without_the_csrf_token_is_refused(
    client: TestClient, engine: Engine, manager: tuple[int, str], data_dir: Path
) -> None:
    response = upload(client, None, organisations_csv())
    assert response.status_code == 403
    assert "the form expired" in response.text
    assert upload(client, "forged", organisations_csv()).status_code == 403
    assert pending_uploads(data_dir) == []
    first = upload(client, manager[1], organisations_csv())
    confirm = client.post("/import/confirm", data={"upload_id": upload_id_of(first.text)})
    assert confirm.status_code == 403
    assert imported_ids(engine) == []


def test_a_file_that_is_not_csv_or_xlsx(client: TestClient, manager: tuple[int, str]) -> None:
    response = upload(client, manager[1], b"%PDF-1.7 ...", name="members.pdf")
    assert response.status_code == 422
    assert "“members.pdf” is not a CSV or XLSX file." in response.text
    assert 'aria-describedby="import-file-hint import-file-error"' in response.text
    png = upload(client, manager[1], b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", name="logo.csv")
    assert png.status_code == 422
    assert "text is not UTF-8" in png.text


def test_missing_file_and_unknown_kind(client: TestClient, manager: tuple[int, str]) -> None:
    response = client.post("/import", data={"kind": "planets", "csrf_token": manager[1]})
    assert response.status_code == 422
    assert "Choose the kind of records the file holds." in response.text
    assert "Choose a CSV or XLSX file to upload." in response.text


def test_a_file_over_the_limit(
    client: TestClient, manager: tuple[int, str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 1000)
    over = upload(client, manager[1], organisations_csv() * 20)
    assert over.status_code == 422
    assert "The file is larger than" in over.text
    assert "clusterbridge import" in over.text
    far_over = upload(client, manager[1], b"x" * (imports.FORM_ALLOWANCE + 5000))
    assert far_over.status_code == 413
    assert "The file is larger than" in far_over.text
    assert pending_uploads(data_dir) == []
