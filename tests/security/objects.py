"""The records each URL of the permission matrix is tried with, chosen from the demo landlord.

Every kind gives its URL kwargs for up to three variants:
- ``own``: on the demo neighbourhood officer's patch (Walsall, where every signed-in role of
  the cast works);
- ``other``: in another office (Nottingham), on nobody in the cast's patch or team;
- ``restricted``: a restricted case in Walsall whose case team the officer is not on; its
  summary is the sentinel, which only those who may see the case may ever be shown.
Kinds that belong to no patch (an agency, a vacancy, a letter template) have one variant, ``any``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

OWN_PATCH = "Beechdale and Alumwell"
OTHER_OFFICE = "Nottingham"
HOME_OFFICE = "Walsall"
SENTINEL = "SENTINEL-7f3c restricted case content"
OPEN_CASE = ("open", "investigating", "action", "monitoring")  # a case's statuses but closed

Variants = dict[str, dict[str, Any]]
QUERY = "?"  # a variant's query string, not a URL kwarg


def _first(qs: QuerySet[Any]) -> Any:
    return qs.order_by("pk").first()


def _pair(qs: QuerySet[Any], own: Q, other: Q, kw: Callable[[Any], dict[str, Any]]) -> Variants:
    out: Variants = {}
    for variant, where in (("own", own), ("other", other)):
        row = _first(qs.filter(where))
        if row is not None:
            out[variant] = kw(row)
    return out


def _any(qs: QuerySet[Any], kw: Callable[[Any], dict[str, Any]]) -> Variants:
    row = _first(qs)
    return {"any": kw(row)} if row is not None else {}


def _case_where(prefix: str = "") -> tuple[Q, Q]:
    own = Q(**{f"{prefix}patch__name": OWN_PATCH, f"{prefix}restricted": False})
    other = Q(**{f"{prefix}patch__team__office__name": OTHER_OFFICE, f"{prefix}restricted": False})
    return own, other


def restricted_case() -> Any:
    """A restricted case in Walsall led by someone outside the cast: the sentinel's carrier."""
    from doorstep.accounts.models import User
    from doorstep.cases.models import Case

    officer = User.objects.get(full_name="Imran Hussain")
    case = _first(
        Case.objects.filter(restricted=False, patch__team__office__name=HOME_OFFICE)
        .exclude(case_type__in=["domestic_abuse", "safeguarding", "complaint"])
        .filter(lead_officer=officer)
    ) or _first(Case.objects.filter(patch__team__office__name=HOME_OFFICE, restricted=False))
    return case


