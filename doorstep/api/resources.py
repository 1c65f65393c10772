"""The base of every API resource (docs/api.md, "How to add a resource").

A resource is a `ResourceViewSet` in its app's `api.py`, registered on the router in
`config/api.py`. It reads through the app's selectors and writes through the app's services
(`actor=request.user`, `source="api"`), so the API is validated, permission-checked and
audited exactly as the pages are. The viewset only says:

- `serializer_class`: what a record looks like (every answer, writes included, uses it);
- `queryset = Model.objects.none()`: only names the model, for the schema;
- `list_queryset(filterset)` and `detail_queryset()`: the selectors to read with;
- `filterset_class`: the list's query parameters (`doorstep.api.filters.ApiFilterSet`);
- `prepare(records)`: optional, to hide or audit what the caller sees (special-category data,
  restricted cases);
- for writes, `CreateMixin` with `create_serializer_class` + `create_record(data)`, and
  `UpdateMixin` with `update_serializer_class` + `check_update(record)` +
  `update_record(record, data)`. Updates are PATCH; there is no PUT and no DELETE.

Every resource gets, from here, the versions of `doorstep.api.concurrency`: one record is
answered with its `ETag`, a PATCH (and any action that calls `check_if_match`) honours
`If-Match`, and a create honours `Idempotency-Key`. A resource whose version is more than its
own row's `updated_at` (an inspection and its answers) overrides `version` and
`current_version`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.urls import Resolver404, resolve
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from doorstep.api.concurrency import (
    IF_MATCH,
    REPLAYED,
    PreconditionFailed,
    claim,
    etag,
    idempotency_key,
    matches,
)
from doorstep.api.filters import ApiFilterSet
from doorstep.api.pagination import IdCursorPagination
from doorstep.api.schema import ResourceSchema
from doorstep.api.throttling import TokenRateThrottle
from doorstep.core.concurrency import version_of
from doorstep.core.forms import check_date_in_reach

SOURCE = "api"


NUL_MESSAGE = "Remove the NUL character (\\x00): it cannot be stored."


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


class InputSerializer(serializers.Serializer[Any]):
    """A request body. A field the resource does not take is an error, not silently dropped,
    so a misspelt name never looks like a successful change."""

    UNKNOWN = "This field cannot be set here."

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(key) for key in data if key not in writable)
            if unknown:
                raise ValidationError({key: [self.UNKNOWN] for key in unknown})
            # An id is a whole number: 1.5 or true would otherwise be looked up as the row 1.
            not_ids = {
                name: [field.error_messages["incorrect_type"].format(data_type="number")]
                for name, field in self.fields.items()
                if isinstance(field, serializers.PrimaryKeyRelatedField)
                and isinstance(data.get(name), bool | float)
            }
            if not_ids:
                raise ValidationError(not_ids)
            # A NUL can never be stored (PostgreSQL refuses it even in a lookup): refused on
            # the field before any field looks a record up by it.
            with_nul = {
                str(name): [NUL_MESSAGE] for name, value in data.items() if _holds_nul(value)
            }
            if with_nul:
                raise ValidationError(with_nul)
        values = super().to_internal_value(data)
        # The dates a form would take (doorstep.core.forms.check_date_in_reach): a date in the
        # year 1 or 9999 is a slip, and would overflow the clocks computed from it.
        out_of_reach: dict[str, list[str]] = {}
        for name, field in self.fields.items():
            if isinstance(field, serializers.DateField | serializers.DateTimeField):
                try:
                    label = f"the {name.replace('_', ' ')}"
                    check_date_in_reach(values.get(field.source), label=label)
                except DjangoValidationError as exc:
                    out_of_reach[name] = exc.messages
        if out_of_reach:
            raise ValidationError(out_of_reach)
        return values


def form_errors(form: BaseForm) -> dict[str, list[str]]:
    """A page's form errors as the API's field messages (`non_field_errors` for the form)."""
    return {
        api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: [
            str(error) for error in errors
        ]
        for field, errors in form.errors.items()
    }


class ResourceViewSet(viewsets.GenericViewSet):
    serializer_class: type[serializers.BaseSerializer[Any]]
    filterset_class: type[ApiFilterSet] | None = None
    # Listed for the schema's query parameters; `list` applies the filterset itself, handing
    # the selector its filters (see doorstep.api.filters).
    filter_backends = [DjangoFilterBackend]
    pagination_class = IdCursorPagination
    permission_classes = [IsAuthenticated]
    throttle_classes = [TokenRateThrottle]
    parser_classes = [JSONParser]
    schema = ResourceSchema()
    http_method_names = ["get", "post", "patch", "head"]
    #: A service's argument names that differ from the API's field names, for error messages.
    service_field_names: dict[str, str] = {}
    #: Creates claim their Idempotency-Key here (CreateMixin), so the pages' middleware
    #: (doorstep.core.submissions) leaves the key of a signed-in session's API call alone.
    handles_submission_key = True
    #: The actions that honour If-Match (call `check_if_match`), for the schema.
    versioned_actions: tuple[str, ...] = ("partial_update",)

    # --- reading: override these ------------------------------------------------------------

    def list_queryset(self, filterset: ApiFilterSet | None) -> QuerySet[Any]:
        """The list before the filterset's own filters: the app's list selector, given
        `filterset.selector_values()`."""
        return self.get_queryset()

    def detail_queryset(self) -> QuerySet[Any]:
        """Where one record is looked up by `lookup_field`."""
        return self.get_queryset()

    def check_list(self) -> None:
        """Refuse the whole list (PermissionDenied) when the list page is refused."""

    def prepare(self, records: Sequence[Any]) -> Sequence[Any]:
        """Ready records for the caller: hide what they may not see, audit what they see."""
        return records

    # --- versions (ETag / If-Match): override for a record versioned by more than its row ---

    def version(self, record: Any) -> str | None:
        """The record's version as read (its ETag), or None for a record without one."""
        try:
            return version_of(record)
        except TypeError:
            return None

    def current_version(self, record: Any) -> str | None:
        """Inside the write's transaction: lock the record's row and return its version now."""
        if self.version(record) is None:
            return None
        # Only the record's own row, whatever its manager joins.
        locked = type(record)._default_manager.select_for_update(of=("self",)).get(pk=record.pk)
        return self.version(locked)

    # --- the machinery ----------------------------------------------------------------------

    @property
    def user(self) -> Any:
        return self.request.user

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # Filtering is done in `list`, where the selector gets the filters it applies.
        return queryset

    def get_filterset(self) -> ApiFilterSet | None:
        if self.filterset_class is None:
            return None
        filterset = self.filterset_class(
            self.request.query_params, queryset=None, request=self.request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset

    def lookup_value(self, value: str) -> str:
        """The lookup as the pages read it (case references are upper-cased, for example)."""
        return value

    def get_object(self) -> Any:
        lookup = self.lookup_url_kwarg or self.lookup_field
        record = get_object_or_404(
            self.detail_queryset(), **{self.lookup_field: self.lookup_value(self.kwargs[lookup])}
        )
        self.check_object_permissions(self.request, record)
        return record

    def represent(self, records: Sequence[Any]) -> list[dict[str, Any]]:
        prepared = self.prepare(records)
        serializer = type(self).serializer_class(
            prepared, many=True, context=self.get_serializer_context()
        )
        return list(serializer.data)

    def list(self, request: Request) -> Response:
        self.check_list()
        filterset = self.get_filterset()
        queryset = self.list_queryset(filterset)
        if filterset is not None:
            queryset = filterset.filter_queryset(queryset)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.represent(list(page or [])))

    def retrieve(self, request: Request, **kwargs: Any) -> Response:
        return self.record_response(self.get_object())

    def reloaded(self, record: Model) -> Any:
        """A record just written, read back as the detail selector reads it."""
        return self.detail_queryset().get(pk=record.pk)

    def record_response(self, record: Any, status_code: int = status.HTTP_200_OK) -> Response:
        """One record as the caller may see it, with its version as the ETag (none for a
        restricted stub: its version is not the caller's to know)."""
        body = self.represent([record])[0]
        response = Response(body, status=status_code)
        version = self.version(record)
        if version is not None and body.get("access") != "stub":
            response["ETag"] = etag(version)
        return response

    def sent_fields(self, current: dict[str, Any]) -> dict[str, Any]:
        """For a 412: each field the request sent, its value saved now beside the value sent."""
        data = self.request.data if isinstance(self.request.data, dict) else {}
        return {
            str(name): {"current": current.get(name), "yours": value}
            for name, value in data.items()
        }

    def check_if_match(self, record: Any, *, changes: Any = None) -> None:
        """Inside the write's transaction, before anything is written: with an If-Match
        header, lock the record and refuse (412) unless it is still at the version sent.
        `changes(current_body)` gives the 412's field values (default `sent_fields`)."""
        sent = self.request.headers.get(IF_MATCH)
        if sent is None:
            return
        current_version = self.current_version(record)
        if current_version is None or matches(sent, current_version):
            return
        current = self.represent([self.reloaded(record)])[0]
        raise PreconditionFailed(
            current_version=current_version,
            sent=sent,
            changes=(changes or self.sent_fields)(current),
        )


