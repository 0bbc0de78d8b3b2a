"""Partner-search posts and expressions of interest: validation, expiry, the interest rules,
the filters of the list, who may act for an organisation, and the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.accounts.scopes import principal_for
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound
from clusterbridge.matchmaking.posts import access, queries
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.models import InterestStatus, PostStatus, PostType
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.operations import StaleVersion
from clusterbridge.registry.queries.common import today_utc
from tests.matchmaking import post_factory as make
from tests.web.auth_helpers import make_user
from tests.web.factories import Scenario, seed_scenario


@pytest.fixture
def scenario(engine: Engine) -> Scenario:
    return seed_scenario(engine)


def _record(post_id: int) -> queries.PostRecord:
    with transaction() as session:
        return queries.get_post_record(session, post_id)


def _titles(**filters: object) -> list[str]:
    with transaction() as session:
        found = queries.search_posts(session, queries.PostFilter(**filters))  # type: ignore[arg-type]
    return [item.title for item in found.items]


def test_a_post_keeps_canonical_codes(scenario: Scenario) -> None:
    post_id = make.post(
        scenario.motors,
        industries=["C29.10", "2720", "29.10"],
        technologies=["3D printing", "battery-technology"],
        countries=["South Korea", "es"],
        kinds=["University", "research centre", "start-up"],
    )
    record = _record(post_id)
    assert record.industries == ("27.20", "29.10")
    assert record.technologies == ("additive-manufacturing", "battery-technology")
    assert record.countries == ("ES", "KR")
    assert record.kinds == ("research_centre", "startup", "university")
    assert (record.status, record.is_open, record.expired) == (PostStatus.OPEN, True, False)
    assert record.organisation_name == "Motors Vallès SL"
    assert make.audit_actions(make.POST, post_id) == ["posts.post.created"]


def test_every_bad_field_is_named_at_once(scenario: Scenario) -> None:
    values = ops.PostInput(
        organisation_id=10**6,
        post_type="joint_venture",
        title="  ",
        description="x" * 10_001,
        expires_on=today_utc() - timedelta(days=1),
        industries=["NAICS:336111", "99.99"],
        technologies=["warp drive"],
        countries=["Atlantis"],
        kinds=["alien"],
    )
    with pytest.raises(InvalidInput) as caught, transaction() as session:
        ops.create_post(session, values, actor_id=None)
    fields = [p.column for p in caught.value.problems]
    assert set(fields) == (
        {"organisation_id", "post_type", "title", "description", "expires_on", "industries"}
        | {"technologies", "countries", "kinds"}
    )
    assert fields.count("industries") == 2
    assert "NACE" in str(caught.value)
    assert make.audit_actions() == []


def test_a_post_expires_at_most_two_years_ahead(scenario: Scenario) -> None:
    with pytest.raises(InvalidInput, match="two years"):
        make.post(scenario.motors, expires_on=make.in_days(800))
    assert make.post(scenario.motors, expires_on=make.in_days(700)) > 0


def test_an_expired_post_is_not_open(scenario: Scenario) -> None:
    post_id = make.post(scenario.motors, expires_on=make.in_days(3))
    later = today_utc() + timedelta(days=4)
    with transaction() as session:
        record = queries.get_post_record(session, post_id, today=later)
        listed = queries.search_posts(session, queries.PostFilter(), today=later)
        everything = queries.search_posts(session, queries.PostFilter(open_only=False), today=later)
    assert (record.is_open, record.expired, record.status) == (False, True, PostStatus.OPEN)
    assert listed.total == 0
    assert [p.id for p in everything.items] == [post_id]
    with pytest.raises(Conflict, match="closed or expired"), transaction() as session:
        ops.express_interest(
            session, post_id, scenario.battery_company, "Hello", actor_id=None, today=later
        )
    with pytest.raises(InvalidInput, match="new expiry date"), transaction() as session:
        ops.reopen_post(session, post_id, actor_id=None, today=later)
    with transaction() as session:
        post = ops.reopen_post(
            session, post_id, expires_on=later + timedelta(days=30), actor_id=None, today=later
        )
        assert post.is_open(later)


def test_closing_and_reopening(scenario: Scenario) -> None:
    post_id = make.post(scenario.motors, title="Closed soon")
    with transaction() as session:
        ops.close_post(session, post_id, actor_id=None)
        ops.close_post(session, post_id, actor_id=None)  # again: nothing more happens
    assert _titles() == []
    with pytest.raises(Conflict), transaction() as session:
        ops.express_interest(session, post_id, scenario.upc, "Interested", actor_id=None)
    with transaction() as session:
        ops.reopen_post(session, post_id, actor_id=None)
    assert _titles() == ["Closed soon"]
    assert make.audit_actions(make.POST, post_id) == [
        "posts.post.created",
        "posts.post.closed",
        "posts.post.reopened",
    ]


def test_update_checks_the_version_and_records_what_changed(scenario: Scenario) -> None:
    post_id = make.post(scenario.motors, countries=["KR"])
    version = _record(post_id).version
    with transaction() as session:
        ops.update_post(
            session, post_id, {"countries": "KR; JP", "title": "Cells"}, version, actor_id=None
        )
    record = _record(post_id)
    assert (record.countries, record.title, record.version) == (("JP", "KR"), "Cells", version + 1)
    with pytest.raises(StaleVersion), transaction() as session:
        ops.update_post(session, post_id, {"title": "Old view"}, version, actor_id=None)
    with pytest.raises(InvalidInput, match="cannot be changed"), transaction() as session:
        ops.update_post(session, post_id, {"organisation_id": 1}, version + 1, actor_id=None)
    with transaction() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "posts.post.updated")
        ).one()
    assert entry.before == {"countries": ["KR"], "title": "Battery modules for light vehicles"}
    assert entry.after == {"countries": ["JP", "KR"], "title": "Cells"}


def test_interest_rules(scenario: Scenario) -> None:
    post_id = make.post(scenario.motors)
    with pytest.raises(InvalidInput, match="its own post"), transaction() as session:
        ops.express_interest(session, post_id, scenario.motors, "Us", actor_id=None)
    with pytest.raises(InvalidInput, match="required"), transaction() as session:
        ops.express_interest(session, post_id, scenario.battery_company, " ", actor_id=None)
    with pytest.raises(NotFound), transaction() as session:
        ops.express_interest(session, 10**6, scenario.battery_company, "Hi", actor_id=None)
    first = make.interest(post_id, scenario.battery_company)
    with pytest.raises(Conflict, match="already expressed interest"):
        make.interest(post_id, scenario.battery_company)
    with transaction() as session:
        ops.withdraw_interest(session, first, actor_id=None)
    with pytest.raises(Conflict, match="withdrawn"), transaction() as session:
        ops.respond_interest(session, first, True, actor_id=None)
    again = make.interest(post_id, scenario.battery_company, "Still interested")
    assert again == first  # one per organisation and post, sent again
    with transaction() as session:
        ops.respond_interest(session, again, True, actor_id=None)
        ops.respond_interest(session, again, True, actor_id=None)  # same answer: no entry
        interests = queries.interests_of(session, post_id)
    assert [(i.message, i.status) for i in interests] == [
        ("Still interested", InterestStatus.ACCEPTED)
    ]
    assert interests[0].responded_at is not None
    assert make.audit_actions(make.INTEREST, first) == [
        "posts.interest.sent",
        "posts.interest.withdrawn",
        "posts.interest.sent",
        "posts.interest.accepted",
    ]
    assert _record(post_id).interest_count == 1


def test_only_own_interests_are_listed_for_an_organisation(scenario: Scenario) -> None:
    post_id = make.post(scenario.motors)
    make.interest(post_id, scenario.battery_company)
    make.interest(post_id, scenario.upc)
    with transaction() as session:
        mine = queries.interests_of(session, post_id, {scenario.upc})
        none = queries.interests_of(session, post_id, set())
    assert [i.organisation_id for i in mine] == [scenario.upc]
    assert none == []


def test_the_filters_of_the_list(scenario: Scenario) -> None:
    make.post(scenario.motors, "Cells wanted", industries=["29.10"], countries=["KR"])
    make.post(
        scenario.battery_company,
        "Cátodos para Europa",
        PostType.BUSINESS_OFFER,
        industries=["27.20"],
        countries=[],
        kinds=["company", "university"],
    )
    make.post(
        scenario.upc,
        "Recycling pilots",
        PostType.RD_PARTNER_SEARCH,
        industries=["38.21"],
        countries=["ES", "DE"],
        kinds=["research_centre"],
    )
    assert _titles() == ["Recycling pilots", "Cátodos para Europa", "Cells wanted"]
    assert _titles(post_type=PostType.BUSINESS_OFFER) == ["Cátodos para Europa"]
    assert _titles(industry="C") == ["Cátodos para Europa", "Cells wanted"]
    assert _titles(industry="29") == ["Cells wanted"]
    assert _titles(industry="C29.10") == ["Cells wanted"]
    assert _titles(industry="E") == ["Recycling pilots"]
    assert _titles(industry="no such code") == []
    # A target country matches posts naming it and those open to every country.
    assert _titles(country="KR") == ["Cátodos para Europa", "Cells wanted"]
    assert _titles(country="Germany") == ["Recycling pilots", "Cátodos para Europa"]
    assert _titles(kind="university") == ["Cátodos para Europa"]
    assert _titles(kind="research centre") == ["Recycling pilots"]
    assert _titles(text="CATODOS europa") == ["Cátodos para Europa"]
    assert _titles(text="cells 100%") == []
    assert _titles(organisation_id=scenario.upc) == ["Recycling pilots"]


def test_api_list_pages_by_cursor(scenario: Scenario) -> None:
    ids = [make.post(scenario.motors, f"Post {n}") for n in range(5)]
    with transaction() as session:
        first = queries.list_posts(session, queries.PostFilter(), None, 3)
        second = queries.list_posts(session, queries.PostFilter(), first.next_cursor, 3)
    assert [p.id for p in first.items] == ids[:3]
    assert [p.id for p in second.items] == ids[3:]
    assert second.next_cursor is None


def test_organisations_by_id_or_external_id(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        external = session.get(Organisation, scenario.upc).external_id  # type: ignore[union-attr]
        assert queries.organisation_by_reference(session, str(scenario.upc)) == scenario.upc
        assert queries.organisation_by_reference(session, external) == scenario.upc
        with pytest.raises(NotFound, match="nowhere"):
            queries.organisation_by_reference(session, "nowhere")


MOTORS = Target(organisation_id=101, member_of_clusters=frozenset({10}))
BATTERY = Target(organisation_id=201, member_of_clusters=frozenset({20}))


@pytest.mark.parametrize("action", [Action.PUBLISH_POST, Action.EXPRESS_INTEREST])
def test_who_acts_for_an_organisation(action: Action) -> None:
    rep = Principal(user_id=1, roles=frozenset({Role.MEMBER_REPRESENTATIVE}),
                    organisations=frozenset({101}))  # fmt: skip
    manager = Principal(user_id=2, roles=frozenset({Role.CLUSTER_MANAGER}),
                        clusters=frozenset({10}), cluster_organisations=frozenset({100}))  # fmt: skip
    programme = Principal(user_id=3, roles=frozenset({Role.PROGRAMME_MANAGER}),
                          programmes=frozenset({1}))  # fmt: skip
    organiser = Principal(user_id=4, roles=frozenset({Role.EVENT_ORGANISER}))
    admin = Principal(user_id=5, roles=frozenset({Role.PLATFORM_ADMIN}))
    assert [can(p, action, MOTORS) for p in (rep, manager, programme, organiser, admin)] == [
        True, True, False, False, True,
    ]  # fmt: skip
    assert [can(p, action, BATTERY) for p in (rep, manager, admin)] == [False, False, True]
    assert can(manager, action, Target(organisation_id=100, cluster_id=10))
    assert not can(Principal(), action, MOTORS)


def test_acting_organisations_come_from_the_database(engine: Engine, scenario: Scenario) -> None:
    rep = make_user(engine, "rep@motors.example", Role.MEMBER_REPRESENTATIVE,
                    organisation_id=scenario.motors)  # fmt: skip
    manager = make_user(engine, "manager@ciac.example", Role.CLUSTER_MANAGER,
                        cluster_id=scenario.catalan_cluster)  # fmt: skip
    with transaction() as session:
        as_rep, as_manager = principal_for(session, rep), principal_for(session, manager)
        assert access.may_act(session, as_rep, Action.PUBLISH_POST, scenario.motors)
        assert not access.may_act(session, as_rep, Action.PUBLISH_POST, scenario.battery_company)
        assert access.may_act(session, as_manager, Action.EXPRESS_INTEREST, scenario.upc)
        assert not access.may_act(
            session, as_manager, Action.EXPRESS_INTEREST, scenario.former_member
        )
        rep_choices = access.acting_organisations(session, as_rep, Action.PUBLISH_POST)
        manager_choices = access.acting_organisations(session, as_manager, Action.PUBLISH_POST)
    assert [c.id for c in rep_choices] == [scenario.motors]
    assert {scenario.catalan_cluster_org, scenario.motors, scenario.upc} <= {
        c.id for c in manager_choices
    }
    assert scenario.battery_company not in {c.id for c in manager_choices}


def test_demo_posts_are_published_once(engine: Engine) -> None:
    from clusterbridge.accounts.demo import demo_member_company
    from clusterbridge.demo import generate
    from clusterbridge.matchmaking.posts.demo import load_demo_posts
    from clusterbridge.registry.importers.tables import import_tables

    assert load_demo_posts(seed=3, engine=engine) == []  # no demo organisations yet
    import_tables(generate(seed=7, organisations=1_200), actor="demo", engine=engine)
    made = load_demo_posts(seed=3, engine=engine)
    assert load_demo_posts(seed=3, engine=engine) == []  # once only
    assert len(made) >= 25
    with transaction(engine) as session:
        posts = [queries.get_post_record(session, post_id) for post_id in made]
        member = demo_member_company(session)
        member_interest = queries.interests_of(session, made[-1])
    assert {p.post_type for p in posts} == set(PostType)
    assert {p.organisation_country for p in posts} >= {"ES", "KR"}
    assert sum(not p.is_open for p in posts) == 2
    assert posts[-1].organisation_id == member
    assert posts[-1].is_open
    assert {i.status for i in member_interest} == {InterestStatus.SENT}  # to answer
    assert sum(p.interest_count for p in posts) >= 5