def build_kinds() -> dict[str, Variants]:
    """Every kind's variants, after `prepare_restricted` has run."""
    from doorstep.accounts.models import User
    from doorstep.asb.models import MediationReferral
    from doorstep.cases.models import Case, CaseAction, CaseAttachment, CaseParty
    from doorstep.community.models import Event, EventPhoto, EventTask, SignUp
    from doorstep.contacts.models import CallBack, Contact
    from doorstep.dataprotection.models import SubjectAccessRequest
    from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment
    from doorstep.duplicates.models import DuplicateCandidate, MergeRecord
    from doorstep.imports.models import ImportRun
    from doorstep.inspections.models import (
        ChecklistItem,
        Inspection,
        InspectionAnswer,
        InspectionSchedule,
    )
    from doorstep.letters.models import LetterRun, LetterTemplate
    from doorstep.meetings.models import Attendee, Meeting, MeetingAction
    from doorstep.partners.models import Agency, AgencyContact
    from doorstep.people.models import ConsentToShare, EmergencyContact, Person, VulnerabilityFlag
    from doorstep.places.models import Block, Estate, Home, Team
    from doorstep.recruitment.models import Candidate, Vacancy
    from doorstep.repairs.models import OPEN_STATUSES, Contractor, Repair
    from doorstep.resident_reports.models import ResidentReport
    from doorstep.safeguarding.models import SafeguardingReferral
    from doorstep.sustainment.models import PartnerJob, SupportReferral
    from doorstep.teams.models import Reassignment
    from doorstep.tenancies.models import Tenancy
    from doorstep.welfare.models import WelfareCall, WelfareProgramme

    own_office = Q(office__name=HOME_OFFICE)
    other_office = Q(office__name=OTHER_OFFICE)
    # Housed now (a former tenant is on no patch, and any officer may keep their record).
    current = Q(tenancy_memberships__tenancy__end_date__isnull=True)
    person_own = current & Q(tenancy_memberships__tenancy__home__patch__name=OWN_PATCH)
    person_other = current & Q(
        tenancy_memberships__tenancy__home__patch__team__office__name=OTHER_OFFICE
    )

    def ref(row: Any) -> dict[str, Any]:
        return {"reference": row.reference}

    def pk(row: Any) -> dict[str, Any]:
        return {"pk": row.pk}

    def case_kinds(case_type: str | None, **extra: Any) -> Variants:
        qs = Case.objects.filter(**extra).distinct()
        if case_type:
            qs = qs.filter(case_type=case_type)
        own, other = _case_where()
        out = _pair(qs, own, other, ref)
        if "own" not in out:
            row = _first(qs.filter(restricted=False, patch__team__office__name=HOME_OFFICE))
            if row is not None:
                out["own"] = ref(row)
        restricted = Case.objects.filter(summary=SENTINEL).first()
        if restricted is not None and case_type in (None, restricted.case_type) and not extra:
            out["restricted"] = ref(restricted)
        return out

    def on_case(model: Any, key: str = "pk") -> Variants:
        own, other = _case_where("case__")
        out = _pair(
            model.objects.all(), own, other, lambda r: {"reference": r.case.reference, key: r.pk}
        )
        row = _first(model.objects.filter(case__summary=SENTINEL))
        if row is not None:
            out["restricted"] = {"reference": row.case.reference, key: row.pk}
        return out

    def _on_person(model: Any) -> Variants:
        return _pair(
            model.objects.all(),
            Q(
                person__tenancy_memberships__tenancy__end_date__isnull=True,
                person__tenancy_memberships__tenancy__home__patch__name=OWN_PATCH,
            ),
            Q(
                person__tenancy_memberships__tenancy__end_date__isnull=True,
                person__tenancy_memberships__tenancy__home__patch__team__office__name=OTHER_OFFICE,
            ),
            lambda r: {"reference": r.person.reference, "pk": r.pk},
        )

    estate_own = Q(patch__name=OWN_PATCH)
    estate_other = Q(office__name=OTHER_OFFICE)
    kinds: dict[str, Variants] = {
        "none": {"any": {}},
        "person": _pair(Person.objects.all(), person_own, person_other, ref),
        "flag": _on_person(VulnerabilityFlag),
        "emergency_contact": _on_person(EmergencyContact),
        "consent": _on_person(ConsentToShare),
        "estate": _pair(Estate.objects.all(), estate_own, estate_other, pk),
        "estate_pk": _pair(
            Estate.objects.all(), estate_own, estate_other, lambda r: {"estate_pk": r.pk}
        ),
        "block": _pair(
            Block.objects.all(),
            Q(estate__patch__name=OWN_PATCH),
            Q(estate__office__name=OTHER_OFFICE),
            pk,
        ),
        "home": _pair(
            Home.objects.all(),
            Q(patch__name=OWN_PATCH),
            Q(patch__team__office__name=OTHER_OFFICE),
            pk,
        ),
        "home_pk": _pair(
            Home.objects.all(),
            Q(patch__name=OWN_PATCH),
            Q(patch__team__office__name=OTHER_OFFICE),
            lambda r: {"home_pk": r.pk},
        ),
        "tenancy": _pair(
            Tenancy.objects.all(),
            Q(home__patch__name=OWN_PATCH),
            Q(home__patch__team__office__name=OTHER_OFFICE),
            ref,
        ),
        "ta_placement": _pair(
            Tenancy.objects.filter(tenancy_type="licence", home__tenure="temporary"),
            Q(home__patch__team__office__name=HOME_OFFICE),
            Q(home__patch__team__office__name=OTHER_OFFICE),
            ref,
        ),
        "contact": _pair(
            Contact.objects.exclude(summary=SENTINEL),
            Q(home__patch__name=OWN_PATCH)
            | Q(person__tenancy_memberships__tenancy__home__patch__name=OWN_PATCH),
            Q(home__patch__team__office__name=OTHER_OFFICE),
            pk,
        ),
        "callback": _pair(
            CallBack.objects.all(),
            Q(for_team__office__name=HOME_OFFICE),
            Q(for_team__office__name=OTHER_OFFICE),
            pk,
        ),
        "case": case_kinds(None),
        "case_party": on_case(CaseParty),
        "case_action": on_case(CaseAction),
        "case_attachment": on_case(CaseAttachment),
        "agency": _any(Agency.objects.all(), pk),
        "agency_contact": _any(
            AgencyContact.objects.all(), lambda r: {"pk": r.agency_id, "contact_pk": r.pk}
        ),
        "sg_referral": _pair(SafeguardingReferral.objects.all(), own_office, other_office, ref),
        "hoarding_case": case_kinds("hoarding"),
        "self_neglect_case": case_kinds("self_neglect"),
        "complaint": case_kinds("complaint"),
        "asb_case": case_kinds("asb"),
        "mediation": on_case(MediationReferral),
        # A neighbour dispute (mediation is for disputes): own, other and the restricted case.
        "dispute_case": case_kinds("neighbour_dispute"),
        # Open, with their details recorded: every fly-tipping sub-page needs them.
        "flytipping_case": case_kinds(
            "fly_tipping", fly_tipping__isnull=False, status__in=OPEN_CASE
        ),
        "da_case": _pair(
            Case.objects.filter(case_type="domestic_abuse"),
            Q(patch__team__office__name=HOME_OFFICE),
            Q(patch__team__office__name=OTHER_OFFICE),
            ref,
        ),
        "da_assessment": _pair(
            RiskAssessment.objects.all(),
            Q(case__patch__team__office__name=HOME_OFFICE),
            Q(case__patch__team__office__name=OTHER_OFFICE),
            lambda r: {"reference": r.case.reference, "pk": r.pk},
        ),
        "marac": _pair(
            MaracReferral.objects.all(),
            Q(case__patch__team__office__name=HOME_OFFICE),
            Q(case__patch__team__office__name=OTHER_OFFICE),
            lambda r: {"reference": r.case.reference, "pk": r.pk},
        ),
        # Investigated (the written summary follows the investigation); the restricted one's
        # findings are the sentinel (`add_usable_records`).
        "hazard_case": {
            **case_kinds("damp_mould", hazard__investigated_at__isnull=False),
            "restricted": ref(Case.objects.get(hazard__findings=SENTINEL)),
        },
        # A damp and mould case opened elsewhere, its hazard details not yet recorded.
        "hazard_new": case_kinds("damp_mould", hazard__isnull=True, status__in=OPEN_CASE),
        "support_referral": _pair(
            SupportReferral.objects.all(),
            Q(person__tenancy_memberships__tenancy__home__patch__team__office__name=HOME_OFFICE),
            Q(person__tenancy_memberships__tenancy__home__patch__team__office__name=OTHER_OFFICE),
            ref,
        ),
        "partner_job": _pair(
            PartnerJob.objects.all(),
            Q(
                referral__person__tenancy_memberships__tenancy__home__patch__team__office__name=HOME_OFFICE
            ),
            Q(
                referral__person__tenancy_memberships__tenancy__home__patch__team__office__name=OTHER_OFFICE
            ),
            pk,
        ),
        "meeting": {
            **_any(Meeting.objects.exclude(title=SENTINEL), pk),
            "restricted": pk(Meeting.objects.get(title=SENTINEL)),
        },
        "attendee": _any(
            Attendee.objects.all(), lambda r: {"pk": r.meeting_id, "attendee_pk": r.pk}
        ),
        "meeting_action": _any(
            MeetingAction.objects.all(), lambda r: {"pk": r.meeting_id, "action_pk": r.pk}
        ),
        "schedule": _pair(
            InspectionSchedule.objects.all(),
            Q(estate__office__name=HOME_OFFICE) | Q(block__estate__office__name=HOME_OFFICE),
            Q(estate__office__name=OTHER_OFFICE) | Q(block__estate__office__name=OTHER_OFFICE),
            pk,
        ),
        "checklist_item": _any(ChecklistItem.objects.all(), pk),
        "inspection": _pair(
            Inspection.objects.all(),
            Q(estate__office__name=HOME_OFFICE),
            Q(estate__office__name=OTHER_OFFICE),
            pk,
        ),
        "answer": _pair(
            InspectionAnswer.objects.all(),
            Q(inspection__estate__office__name=HOME_OFFICE),
            Q(inspection__estate__office__name=OTHER_OFFICE),
            lambda r: {"pk": r.inspection_id, "answer_pk": r.pk},
        ),
        "answer_photo": _pair(
            InspectionAnswer.objects.exclude(photo=""),
            Q(inspection__estate__office__name=HOME_OFFICE),
            Q(inspection__estate__office__name=OTHER_OFFICE),
            lambda r: {"pk": r.inspection_id, "answer_pk": r.pk},
        ),
        "programme": _pair(
            WelfareProgramme.objects.all(),
            Q(team__office__name=HOME_OFFICE),
            Q(team__office__name=OTHER_OFFICE),
            pk,
        ),
        "welfare_call": _pair(
            WelfareCall.objects.all(),
            Q(programme__team__office__name=HOME_OFFICE),
            Q(programme__team__office__name=OTHER_OFFICE),
            lambda r: {"pk": r.programme_id, "call_pk": r.pk},
        ),
        "welfare_person": _pair(
            WelfareCall.objects.all(),
            Q(programme__team__office__name=HOME_OFFICE),
            Q(programme__team__office__name=OTHER_OFFICE),
            lambda r: {"pk": r.programme_id, "reference": r.person.reference},
        ),
        "member": _pair(
            User.objects.filter(team__isnull=False),
            Q(team__office__name=HOME_OFFICE, full_name="Imran Hussain"),
            Q(team__office__name=OTHER_OFFICE),
            lambda r: {"member_pk": r.pk},
        ),
        "team": _pair(Team.objects.all(), own_office, other_office, lambda r: {"team_pk": r.pk}),
        "move": _any(Reassignment.objects.all(), pk),
        "vacancy": _any(Vacancy.objects.all(), pk),
        "candidate": _any(
            Candidate.objects.all(), lambda r: {"pk": r.vacancy_id, "candidate_pk": r.pk}
        ),
        "import_run": _any(ImportRun.objects.all(), pk),
        "event": _pair(Event.objects.all(), own_office, other_office, pk),
        "event_task": _any(EventTask.objects.all(), lambda r: {"pk": r.event_id, "task_pk": r.pk}),
        "sign_up": _any(SignUp.objects.all(), lambda r: {"pk": r.event_id, "sign_up_pk": r.pk}),
        "event_photo": _any(
            EventPhoto.objects.all(), lambda r: {"pk": r.event_id, "photo_pk": r.pk}
        ),
        "contractor": _any(Contractor.objects.all(), pk),
        "repair": _pair(
            Repair.objects.filter(status__in=OPEN_STATUSES),
            Q(home__patch__name=OWN_PATCH),
            Q(home__patch__team__office__name=OTHER_OFFICE),
            ref,
        ),
        "sar_request": _any(SubjectAccessRequest.objects.all(), pk),
        "sar_export": _any(SubjectAccessRequest.objects.exclude(export_file=""), pk),
        "duplicate": _any(DuplicateCandidate.objects.all(), pk),
        "merge": _any(MergeRecord.objects.all(), pk),
        "letter_run": _any(LetterRun.objects.all(), pk),
        "letter_template": _any(LetterTemplate.objects.all(), pk),
        "resident_report": _pair(
            ResidentReport.objects.all(),
            Q(estate__office__name=HOME_OFFICE),
            Q(estate__office__name=OTHER_OFFICE),
            ref,
        ),
        "resident_report_photo": _pair(
            ResidentReport.objects.exclude(photo=""),
            Q(estate__office__name=HOME_OFFICE),
            Q(estate__office__name=OTHER_OFFICE),
            ref,
        ),
        "place_code": {"any": {"code": "no-such-place"}},
        "tsm_year": {"any": {"year": 2025, "kind": "csv"}},
        "tsm_code": {"any": {"year": 2025, "code": "NM01_1"}},
        "dashboard_key": {"any": {"key": "caseload"}},
    }
    # Pages that start from a person or a home named in the query string.
    kinds["for_person"] = {
        v: {QUERY: f"person={kw['reference']}"} for v, kw in kinds["person"].items()
    }
    kinds["for_home"] = {v: {QUERY: f"home={kw['pk']}"} for v, kw in kinds["home"].items()}
    kinds["contact"]["restricted"] = pk(Contact.objects.get(summary=SENTINEL))
    # The header search, for the restricted case's reference and for its content.
    restricted = Case.objects.get(summary=SENTINEL)
    kinds["search"] = {
        "any": {QUERY: "q=SENTINEL-7f3c"},
        "restricted": {QUERY: f"q={restricted.reference}"},
    }
    # Two-case links and hazard milestones need two keys from different rows.
    kinds["case_link"] = {
        v: {"reference": kw["reference"], "other": kinds["case"]["other"]["reference"]}
        for v, kw in kinds["case"].items()
    }
    # A hazard not yet investigated, so the investigation is the milestone to record.
    kinds["hazard_step"] = {
        v: {**kw, "step": "investigated"}
        for v, kw in case_kinds(
            "damp_mould",
            hazard__isnull=False,
            hazard__investigated_at__isnull=True,
            status__in=OPEN_CASE,
        ).items()
    }
    # A letter previewed for a person on the officer's patch; a sign for one of its estates.
    letter = _first(LetterTemplate.objects.filter(kind="letter", archived=False))
    sign = _first(LetterTemplate.objects.filter(kind="sign", archived=False))
    kinds["letter_preview"] = {
        "any": {"pk": letter.pk, QUERY: f"who={kinds['person']['own']['reference']}"}
    }
    kinds["sign_choice"] = {
        "any": {QUERY: f"template={sign.pk}&estate={kinds['estate']['own']['pk']}"}
    }
    kinds["complaint_stage"] = {v: {**kw, "stage": 1} for v, kw in kinds["complaint"].items()}
    return kinds


