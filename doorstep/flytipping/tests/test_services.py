"""Fly-tipping services: each rule, the timeline, the audit log, the inspection action on the
estates officer's My day and the closing rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.cases.models import (
    CaseAction,
    CaseEvent,
    CaseParty,
    CaseStatus,
    ClosureReason,
    EventKind,
    PartyRole,
)
from doorstep.cases.permissions import can_edit_case
from doorstep.cases.services import case_action_done, case_transition
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.flytipping import services
from doorstep.flytipping.models import FlyTipping, LocationKind, Perpetrator, RechargeStatus
from doorstep.flytipping.selectors import default_estates_officer, estates_officers
from doorstep.myday.selectors import my_day
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, EstateFactory

D = dt.date
# Maundy Thursday 2026: Good Friday (3 April) and Easter Monday (6 April) are bank holidays.
THURSDAY = dt.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(THURSDAY, tick=False):
        yield


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def _save_details(actor, case, **overrides):
    values = {
        "location_kind": LocationKind.COMMUNAL_AREA,
        "estate": case.block.estate,
        "block": case.block,
        "where_exactly": "Beside the bin store at Cedar Court",
        "waste": ["black_bags", "mattress"],
        "waste_description": "",
    }
    values.update(overrides)
    return services.fly_tipping_details_save(actor=actor, case=case, **values)


# --- where and what --------------------------------------------------------------------------


def test_details_are_recorded_on_the_timeline_and_audited(officer, case):
    details = _save_details(officer, case)
    assert details.waste == ["black_bags", "mattress"]
    event = CaseEvent.objects.get(case=case)
    assert event.text == (
        "Fly-tipping recorded: Cedar Court, Beechdale Estate — Beside the bin store at Cedar "
        "Court. Dumped: black bags, mattress."
    )
    assert AuditEvent.objects.filter(
        object_type="flytipping.flytipping", action="create", actor=officer
    ).exists()
    _save_details(officer, case, waste=["tyres"])
    assert FlyTipping.objects.get(case=case).waste == ["tyres"]
    assert AuditEvent.objects.filter(object_type="flytipping.flytipping", action="update").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"location_kind": "roof"}, "location_kind"),
        ({"estate": None}, "estate"),
        ({"location_kind": LocationKind.BLOCK, "block": None}, "block"),
        ({"where_exactly": "  "}, "where_exactly"),
        ({"where_exactly": "x" * 301}, "where_exactly"),
        ({"waste": []}, "waste"),
        ({"waste": ["piano"]}, "waste"),
        ({"waste": ["other"], "waste_description": ""}, "waste_description"),
    ],
)
def test_details_bad_input_names_the_field(officer, case, overrides, field):
    with pytest.raises(ValidationError) as exc:
        _save_details(officer, case, **overrides)
    assert field in _errors(exc)
    assert not FlyTipping.objects.exists()


def test_the_block_must_be_on_the_chosen_estate(officer, case, office):
    elsewhere = EstateFactory(name="Alma Street Estate", office=office)
    with pytest.raises(ValidationError) as exc:
        _save_details(officer, case, estate=elsewhere)
    assert _errors(exc) == {"block": ["Cedar Court is not on Alma Street Estate."]}


def test_only_the_case_team_and_only_on_an_open_fly_tipping_case(
    officer, other_officer, case, home
):
    with pytest.raises(PermissionDenied):
        _save_details(other_officer, case)
    case.status, case.closed_on, case.closure_reason = "closed", D(2026, 3, 20), "resolved"
    case.save()
    with pytest.raises(ValidationError, match="closed"):
        _save_details(officer, case)
    from doorstep.cases.tests.factories import CaseFactory

    asb = CaseFactory(home=home, lead_officer=officer)
    asb.block = case.block
    with pytest.raises(ValidationError, match="Only a fly-tipping case"):
        _save_details(officer, asb)


def test_estates_officers_work_fly_tipping_across_their_office(
    case, estates_officer, other_estates_officer, asb_officer_in_team
):
    assert can_edit_case(estates_officer, case)
    assert not can_edit_case(other_estates_officer, case)
    assert not can_edit_case(asb_officer_in_team, case)


@pytest.fixture
def asb_officer_in_team(team):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    return UserFactory(team=team, roles=[Role.ASB_OFFICER])


# --- inspection ------------------------------------------------------------------------------


def test_inspection_is_an_action_for_the_estates_officer_due_after_easter(
    officer, case, details, estates_officer
):
    action = services.fly_tipping_request_inspection(
        actor=officer, case=case, officer=estates_officer
    )
    # Thursday 2 April: Good Friday, the weekend and Easter Monday do not count.
    assert (action.owner, action.due_on) == (estates_officer, D(2026, 4, 8))
    assert action.title == "Inspect the fly-tipping at Cedar Court, Beechdale Estate"
    details.refresh_from_db()
    assert details.inspection_action == action
    assert CaseEvent.objects.filter(
        case=case, kind=EventKind.ACTION, text__contains="Dave Lloyd, due 8 Apr 2026"
    ).exists()
    # Not on My day yet; there from the working day before it is due.
    assert not [
        i for i in my_day(user=estates_officer, now=THURSDAY).items if i.kind == "case_action"
    ]
    tuesday = dt.datetime(2026, 4, 7, 9, 0, tzinfo=LONDON)
    with time_machine.travel(tuesday, tick=False):
        items = [i for i in my_day(user=estates_officer, now=tuesday).items]
    assert [i.title for i in items if i.kind == "case_action"] == [
        f"Inspect the fly-tipping at Cedar Court, Beechdale Estate ({case.reference})"
    ]
    # Owning the action puts them on the case team.
    assert can_edit_case(estates_officer, case)


def test_inspection_asked_for_earlier_by_phone(officer, case, details, estates_officer):
    # Asked on Tuesday 31 March: due Thursday 2 April, today.
    action = services.fly_tipping_request_inspection(
        actor=officer, case=case, officer=estates_officer, requested_on=D(2026, 3, 31)
    )
    assert action.due_on == D(2026, 4, 2)
    action.delete()
    # So late that it fell due before today: due today.
    action = services.fly_tipping_request_inspection(
        actor=officer, case=case, officer=estates_officer, requested_on=D(2026, 3, 3)
    )
    assert action.due_on == D(2026, 4, 2)
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_request_inspection(
            actor=officer, case=case, officer=estates_officer, requested_on=D(2026, 4, 3)
        )
    assert "requested_on" in _errors(exc)


def test_inspection_asked_on_a_saturday_is_due_on_tuesday(officer, case, details, estates_officer):
    with time_machine.travel(dt.datetime(2026, 9, 12, 11, 0, tzinfo=LONDON), tick=False):
        case.opened_on = D(2026, 9, 11)
        action = services.fly_tipping_request_inspection(
            actor=officer, case=case, officer=estates_officer
        )
    assert action.due_on == D(2026, 9, 15)


def test_inspection_needs_details_an_estates_officer_and_one_at_a_time(
    officer, case, estates_officer, other_officer
):
    with pytest.raises(ValidationError, match="Record where the fly-tipping is"):
        services.fly_tipping_request_inspection(actor=officer, case=case, officer=estates_officer)
    _save_details(officer, case)
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_request_inspection(actor=officer, case=case, officer=other_officer)
    assert "officer" in _errors(exc)
    services.fly_tipping_request_inspection(actor=officer, case=case, officer=estates_officer)
    with pytest.raises(ValidationError, match="already asked of Dave Lloyd, due 8 Apr 2026"):
        services.fly_tipping_request_inspection(actor=officer, case=case, officer=estates_officer)
    assert CaseAction.objects.filter(case=case).count() == 1


def test_default_estates_officer_is_the_only_one_at_the_estate_office(
    estate, team, estates_officer, other_estates_officer
):
    officers = list(estates_officers())
    assert default_estates_officer(estate=estate, officers=officers) == estates_officer
    assert default_estates_officer(estate=None, officers=officers) is None
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    UserFactory(team=team, roles=[Role.ESTATES_OFFICER])
    assert default_estates_officer(estate=estate, officers=list(estates_officers())) is None


def test_the_estates_work_links_an_inspection_and_the_action_is_done(
    officer, case, details, estates_officer
):
    action = services.fly_tipping_request_inspection(
        actor=officer, case=case, officer=estates_officer
    )
    services.fly_tipping_inspection_linked(
        actor=estates_officer, case=case, inspected_on=D(2026, 4, 2), inspection_reference="INS-7"
    )
    action.refresh_from_db()
    details.refresh_from_db()
    assert action.done_at is not None and action.done_by == estates_officer
    assert (details.inspected_on, details.inspection_reference) == (D(2026, 4, 2), "INS-7")
    assert CaseEvent.objects.filter(
        case=case, text="Inspected by the estates team on 2 Apr 2026 (inspection INS-7)."
    ).exists()


# --- closing ---------------------------------------------------------------------------------


def test_not_resolved_while_the_inspection_is_open(officer, case, details, estates_officer):
    action = services.fly_tipping_request_inspection(
        actor=officer, case=case, officer=estates_officer
    )
    with pytest.raises(ValidationError) as exc:
        case_transition(
            actor=officer,
            case=case,
            to_status=CaseStatus.CLOSED,
            closure_reason=ClosureReason.RESOLVED,
        )
    assert _errors(exc) == {
        "closure_reason": [
            "The inspection asked of Dave Lloyd (due 8 Apr 2026) is still open. Mark it done "
            "once the estates team has inspected, or close the case for another reason."
        ]
    }
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    # Done: it may close as resolved.
    case_action_done(actor=officer, case=case, action=action)
    case_transition(
        actor=officer,
        case=case,
        to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.RESOLVED,
    )
    assert case.status == CaseStatus.CLOSED


def test_another_reason_closes_with_the_inspection_open(officer, case, details, estates_officer):
    services.fly_tipping_request_inspection(actor=officer, case=case, officer=estates_officer)
    case_transition(
        actor=officer,
        case=case,
        to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.DUPLICATE,
    )
    assert case.status == CaseStatus.CLOSED
    # Off the estates officer's My day: the case is closed.
    tuesday = dt.datetime(2026, 4, 7, 9, 0, tzinfo=LONDON)
    assert not [
        i for i in my_day(user=estates_officer, now=tuesday).items if i.kind == "case_action"
    ]


def test_resolved_without_any_inspection_is_fine(officer, case, details):
    case_transition(
        actor=officer,
        case=case,
        to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.RESOLVED,
    )
    assert case.status == CaseStatus.CLOSED


# --- perpetrator -----------------------------------------------------------------------------


def test_identified_perpetrator_joins_the_case_and_leaves_when_not_identified(
    officer, case, details
):
    someone = PersonFactory(reference="P000321")
    services.fly_tipping_perpetrator_record(
        actor=officer, case=case, status=Perpetrator.IDENTIFIED, person=someone
    )
    party = CaseParty.objects.get(case=case)
    assert (party.person, party.role) == (someone, PartyRole.ALLEGED_PERPETRATOR)
    assert CaseEvent.objects.filter(
        case=case, text="Fly-tipping perpetrator identified: P000321."
    ).exists()
    services.fly_tipping_perpetrator_record(
        actor=officer, case=case, status=Perpetrator.NOT_IDENTIFIED, person=someone
    )
    details.refresh_from_db()
    assert details.perpetrator is None and details.perpetrator_status == "not_identified"
    assert not CaseParty.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("status", "field"), [("", "status"), ("maybe", "status"), ("identified", "person")]
)
def test_perpetrator_bad_input(officer, case, details, status, field):
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_perpetrator_record(actor=officer, case=case, status=status)
    assert field in _errors(exc)


# --- removal ---------------------------------------------------------------------------------


def test_removal_is_recorded(officer, case, details):
    services.fly_tipping_removal_record(
        actor=officer,
        case=case,
        arranged_on=D(2026, 3, 3),
        removed_on=D(2026, 3, 5),
        removed_by="Walsall street cleansing",
    )
    details.refresh_from_db()
    assert (details.removal_arranged_on, details.removed_on) == (D(2026, 3, 3), D(2026, 3, 5))
    assert CaseEvent.objects.filter(
        case=case,
        text="Removal arranged on 3 Mar 2026. Removed on 5 Mar 2026 by Walsall street cleansing.",
    ).exists()


@pytest.mark.parametrize(
    ("arranged", "removed", "by", "field"),
    [
        (None, None, "", "arranged_on"),
        (D(2026, 3, 1), None, "", "arranged_on"),  # before it was reported (2 March)
        (None, D(2026, 3, 1), "Caretakers", "removed_on"),  # before it was reported
        (D(2026, 3, 5), D(2026, 3, 4), "Caretakers", "removed_on"),  # before arranged
        (None, D(2026, 4, 3), "Caretakers", "removed_on"),  # in the future
        (None, D(2026, 3, 4), " ", "removed_by"),
    ],
)
def test_removal_bad_input(officer, case, details, arranged, removed, by, field):
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_removal_record(
            actor=officer, case=case, arranged_on=arranged, removed_on=removed, removed_by=by
        )
    assert field in _errors(exc)


# --- recharge --------------------------------------------------------------------------------


def test_recharge_raised_then_paid_after_closure(officer, case, details):
    services.fly_tipping_recharge_record(
        actor=officer,
        case=case,
        status=RechargeStatus.RAISED,
        amount=Decimal("185.50"),
        recharge_to="Mr K Doyle",
    )
    assert CaseEvent.objects.filter(
        case=case, kind=EventKind.COST, text="Recharge raised: £185.50 to Mr K Doyle."
    ).exists()
    case_transition(
        actor=officer,
        case=case,
        to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.RESOLVED,
    )
    services.fly_tipping_recharge_record(
        actor=officer,
        case=case,
        status=RechargeStatus.PAID,
        amount=Decimal("185.50"),
        recharge_to="Mr K Doyle",
    )
    details.refresh_from_db()
    assert details.recharge_status == RechargeStatus.PAID
    services.fly_tipping_recharge_record(
        actor=officer,
        case=case,
        status=RechargeStatus.NOT_APPLICABLE,
        amount=Decimal("9"),
        recharge_to="x",
    )
    details.refresh_from_db()
    assert (details.recharge_amount, details.recharge_to) == (None, "")


@pytest.mark.parametrize(
    ("status", "amount", "to", "field"),
    [
        ("owed", Decimal("10"), "Mr Doyle", "status"),
        ("raised", None, "Mr Doyle", "amount"),
        ("raised", Decimal("0"), "Mr Doyle", "amount"),
        ("paid", Decimal("-5"), "Mr Doyle", "amount"),
        ("written_off", Decimal("10"), "", "recharge_to"),
    ],
)
def test_recharge_bad_input(officer, case, details, status, amount, to, field):
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_recharge_record(
            actor=officer, case=case, status=status, amount=amount, recharge_to=to
        )
    assert field in _errors(exc)


# --- signage and the letter ------------------------------------------------------------------


def test_signage_and_letter(officer, case, details):
    services.fly_tipping_signage_record(
        actor=officer, case=case, put_up_on=D(2026, 3, 10), where="On the bin store door"
    )
    services.fly_tipping_letter_sent(actor=officer, case=case, sent_on=D(2026, 3, 11))
    details.refresh_from_db()
    assert (details.signage_on, details.signage_where) == (D(2026, 3, 10), "On the bin store door")
    assert details.letter_sent_on == D(2026, 3, 11)
    assert CaseEvent.objects.filter(
        case=case,
        kind=EventKind.LETTER,
        text="Letter about the fly-tipping sent to the households of Cedar Court, Beechdale "
        "Estate on 11 Mar 2026.",
    ).exists()


@pytest.mark.parametrize(
    ("day", "where", "field"),
    [
        (None, "Bin store", "put_up_on"),
        (D(2026, 2, 1), "Bin store", "put_up_on"),
        (D(2026, 4, 3), "Bin store", "put_up_on"),
        (D(2026, 3, 10), "", "where"),
    ],
)
def test_signage_bad_input(officer, case, details, day, where, field):
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_signage_record(actor=officer, case=case, put_up_on=day, where=where)
    assert field in _errors(exc)


def test_letter_needs_a_real_date(officer, case, details):
    with pytest.raises(ValidationError) as exc:
        services.fly_tipping_letter_sent(actor=officer, case=case, sent_on=D(2026, 4, 9))
    assert "sent_on" in _errors(exc)


def test_another_block_on_the_same_estate_is_fine(officer, case, estate):
    other = BlockFactory(name="Ash Court", estate=estate)
    details = _save_details(officer, case, block=other, location_kind=LocationKind.BLOCK)
    assert details.block == other


# --- the letter run to the block records itself on the case ---------------------------------


def test_a_block_letter_run_from_the_case_records_the_letter(officer, case, details):
    from types import SimpleNamespace

    from doorstep.flytipping.letters_hook import letter_run_finished
    from doorstep.letters import hooks

    assert letter_run_finished in hooks._run_finished  # registered by the app
    run = SimpleNamespace(
        case_id=case.pk, case=case, scope="block", created_by=officer, sent_on=D(2026, 3, 12)
    )
    hooks.run_finished(run=run)
    details.refresh_from_db()
    assert details.letter_sent_on == D(2026, 3, 12)


def test_a_letter_to_one_person_or_about_another_case_records_nothing(officer, case, details):
    from types import SimpleNamespace

    from doorstep.flytipping.letters_hook import letter_run_finished

    letter_run_finished(
        run=SimpleNamespace(
            case_id=case.pk, case=case, scope="person", created_by=officer, sent_on=D(2026, 3, 12)
        )
    )
    letter_run_finished(
        run=SimpleNamespace(
            case_id=None, case=None, scope="block", created_by=officer, sent_on=D(2026, 3, 12)
        )
    )
    details.refresh_from_db()
    assert details.letter_sent_on is None
