"""The OpenAPI schema of every resource, from its viewset (docs/api.md).

A `ResourceViewSet` reads with `serializer_class` and writes with `create_serializer_class`,
`update_serializer_class` or an action's own serializer, but always answers with the read
serializer; this schema class says so, and documents the JSON errors each operation can give.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[Any]):
    """401, 403, 404 and 429 answers."""

    detail = serializers.CharField()

    class Meta:
        ref_name = "Error"


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
    "429": OpenApiResponse(
        ErrorSerializer, description="Too many requests: wait for the Retry-After seconds."
    ),
}


class ResourceSchema(AutoSchema):
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
        for code in sorted(codes):
            responses[code] = ERRORS[code]
        return responses
