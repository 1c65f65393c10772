import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from doorstep.contacts.models import CallBack, CallBackStatus
from doorstep.core.models import AuditEvent
from doorstep.people.models import ConsentToShare
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.sustainment import services
from doorstep.sustainment.models import JobStatus, ReferralStatus, SupportKind
from doorstep.sustainment.pdf import job_sheet_pdf_bytes
from doorstep.sustainment.tests.factories import PartnerJobFactory

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + dt.timedelta(days=1)


def _pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- referrals -------------------------------------------------------------------------------


def test_a_referral_gets_a_gapless_reference_and_an_audit_row(sustainment_officer, person):
    first = services.referral_make(
        actor=sustainment_officer,
        person=person,
        kind=SupportKind.DECORATING_PACK,
        eligibility_note="Low income",
    )
    second = services.referral_make(
        actor=sustainment_officer, person=person, kind=SupportKind.BUDGETING_ADVICE
    )
    year = timezone.localdate().year
    assert first.reference == f"SUP-{year}-000001"
    assert second.reference == f"SUP-{year}-000002"
    assert first.officer == sustainment_officer and first.status == ReferralStatus.OPEN
    assert AuditEvent.objects.filter(
        object_type="sustainment.supportreferral", object_id=str(first.pk), person_id=person.pk
    ).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "painting"}, "kind"),
        ({"kind": SupportKind.OTHER, "description": "  "}, "description"),
        ({"kind": SupportKind.GARDEN_WORK, "eligibility_note": "x" * 501}, "eligibility_note"),
        ({"kind": SupportKind.GARDEN_WORK, "description": "x" * 501}, "description"),
    ],
)
def test_bad_referral_input_names_the_field(sustainment_officer, person, kwargs, field):
    with pytest.raises(ValidationError) as error:
        services.referral_make(actor=sustainment_officer, person=person, **kwargs)
    assert field in error.value.message_dict


def test_who_may_make_a_referral(
    sustainment_officer, other_sustainment_officer, officer, other_officer, dpo, person
):
    for allowed in (sustainment_officer, officer):
        services.referral_make(actor=allowed, person=person, kind=SupportKind.GARDEN_WORK)
    # Another office's sustainment officer, another patch's officer, the DPO: refused.
    for refused in (other_sustainment_officer, other_officer, dpo):
        with pytest.raises(PermissionDenied):
            services.referral_make(actor=refused, person=person, kind=SupportKind.GARDEN_WORK)


def test_a_referral_with_open_jobs_cannot_close(sustainment_officer, job):
    with pytest.raises(ValidationError) as error:
        services.referral_close(
            actor=sustainment_officer, referral=job.referral, status=ReferralStatus.WITHDRAWN
        )
    assert "open job" in error.value.message_dict["status"][0]


# --- booking and outcomes --------------------------------------------------------------------


def test_booking_a_job(sustainment_officer, referral, gardeners):
    job = services.job_book(
        actor=sustainment_officer,
        referral=referral,
        agency=gardeners,
        date=TOMORROW,
        start_time=dt.time(9, 30),
        end_time=dt.time(12, 0),
        instructions="Cut the back lawn and clear the path.",
    )
    assert job.status == JobStatus.BOOKED and job.booked_by == sustainment_officer


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"date": None}, "date"),
        ({"date": timezone.localdate() - dt.timedelta(days=1)}, "date"),
        ({"start_time": None}, "start_time"),
        ({"end_time": dt.time(9, 0)}, "end_time"),
        ({"agency": None}, "agency"),
        ({"instructions": "x" * 2001}, "instructions"),
    ],
)
def test_bad_booking_names_the_field(sustainment_officer, referral, gardeners, kwargs, field):
    arguments = {
        "agency": gardeners,
        "date": TOMORROW,
        "start_time": dt.time(9, 30),
        "end_time": dt.time(12, 0),
        **kwargs,
    }
    with pytest.raises(ValidationError) as error:
        services.job_book(actor=sustainment_officer, referral=referral, **arguments)
    assert field in error.value.message_dict