def prepare_restricted() -> Any:
    """Mark one Walsall case restricted and write the sentinel into it."""
    case = restricted_case()
    case.restricted = True
    case.summary = SENTINEL
    case.save(update_fields=["restricted", "summary"])
    return case


# A 1x1 PNG, for the photos the demo has none of.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def add_missing_records() -> None:
    """Records the demo landlord has none of: safeguarding referrals (their account of what
    was seen is the sentinel), mediation referrals, a case photo on an open and on the
    restricted case, an event photo and a "move a colleague"."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from doorstep.accounts.models import User
    from doorstep.asb.models import MediationReferral
    from doorstep.cases.models import Case, CaseAttachment
    from doorstep.community.models import Event, EventPhoto
    from doorstep.duplicates.models import MergeRecord
    from doorstep.people.models import Person
    from doorstep.places.models import Office
    from doorstep.safeguarding.tests.factories import ReferralFactory
    from doorstep.teams.models import Reassignment

    maker = User.objects.get(full_name="Imran Hussain")
    for office_name, patch_q in (
        (HOME_OFFICE, Q(tenancy_memberships__tenancy__home__patch__name=OWN_PATCH)),
        (
            OTHER_OFFICE,
            Q(tenancy_memberships__tenancy__home__patch__team__office__name=OTHER_OFFICE),
        ),
    ):
        person = _first(Person.objects.filter(patch_q))
        ReferralFactory(
            person=person,
            office=Office.objects.get(name=office_name),
            made_by=maker,
            what_was_seen=SENTINEL,
        )
    own, other = _case_where()
    for case in (
        _first(Case.objects.filter(own, case_type="neighbour_dispute")),
        _first(Case.objects.filter(other, case_type="neighbour_dispute")),
    ):
        if case is not None:
            MediationReferral.objects.create(
                case=case, provider="Walsall Mediation", referred_on=timezone.localdate()
            )
    for case in (_first(Case.objects.filter(own)), Case.objects.get(summary=SENTINEL)):
        CaseAttachment.objects.create(
            case=case,
            file=ContentFile(PNG, name="photo.png"),
            content_type="image/png",
            size=len(PNG),
            uploaded_by=maker,
        )
    event = _first(Event.objects.all())
    EventPhoto.objects.create(
        event=event,
        file=ContentFile(PNG, name="photo.png"),
        content_type="image/png",
        size=len(PNG),
        uploaded_by=maker,
    )
    # The restricted case's own records, where pages of the home and the person (which
    # everyone may read) and lists would show them: a contact and a meeting about it.
    from doorstep.contacts.models import Contact
    from doorstep.meetings.models import Meeting
    from doorstep.places.models import Home

    restricted = Case.objects.get(summary=SENTINEL)
    Contact.objects.create(
        channel="phone",
        direction="inbound",
        home=_first(Home.objects.filter(patch__name=OWN_PATCH)),
        person=_first(
            Person.objects.filter(
                tenancy_memberships__tenancy__end_date__isnull=True,
                tenancy_memberships__tenancy__home__patch__name=OWN_PATCH,
            )
        ),
        case=restricted,
        summary=SENTINEL,
        logged_by=maker,
    )
    Meeting.objects.create(
        title=SENTINEL,
        kind="other",
        starts_at=timezone.now(),
        venue="Walsall Council House",
        chair=maker,
        created_by=maker,
        case=restricted,
    )
    leader = User.objects.get(full_name="Sandra Hughes")
    Reassignment.objects.create(
        from_user=maker, actor=leader, rule="all_to_one", team_before=maker.team
    )
    survivor = _first(Person.objects.all())
    MergeRecord.objects.create(
        survivor_id=survivor.pk,
        survivor_reference=survivor.reference,
        merged_person_id=survivor.pk + 100000,
        merged_reference="P999999",
        merged_person={},
        merged_by=leader,
    )


def add_usable_records() -> None:
    """Records in the state a page needs before anyone may use it, so the matrix proves who
    is allowed as well as who is refused: damp and mould cases without their hazard details
    (own patch and another office), a hazard in Nottingham not yet investigated, a restricted
    damp and mould case whose investigation findings are the sentinel (the written-summary
    letter carries them), a photo on an inspection answer in each office and on a resident
    report, and a subject access request whose export is built."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from doorstep.accounts.models import User
    from doorstep.cases.models import Case
    from doorstep.cases.services import case_open
    from doorstep.dataprotection import services as sar_services
    from doorstep.dataprotection.models import SubjectAccessRequest
    from doorstep.hazards import services as hazards
    from doorstep.inspections.models import InspectionAnswer
    from doorstep.places.models import Home
    from doorstep.resident_reports.models import ResidentReport

    own_officer = User.objects.get(full_name="Kerry Bennett")
    other_officer = User.objects.get(full_name="Priya Patel")
    maker = User.objects.get(full_name="Imran Hussain")
    own_home = _first(Home.objects.filter(patch__name=OWN_PATCH))
    other_home = _first(Home.objects.filter(patch__team__office__name=OTHER_OFFICE))
    for officer, home in ((own_officer, own_home), (other_officer, other_home)):
        case_open(
            actor=officer,
            case_type="damp_mould",
            summary="Black mould in the bathroom, reported at a home visit",
            home=home,
        )
    now = timezone.now()
    hazards.hazard_report(
        actor=other_officer,
        home=other_home,
        kind="damp_mould",
        severity="significant",
        summary="Damp on the bedroom wall",
        reported_at=now - dt.timedelta(hours=2),
    )
    # Restricted, led by the officer whose case the restricted one is (not the cast's officer).
    restricted = Case.objects.get(summary=SENTINEL)
    hazard = hazards.hazard_report(
        actor=maker,
        home=restricted.home or _first(Home.objects.filter(patch=restricted.patch)),
        kind="damp_mould",
        severity="significant",
        summary="Condensation and mould in the back bedroom",
        reported_at=now - dt.timedelta(days=2),
    )
    hazards.hazard_investigated(
        actor=maker,
        hazard=hazard,
        investigated_at=now - dt.timedelta(days=1),
        findings=SENTINEL,
        work_planned="Extractor fan and mould wash",
    )
    Case.objects.filter(pk=hazard.case_id).update(restricted=True)
    for office in (HOME_OFFICE, OTHER_OFFICE):
        answer = _first(InspectionAnswer.objects.filter(inspection__estate__office__name=office))
        answer.photo.save("photo.png", ContentFile(PNG), save=False)
        answer.photo_content_type = "image/png"
        answer.save(update_fields=["photo", "photo_content_type"])
    for office in (HOME_OFFICE, OTHER_OFFICE):
        report = _first(ResidentReport.objects.filter(estate__office__name=office))
        if report is not None:
            report.photo.save("photo.png", ContentFile(PNG), save=False)
            report.photo_type = "image/png"
            report.save(update_fields=["photo", "photo_type"])
    dpo = User.objects.get(full_name="Martin Shaw")
    sar = _first(SubjectAccessRequest.objects.all())
    sar_services.export_queue(actor=dpo, request=sar)
    sar_services.export_generate(request_id=sar.pk, actor_id=dpo.pk)


