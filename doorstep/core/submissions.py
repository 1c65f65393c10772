"""Double submits create one record.

A form that creates something includes `{% submission_key %}`: a hidden one-time key. The
middleware claims the key before the view runs (a unique row, so two requests racing each
other cannot both claim it). After a successful save (a redirect, or the htmx modal's 204) it
keeps the answer; a second POST with the same key gets that answer again and the view never
runs twice. When the form had errors the claim is released, so the corrected form can be sent
with the same key. API clients send the same thing as an `Idempotency-Key` header.

A form sent without signing in (the public "report in confidence" page) has no user to own a
`FormSubmission` row, so its key is claimed in the cache instead (`cache.add` is atomic in
Redis, the production cache), for a day like the rows.

The key belongs to one rendering of the form: sending that same page again with the same
values (a double click, a resend, the back button) gets the first answer. Sent again with other
values (back, change a field, save) it is a new submission and the view runs: nothing the
officer changed is dropped. A fresh form is rendered with a fresh key.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.html import format_html

from doorstep.core.models import FormSubmission

FIELD = "submission_key"
HEADER = "Idempotency-Key"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ANONYMOUS_TIMEOUT = 24 * 3600  # seconds a key sent without signing in is remembered
SAVED_STATUSES = (301, 302, 303, 204)


def submission_key_input() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())


def _key(request: HttpRequest) -> uuid.UUID | None:
    raw = request.headers.get(HEADER, "")
    if not raw and request.content_type in FORM_TYPES:
        raw = request.POST.get(FIELD, "")
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


# Fields that differ between two sends of the same values.
_NOT_FINGERPRINTED = frozenset({"csrfmiddlewaretoken", FIELD})


def fingerprint(request: HttpRequest) -> str:
    """A digest of the values a form sent (files by name and size), to tell a double submit
    (the same values) from the same page sent again with changes."""
    digest = hashlib.sha256()
    for name in sorted(request.POST.keys()):
        if name in _NOT_FINGERPRINTED:
            continue
        for value in request.POST.getlist(name):
            digest.update(f"{name}\0{value}\0".encode("utf-8", "surrogatepass"))
    for name in sorted(request.FILES.keys()):
        for upload in request.FILES.getlist(name):
            digest.update(f"{name}\0{upload.name}\0{upload.size}\0".encode())
    return digest.hexdigest()


def _replay(previous: FormSubmission) -> HttpResponse:
    if previous.status_code == 204:  # the htmx modal: close it and show the saved record
        response = HttpResponse(status=204)
        response["HX-Trigger"] = "ds-modal-close"
        if previous.location:
            response["HX-Redirect"] = previous.location
        else:
            response["HX-Refresh"] = "true"
        return response
    return HttpResponseRedirect(previous.location or "/")


def _anonymous_cache_key(key: uuid.UUID) -> str:
    return f"submission:{key}"


def _claim_anonymous(request: HttpRequest, key: uuid.UUID) -> HttpResponse | None:
    """Claim a key sent without signing in; the answer to give instead, or None to go on."""
    path = request.path[:300]
    if cache.add(_anonymous_cache_key(key), {"path": path}, ANONYMOUS_TIMEOUT):
        request._anonymous_submission = key  # type: ignore[attr-defined]
        return None
    previous = cache.get(_anonymous_cache_key(key)) or {}
    if previous.get("path") != path:
        return HttpResponse("This form key belongs to another form.", status=400)
    if previous.get("status_code") is None:
        return _still_saving()
    return _replay(
        FormSubmission(
            path=path, status_code=previous["status_code"], location=previous["location"]
        )
    )


def _settle_anonymous(key: uuid.UUID, request: HttpRequest, response: HttpResponse) -> None:
    if response.status_code in SAVED_STATUSES:
        answer = {
            "path": request.path[:300],
            "status_code": response.status_code,
            "location": (response.get("Location") or response.get("HX-Redirect") or "")[:500],
        }
        cache.set(_anonymous_cache_key(key), answer, ANONYMOUS_TIMEOUT)
    else:
        cache.delete(_anonymous_cache_key(key))


def _still_saving() -> HttpResponse:
    response = HttpResponse(render_to_string("core/still_saving.html"), status=409)
    response["Retry-After"] = "2"
    return response


class SubmissionOnceMiddleware:
    """Place after authentication and CSRF. Only POSTs that carry a key are affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        anonymous: uuid.UUID | None = getattr(request, "_anonymous_submission", None)
        if anonymous is not None:
            _settle_anonymous(anonymous, request, response)
        claim: FormSubmission | None = getattr(request, "_form_submission", None)
        if claim is not None:
            if response.status_code in SAVED_STATUSES:
                claim.status_code = response.status_code
                claim.location = (response.get("Location") or response.get("HX-Redirect") or "")[
                    :500
                ]
                claim.save(update_fields=["status_code", "location"])
            else:  # errors on the form, or a failure: the key may be used again
                claim.delete()
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method != "POST":
            return None
        if getattr(getattr(view, "cls", None), "handles_submission_key", False):
            return None  # the API claims its own keys (doorstep.api.concurrency)
        key = _key(request)
        if key is None:
            return None
        if not request.user.is_authenticated:
            # Only a page's form field: a token-authenticated API call is anonymous here too
            # (DRF views carry `cls`), and its Idempotency-Key header is the API's to claim.
            if request.headers.get(HEADER) or getattr(view, "cls", None) is not None:
                return None
            return _claim_anonymous(request, key)
        sent = fingerprint(request)
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(
                    key=key, user=request.user, path=request.path[:300], fingerprint=sent
                )
        except IntegrityError:
            previous = FormSubmission.objects.filter(key=key, user=request.user).first()
            if previous is None or previous.path != request.path[:300]:
                return HttpResponse("This form key belongs to another form.", status=400)
            if previous.status_code is None:
                return _still_saving()
            if previous.fingerprint == sent:
                return _replay(previous)
            # The same page sent again with other values: a new submission under this key.
            # The conditional update claims it once, however many such sends race.
            reclaimed = FormSubmission.objects.filter(
                pk=previous.pk, status_code=previous.status_code, fingerprint=previous.fingerprint
            ).update(status_code=None, location="", fingerprint=sent)
            if not reclaimed:
                return _still_saving()
            previous.status_code, previous.location, previous.fingerprint = None, "", sent
            claim = previous
        request._form_submission = claim  # type: ignore[attr-defined]
        return None
