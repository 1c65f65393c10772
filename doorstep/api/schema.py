"""The OpenAPI schema of every resource, from its viewset (docs/api.md).

A `ResourceViewSet` reads with `serializer_class` and writes with `create_serializer_class`,
`update_serializer_class` or an action's own serializer, but always answers with the read
serializer; this schema class says so, and documents the JSON errors each operation can give,
the `ETag` of one record, `If-Match` on the changes that honour it (the view's
`versioned_actions`) and `Idempotency-Key` on creates (doorstep.api.concurrency).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from doorstep.api.concurrency import IDEMPOTENCY_HEADER, IF_MATCH, REPLAYED


class ErrorSerializer(serializers.Serializer[Any]):
    """401, 403, 404 and 429 answers."""

    detail = serializers.CharField()

    class Meta:
        ref_name = "Error"


class ChangedFieldSerializer(serializers.Serializer[Any]):
    current = serializers.JSONField(
        allow_null=True, help_text="The value saved now (null when the record has no such field)."
    )
    yours = serializers.JSONField(allow_null=True, help_text="The value you sent.")

    class Meta:
        ref_name = "ChangedField"


class PreconditionFailedSerializer(serializers.Serializer[Any]):
    """412: the record changed after the version sent in If-Match; nothing was saved."""

    detail = serializers.CharField()
    current_version = serializers.CharField(help_text="The record's version now (its ETag).")
    your_version = serializers.CharField(help_text="The If-Match you sent.")
    changes = serializers.DictField(
        child=ChangedFieldSerializer(), help_text="Each field you sent: saved now, and yours."
    )

    class Meta:
        ref_name = "PreconditionFailed"


BAD_INPUT = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {},
        "description": (
            'Messages by field: {"field": ["message"]}; `non_field_errors` for the request '
            "as a whole, `detail` when the body is not JSON."
        ),
    },
    description="Bad input: the messages say which field and how to put it right.",
)
ERRORS: dict[str, OpenApiResponse] = {
    "400": BAD_INPUT,
    "401": OpenApiResponse(ErrorSerializer, description="No token, or a token that is not valid."),
    "403": OpenApiResponse(ErrorSerializer, description="Your role may not do this."),
    "404": OpenApiResponse(ErrorSerializer, description="No record has this reference or id."),
    "409": OpenApiResponse(
        ErrorSerializer,
        description="A request with this Idempotency-Key is still being saved: send it again "
        "after Retry-After seconds.",
    ),
    "412": OpenApiResponse(
        PreconditionFailedSerializer,
        description="The record changed after the version in If-Match: nothing was saved.",
    ),
    "429": OpenApiResponse(
        ErrorSerializer, description="Too many requests: wait for the Retry-After seconds."
    ),
}


ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=["200", "201"],
    description="The record's version: send it as If-Match with a change to make it only if "
    "no one has changed the record since (absent for a restricted case shown as a stub).",
)
IF_MATCH_PARAMETER = OpenApiParameter(
    IF_MATCH,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you read: the change is made only if the record is still at that "
    "version, else 412 and nothing is saved. Leave it out to change the record whatever its "
    "version.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.UUID,
    OpenApiParameter.HEADER,
    description="A new UUID for each new record: sent again (a retry after a lost answer), "
    "the record it made is answered and no second one is made.",
)
REPLAYED_HEADER = OpenApiParameter(
    REPLAYED,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=["201"],
    description="true when the answer is the record an earlier request with the same "
    "Idempotency-Key made.",
)


class ResourceSchema(AutoSchema):
    def _versioned(self) -> bool:
        action = getattr(self.view, "action", None)
        return action in getattr(self.view, "versioned_actions", ())

    def get_override_parameters(self) -> Any:
        parameters = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if action == "create":
            parameters += [IDEMPOTENCY_KEY, ETAG, REPLAYED_HEADER]
        elif action == "retrieve" or self._versioned():
            parameters.append(ETAG)
        if self._versioned():
            parameters.append(IF_MATCH_PARAMETER)
        return parameters

    def get_response_serializers(self) -> Any:
        view = self.view
        # The read serializer, even for writes and actions (which set their own on the view).
        body = getattr(type(view), "serializer_class", None)
        action = getattr(view, "action", None)
        success = "201" if self._is_create_operation() else "200"
        responses: dict[str, Any] = {success: body}
        codes = ["401", "403", "429"]
        if action == "list" or self.method in ("POST", "PATCH", "PUT"):
            codes.append("400")
        if action != "list" and action != "create":
            codes.append("404")
        if action == "create":
            codes.append("409")
        if self._versioned():
            codes.append("412")
        for code in sorted(codes):
            responses[code] = ERRORS[code]
        return responses
