import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from doorstep.cases import selectors
from doorstep.cases.models import CaseType, EventKind, RiskLevel
from doorstep.cases.registry import CasePanel, _panels, _warnings, register_panel, register_warning
from doorstep.cases.tests.conftest import CAST, SEES_RESTRICTED
from doorstep.cases.tests.factories import (
    CaseActionFactory,
    CaseCostFactory,
    CaseEventFactory,
    CaseFactory,
    CasePartyFactory,
)
from doorstep.contacts.tests.factories import ContactFactory
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people.tests.factories import FlagFactory


def _refs(rows):
    return [row.reference for row in rows]


@pytest.mark.django_db
def test_scopes_mine_team_patch_and_all(officer, other_officer, team_leader, case, other_case):
    mine = selectors.cases_for(user=officer, filters={"show": "mine"})
    assert list(mine) == [case]
    assert list(selectors.cases_for(user=team_leader, filters={"show": "team"})) == [case]
    assert list(selectors.cases_for(user=officer, filters={"show": "patch"})) == [case]
    assert list(selectors.cases_for(user=other_officer, filters={"show": "patch"})) == [other_case]
    assert set(selectors.cases_for(user=officer, filters={"show": "all"})) == {case, other_case}


@pytest.mark.django_db
def test_default_is_open_cases_in_the_users_usual_scope(officer, manager, case, other_case):
    closed = CaseFactory(
        home=case.home, lead_officer=officer, status="closed", closed_on=timezone.localdate()
    )
    assert list(selectors.cases_for(user=officer, filters={})) == [case]
    assert set(selectors.cases_for(user=manager, filters={})) == {case, other_case}
    with_closed = selectors.cases_for(user=officer, filters={"status": "any"})
    assert set(with_closed) == {case, closed}
    assert list(selectors.cases_for(user=officer, filters={"status": "closed"})) == [closed]


@pytest.mark.django_db
def test_filters_by_type_risk_and_overdue_actions(officer, case, home):
    today = timezone.localdate()
    hoarding = CaseFactory(
        case_type=CaseType.HOARDING, home=home, lead_officer=officer, risk_level=RiskLevel.HIGH
    )
    CaseActionFactory(case=hoarding, due_on=today - dt.timedelta(days=1))
    CaseActionFactory(case=case, due_on=today)  # due today: not overdue
    CaseActionFactory(
        case=case, due_on=today - dt.timedelta(days=3), done_at=timezone.now()
    )  # done: not overdue
    base = {"show": "mine"}
    assert list(selectors.cases_for(user=officer, filters={**base, "case_type": "hoarding"})) == [
        hoarding
    ]
    assert list(selectors.cases_for(user=officer, filters={**base, "risk_level": "high"})) == [
        hoarding
    ]
    overdue = list(selectors.cases_for(user=officer, filters={**base, "overdue": "true"}))
    assert overdue == [hoarding]
    assert overdue[0].overdue_actions == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_restricted_rows_show_only_whom_to_ask(cast, restricted_case, case, who):
    rows = selectors.rows_for(
        user=cast[who], cases=selectors.cases_for(user=cast[who], filters={"show": "all"})
    )
    row = next(r for r in rows if r.reference == restricted_case.reference)
    assert row.can_see is SEES_RESTRICTED[who]
    if not SEES_RESTRICTED[who]:
        assert row.case is None
        assert row.place == ""
        assert row.restricted_text == "Restricted case — ask Jan Kennedy"
    audited = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(restricted_case.pk))
    assert audited.count() == (1 if SEES_RESTRICTED[who] else 0)
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(case.pk)).exists()


@pytest.mark.django_db
def test_filters_on_hidden_details_leave_out_restricted_cases_one_cannot_see(
    other_officer, restricted_case
):
    restricted_case.risk_level = RiskLevel.HIGH
    restricted_case.save()
    CaseActionFactory(case=restricted_case, due_on=timezone.localdate() - dt.timedelta(days=2))
    base = {"show": "all"}
    assert restricted_case in selectors.cases_for(user=other_officer, filters=base)
    for extra in ({"risk_level": "high"}, {"overdue": "true"}):
        assert not selectors.cases_for(user=other_officer, filters={**base, **extra}).exists()


@pytest.mark.django_db
def test_case_list_queries_do_not_grow_with_rows(
    django_assert_max_num_queries, officer, other_officer, home, team
):
    today = timezone.localdate()
    for n in range(40):
        case = CaseFactory(
            home=home,
            lead_officer=officer if n % 2 else other_officer,
            team=team,
            case_type=CaseType.SAFEGUARDING if n % 4 == 1 else CaseType.ASB,
        )
        CaseActionFactory(case=case, owner=officer, due_on=today - dt.timedelta(days=n % 3))
    with django_assert_max_num_queries(8):
        cases = selectors.cases_for(user=other_officer, filters={"show": "all"})
        rows = selectors.rows_for(user=other_officer, cases=list(cases))
        assert len(rows) == 40
        assert [r.place for r in rows]  # the home is already loaded
        hidden = [r for r in rows if not r.can_see]
        assert len(hidden) == 10  # safeguarding cases led by officer, not other_officer
        assert {r.restricted_text for r in hidden} == {"Restricted case — ask Jan Kennedy"}