# The API's resources: the web kind whose records they are, and how a record is named.
API_RESOURCES: dict[str, tuple[str, str]] = {
    "home": ("home", "uprn"),
    "person": ("person", "reference"),
    "tenancy": ("tenancy", "reference"),
    "contact": ("contact", "pk"),
    "callback": ("callback", "pk"),
    "case": ("case", "reference"),
    "repair": ("repair", "reference"),
    "complaint": ("complaint", "reference"),
    "inspection": ("inspection", "pk"),
    "referral": ("sg_referral", "reference"),
}


def api_lookups(kinds: dict[str, Variants]) -> dict[str, dict[str, str]]:
    """Per API basename and variant, the detail URL's lookup value."""
    from doorstep.places.models import Home

    out: dict[str, dict[str, str]] = {}
    for basename, (kind, field) in API_RESOURCES.items():
        out[basename] = {}
        for variant, kw in kinds.get(kind, {}).items():
            if basename == "home":
                out[basename][variant] = Home.objects.get(pk=kw["pk"]).uprn
            else:
                out[basename][variant] = str(kw[field])
    return out


def api_changes(kinds: dict[str, Variants]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per API basename and variant, a real change to PATCH (an empty one proves nothing: it
    changes nothing whoever sends it). Contacts go on a case's timeline; call-backs are
    marked done."""
    cases = kinds["case"]
    done = {"status": "done", "outcome": "Rang back and sorted it"}
    return {
        "contact": {
            "own": {"case_ref": cases["own"]["reference"]},
            "other": {"case_ref": cases["other"]["reference"]},
            "restricted": {"case_ref": cases["own"]["reference"]},
        },
        "callback": {"own": done, "other": done},
    }
