"""Cluster mapping pages on the demo statistics: list, map and table, PDF, CSV, bad requests."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.analytics.datasets.operations import load_dataset
from clusterbridge.core.db import transaction
from clusterbridge.demo.statistics import demo_statistics


@pytest.fixture
def spain(engine: Engine) -> str:
    info, panel = demo_statistics()[0]
    with transaction() as session:
        load_dataset(session, info, panel, None)
    return info.key


def _figures(html: str) -> list[dict[str, object]]:
    found = re.findall(r'<script type="application/json" data-chart="[^"]+">(.*?)</script>', html)
    return [json.loads(text) for text in found]


def test_the_list_links_every_dataset(client: TestClient, spain: str) -> None:
    page = client.get("/mapping")
    assert page.status_code == 200
    assert f'href="/mapping/{spain}"' in page.text
    assert "Spain: employment by emerging industry (demo)" in page.text
    assert "2019–2024" in page.text


def test_a_category_page_maps_and_tables_its_location_quotients(
    client: TestClient, spain: str
) -> None:
    page = client.get(f"/mapping/{spain}", params={"cluster": "biopharmaceuticals", "year": 2024})
    assert page.status_code == 200
    assert "Biopharmaceuticals: location quotient by region, 2024" in page.text
    assert '<script src="/assets/plotly.min.js' in page.text
    (figure,) = _figures(page.text)
    hover = json.dumps(figure, ensure_ascii=False)
    assert "Cataluña" in hover
    assert "strong cluster" in hover
    # The table is sorted by LQ: Catalonia, specialised in the demo, comes first and is strong.
    first_row = re.search(
        r"<tbody>\s*<tr>(.*?)</tr>", page.text.split("Regions by location")[1], re.S
    )
    assert first_row is not None
    assert "Cataluña" in first_row.group(1)
    assert "yes" in first_row.group(1)
    assert "Categories most often specialised in the same regions" in page.text
    assert 'value="biopharmaceuticals" selected' in page.text


def test_the_pdf_and_the_csv_carry_the_same_figures(client: TestClient, spain: str) -> None:
    pdf = client.get(f"/mapping/{spain}/report.pdf", params={"cluster": "biopharmaceuticals"})
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    table = client.get(f"/mapping/{spain}/strength.csv", params={"year": 2024})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == 19 * 12
    catalonia = next(
        r for r in rows if r["region"] == "ES51" and r["cluster"] == "biopharmaceuticals"
    )
    assert catalonia["strong"] == "true"
    assert float(catalonia["lq"]) > 2


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/mapping/no-such-data", 404, "no statistics dataset"),
        ("/mapping/demo-spain-nuts2?cluster=steel", 404, "has no category"),
        ("/mapping/demo-spain-nuts2?year=1990", 404, "has no figures for 1990"),
        ("/mapping/demo-spain-nuts2?year=abc", 400, "not valid: year"),
        ("/mapping/Bad%20Key", 404, ""),
    ],
)
def test_bad_requests_get_a_clear_page(
    client: TestClient, spain: str, path: str, status: int, message: str
) -> None:
    page = client.get(path)
    assert page.status_code == status
    assert message in page.text
    assert "Traceback" not in page.text


def test_plotly_is_served_locally(client: TestClient) -> None:
    script = client.get("/assets/plotly.min.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert b"newPlot" in script.content


def test_chart_pages_allow_inline_styles_but_never_inline_scripts(
    client: TestClient, spain: str
) -> None:
    chart_page = client.get(f"/mapping/{spain}").headers["content-security-policy"]
    assert "style-src 'self' 'unsafe-inline'" in chart_page
    assert "script-src 'self';" in chart_page
    other_page = client.get("/mapping").headers["content-security-policy"]
    assert "style-src 'self';" in other_page
