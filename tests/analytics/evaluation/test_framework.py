"""Frameworks as data: the shipped default is complete and consistent; a bad file gives one
InvalidInput naming the file, the indicator and the field, never a pydantic traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clusterbridge.analytics.evaluation.computed import COMPUTATIONS
from clusterbridge.analytics.evaluation.enums import ValueSource
from clusterbridge.analytics.evaluation.framework import (
    default_framework,
    load_framework_file,
    parse_framework,
)
from clusterbridge.core.errors import InvalidInput

AREAS = {"structure", "governance", "financing", "services", "cooperation", "results"}


def default_data() -> dict:
    folder = Path(__file__).resolve().parents[3] / "src/clusterbridge/analytics/evaluation"
    return yaml.safe_load((folder / "frameworks/default.yaml").read_text(encoding="utf-8"))


def problems_of(data: dict | str) -> list[str]:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    with pytest.raises(InvalidInput) as caught:
        parse_framework(text, "agency.yaml")
    return [str(p) for p in caught.value.problems]


def test_default_framework_covers_six_areas_with_computed_and_asked_indicators() -> None:
    framework = default_framework()
    assert {a.key for a in framework.areas} == AREAS
    assert 20 <= len(framework.indicators) <= 25
    assert all(framework.indicators_of(area) for area in AREAS)
    computed = framework.of_source(ValueSource.COMPUTED)
    optional = {"event_meetings", "event_agreements"}  # for frameworks that want them
    assert {i.compute for i in computed} == set(COMPUTATIONS) - optional
    assert all(i.question for i in framework.of_source(ValueSource.QUESTIONNAIRE))
    members = framework.indicator("committed_members")
    assert members is not None
    assert members.thresholds["basic"] == 15  # the ECCP minimum of committed members
    fte = framework.indicator("management_fte")
    assert fte is not None
    assert fte.thresholds["basic"] == 0.5


def test_negative_weight_names_file_indicator_and_field() -> None:
    data = default_data()
    data["indicators"][3]["weight"] = -1
    (problem,) = problems_of(data)
    assert problem == (
        "agency.yaml: indicators[3].weight (indicator 'sme_share'): must be positive (value '-1')"
    )


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    data = default_data()
    data["indicators"][0]["compute"] = "members_by_magic"
    data["indicators"][7]["thresholds"] = {"basic": 6, "good": 4, "excellent": 2}
    data["indicators"][8].pop("question")
    data["indicators"][9]["area"] = "marketing"
    data["indicators"][10]["unit"] = "furlongs"
    problems = problems_of(data)
    assert len(problems) == 1  # structural errors first: the unit
    assert "indicators[10].unit (indicator 'management_budget'): must be one of" in problems[0]
    data["indicators"][10]["unit"] = "euros"
    problems = problems_of(data)
    assert len(problems) == 4
    assert (
        "indicators[0].compute (indicator 'committed_members'): unknown computation" in problems[0]
    )
    assert "indicators[7].thresholds (indicator 'board_meetings'): values must rise" in problems[1]
    assert "indicators[8].question (indicator 'member_satisfaction'): is required" in problems[2]
    assert "indicators[9].area (indicator 'staff_training_days'): unknown area" in problems[3]


def test_lower_is_better_thresholds_must_fall() -> None:
    data = default_data()
    index = next(n for n, i in enumerate(data["indicators"]) if i["key"] == "largest_source_share")
    data["indicators"][index]["thresholds"] = {"basic": 50, "good": 65, "excellent": 80}
    (problem,) = problems_of(data)
    assert f"indicators[{index}].thresholds" in problem
    assert "must fall" in problem


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["indicators"].append(dict(d["indicators"][0])),
            "'committed_members' appears twice",
        ),
        (lambda d: d.update(colour="blue"), "colour: is not a field of frameworks"),
        (
            lambda d: d["indicators"][2].pop("source"),
            "indicators[2].source (indicator 'triple_helix'): is required",
        ),
        (
            lambda d: d["indicators"][3]["thresholds"].pop("good"),
            "needs exactly one value per level",
        ),
        (lambda d: d["indicators"][3]["thresholds"].update(excellent=120), "is a percentage"),
        (
            lambda d: d.update(score_levels={"basic": 80, "good": 60, "excellent": 40}),
            "score_levels: values must rise",
        ),
        (
            lambda d: d["areas"].append({"key": "empty", "name": "Empty"}),
            "areas[6] (area 'empty'): no indicator",
        ),
        (
            lambda d: d["areas"][0].update(weight=0),
            "areas[0].weight (area 'structure'): must be positive",
        ),
        (lambda d: d.update(key="Not A Key"), "key: use lower-case letters"),
    ],
)
def test_each_kind_of_mistake_is_named(change, expected: str) -> None:
    data = default_data()
    change(data)
    assert any(expected in problem for problem in problems_of(data)), problems_of(data)


def test_yaml_syntax_error_names_the_line() -> None:
    problems = problems_of("key: x\nname: [unclosed\nareas: []\n")
    assert problems[0].startswith("agency.yaml, row ")
    assert "not valid YAML" in problems[0]


def test_not_a_mapping_and_missing_file(tmp_path: Path) -> None:
    assert "a YAML mapping" in problems_of("- just\n- a list\n")[0]
    with pytest.raises(InvalidInput, match="file not found"):
        load_framework_file(tmp_path / "absent.yaml")


def test_an_agency_framework_with_its_own_levels(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(
        """
key: labels
name: Bronze to gold
levels: [bronze, silver, gold]
score_levels: {bronze: 30, silver: 55, gold: 80}
areas: [{key: members, name: Members}]
indicators:
  - {key: size, area: members, name: Members, unit: count, source: computed,
     compute: committed_members, thresholds: {bronze: 15, silver: 30, gold: 60}}
  - {key: fees, area: members, name: Fees, unit: percent, source: questionnaire,
     question: "Share of income from fees?", thresholds: {bronze: 10, silver: 20, gold: 30}}
""",
        encoding="utf-8",
    )
    framework = load_framework_file(path)
    assert framework.levels == ["bronze", "silver", "gold"]
    assert [i.key for i in framework.of_source(ValueSource.QUESTIONNAIRE)] == ["fees"]
