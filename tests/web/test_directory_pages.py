"""The organisation and cluster directories: search, filters, pagination, statement counts."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.web.factories import CATALAN_CLUSTER, KOREAN_CLUSTER, Scenario, seed_many
from tests.web.statements import StatementCounter

CountStatements = Callable[[], AbstractContextManager[StatementCounter]]


def result_names(html: str) -> list[str]:
    """The organisation names listed as results, in page order."""
    titles = re.findall(r'<h2 class="result__title"><a href="/organisations/\d+">(.*?)</a>', html)
    return [re.sub(r"<[^>]+>", "", title) for title in titles]


def summary(html: str) -> str:
    match = re.search(r'<p class="result-summary" role="status">(.*?)</p>', html, re.S)
    assert match, "no result summary on the page"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def test_search_is_case_insensitive_and_reads_hangul(
    client: TestClient, scenario: Scenario
) -> None:
    page = client.get("/organisations", params={"q": "MOTORS"})
    assert page.status_code == 200
    assert result_names(page.text) == ["Motors Vallès SL"]
    assert summary(page.text) == "1 organisation."
    korean = client.get("/organisations", params={"q": "배터리"})
    assert set(result_names(korean.text)) == {KOREAN_CLUSTER, "배터리솔루션 주식회사"}
    assert '<span lang="ko">배터리솔루션 주식회사</span>' in korean.text
    assert 'value="배터리"' in korean.text  # the search box keeps the words
    catalan = client.get("/organisations", params={"q": "automoció"})
    assert result_names(catalan.text) == [CATALAN_CLUSTER.replace("'", "&#39;")]


def test_filters_narrow_and_show_as_selected(client: TestClient, scenario: Scenario) -> None:
    def names(**params: object) -> set[str]:
        response = client.get("/organisations", params=params)
        assert response.status_code == 200
        return set(result_names(response.text))

    assert len(names()) == 10
    assert names(country="KR", kind="company") == {"배터리솔루션 주식회사"}
    assert names(kind="university") == {"Universitat Politècnica de Catalunya"}
    assert names(industry="C29.3") == {"Motors Vallès SL"}
    assert names(technology="battery-materials") == {
        "Universitat Politècnica de Catalunya",
        "배터리솔루션 주식회사",
    }
    assert names(cluster=scenario.korean_cluster) == {
        "배터리솔루션 주식회사",
        "Korea Institute of Battery Research",
    }
    html = client.get("/organisations", params={"country": "KR", "kind": "startup"}).text
    assert '<option value="KR" selected>South Korea</option>' in html
    assert '<option value="startup" selected>Startup</option>' in html
    assert result_names(html) == ["Changwon Precision"]


def test_a_submitted_form_with_blank_fields_means_no_filter(
    client: TestClient, scenario: Scenario
) -> None:
    blank = "q=&country=&kind=&industry=&technology=&cluster=&page="
    response = client.get(f"/organisations?{blank}")
    assert response.status_code == 200
    assert len(result_names(response.text)) == 10


def test_every_control_has_a_label(client: TestClient, scenario: Scenario) -> None:
    for path in ("/organisations", "/clusters"):
        html = client.get(path).text
        ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html)
        assert ids
        for control in ids:
            assert f'<label for="{control}">' in html, f"{path}: {control} has no label"


def test_pagination_pages_are_distinct_with_right_totals(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    seed_many(engine, 60)
    pages = [client.get("/organisations", params={"q": "bulk", "page": n}).text for n in (1, 2, 3)]
    names = [result_names(html) for html in pages]
    assert [len(n) for n in names] == [25, 25, 10]
    assert len({name for page in names for name in page}) == 60
    assert summary(pages[0]) == "60 organisations, showing 1–25."
    assert summary(pages[2]) == "60 organisations, showing 51–60."
    assert 'href="/organisations?q=bulk&amp;page=2" rel="next"' in pages[0]
    assert 'href="/organisations?q=bulk&amp;page=3" aria-current="page"' in pages[2]
    assert 'href="/organisations?q=bulk" rel="prev"' in pages[1]  # page 1 has no page param
    past_end = client.get("/organisations", params={"q": "bulk", "page": 9}).text
    assert result_names(past_end) == []
    assert "past the end" in summary(past_end)


def test_directory_statement_count_does_not_grow_with_page_size(
    client: TestClient, engine: Engine, scenario: Scenario, count_statements: CountStatements
) -> None:
    seed_many(engine, 40, cluster_id=scenario.catalan_cluster)
    counts = {}
    for label, params in {
        "one row": {"q": "Bulk company 007"},
        "five rows": {"q": "Bulk company 00", "country": "DE"},
        "full page": {"cluster": scenario.catalan_cluster},
    }.items():
        with count_statements() as counter:
            html = client.get("/organisations", params=params).text
        counts[label] = counter.count
        assert result_names(html)
    assert len(set(counts.values())) == 1, counts
    assert counts["one row"] <= 8


def test_cluster_directory(client: TestClient, scenario: Scenario) -> None:
    html = client.get("/clusters").text
    assert summary(html) == "2 clusters."
    assert "Catalonia Clusters Programme" in html
    assert "Changwon National Industrial Complex" in html
    row = re.search(r"KBIA.*?</tr>", html, re.S)
    assert row
    assert "2</a></td>" in row.group(0)  # current members: the ended membership is not counted
    korean = client.get("/clusters", params={"q": "kbia"}).text
    assert KOREAN_CLUSTER in korean
    assert "Catalunya" not in korean
    by_programme = client.get("/clusters", params={"programme": scenario.catalonia_programme})
    assert "CIAC" in by_programme.text
    assert "KBIA" not in by_programme.text
    assert "KBIA" in client.get("/clusters", params={"country": "KR"}).text


def test_invalid_filter_value_is_a_clean_400_page(client: TestClient) -> None:
    response = client.get("/organisations", params={"kind": "dragon"})
    assert response.status_code == 400
    assert "kind" in response.text
    assert "Traceback" not in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_region_filter_takes_iso_subdivisions_and_nuts(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    from clusterbridge.core.db import transaction
    from clusterbridge.registry.models import Organisation

    with transaction(engine) as session:
        motors = session.get(Organisation, scenario.motors)
        assert motors is not None
        motors.region, motors.nuts = "ES-CT", "ES511"
    by_iso = result_names(client.get("/organisations", params={"region": "es-ct"}).text)
    by_nuts = result_names(client.get("/organisations", params={"region": "ES51"}).text)
    assert by_iso == by_nuts == ["Motors Vallès SL"]
    api = client.get("/api/v1/organisations", params={"region": "ES51"}).json()
    assert [item["name"] for item in api["items"]] == ["Motors Vallès SL"]


def test_nul_characters_in_filters_are_not_a_server_error(client: TestClient) -> None:
    for params in ({"q": "a\x00b"}, {"region": "ES\x00"}, {"industry": "\x00"}):
        assert client.get("/organisations", params=params).status_code in (200, 400, 422)
