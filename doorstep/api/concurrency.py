"""Optimistic concurrency and one-time keys for API writes (docs/api.md, "Writes").

Versions: a record's version is `doorstep.core.concurrency.version_of` (its `updated_at` to
the microsecond), the same the edit pages carry in their hidden field. Reading one record
answers it as a strong `ETag`; a change sent with `If-Match` is made only if the record is
still at that version, checked with the row locked inside the write's transaction. If it is
not, nothing is written and the answer is 412 with the version now and, for each field sent,
the value saved now beside the value sent. Without `If-Match` a change is made as before.

One-time keys: a create sent with an `Idempotency-Key` header (a UUID) is made once. The key
is claimed (a unique `FormSubmission` row, as the pages' `{% submission_key %}`) before the
body is read; the claim is completed in the create's own transaction, so the record and the
claim are saved together or not at all. The same key sent again by the same user to the same
address gets the record it made (201, `Idempotent-Replayed: true`), a key still being worked
on gets 409, and a failed create gives its key back.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.http import parse_etags, quote_etag
from rest_framework import exceptions, status
from rest_framework.request import Request

from doorstep.accounts.models import User
from doorstep.core.models import FormSubmission
from doorstep.core.submissions import HEADER as IDEMPOTENCY_HEADER

IF_MATCH = "If-Match"
REPLAYED = "Idempotent-Replayed"
STALE = (
    "Someone else changed this record after the version you sent in If-Match, so nothing has "
    "been saved. Check their change (each field you sent, as saved now, is in `changes`), "
    "then send yours again with If-Match set to current_version."
)
BAD_KEY = "Send a UUID, like 3f1c2b9e-8d7a-4c1e-9b2f-5a6d7e8f9012, or leave the header out."
OTHER_REQUEST = "This key was used for another request: use a new key for each new record."
STILL_SAVING = "A request with this key is still being saved. Wait a moment, then send it again."


def etag(version: str) -> str:
    """A version as a strong entity tag, e.g. "2026-03-02T09:00:00.123456+00:00"."""
    return quote_etag(version)


def matches(if_match: str, version: str) -> bool:
    """Whether an If-Match header names `version` (or is `*`). Tags are compared strongly; a
    bare version without the quotes is taken as if quoted."""
    tags = parse_etags(if_match)
    if not tags:
        tags = [quote_etag(part.strip()) for part in if_match.split(",") if part.strip()]
    return "*" in tags or etag(version) in tags


class PreconditionFailed(exceptions.APIException):
    """412: the record is no longer at the version in If-Match. `body` is answered as it is
    (the values keep their JSON types) with the current version as the ETag."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = STALE
    default_code = "precondition_failed"

    def __init__(self, *, current_version: str, sent: str, changes: dict[str, Any]) -> None:
        super().__init__(STALE)
        self.current_version = current_version
        self.body = {
            "detail": STALE,
            "current_version": current_version,
            "your_version": sent,
            "changes": changes,
        }


class StillSaving(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = STILL_SAVING
    default_code = "still_saving"


def idempotency_key(request: Request) -> uuid.UUID | None:
    raw = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise exceptions.ValidationError({IDEMPOTENCY_HEADER: [BAD_KEY]}) from None


def claim(request: Request, key: uuid.UUID) -> FormSubmission:
    """Claim `key` for this request, or return the earlier claim it was made by (whose
    `status_code` is set once its record is saved). 400 for another address or user's key,
    409 while the first is still being saved."""
    path, user = request.path[:300], request.user
    assert isinstance(user, User)  # the viewsets need a signed-in user (IsAuthenticated)
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(key=key, user=user, path=path)
    except IntegrityError:
        previous = FormSubmission.objects.filter(key=key, user=user).first()
    if previous is None or previous.path != path:
        raise exceptions.ValidationError({IDEMPOTENCY_HEADER: [OTHER_REQUEST]})
    if previous.status_code is None:
        raise StillSaving()
    return previous
