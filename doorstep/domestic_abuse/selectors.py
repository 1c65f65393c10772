"""Reads for domestic abuse cases. Each uses a fixed number of queries. The caller checks
that the user may see the case (`doorstep.cases.permissions.can_see_case`) and audits the
showing of answers (`record_view`)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doorstep.cases.models import Case, CaseParty, CaseType, PartyRole
from doorstep.cases.registry import panel_rows
from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment
from doorstep.partners.models import Agency, AgencyKind
from doorstep.partners.selectors import active_agencies


def case_get(*, reference: str, case_types: frozenset[str]) -> Case:
    """The case with `reference` if it is one of `case_types`, with what permissions need
    (one query), else 404."""
    case = (
        Case.objects.select_related(
            "lead_officer",
            "team",
            "team__leader",
            "patch__team",
            "home",
            "block",
            "estate",
        )
        .filter(reference=(reference or "").strip().upper(), case_type__in=case_types)
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    return case


def da_case_get(*, reference: str) -> Case:
    return case_get(reference=reference, case_types=frozenset({CaseType.DOMESTIC_ABUSE}))


def assessments_query(case: Case) -> QuerySet[RiskAssessment]:
    return (
        RiskAssessment.objects.filter(case=case)
        .select_related("victim", "assessed_by")
        .order_by("-assessed_on", "-id")
    )


def assessments_for(*, case: Case) -> list[RiskAssessment]:
    """Every risk assessment on the case, newest first (one query; none when the case page
    found none)."""
    return panel_rows(case, "da_assessments", assessments_query(case))


def referrals_query(case: Case) -> QuerySet[MaracReferral]:
    return (
        MaracReferral.objects.filter(case=case)
        .select_related("agency", "referred_by")
        .order_by("-referred_on", "-id")
    )


def referrals_for(*, case: Case) -> list[MaracReferral]:
    """Every MARAC referral on the case, newest first (one query; none when the case page
    found none)."""
    return panel_rows(case, "da_referrals", referrals_query(case))


# What the panel lists (registered with it): the case page asks whether there are any.
PANEL_ROWS = {"da_assessments": assessments_query, "da_referrals": referrals_query}


def assessment_get(*, case: Case, pk: int) -> RiskAssessment:
    return get_object_or_404(
        RiskAssessment.objects.select_related("victim", "assessed_by"), case=case, pk=pk
    )


def referral_get(*, case: Case, pk: int) -> MaracReferral:
    return get_object_or_404(MaracReferral.objects.select_related("agency"), case=case, pk=pk)


def victim_reference(*, case: Case) -> str:
    """The reference of the case's (first) victim, to fill in the assessment form."""
    party = (
        CaseParty.objects.filter(case=case, role=PartyRole.VICTIM)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return party.person.reference if party is not None else ""


def marac_agencies() -> QuerySet[Agency]:
    return active_agencies()


def default_marac_agency() -> Agency | None:
    """The police usually coordinate the MARAC: the first active police agency, if any."""
    return active_agencies().filter(kind=AgencyKind.POLICE).first()
