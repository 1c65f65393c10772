"""Every API error is JSON (docs/api.md, "Errors").

- 400: bad input, as `{"field": ["message", …]}` with `non_field_errors` for the request as a
  whole. A service's `ValidationError` becomes exactly that, keyed by the API's field names,
  and a database constraint (`IntegrityError`) becomes a 400 too: the service refused it.
- 401 / 403 / 404 / 409 / 429: `{"detail": "message"}` (429 with a `Retry-After` header).
- 412: a change whose If-Match is no longer the record's version (doorstep.api.concurrency),
  with the current version and the fields sent, and the current version as the ETag.
- An unexpected error is logged and answered with a JSON 500 rather than an HTML page; the
  tests and the schema fuzzer make sure no request reaches it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from doorstep.api.concurrency import PreconditionFailed, StillSaving, etag

logger = logging.getLogger(__name__)

CONFLICT = (
    "This clashes with a record that already exists, or with another change made at the same "
    "time. Check the values and try again."
)
SERVER_ERROR = "Something went wrong on our side. It has been logged; please try again later."


def field_messages(
    error: DjangoValidationError, field_names: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """A service's ValidationError as `{api_field: [messages]}`. `field_names` maps a service's
    argument names to the API's where they differ (e.g. `to_status` -> `status`)."""
    names = field_names or {}
    non_field = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(error, "error_dict"):
        messages: dict[str, list[str]] = {}
        for field, items in error.message_dict.items():
            key = non_field if field == NON_FIELD_ERRORS else names.get(field, field)
            messages.setdefault(key, []).extend(items)
        return messages
    return {non_field: list(error.messages)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    view = context.get("view")
    if isinstance(exc, PreconditionFailed):
        response = Response(exc.body, status=exc.status_code)
        response["ETag"] = etag(exc.current_version)
        return response
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            field_messages(exc, getattr(view, "service_field_names", None))
        )
    elif isinstance(exc, IntegrityError):
        # Ids only in logs (docs/architecture.md): the constraint name says enough.
        logger.warning("API write refused by a database constraint on %s", type(view).__name__)
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [CONFLICT]})
    handled = drf_exception_handler(exc, context)
    if handled is None:
        logger.exception("Unexpected error in %s", type(view).__name__, exc_info=exc)
        return Response({"detail": SERVER_ERROR}, status=500)
    if isinstance(exc, StillSaving):
        handled["Retry-After"] = "2"
    return handled


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under /api/ that names no endpoint: a JSON 404, not the HTML page."""
    return JsonResponse({"detail": "There is no API endpoint at this address."}, status=404)


not_found.login_required = False  # type: ignore[attr-defined]
