import datetime as dt
import io
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases import services
from doorstep.cases.models import (
    Case,
    CaseAction,
    CaseAttachment,
    CaseEvent,
    CaseParty,
    CaseStatus,
    CaseType,
    ClosureReason,
    CostKind,
    EventKind,
    PartyRole,
    RiskLevel,
    Satisfaction,
    SatisfactionMethod,
)
from doorstep.cases.photos import MAX_PHOTO_BYTES
from doorstep.cases.tests.conftest import HEIC_HEAD, jpeg_bytes, png_bytes
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory, CasePartyFactory
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _open(actor, **kwargs):
    kwargs.setdefault("case_type", CaseType.ASB)
    kwargs.setdefault("summary", "Noise from the flat above")
    return services.case_open(actor=actor, **kwargs)


# --- opening ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_references_are_type_year_and_six_digits_counting_from_one(officer, home):
    first = _open(officer, home=home)
    second = _open(officer, home=home)
    hoarding = _open(officer, home=home, case_type=CaseType.HOARDING)
    last_year = _open(officer, home=home, opened_on=dt.date(2025, 12, 31))
    assert [first.reference, second.reference] == ["ASB-2026-000001", "ASB-2026-000002"]
    assert hoarding.reference == "HRD-2026-000001"
    assert last_year.reference == "ASB-2025-000001"


@pytest.mark.django_db
def test_a_rolled_back_opening_gives_its_number_back(officer, home):
    _open(officer, home=home)
    with pytest.raises(RuntimeError), transaction.atomic():
        _open(officer, home=home)
        raise RuntimeError("the rest of the work failed")
    assert _open(officer, home=home).reference == "ASB-2026-000002"


@pytest.mark.django_db
def test_an_imported_reference_is_stepped_over(officer, home):
    CaseFactory(reference="ASB-2026-000001", home=home, lead_officer=officer)
    assert _open(officer, home=home).reference == "ASB-2026-000002"


@pytest.mark.django_db
def test_opening_defaults_lead_team_patch_and_writes_timeline_and_audit(officer, team, home):
    person = PersonFactory()
    case = _open(officer, home=home, parties=[(person, PartyRole.REPORTER)])
    assert case.lead_officer == officer
    assert case.team == team
    assert case.patch == home.patch
    assert case.status == CaseStatus.OPEN
    assert not case.restricted
    assert list(case.parties.values_list("person_id", "role")) == [(person.pk, "reporter")]
    assert list(case.events.values_list("kind", "text")) == [("status", "Case opened.")]
    audited = AuditEvent.objects.filter(action=AuditAction.CREATE)
    assert set(audited.values_list("object_type", flat=True)) == {"cases.case", "cases.caseparty"}
    assert audited.filter(object_type="cases.caseparty", person_id=person.pk).exists()


@pytest.mark.django_db
def test_the_team_follows_a_named_lead_officer(officer, other_officer, other_team, home):
    case = _open(officer, home=home, lead_officer=other_officer)
    assert (case.lead_officer, case.team) == (other_officer, other_team)


@pytest.mark.django_db
def test_patch_comes_from_the_block_or_estate_without_a_home(officer, estate, patch):
    block = BlockFactory(estate=estate)
    assert _open(officer, block=block).patch == patch
    assert _open(officer, estate=estate).patch == patch


@pytest.mark.django_db
@pytest.mark.parametrize("case_type", [CaseType.SAFEGUARDING, CaseType.DOMESTIC_ABUSE])
def test_safeguarding_and_domestic_abuse_are_always_restricted(officer, home, case_type):
    case = _open(officer, home=home, case_type=case_type, restricted=False)
    assert case.restricted
    assert "always restricted" in case.events.get().text


@pytest.mark.django_db
def test_the_data_protection_officer_cannot_open_a_case(dpo, home):
    with pytest.raises(PermissionDenied):
        _open(dpo, home=home)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"summary": "x" * 301}, "summary"),
        ({"case_type": "burglary"}, "case_type"),
        ({"risk_level": "extreme"}, "risk_level"),
        ({"opened_on": dt.date(2026, 11, 26)}, "opened_on"),
    ],
)
def test_opening_refuses_bad_input(officer, home, kwargs, field):
    with pytest.raises(ValidationError) as error:
        _open(officer, home=home, **kwargs)
    assert field in error.value.message_dict
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_opening_refuses_a_bad_role_and_a_lead_who_cannot_lead(officer, dpo, home):
    with pytest.raises(ValidationError) as error:
        _open(officer, home=home, parties=[(PersonFactory(), "bystander")])
    assert "role" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _open(officer, home=home, lead_officer=dpo)
    assert "lead_officer" in error.value.message_dict


