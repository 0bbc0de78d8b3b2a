"""The synthetic demo scenario: deterministic, complete, referentially sound, coherent, and
made only of values the registry importers accept. Pure: no database."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest

from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.demo import generate
from clusterbridge.demo.themes import THEMES, technology_slugs
from clusterbridge.taxonomy import emerging_industry, entries, nuts, subdivision

Tables = dict[str, list[dict[str, str]]]

COLUMNS = {
    "organisations": "external_id kind name name_latin country region nuts city latitude"
    " longitude website description offers needs size_class founding_year vat pic national_id"
    " industries technologies emerging_industries",
    "programmes": "external_id name agency country description website start_year",
    "industrial_complexes": "external_id name complex_type country region managing_body area_km2",
    "clusters": "organisation programme industrial_complex acronym management_fte label_level"
    " label_valid_until founding_year strategy_areas focus_industries focus_technologies"
    " focus_emerging_industries",
    "memberships": "organisation cluster role since until",
    "collaborations": "external_id source title programme year start_date end_date total_cost"
    " funding programme_parts",
    "participations": "collaboration organisation role contribution",
    "persons": "external_id name email position organisation",
}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
MONEY = re.compile(r"^\d+\.\d{2}$")


@pytest.fixture(scope="module")
def scenario() -> Tables:
    return generate()


def _split(value: str) -> list[str]:
    return value.split(";") if value else []


def _by_id(tables: Tables, table: str, key: str = "external_id") -> dict[str, dict[str, str]]:
    return {row[key]: row for row in tables[table]}


def _members(tables: Tables) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in tables["memberships"]:
        found[row["cluster"]].add(row["organisation"])
    return found


def _catalan_and_korean(tables: Tables) -> tuple[list[str], list[str]]:
    clusters = tables["clusters"]
    korean = [c["organisation"] for c in clusters if c["industrial_complex"]]
    catalan = [c["organisation"] for c in clusters if not c["industrial_complex"]]
    return catalan, korean


def test_same_seed_gives_identical_tables() -> None:
    assert generate(11, 1_200) == generate(11, 1_200)


def test_another_seed_gives_other_tables() -> None:
    assert generate(12, 1_200) != generate(11, 1_200)


def test_organisation_count_is_the_argument(scenario: Tables) -> None:
    assert len(scenario["organisations"]) == 10_000
    assert len(generate(5, 1_234)["organisations"]) == 1_234


def test_too_few_organisations_are_refused() -> None:
    with pytest.raises(ClusterBridgeError, match="at least"):
        generate(1, 100)


def test_tables_have_exactly_the_import_columns(scenario: Tables) -> None:
    assert list(scenario) == list(COLUMNS)
    for table, columns in COLUMNS.items():
        assert scenario[table], table
        for row in scenario[table]:
            assert list(row) == columns.split(), table
            assert all(isinstance(value, str) for value in row.values())


def test_28_catalan_clusters_and_about_100_korean_mini_clusters(scenario: Tables) -> None:
    catalan, korean = _catalan_and_korean(scenario)
    assert len(catalan) == 28
    assert 90 <= len(korean) <= 110
    complexes = {c["industrial_complex"] for c in scenario["clusters"]} - {""}
    assert 15 <= len(complexes) <= 20
    programmes = Counter(c["programme"] for c in scenario["clusters"])
    assert sorted(programmes.values()) == sorted([28, len(korean)])


def test_cluster_sizes_are_realistic(scenario: Tables) -> None:
    members = _members(scenario)
    catalan, korean = _catalan_and_korean(scenario)
    assert all(40 <= len(members[c]) <= 200 for c in catalan)
    assert all(15 <= len(members[c]) <= 60 for c in korean)


def test_every_reference_resolves(scenario: Tables) -> None:
    orgs = _by_id(scenario, "organisations")
    clusters = _by_id(scenario, "clusters", "organisation")
    complexes = _by_id(scenario, "industrial_complexes")
    collaborations = _by_id(scenario, "collaborations")
    programmes = _by_id(scenario, "programmes")
    assert all(orgs[p["agency"]]["kind"] == "public_body" for p in programmes.values())
    assert all(c["managing_body"] in orgs for c in complexes.values())
    for cluster in clusters.values():
        assert orgs[cluster["organisation"]]["kind"] == "cluster_organisation"
        assert cluster["programme"] in programmes
        assert cluster["industrial_complex"] in {"", *complexes}
    for row in scenario["memberships"]:
        assert row["organisation"] in orgs
        assert row["cluster"] in clusters
        assert row["organisation"] != row["cluster"]
    for row in scenario["participations"]:
        assert row["collaboration"] in collaborations
        assert row["organisation"] in orgs
    assert all(p["organisation"] in orgs for p in scenario["persons"])


def test_keys_are_unique(scenario: Tables) -> None:
    for table in ("organisations", "programmes", "industrial_complexes", "collaborations"):
        ids = [row["external_id"] for row in scenario[table]]
        assert len(ids) == len(set(ids)), table
    memberships = [(m["organisation"], m["cluster"], m["since"]) for m in scenario["memberships"]]
    assert len(memberships) == len(set(memberships))
    pairs = [(p["collaboration"], p["organisation"]) for p in scenario["participations"]]
    assert len(pairs) == len(set(pairs))
    pics = [o["pic"] for o in scenario["organisations"] if o["pic"]]
    assert len(pics) == len(set(pics)) > 100


def test_kinds_and_sizes_agree(scenario: Tables) -> None:
    allowed = {
        "startup": {"micro", "small"},
        "university": {"large"},
        "cluster_organisation": {"micro", "small"},
        "company": {"micro", "small", "medium", "large"},
    }
    kinds = Counter(o["kind"] for o in scenario["organisations"])
    assert 0.08 <= kinds["startup"] / 10_000 <= 0.12
    assert kinds["company"] > 0.8 * 10_000
    assert 20 <= kinds["university"] <= 60
    for org in scenario["organisations"]:
        assert org["size_class"] in allowed.get(org["kind"], {"micro", "small", "medium", "large"})
        if org["kind"] == "startup":
            assert int(org["founding_year"]) >= 2015
    sizes = Counter(o["size_class"] for o in scenario["organisations"] if o["kind"] == "company")
    assert sizes["large"] < sizes["medium"] < sizes["small"]


def test_origins_are_mostly_catalan_and_korean(scenario: Tables) -> None:
    countries = Counter(o["country"] for o in scenario["organisations"])
    assert countries["ES"] == 4_000
    assert countries["KR"] == 4_500
    assert len(countries) >= 10
    catalan = [o for o in scenario["organisations"] if o["region"] == "ES-CT"]
    assert len(catalan) > 3_500
    assert all(o["nuts"] == "ES51" for o in catalan)


def test_several_clusters_for_some_organisations(scenario: Tables) -> None:
    clusters_of: dict[str, set[str]] = defaultdict(set)
    for row in scenario["memberships"]:
        clusters_of[row["organisation"]].add(row["cluster"])
    several = {org for org, found in clusters_of.items() if len(found) >= 2}
    assert len(several) >= 0.08 * len(scenario["organisations"])
    kinds = _by_id(scenario, "organisations")
    academics = [o for o in several if kinds[o]["kind"] in ("university", "research_centre")]
    assert len(academics) >= 30


def test_membership_history(scenario: Tables) -> None:
    orgs = _by_id(scenario, "organisations")
    clusters = _by_id(scenario, "clusters", "organisation")
    rows = scenario["memberships"]
    ended = [m for m in rows if m["until"]]
    assert len(ended) >= 0.03 * len(rows)
    assert all(date.fromisoformat(m["until"]) > date.fromisoformat(m["since"]) for m in ended)
    renewed = Counter((m["organisation"], m["cluster"]) for m in rows)
    assert any(count >= 2 for count in renewed.values())
    for m in rows:
        since = date.fromisoformat(m["since"])
        assert since.year >= int(clusters[m["cluster"]]["founding_year"])
        founded = orgs[m["organisation"]]["founding_year"]
        assert not founded or since.year >= int(founded)
    roles = Counter(m["role"] for m in rows)
    assert set(roles) == {"member", "founding_member", "board_member", "associate", "partner"}


def test_automotive_cluster_members_make_vehicles_or_parts(scenario: Tables) -> None:
    orgs = _by_id(scenario, "organisations")
    members = _members(scenario)["demo-cluster-ct-automotive"]
    firms = [orgs[o] for o in members if orgs[o]["kind"] in ("company", "startup")]
    automotive = [o for o in firms if any(c.startswith("29.") for c in _split(o["industries"]))]
    assert len(automotive) >= 0.7 * len(firms)


def test_members_share_their_clusters_sector(scenario: Tables) -> None:
    orgs = _by_id(scenario, "organisations")
    members = _members(scenario)
    for cluster in scenario["clusters"]:
        focus = set(_split(cluster["focus_industries"]))
        firms = [orgs[o] for o in members[cluster["organisation"]]]
        firms = [o for o in firms if o["kind"] in ("company", "startup")]
        fitting = [o for o in firms if focus & set(_split(o["industries"]))]
        assert len(fitting) >= 0.6 * len(firms), cluster["organisation"]


def test_texts_name_what_partners_look_for(scenario: Tables) -> None:
    """Battery makers describe batteries, and automotive firms ask for battery modules."""
    orgs = _by_id(scenario, "organisations")
    battery_makers = [o for o in orgs.values() if "27.20" in _split(o["industries"])]
    said = [o for o in battery_makers if "batter" in (o["description"] + o["offers"]).lower()]
    assert len(said) >= 0.5 * len(battery_makers) > 50
    automotive = _members(scenario)["demo-cluster-ct-automotive"]
    assert any("battery" in orgs[o]["needs"] for o in automotive)


def _nace_classes() -> set[str]:
    text = (resources.files("naceconverter") / "nacecodes.csv").read_text(encoding="utf-8")
    return {
        row["code"]
        for row in csv.DictReader(text.splitlines(), delimiter=";")
        if row["level"] == "4"
    }


def test_industry_codes_are_nace_classes(scenario: Tables) -> None:
    classes = _nace_classes()
    used = {c for o in scenario["organisations"] for c in _split(o["industries"])}
    used |= {c for row in scenario["clusters"] for c in _split(row["focus_industries"])}
    assert used <= classes
    assert all(1 <= len(_split(o["industries"])) <= 3 for o in scenario["organisations"])


def test_technologies_and_emerging_industries_are_in_the_taxonomy(scenario: Tables) -> None:
    technologies = {e.code for e in entries("technology")}
    used = {t for o in scenario["organisations"] for t in _split(o["technologies"])}
    used |= {t for row in scenario["clusters"] for t in _split(row["focus_technologies"])}
    assert used <= technologies
    assert all(len(_split(o["technologies"])) <= 4 for o in scenario["organisations"])
    emerging = {e for o in scenario["organisations"] for e in _split(o["emerging_industries"])}
    assert all(emerging_industry(e) == e for e in emerging)


def test_every_theme_profile_uses_known_codes() -> None:
    """All the vocabulary the generator can draw on, not just what one seed happened to use."""
    technologies = {e.code for e in entries("technology")}
    assert set(technology_slugs()) <= technologies
    classes = _nace_classes()
    for theme in THEMES.values():
        assert set(theme.nace) <= classes, theme.key
        assert all(emerging_industry(e) == e for e in theme.emerging), theme.key
        assert set(theme.related) <= set(THEMES), theme.key


def test_places_are_valid_codes(scenario: Tables) -> None:
    places = {(o["country"], o["region"], o["nuts"]) for o in scenario["organisations"]}
    places |= {(c["country"], c["region"], "") for c in scenario["industrial_complexes"]}
    for country, region, code in places:
        assert subdivision(region, country) == region
        if country == "KR":
            assert code == ""
        else:
            assert nuts(code, country) == code
    for org in scenario["organisations"]:
        assert -90 <= float(org["latitude"]) <= 90
        assert -180 <= float(org["longitude"]) <= 180


def test_korean_organisations_have_hangul_and_romanised_names(scenario: Tables) -> None:
    korean = [o for o in scenario["organisations"] if o["country"] == "KR"]
    assert all(HANGUL.search(o["name"]) for o in korean)
    assert all(o["name_latin"] and not HANGUL.search(o["name_latin"]) for o in korean)


def test_values_have_the_cell_formats(scenario: Tables) -> None:
    for org in scenario["organisations"]:
        assert re.fullmatch(r"https://[a-z0-9-]+\.example", org["website"])
        assert not org["pic"] or re.fullmatch(r"\d{9}", org["pic"])
    for person in scenario["persons"]:
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9-]+\.example", person["email"])
    for row in scenario["collaborations"]:
        assert row["year"] == row["start_date"][:4]
        assert not row["end_date"] or row["end_date"] >= row["start_date"]
        assert all(MONEY.match(v) for v in (row["total_cost"], row["funding"]) if v)
    for row in scenario["clusters"]:
        assert MONEY.match(row["management_fte"])
        assert bool(row["label_level"]) == bool(row["label_valid_until"])
    for row in scenario["industrial_complexes"]:
        assert re.fullmatch(r"\d+\.\d{3}", row["area_km2"])


def test_collaborations_have_one_coordinator_and_two_to_eight_participants(
    scenario: Tables,
) -> None:
    roles: dict[str, list[str]] = defaultdict(list)
    for row in scenario["participations"]:
        roles[row["collaboration"]].append(row["role"])
    assert set(roles) == {c["external_id"] for c in scenario["collaborations"]}
    assert all(2 <= len(found) <= 8 and found.count("coordinator") == 1 for found in roles.values())
    years = Counter(int(c["year"]) for c in scenario["collaborations"])
    assert min(years) == 2014
    assert max(years) == 2025
    sources = Counter(c["source"] for c in scenario["collaborations"])
    assert set(sources) == {"demo-project", "demo-agreement", "demo-meeting"}
    assert 2_000 <= sum(sources.values()) <= 5_000


def test_funding_is_shared_exactly(scenario: Tables) -> None:
    shares: dict[str, Decimal] = defaultdict(Decimal)
    for row in scenario["participations"]:
        if row["contribution"]:
            shares[row["collaboration"]] += Decimal(row["contribution"])
    for row in scenario["collaborations"]:
        if row["funding"]:
            assert Decimal(row["funding"]) <= Decimal(row["total_cost"])
            assert shares[row["external_id"]] == Decimal(row["funding"])


def test_some_collaborations_join_europe_and_korea(scenario: Tables) -> None:
    orgs = _by_id(scenario, "organisations")
    countries: dict[str, set[str]] = defaultdict(set)
    for row in scenario["participations"]:
        countries[row["collaboration"]].add(orgs[row["organisation"]]["country"])
    both = [c for c in countries.values() if "KR" in c and c - {"KR"}]
    assert len(both) >= 0.05 * len(countries)


def test_every_cluster_organisation_has_a_contact(scenario: Tables) -> None:
    contacts = {p["organisation"] for p in scenario["persons"]}
    assert {c["organisation"] for c in scenario["clusters"]} <= contacts
    assert len(scenario["persons"]) >= len(scenario["clusters"]) + 200


def test_programmes_say_the_data_is_synthetic(scenario: Tables) -> None:
    names = {p["name"] for p in scenario["programmes"]}
    assert names == {"Catalonia Clusters Programme", "KICOX mini-clusters"}
    assert all("Synthetic demo data" in p["description"] for p in scenario["programmes"])


def _cif_control(digits: str) -> int:
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    return (10 - (odd + sum(int(d) for d in digits[1::2])) % 10) % 10


def _business_number_check(digits: str) -> int:
    total = sum(w * int(d) for w, d in zip((1, 3, 7, 1, 3, 7, 1, 3, 5), digits, strict=False))
    return (10 - (total + int(digits[8]) * 5 // 10) % 10) % 10


def test_identifiers_have_valid_check_digits(scenario: Tables) -> None:
    spanish = [o for o in scenario["organisations"] if o["vat"]]
    assert len(spanish) > 3_000
    for org in spanish:
        assert re.fullmatch(r"ES[ABFG]\d{8}", org["vat"])
        assert int(org["vat"][-1]) == _cif_control(org["vat"][3:10])
    korean = [o for o in scenario["organisations"] if o["national_id"]]
    assert len(korean) > 3_000
    for org in korean:
        assert re.fullmatch(r"\d{3}-8\d-\d{5}", org["national_id"])
        digits = org["national_id"].replace("-", "")
        assert int(digits[9]) == _business_number_check(digits)
