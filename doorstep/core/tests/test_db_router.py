"""The primary/replica router with read-your-writes (doorstep.core.db_router).

The router is exercised through the real middleware chain (sessions, then the pin) with a
view that asks Django's router where a read would go, for the two aliases `default` (the
primary) and `replica`. No query is sent to a replica: these tests prove the routing rule.
"""

from __future__ import annotations

import json
import time

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.db import router, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import RequestFactory, override_settings

from doorstep.core import db_router
from doorstep.core.db_router import PIN_COOKIE, PIN_SECONDS, PinPrimaryMiddleware
from doorstep.core.models import AuditEvent, FormSubmission
from doorstep.people.models import Person

ROUTED = override_settings(
    DATABASE_ROUTERS=["doorstep.core.db_router.PrimaryReplicaRouter"],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
)


def where_reads_go(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        {
            "person": router.db_for_read(Person),
            "session": router.db_for_read(Session),
            "submission": router.db_for_read(FormSubmission),
            "write": router.db_for_write(Person),
        }
    )


def _stack() -> SessionMiddleware:
    return SessionMiddleware(PinPrimaryMiddleware(where_reads_go))


class Browser:
    """Keeps one browser's cookies between requests, as a real one does."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.factory = RequestFactory()

    def request(self, method: str) -> dict[str, str]:
        request = getattr(self.factory, method)("/")
        request.COOKIES.update(self.cookies)
        response = _stack()(request)
        for name, morsel in response.cookies.items():
            self.cookies[name] = morsel.value
        return json.loads(response.content)  # type: ignore[no-any-return]


@ROUTED
def test_reads_go_to_the_replica_and_writes_to_the_primary() -> None:
    answer = Browser().request("get")
    assert answer["person"] == "replica"
    assert answer["write"] == "default"


@ROUTED
def test_a_request_that_writes_reads_from_the_primary() -> None:
    assert Browser().request("post")["person"] == "default"


@ROUTED
def test_after_a_write_the_same_session_reads_from_the_primary_for_a_while(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    browser = Browser()
    browser.request("post")
    assert browser.request("get")["person"] == "default"
    later = time.time() + PIN_SECONDS + 1
    monkeypatch.setattr(db_router.time, "time", lambda: later)
    assert browser.request("get")["person"] == "replica"


@ROUTED
def test_the_pin_survives_a_new_session_through_its_cookie() -> None:
    """A sign-in replaces the session: the cookie still pins the browser to the primary."""
    browser = Browser()
    browser.request("post")
    browser.cookies = {PIN_COOKIE: browser.cookies[PIN_COOKIE]}
    assert browser.request("get")["person"] == "default"


@ROUTED
def test_another_officer_is_not_pinned_by_someone_elses_write() -> None:
    writer, reader = Browser(), Browser()
    writer.request("post")
    assert reader.request("get")["person"] == "replica"


@ROUTED
def test_a_forged_pin_cookie_is_ignored() -> None:
    browser = Browser()
    browser.cookies[PIN_COOKIE] = "not-a-time"
    assert browser.request("get")["person"] == "replica"


@ROUTED
def test_sign_in_state_and_form_keys_always_read_from_the_primary() -> None:
    answer = Browser().request("get")
    assert answer["session"] == "default"
    assert answer["submission"] == "default"


@ROUTED
def test_the_pin_ends_with_the_request() -> None:
    Browser().request("post")
    assert router.db_for_read(Person) == "replica"


@ROUTED
@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary() -> None:
    """A service or command that writes then reads sees its own rows."""
    assert router.db_for_read(AuditEvent) == "replica"
    with transaction.atomic():
        assert router.db_for_read(AuditEvent) == "default"


def test_only_the_primary_is_migrated() -> None:
    routing = db_router.PrimaryReplicaRouter()
    assert routing.allow_migrate("default", "people")
    assert not routing.allow_migrate("replica", "people")
