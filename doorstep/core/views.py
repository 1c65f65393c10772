from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connections
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from doorstep.core import selectors
from doorstep.core.forms import AuditSearchForm
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up."""
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """The database answers."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def audit_log(request: HttpRequest) -> HttpResponse:
    require(
        selectors.can_search_audit(request.user),
        "Only the data protection officer can search the audit log.",
    )
    form = AuditSearchForm(request.GET or None)
    events = selectors.audit_events(filters=form.cleaned_data if form.is_valid() else {})
    return render(request, "core/audit_log.html", {"form": form, **paginate(request, events, 50)})
