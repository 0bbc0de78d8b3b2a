"""A visitor searches the directory and opens a profile, in a real browser."""

from __future__ import annotations

from typing import Any

from tests.web.factories import Scenario


def test_search_directory_and_open_a_profile(
    live_server: str, scenario: Scenario, page: Any
) -> None:
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Browse organisations").click()
    page.get_by_label("Search by name, city, description, offers or needs").fill("배터리")
    page.get_by_role("button", name="Search").click()
    assert "q=" in page.url
    assert "한국배터리산업협회" in page.locator("ul.results h2").all_inner_texts()
    page.get_by_role("link", name="한국배터리산업협회").first.click()
    assert page.locator("h1").inner_text().strip() == "한국배터리산업협회"


def test_directory_filters_by_country(live_server: str, scenario: Scenario, page: Any) -> None:
    page.goto(f"{live_server}/organisations")
    page.get_by_label("Country").select_option("ES")
    page.get_by_role("button", name="Apply filters").click()
    titles = page.locator("ul.results h2").all_inner_texts()
    assert "Clúster de l'Automoció de Catalunya" in titles
    assert "한국배터리산업협회" not in titles
    assert "country=ES" in page.url