def test_an_inactive_partner_cannot_be_booked(sustainment_officer, referral, gardeners):
    gardeners.active = False
    gardeners.save()
    with pytest.raises(ValidationError) as error:
        services.job_book(
            actor=sustainment_officer,
            referral=referral,
            agency=gardeners,
            date=TOMORROW,
            start_time=dt.time(9),
            end_time=dt.time(10),
        )
    assert "no longer work with" in error.value.message_dict["agency"][0]


def test_completing_the_last_job_completes_the_referral(sustainment_officer, job):
    done = services.job_record_outcome(
        actor=sustainment_officer, job=job, completed=True, value="45.5"
    )
    assert done.status == JobStatus.COMPLETED
    assert done.value == Decimal("45.50")
    job.referral.refresh_from_db()
    assert job.referral.status == ReferralStatus.COMPLETED
    assert job.referral.closed_on == timezone.localdate()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"completed": False, "reason": ""}, "outcome_reason"),
        ({"completed": True, "value": "-1"}, "value"),
        ({"completed": True, "value": "lots"}, "value"),
        ({"completed": True, "value": "100000"}, "value"),
        ({"completed": True, "outcome_on": TOMORROW}, "outcome_on"),
    ],
)
def test_bad_outcome_names_the_field(sustainment_officer, job, kwargs, field):
    with pytest.raises(ValidationError) as error:
        services.job_record_outcome(actor=sustainment_officer, job=job, **kwargs)
    assert field in error.value.message_dict


def test_not_completed_keeps_the_referral_open_with_the_reason(sustainment_officer, job):
    services.job_record_outcome(
        actor=sustainment_officer, job=job, completed=False, reason="Nobody home"
    )
    job.refresh_from_db()
    job.referral.refresh_from_db()
    assert job.status == JobStatus.NOT_COMPLETED and job.outcome_reason == "Nobody home"
    assert job.referral.status == ReferralStatus.OPEN


# --- on hold and re-offer --------------------------------------------------------------------


def test_hold_needs_a_reason(sustainment_officer, job):
    with pytest.raises(ValidationError) as error:
        services.job_hold(actor=sustainment_officer, job=job, reason=" ")
    assert "hold_reason" in error.value.message_dict


def test_bulk_reoffer_moves_jobs_and_makes_one_call_back_each_even_if_run_again(
    sustainment_officer, job, gardeners
):
    other = PartnerJobFactory(
        referral=job.referral, agency=gardeners, status=JobStatus.ON_HOLD, hold_reason="Paused"
    )
    services.job_hold(actor=sustainment_officer, job=job, reason="Partner closed in lockdown")
    result = services.jobs_reoffer(actor=sustainment_officer, jobs=[job, other])
    assert len(result.reoffered) == 2
    job.refresh_from_db()
    assert job.status == JobStatus.TO_REOFFER
    callbacks = CallBack.objects.filter(for_officer=sustainment_officer)
    assert callbacks.count() == 2
    callback = job.reoffer_callback
    assert callback.person == job.referral.person
    assert callback.phone == "+441922123456"
    assert "agree a new time" in callback.reason
    # Again, on the same jobs: nothing new.
    job.refresh_from_db()
    other.refresh_from_db()
    again = services.jobs_reoffer(actor=sustainment_officer, jobs=[job, other])
    assert len(again.already) == 2 and not again.reoffered
    assert CallBack.objects.filter(for_officer=sustainment_officer).count() == 2


def test_reoffer_skips_a_booked_job_and_reports_no_phone(sustainment_officer, gardeners, home):
    from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

    silent = PersonFactory(phone="", phone_other="")
    TenancyMemberFactory(tenancy=TenancyFactory(home=home), person=silent)
    no_phone = PartnerJobFactory(
        referral__person=silent,
        referral__officer=sustainment_officer,
        agency=gardeners,
        status=JobStatus.ON_HOLD,
    )
    booked = PartnerJobFactory(
        referral__person=silent, referral__officer=sustainment_officer, agency=gardeners
    )
    result = services.jobs_reoffer(actor=sustainment_officer, jobs=[no_phone, booked])
    assert result.no_phone == [no_phone] and [j.pk for j in result.skipped] == [booked.pk]
    no_phone.refresh_from_db()
    assert no_phone.status == JobStatus.TO_REOFFER and no_phone.reoffer_callback is None