class CreateMixin:
    """POST to the list: `check_create`, validate with `create_serializer_class`, then the
    resource's `create_record(data) -> record`, which calls the app's service."""

    create_serializer_class: type[serializers.BaseSerializer[Any]]

    def get_serializer_class(self) -> Any:
        if getattr(self, "action", None) == "create":
            return self.create_serializer_class
        return super().get_serializer_class()  # type: ignore[misc]

    def check_create(self) -> None:
        """Refuse (PermissionDenied) before looking at the body, as the page would."""

    def create(self, request: Request) -> Response:
        self.check_create()
        key = idempotency_key(request)
        submission = claim(request, key) if key is not None else None
        if submission is not None and submission.status_code is not None:
            return self.replay(submission.location)
        try:
            record = self.create_saved(request, submission)
        except BaseException:
            if submission is not None:
                submission.delete()  # the key may be used again once the request is put right
            raise
        view: Any = self
        return view.record_response(record, status.HTTP_201_CREATED)

    def create_saved(self, request: Request, submission: Any) -> Any:
        """Validate, create through the service and read the record back; with a key, its
        claim is completed in the same transaction, so a saved record never leaves its key
        unclaimed and a failed one never leaves it taken."""
        view: Any = self
        serializer = view.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            record = view.reloaded(view.create_record(serializer.validated_data))
            if submission is not None:
                submission.status_code = status.HTTP_201_CREATED
                submission.location = self.detail_path(record)[:500]
                submission.save(update_fields=["status_code", "location"])
        return record

    def detail_path(self, record: Any) -> str:
        view: Any = self
        lookup = view.lookup_url_kwarg or view.lookup_field
        value = getattr(record, view.lookup_field)
        return str(view.reverse_action("detail", kwargs={lookup: value}, request=None))

    def replay(self, location: str) -> Response:
        """The answer to a key sent again: the record it created, as it is now."""
        view: Any = self
        try:
            match = resolve(location)
        except Resolver404:
            raise NotFound("The record this key created is no longer there.") from None
        view.kwargs = match.kwargs
        response: Response = view.record_response(view.get_object(), status.HTTP_201_CREATED)
        response[REPLAYED] = "true"
        return response


class UpdateMixin:
    """PATCH a record: `check_update`, validate with `update_serializer_class`, then the
    resource's `update_record(record, data) -> record` with the fields given, which calls the
    app's services."""

    update_serializer_class: type[serializers.BaseSerializer[Any]]

    def get_serializer_class(self) -> Any:
        if getattr(self, "action", None) == "partial_update":
            return self.update_serializer_class
        return super().get_serializer_class()  # type: ignore[misc]

    def check_update(self, record: Any) -> None:
        """Refuse (PermissionDenied) before looking at the body, as the page would."""

    def partial_update(self, request: Request, **kwargs: Any) -> Response:
        view: Any = self
        record = view.get_object()
        self.check_update(record)
        # All or nothing when one PATCH calls several services; If-Match is checked with the
        # row locked, so no other change can come in between.
        with transaction.atomic():
            view.check_if_match(record)
            serializer = view.get_serializer(record, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            updated = view.update_record(record, serializer.validated_data)
        return view.record_response(view.reloaded(updated))
