from __future__ import annotations

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connections
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from doorstep.core import selectors
from doorstep.core.forms import AuditSearchForm
from doorstep.core.navigation import index_sections_for
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require

RETRY_AFTER_SECONDS = 30


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


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def all_services(request: HttpRequest) -> HttpResponse:
    """ "More" on the navigation bar: every other area the user may open, under headings."""
    sections = index_sections_for(user=request.user, path=request.path)
    return render(request, "core/all_services.html", {"sections": sections})


def audit_log(request: HttpRequest) -> HttpResponse:
    require(
        selectors.can_search_audit(request.user),
        "Only the data protection officer can search the audit log.",
    )
    form = AuditSearchForm(request.GET or None)
    events = selectors.audit_events(filters=form.cleaned_data if form.is_valid() else {})
    return render(request, "core/audit_log.html", {"form": form, **paginate(request, events, 50)})


# Errors a database outage raises: the server is down or restarting, a connection was cut, or
# (SQLite) the file is locked for longer than the busy timeout. They pass; a retry will work.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage is a friendly 503 with Retry-After; anything else a 500.

    Like Django's own handler it renders without a request context, so it needs no database
    (no session, no user, no navigation), and never shows a stack trace.
    """
    error = sys.exc_info()[1]
    context = {"doorstep_name": settings.DOORSTEP_NAME}
    if isinstance(error, OUTAGE_ERRORS):
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.render_to_string("500.html", context), status=500)
