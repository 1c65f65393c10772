"""Reads for reports from residents: the public page's places, the staff list and one report.

Each uses a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.text import slugify

from doorstep.accounts.roles import Role
from doorstep.places.models import Block, Estate, Home
from doorstep.resident_reports.models import ReportStatus, ResidentReport

# --- the public page's places -----------------------------------------------------------------


def estate_code(estate: Estate) -> str:
    """The estate's part of the short address, /report/<code>: its name as a slug. Estate names
    are unique, so codes are too (in the rare clash, the older estate keeps the code)."""
    return slugify(estate.name)


def estate_for_code(code: str) -> Estate | None:
    """The estate whose short-address code is `code`, or None (one query)."""
    wanted = slugify(code)
    if not wanted:
        return None
    for estate in Estate.objects.order_by("pk").only("pk", "name"):
        if slugify(estate.name) == wanted:
            return estate
    return None


def public_base_url(request: Any = None) -> str:
    """The address residents type, without a trailing slash: DOORSTEP_PUBLIC_URL when set (it
    is what letters and signs print), else this request's own site."""
    configured: str = getattr(settings, "DOORSTEP_PUBLIC_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return str(request.build_absolute_uri("/")).rstrip("/")
    return "http://127.0.0.1:8000"


def report_link(*, base_url: str, estate: Estate | None = None) -> str:
    """The public report page's short address, for one estate when given (it prefills it)."""
    if estate is None:
        return base_url + reverse("resident_reports:report")
    return base_url + reverse("resident_reports:report_place", args=[estate_code(estate)])


def short_address(link: str) -> str:
    """The link as printed on a sign: without the scheme."""
    return link.split("://", 1)[-1]


def estates_for_form() -> list[Estate]:
    return list(Estate.objects.order_by("name").only("pk", "name"))


def blocks_for_form(*, estate: Estate | None = None) -> list[Block]:
    blocks = Block.objects.select_related("estate").order_by("estate__name", "name")
    if estate is not None:
        blocks = blocks.filter(estate=estate)
    return list(blocks)


def estate_for_postcode(postcode: str) -> tuple[Estate | None, Block | None]:
    """The estate (and block, when every home there is in one) of our homes at a postcode."""
    homes = list(
        Home.objects.filter(postcode=postcode).select_related("estate", "block").order_by("pk")[:50]
    )
    if not homes:
        return None, None
    estate = homes[0].estate
    if any(home.estate_id != estate.pk for home in homes):
        return estate, None
    blocks = {home.block_id for home in homes}
    block = homes[0].block if len(blocks) == 1 and None not in blocks else None
    return estate, block


# --- staff reads ------------------------------------------------------------------------------


def _rows(queryset: QuerySet[ResidentReport]) -> QuerySet[ResidentReport]:
    return queryset.select_related("estate", "estate__patch__officer", "block", "case")


def routed_to_q(user: Any) -> Q:
    """Reports whose place is in `user`'s care: the estate's patch officer; for a patch with no
    officer, its team's leader; for an estate on no patch, the managers of its office."""
    condition = Q(estate__patch__officer_id=user.pk)
    if user.has_role(Role.TEAM_LEADER):
        condition |= Q(estate__patch__officer__isnull=True, estate__patch__team__leader_id=user.pk)
    if user.has_role(Role.HOUSING_SERVICES_MANAGER):
        condition |= Q(estate__patch__isnull=True, estate__office__managers=user.pk)
    return condition


class Show:
    MINE = "mine"
    NEW = "new"
    ALL = "all"
    choices = [(MINE, "New on my patches"), (NEW, "All new"), (ALL, "All reports")]


def reports_for(*, user: Any, show: str) -> QuerySet[ResidentReport]:
    """The reports list: reports are not personal data without the reporter, so staff who
    read reports see them all; `show` narrows to the user's own or to new ones."""
    reports = ResidentReport.objects.all()
    if show == Show.MINE:
        reports = reports.filter(routed_to_q(user), status=ReportStatus.NEW)
    elif show == Show.NEW:
        reports = reports.filter(status=ReportStatus.NEW)
    return _rows(reports).order_by("-submitted_at", "-id").distinct()


def reports_new_for(*, user: Any) -> QuerySet[ResidentReport]:
    """New reports in `user`'s care, oldest first (My day)."""
    return (
        _rows(ResidentReport.objects.filter(routed_to_q(user), status=ReportStatus.NEW))
        .order_by("submitted_at", "id")
        .distinct()
    )


def report_get(*, reference: str) -> ResidentReport:
    """One report with what its page needs (one query), 404 if none. The reporter's details
    are not loaded here: see `reporter_of`."""
    try:
        return ResidentReport.objects.select_related(
            "estate__office",
            "estate__patch__officer",
            "estate__patch__team",
            "block",
            "case",
            "contact",
            "handled_by",
        ).get(reference=reference)
    except ResidentReport.DoesNotExist as exc:
        raise Http404("No report has that reference.") from exc


def reporter_of(*, report: ResidentReport) -> Any:
    """The reporter's details, or None when the report was anonymous."""
    from doorstep.resident_reports.models import ReporterDetails

    return ReporterDetails.objects.filter(report=report).first()