# --- the case page ---------------------------------------------------------------------------


@pytest.fixture
def busy_case(case, officer):
    now = timezone.now()
    for n in range(30):
        CaseEventFactory(case=case, at=now - dt.timedelta(hours=n), text=f"event {n}")
    for _ in range(10):
        CaseActionFactory(case=case, owner=officer)
    for n in range(5):
        party = CasePartyFactory(
            case=case, role=["reporter", "victim", "witness", "alleged_perpetrator", "subject"][n]
        )
        FlagFactory(person=party.person, code="risk_to_staff")
    for _ in range(3):
        CaseCostFactory(case=case)
    return case


@pytest.mark.django_db
def test_case_page_queries_are_fixed(django_assert_max_num_queries, registry, officer, busy_case):
    """The core page without the type apps' panels (each has its own query test)."""
    case = selectors.case_get(reference=busy_case.reference)
    with django_assert_max_num_queries(10):
        page = selectors.case_page(user=officer, case=case)
        assert len(page.timeline) == 30
        assert len(page.open_actions) == 10
        assert len(page.parties) == 5
        assert all(p.arrangements for p in page.parties)
        assert page.costs_total == 750


@pytest.mark.django_db
def test_timeline_merges_contacts_newest_first_latest_fifty(officer, case, person):
    now = timezone.now()
    for n in range(40):
        CaseEventFactory(case=case, at=now - dt.timedelta(minutes=2 * n), text=f"event {n}")
    for n in range(20):
        ContactFactory(
            case=case,
            person=person,
            logged_by=officer,
            happened_at=now - dt.timedelta(minutes=2 * n + 1),
            summary=f"call {n}",
        )
    ContactFactory(person=person, logged_by=officer, summary="not about the case")
    page = selectors.case_page(user=officer, case=case)
    assert len(page.timeline) == 50 and page.more_timeline
    assert [i.text for i in page.timeline[:3]] == ["event 0", "call 0", "event 1"]
    assert [i.at for i in page.timeline] == sorted((i.at for i in page.timeline), reverse=True)
    assert "not about the case" not in [i.text for i in page.timeline]
    assert page.timeline[1].is_contact and page.timeline[1].kind_label.startswith("Phone from")


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_case_page_of_a_restricted_case_is_refused_or_audited(cast, restricted_case, who):
    user = cast[who]
    if SEES_RESTRICTED[who]:
        selectors.case_page(user=user, case=restricted_case)
        view = AuditEvent.objects.get(action=AuditAction.VIEW)
        assert (view.actor, view.object_label, view.changes) == (
            user,
            restricted_case.reference,
            {"viewed": "case page"},
        )
    else:
        with pytest.raises(PermissionDenied):
            selectors.case_page(user=user, case=restricted_case)
        assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_linked_restricted_case_shows_only_whom_to_ask(other_officer, other_case, restricted_case):
    other_case.linked_cases.add(restricted_case)
    page = selectors.case_page(user=other_officer, case=other_case)
    assert [(r.reference, r.can_see) for r in page.linked] == [(restricted_case.reference, False)]


@pytest.fixture
def registry():
    """An empty panel and warning registry for the test (the type apps' own are restored)."""
    panels, warns = list(_panels), list(_warnings)
    _panels.clear()
    _warnings.clear()
    yield
    _panels[:] = panels
    _warnings[:] = warns


@pytest.mark.django_db
def test_registered_panels_and_warnings_for_the_case_type(registry, officer, case):
    register_panel(
        CasePanel(
            case_types=frozenset({"asb"}),
            template="x.html",
            order=1,
            context=lambda *, user, case: {"seen_by": user.pk, "ref": case.reference},
        )
    )
    register_panel(
        CasePanel(case_types=frozenset({"hoarding"}), template="y.html", context=lambda **kw: {})
    )
    register_warning(lambda *, user, case: [f"Two reports about {case.reference}"])
    page = selectors.case_page(user=officer, case=case)
    assert [p.panel.template for p in page.panels] == ["x.html"]
    assert page.panels[0].context == {"seen_by": officer.pk, "ref": case.reference}
    assert f"Two reports about {case.reference}" in page.warnings


@pytest.mark.django_db
def test_case_page_offers_what_the_user_may_do(officer, team_leader, other_officer, case):
    page = selectors.case_page(user=officer, case=case)
    assert page.can_edit and not page.can_restrict
    assert [s for s, _ in page.transitions] == ["investigating", "action", "monitoring", "closed"]
    assert selectors.case_page(user=team_leader, case=case).can_restrict
    page = selectors.case_page(user=other_officer, case=case)
    assert not page.can_edit and page.transitions == []


@pytest.mark.django_db
def test_event_kind_labels_on_the_timeline(officer, case):
    CaseEventFactory(case=case, kind=EventKind.RISK, text="Risk up")
    assert selectors.case_page(user=officer, case=case).timeline[0].kind_label == "Risk level"
