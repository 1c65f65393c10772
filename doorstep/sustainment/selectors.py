"""Reads for tenancy sustainment. Anyone signed in may read referrals and jobs; each list is a
fixed number of queries whatever its length."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.contacts.models import CallBackStatus
from doorstep.partners.models import Agency
from doorstep.people.models import ConsentToShare, Person, VulnerabilityFlag
from doorstep.sustainment.models import OPEN_JOB_STATUSES, JobStatus, PartnerJob, SupportReferral


def _current_flags(path: str = "referral__person__flags") -> Prefetch:
    """The person's current flags, for their special arrangements (one query)."""
    return Prefetch(
        path,
        queryset=VulnerabilityFlag.objects.filter(end_date__isnull=True).only(
            "id", "person_id", "code", "end_date"
        ),
        to_attr="current_flags",
    )


def referral_list(
    *, user: Any, status: str = "", kind: str = "", mine: bool = False
) -> QuerySet[SupportReferral]:
    referrals = SupportReferral.objects.all()
    if status:
        referrals = referrals.filter(status=status)
    if kind:
        referrals = referrals.filter(kind=kind)
    if mine:
        referrals = referrals.filter(officer_id=user.pk)
    return (
        referrals.select_related("person", "officer")
        .annotate(open_jobs=Count("jobs", filter=Q(jobs__status__in=OPEN_JOB_STATUSES)))
        .order_by("-created_at", "-id")
    )


def referral_get(*, reference: str) -> SupportReferral:
    return get_object_or_404(
        SupportReferral.objects.select_related("person", "officer", "made_by", "case"),
        reference=reference,
    )


def jobs_of(*, referral: SupportReferral) -> list[PartnerJob]:
    return list(
        PartnerJob.objects.filter(referral=referral)
        .select_related("agency", "booked_by", "reoffer_callback")
        .order_by("-date", "-start_time", "-id")
    )


def job_list(*, user: Any, status: str = "", mine: bool = False) -> QuerySet[PartnerJob]:
    """Jobs, soonest first, with the person's current flags for their special arrangements."""
    jobs = PartnerJob.objects.all()
    if status:
        jobs = jobs.filter(status=status)
    if mine:
        jobs = jobs.filter(referral__officer_id=user.pk)
    return (
        jobs.select_related("referral__person", "agency", "reoffer_callback")
        .prefetch_related(_current_flags())
        .order_by("date", "start_time", "id")
    )


def job_get(*, pk: int) -> PartnerJob:
    return get_object_or_404(
        PartnerJob.objects.select_related(
            "referral__person", "referral__officer", "agency", "booked_by", "reoffer_callback"
        ),
        pk=pk,
    )


def jobs_for_reoffer(*, ids: list[int]) -> list[PartnerJob]:
    return list(
        PartnerJob.objects.filter(pk__in=ids)
        .select_related("referral__person", "agency", "reoffer_callback")
        .order_by("date", "id")
    )


def jobs_today(*, user: Any, today: dt.date) -> QuerySet[PartnerJob]:
    """For My day: booked jobs today on referrals the user looks after."""
    return (
        PartnerJob.objects.filter(referral__officer_id=user.pk, status=JobStatus.BOOKED, date=today)
        .select_related("referral__person", "agency")
        .prefetch_related(_current_flags())
        .order_by("start_time", "id")
    )


def jobs_to_book(*, user: Any) -> QuerySet[PartnerJob]:
    """For My day: re-offered jobs whose call-back the user has made (marked done) but which
    have no new slot yet. While the call-back is open it is on My day as a call-back."""
    return (
        PartnerJob.objects.filter(
            status=JobStatus.TO_REOFFER,
            reoffer_callback__for_officer_id=user.pk,
            reoffer_callback__status=CallBackStatus.DONE,
        )
        .select_related("referral__person", "agency", "reoffer_callback")
        .order_by("reoffer_callback__completed_at", "id")
    )


def consent_to_share(*, person: Person, agency: Agency, on: dt.date | None = None) -> bool:
    """Has `person` consent to share with `agency` recorded and current on `on` (default
    today)? Consent is recorded against the agency's name, so the names must match (ignoring
    case and spaces at the ends)."""
    day = on or timezone.localdate()
    return (
        ConsentToShare.objects.filter(
            person=person,
            agency__iexact=agency.name.strip(),
            given_on__lte=day,
        )
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        .exists()
    )


def consented_agency_ids(*, person: Person, agencies: list[Agency]) -> set[int]:
    """Of `agencies`, those `person` has current consent to share with (one query)."""
    today = timezone.localdate()
    names = {
        name.strip().lower()
        for name in ConsentToShare.objects.filter(person=person, given_on__lte=today)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
        .values_list("agency", flat=True)
    }
    return {agency.pk for agency in agencies if agency.name.strip().lower() in names}


def referrals_for_person(*, person: Person) -> list[SupportReferral]:
    return list(
        SupportReferral.objects.filter(person=person)
        .select_related("officer")
        .annotate(job_count=Count("jobs"))
        .order_by("-created_at", "-id")
    )


def open_cases_of(*, user: Any, person: Person) -> list[Any]:
    """The person's open cases that `user` may see, to link a referral to (one query)."""
    from doorstep.cases.models import Case, CaseStatus
    from doorstep.cases.permissions import visible_case_q

    return list(
        Case.objects.filter(visible_case_q(user), parties__person=person)
        .exclude(status=CaseStatus.CLOSED)
        .distinct()
        .order_by("-opened_on", "-id")
    )
