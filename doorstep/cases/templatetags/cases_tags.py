"""Template helpers for the case pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from doorstep.cases.selectors import PanelRender

register = template.Library()

RISK_TAG = {"standard": "govuk-tag--grey", "medium": "govuk-tag--yellow", "high": "govuk-tag--red"}
STATUS_TAG = {
    "open": "govuk-tag--blue",
    "investigating": "govuk-tag--light-blue",
    "action": "govuk-tag--purple",
    "monitoring": "govuk-tag--turquoise",
    "closed": "govuk-tag--grey",
}


@register.simple_tag(takes_context=True)
def render_panel(context: Any, item: PanelRender) -> SafeString:
    """A type app's panel (doorstep.cases.registry) with its own context, plus the case,
    the user and the request (so its forms get a CSRF token)."""
    request = context.get("request")
    values = {"case": context.get("case"), "user": getattr(request, "user", None)}
    values.update(item.context)
    return SafeString(render_to_string(item.panel.template, values, request=request))


@register.filter
def risk_tag(level: str) -> str:
    return RISK_TAG.get(level, "govuk-tag--grey")


@register.filter
def status_tag(status: str) -> str:
    return STATUS_TAG.get(status, "govuk-tag--grey")