def test_reoffer_refuses_jobs_the_officer_may_not_work(other_sustainment_officer, job):
    job.status = JobStatus.ON_HOLD
    job.save()
    result = services.jobs_reoffer(actor=other_sustainment_officer, jobs=[job])
    assert result.skipped == [job]
    assert not CallBack.objects.exists()


def test_booking_the_new_slot_closes_the_call_back(sustainment_officer, job):
    job.status = JobStatus.ON_HOLD
    job.save()
    services.jobs_reoffer(actor=sustainment_officer, jobs=[job])
    job.refresh_from_db()
    rebooked = services.job_rebook(
        actor=sustainment_officer,
        job=job,
        date=TOMORROW,
        start_time=dt.time(13),
        end_time=dt.time(15),
    )
    assert rebooked.status == JobStatus.BOOKED and rebooked.start_time == dt.time(13)
    job.reoffer_callback.refresh_from_db()
    assert job.reoffer_callback.status == CallBackStatus.DONE
    assert "New slot booked" in job.reoffer_callback.outcome


# --- the job sheet ---------------------------------------------------------------------------


def test_the_job_sheet_has_the_arrangements_and_nothing_the_partner_does_not_need(
    sustainment_officer, job, person
):
    FlagFactory(person=person, code="shielding", note="On chemotherapy; phone before visiting")
    FlagFactory(person=person, code="mental_health", note="Anxious at unannounced visits")
    person.date_of_birth = dt.date(1941, 3, 2)
    person.email = "edna@example.com"
    person.save()
    job.referral.eligibility_note = "Low income: pension credit"
    job.referral.save()
    job.instructions = "Cut the lawn"
    job.save()
    text = _pdf_text(
        job_sheet_pdf_bytes(
            job,
            landlord="Forge and Canal Homes",
            printed_by=sustainment_officer,
            now=timezone.now(),
        )
    )
    for expected in (
        "Edna Thompson",
        "12 Beechdale Road",
        "Doorstep or phone contact only; wear PPE",
        "Cut the lawn",
        "Green Fingers Garden Project",
        "Aisha Begum",
    ):
        assert expected in text, expected
    for private in (
        "chemotherapy",
        "Mental health",
        "Anxious",
        "1941",
        "edna@example.com",
        "pension credit",
        "Shielding",
    ):
        assert private not in text, private


def test_sending_the_sheet_emails_the_agency_with_the_pdf(
    sustainment_officer, job, consent, mailoutbox
):
    sent = services.job_send_sheet(actor=sustainment_officer, job=job, landlord="Doorstep")
    assert sent.sheet_sent_to == "jobs@greenfingers.org.uk" and sent.sheet_sent_at
    [message] = mailoutbox
    assert message.to == ["jobs@greenfingers.org.uk"]
    assert "Edna" not in message.subject
    [(name, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    assert "Edna Thompson" in _pdf_text(content)
    assert AuditEvent.objects.filter(action="export", object_id=str(job.pk)).exists()


def test_no_consent_no_sheet(sustainment_officer, job, mailoutbox):
    with pytest.raises(ValidationError) as error:
        services.job_send_sheet(actor=sustainment_officer, job=job, landlord="Doorstep")
    assert "no consent recorded to share information with Green Fingers" in error.value.messages[0]
    assert mailoutbox == []
    job.refresh_from_db()
    assert job.sheet_sent_at is None


def test_withdrawn_or_other_agency_consent_does_not_count(
    sustainment_officer, job, person, mailoutbox
):
    ConsentToShare.objects.create(
        person=person, agency="Age UK Walsall", given_on=dt.date(2026, 1, 1)
    )
    ConsentToShare.objects.create(
        person=person,
        agency="green fingers garden project ",
        given_on=dt.date(2026, 1, 1),
        withdrawn_on=dt.date(2026, 2, 1),
    )
    with pytest.raises(ValidationError):
        services.job_send_sheet(actor=sustainment_officer, job=job, landlord="Doorstep")
    assert mailoutbox == []


def test_an_agency_without_secure_email_is_refused(sustainment_officer, job, consent, mailoutbox):
    job.agency.secure_email = ""
    job.agency.save()
    with pytest.raises(ValidationError) as error:
        services.job_send_sheet(actor=sustainment_officer, job=job, landlord="Doorstep")
    assert "no secure email" in error.value.messages[0]
    assert mailoutbox == []