# --- concurrency -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_openings_get_every_number_once_without_gaps(officer, home):
    """Several officers open cases at the same moment: numbers 1..N, none twice, none
    skipped. PostgreSQL locks the year's counter row; SQLite serialises writers (BEGIN
    IMMEDIATE)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # Threads share an in-memory SQLite database through its shared cache, whose table
        # locks fail at once instead of waiting; a file database (TEST_DATABASE_NAME) runs it.
        pytest.skip("needs PostgreSQL or a file SQLite database")
    threads_count, per_thread = 6, 4
    errors: list[BaseException] = []
    start = threading.Barrier(threads_count)

    def work() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                _open(officer, home=home)
        except BaseException as exc:  # pragma: no cover - shown by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        int(ref.rsplit("-", 1)[1]) for ref in Case.objects.values_list("reference", flat=True)
    )
    assert numbers == list(range(1, threads_count * per_thread + 1))


# --- status ----------------------------------------------------------------------------------

ALLOWED = {
    ("open", "investigating"),
    ("open", "action"),
    ("open", "monitoring"),
    ("open", "closed"),
    ("investigating", "action"),
    ("investigating", "monitoring"),
    ("investigating", "closed"),
    ("action", "monitoring"),
    ("action", "investigating"),
    ("action", "closed"),
    ("monitoring", "action"),
    ("monitoring", "investigating"),
    ("monitoring", "closed"),
    ("closed", "open"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("from_status", CaseStatus.values)
@pytest.mark.parametrize("to_status", CaseStatus.values)
def test_every_transition_is_allowed_or_refused(team_leader, case, from_status, to_status):
    closed = from_status == CaseStatus.CLOSED
    Case.objects.filter(pk=case.pk).update(
        status=from_status,
        closed_on=TODAY if closed else None,
        closure_reason=ClosureReason.RESOLVED if closed else "",
    )
    case.refresh_from_db()
    kwargs = {"closure_reason": ClosureReason.RESOLVED} if to_status == "closed" else {}
    if (from_status, to_status) in ALLOWED:
        services.case_transition(actor=team_leader, case=case, to_status=to_status, **kwargs)
        case.refresh_from_db()
        assert case.status == to_status
        assert case.events.filter(kind=EventKind.STATUS).count() == 1
    else:
        with pytest.raises(ValidationError):
            services.case_transition(actor=team_leader, case=case, to_status=to_status, **kwargs)
        case.refresh_from_db()
        assert case.status == from_status
        assert not case.events.exists()


@pytest.mark.django_db
def test_closing_needs_a_reason_and_sets_the_closed_date(officer, case):
    with pytest.raises(ValidationError) as error:
        services.case_transition(actor=officer, case=case, to_status="closed")
    assert "closure_reason" in error.value.message_dict
    services.case_transition(
        actor=officer, case=case, to_status="closed", closure_reason="insufficient_evidence"
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == (
        "closed",
        TODAY,
        "insufficient_evidence",
    )
    assert case.events.get().text == "Case closed: Insufficient evidence."
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(case.pk)).exists()


@pytest.mark.django_db
def test_closed_date_cannot_be_before_opening_or_in_the_future(officer, case):
    for day in (case.opened_on - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.case_transition(
                actor=officer,
                case=case,
                to_status="closed",
                closure_reason="resolved",
                closed_on=day,
            )
        assert "closed_on" in error.value.message_dict


@pytest.mark.django_db
def test_only_a_team_leader_or_manager_reopens(officer, team_leader, manager, case):
    services.case_transition(
        actor=officer, case=case, to_status="closed", closure_reason="resolved"
    )
    with pytest.raises(PermissionDenied):
        services.case_transition(actor=officer, case=case, to_status="open")
    services.case_transition(actor=team_leader, case=case, to_status="open")
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == ("open", None, "")
    assert case.events.first().text == "Case reopened."
    services.case_transition(
        actor=manager, case=case, to_status="closed", closure_reason="duplicate"
    )
    services.case_transition(actor=manager, case=case, to_status="open")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_change_the_status(cast, case, who):
    with pytest.raises(PermissionDenied):
        services.case_transition(actor=cast[who], case=case, to_status="investigating")


# --- notes, people, risk, restriction ----------------------------------------------------------


@pytest.mark.django_db
def test_notes_and_letters_go_on_the_timeline(officer, case):
    services.case_note_add(actor=officer, case=case, text="Visited; no answer.")
    services.case_note_add(actor=officer, case=case, text="Warning letter", kind="letter")
    assert list(case.events.order_by("id").values_list("kind", "text")) == [
        ("note", "Visited; no answer."),
        ("letter", "Warning letter"),
    ]
    with pytest.raises(ValidationError):
        services.case_note_add(actor=officer, case=case, text="")
    with pytest.raises(ValidationError):
        services.case_note_add(actor=officer, case=case, text="x", kind="status")


@pytest.mark.django_db
def test_people_are_added_once_per_role_and_removed(officer, case):
    person = PersonFactory(first_name="Amy", last_name="Cole")
    party = services.case_party_add(actor=officer, case=case, person=person, role="victim")
    services.case_party_add(actor=officer, case=case, person=person, role="witness")
    with pytest.raises(ValidationError):
        services.case_party_add(actor=officer, case=case, person=person, role="victim")
    with pytest.raises(ValidationError):
        services.case_party_add(actor=officer, case=case, person=person, role="neighbour")
    services.case_party_remove(actor=officer, case=case, party=party)
    assert list(case.parties.values_list("role", flat=True)) == ["witness"]
    texts = list(case.events.order_by("id").values_list("text", flat=True))
    assert texts[0].startswith("Amy Cole") and texts[-1].endswith("removed as victim.")
    assert AuditEvent.objects.filter(action="delete", person_id=person.pk).exists()


@pytest.mark.django_db
def test_a_party_of_another_case_cannot_be_removed(officer, case, other_case):
    party = CasePartyFactory(case=other_case)
    with pytest.raises(ValidationError):
        services.case_party_remove(actor=officer, case=case, party=party)


@pytest.mark.django_db
def test_risk_change_is_on_the_timeline_with_the_reason(officer, case):
    services.case_set_risk(actor=officer, case=case, risk_level="high", reason="Threats made.")
    case.refresh_from_db()
    assert case.risk_level == RiskLevel.HIGH
    assert case.events.get().text == "Risk level changed from Standard to High. Threats made."
    with pytest.raises(ValidationError):
        services.case_set_risk(actor=officer, case=case, risk_level="severe")


@pytest.mark.django_db
def test_team_leader_restricts_and_lifts_officer_cannot(officer, team_leader, case):
    with pytest.raises(PermissionDenied):
        services.case_restrict(actor=officer, case=case, restricted=True)
    services.case_restrict(actor=team_leader, case=case, restricted=True)
    case.refresh_from_db()
    assert case.restricted
    services.case_restrict(actor=team_leader, case=case, restricted=False)
    case.refresh_from_db()
    assert not case.restricted
    assert case.events.filter(kind=EventKind.RESTRICTION).count() == 2


@pytest.mark.django_db
def test_a_safeguarding_case_is_never_unrestricted(manager, restricted_case):
    with pytest.raises((ValidationError, PermissionDenied)):
        services.case_restrict(actor=manager, case=restricted_case, restricted=False)
    restricted_case.refresh_from_db()
    assert restricted_case.restricted


# --- actions and reviews -----------------------------------------------------------------------


@pytest.mark.django_db
def test_actions_are_added_and_done_once(officer, other_officer, case):
    action = services.case_action_add(
        actor=officer,
        case=case,
        title="Visit the neighbours",
        owner=other_officer,
        due_on=TODAY,
    )
    done = services.case_action_done(actor=other_officer, case=case, action=action)
    assert done.done_at is not None and done.done_by == other_officer
    again = services.case_action_done(actor=officer, case=case, action=action)
    assert again.done_at == done.done_at and again.done_by == other_officer
    assert case.events.filter(kind=EventKind.ACTION).count() == 2


@pytest.mark.django_db
def test_actions_refuse_bad_input(officer, dpo, case):
    base = {"actor": officer, "case": case, "title": "Visit", "owner": officer, "due_on": TODAY}
    for change, field in [
        ({"title": ""}, "title"),
        ({"owner": dpo}, "owner"),
        ({"due_on": TODAY - dt.timedelta(days=1)}, "due_on"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.case_action_add(**{**base, **change})
        assert field in error.value.message_dict
    assert not CaseAction.objects.exists()


@pytest.mark.django_db
def test_actions_cannot_be_added_to_a_closed_case(officer, case):
    services.case_transition(
        actor=officer, case=case, to_status="closed", closure_reason="resolved"
    )
    with pytest.raises(ValidationError):
        services.case_action_add(actor=officer, case=case, title="X", owner=officer, due_on=TODAY)


@pytest.mark.django_db
def test_an_action_of_another_case_cannot_be_done_here(officer, case, other_case):
    action = CaseActionFactory(case=other_case)
    with pytest.raises(ValidationError):
        services.case_action_done(actor=officer, case=case, action=action)


@pytest.mark.django_db
def test_reviews_are_scheduled_and_recorded(officer, case):
    services.case_review_schedule(actor=officer, case=case, next_review_on=dt.date(2026, 12, 9))
    assert case.next_review_on == dt.date(2026, 12, 9)
    services.case_review_done(actor=officer, case=case, note="Quieter now.", next_review_on=None)
    case.refresh_from_db()
    assert case.next_review_on is None
    assert case.events.first().text == "Case reviewed: Quieter now. No further review scheduled."
    with pytest.raises(ValidationError):
        services.case_review_schedule(actor=officer, case=case, next_review_on=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.case_review_done(actor=officer, case=case, note=" ")


# --- costs, photos, links, satisfaction ------------------------------------------------------


@pytest.mark.django_db
def test_costs_are_recorded_with_hours_for_officer_time(officer, case):
    cost = services.case_cost_add(
        actor=officer,
        case=case,
        kind=CostKind.OFFICER_TIME,
        incurred_on=TODAY,
        amount=Decimal("45.00"),
        hours=Decimal("1.5"),
    )
    assert cost.hours == Decimal("1.5")
    assert case.events.get().text == "Cost added: Officer time, £45.00."
    for change, field in [
        ({"hours": None}, "hours"),
        ({"amount": Decimal("-1")}, "amount"),
        ({"kind": "bribe"}, "kind"),
        ({"incurred_on": TODAY + dt.timedelta(days=1)}, "incurred_on"),
    ]:
        kwargs = {
            "actor": officer,
            "case": case,
            "kind": CostKind.OFFICER_TIME,
            "incurred_on": TODAY,
            "amount": Decimal("1"),
            "hours": Decimal("1"),
        }
        kwargs.update(change)
        with pytest.raises(ValidationError) as error:
            services.case_cost_add(**kwargs)
        assert field in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "content_type", "suffix"),
    [
        (png_bytes(), "image/png", ".png"),
        (jpeg_bytes(), "image/jpeg", ".jpg"),
        (HEIC_HEAD, "image/heic", ".heic"),
    ],
    ids=["png", "jpeg", "heic"],
)
def test_photos_are_stored_by_what_they_are_under_a_random_name(
    officer, case, content, content_type, suffix
):
    upload = SimpleUploadedFile("Edna Thompson front door.exe", content, "text/plain")
    photo = services.case_attachment_add(
        actor=officer, case=case, uploaded_file=upload, caption="Rubbish by the door"
    )
    assert photo.content_type == content_type
    assert photo.size == len(content)
    assert photo.file.name.startswith(f"cases/{case.pk}/")
    assert photo.file.name.endswith(suffix)
    assert "Edna" not in photo.file.name
    assert photo.file.storage.exists(photo.file.name)
    with photo.file.open("rb") as stored:
        assert stored.read() == content
    assert case.events.get().text == "Photo added: Rubbish by the door."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"<?php echo 'not a photo'; ?>",  # a script with an image's name
        b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10,  # a PNG's first bytes, then rubbish
        b"%PDF-1.7\n" + b"0" * 100,
    ],
    ids=["script", "fake-png", "pdf"],
)
def test_a_file_that_is_not_really_a_photo_is_refused(officer, case, content):
    upload = SimpleUploadedFile("photo.png", content, "image/png")
    with pytest.raises(ValidationError) as error:
        services.case_attachment_add(actor=officer, case=case, uploaded_file=upload)
    assert "must be a photo" in error.value.message_dict["file"][0]
    assert not CaseAttachment.objects.exists()


@pytest.mark.django_db
def test_a_photo_over_10_mb_is_refused(officer, case):
    big = io.BytesIO(png_bytes() + b"\x00" * MAX_PHOTO_BYTES)
    with pytest.raises(ValidationError) as error:
        services.case_attachment_add(actor=officer, case=case, uploaded_file=big)
    assert "smaller than 10 MB" in error.value.message_dict["file"][0]


@pytest.mark.django_db
def test_cases_are_linked_both_ways_and_unlinked(officer, case, home):
    other = CaseFactory(home=home, lead_officer=officer)
    services.case_link(actor=officer, case=case, other=other)
    assert list(other.linked_cases.all()) == [case]
    for target in (other, case):
        with pytest.raises(ValidationError):
            services.case_link(actor=officer, case=case, other=target)
    services.case_unlink(actor=officer, case=case, other=other)
    assert not case.linked_cases.exists()
    assert other.events.filter(kind=EventKind.LINK).count() == 2
    with pytest.raises(ValidationError):
        services.case_unlink(actor=officer, case=case, other=other)


@pytest.mark.django_db
def test_a_restricted_case_one_cannot_see_cannot_be_linked(
    other_officer, other_case, restricted_case
):
    with pytest.raises(ValidationError) as error:
        services.case_link(actor=other_officer, case=other_case, other=restricted_case)
    assert "restricted" in error.value.message_dict["reference"][0]


@pytest.mark.django_db
def test_satisfaction_is_recorded_only_once_closed(officer, case):
    kwargs = {"satisfaction": Satisfaction.FAIRLY_SATISFIED, "method": SatisfactionMethod.PHONE}
    with pytest.raises(ValidationError):
        services.case_satisfaction_record(actor=officer, case=case, **kwargs)
    services.case_transition(
        actor=officer, case=case, to_status="closed", closure_reason="resolved"
    )
    services.case_satisfaction_record(actor=officer, case=case, **kwargs)
    case.refresh_from_db()
    assert (case.satisfaction, case.satisfaction_method) == ("fairly_satisfied", "phone")
    with pytest.raises(ValidationError):
        services.case_satisfaction_record(
            actor=officer, case=case, satisfaction="ecstatic", method="phone"
        )


@pytest.mark.django_db
def test_asb_officer_edits_asb_cases_across_their_office(team, case, home):
    asb_officer = UserFactory(team=team, roles=[Role.ASB_OFFICER])
    services.case_note_add(actor=asb_officer, case=case, text="Diary sheets sent.")
    hoarding = CaseFactory(case_type=CaseType.HOARDING, home=home, lead_officer=case.lead_officer)
    with pytest.raises(PermissionDenied):
        services.case_note_add(actor=asb_officer, case=hoarding, text="x")


@pytest.mark.django_db
def test_every_service_refuses_someone_off_the_case(cast, case):
    dpo = cast["dpo"]
    party = CasePartyFactory(case=case)
    action = CaseActionFactory(case=case)
    calls = [
        lambda: services.case_note_add(actor=dpo, case=case, text="x"),
        lambda: services.case_party_add(
            actor=dpo, case=case, person=PersonFactory(), role="witness"
        ),
        lambda: services.case_party_remove(actor=dpo, case=case, party=party),
        lambda: services.case_set_risk(actor=dpo, case=case, risk_level="high"),
        lambda: services.case_action_add(actor=dpo, case=case, title="x", owner=dpo, due_on=TODAY),
        lambda: services.case_action_done(actor=dpo, case=case, action=action),
        lambda: services.case_review_schedule(actor=dpo, case=case, next_review_on=TODAY),
        lambda: services.case_cost_add(
            actor=dpo, case=case, kind="legal", incurred_on=TODAY, amount=Decimal(1)
        ),
        lambda: services.case_update(actor=dpo, case=case, summary="x", lead_officer=dpo),
        lambda: services.case_restrict(actor=dpo, case=case, restricted=True),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert not CaseEvent.objects.filter(case=case).exists()
    assert CaseParty.objects.filter(case=case).count() == 1
