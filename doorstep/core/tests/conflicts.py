"""Test helpers for edit forms: two officers open one record, both save, the second sees the
conflict (doorstep.core.concurrency) and nothing the first saved is overwritten."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.test import Client

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.core.concurrency import CONFLICT_MESSAGE


def opened(client: Client, url: str) -> dict[str, Any]:
    """The form at `url`, its fields as a browser would post them back unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def signed_in(one: Any, other: Any) -> tuple[Client, Client]:
    """Two browsers, `one` signed in to the first and `other` to the second."""
    mine, theirs = Client(), Client()
    mine.force_login(one)
    theirs.force_login(other)
    return mine, theirs


def second_manager(team: Any) -> Any:
    """Another housing services manager in `team` (beside the `manager` fixture), for two
    managers editing one record."""
    return UserFactory(
        email="second.manager@doorstep.test",
        full_name="Priya Shah",
        team=team,
        roles=[Role.HOUSING_SERVICES_MANAGER],
    )


def _assert_refused(refused: HttpResponse, sent_version: Any) -> str:
    """The second save was refused: the page again (200) with the conflict message and the
    table of both versions, and the form now carrying the saved version, so saving again is
    a deliberate choice. The page's HTML is returned."""
    assert refused.status_code == 200, refused.status_code
    html = refused.content.decode()
    assert CONFLICT_MESSAGE.split(".")[0] in html
    assert "What changed while you were editing" in html
    assert refused.context["form"].data["version"] != sent_version
    return html


def second_save_refused(
    url: str,
    *,
    first: tuple[Any, dict[str, Any]],
    second: tuple[Any, dict[str, Any]],
    their_url: str | None = None,
    versioned: bool = True,
) -> HttpResponse:
    """Two people, each in their own browser, open the form (the second at `their_url`, if it
    differs); the first posts it back with their changes (a redirect), then the second with
    theirs: refused (see `_assert_refused`). `versioned`: the record exists already, so the
    form carries its version. The refused response is returned for each test's own checks."""
    (first_user, first_data), (second_user, second_data) = first, second
    their_url = their_url or url
    mine, theirs = signed_in(first_user, second_user)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, their_url)
    if versioned:
        assert opened_mine["version"], "the form carries no version"
    saved = mine.post(url, {**opened_mine, **first_data})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = theirs.post(their_url, {**opened_theirs, **second_data})
    _assert_refused(refused, opened_theirs.get("version"))
    return refused


def save_again(refused: HttpResponse, **changes: Any) -> None:
    """The second person posts the refused form again as shown (what they typed, now against
    the version saved since), with `changes`: a deliberate save, and it goes through."""
    shown = refused.context["form"].data
    data = dict(shown.lists()) if hasattr(shown, "lists") else dict(shown)
    url = refused.request["PATH_INFO"]
    if refused.request.get("QUERY_STRING"):
        url = f"{url}?{refused.request['QUERY_STRING']}"
    again = refused.client.post(url, {**data, **changes})
    assert again.status_code == 302, again.content.decode()[:2000]


def opened_version(client: Client, user: Any, url: str) -> str:
    """`user` opens the form at `url`: the version it carries."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    version = response.context["form"]["version"].value()
    assert version, "the form carries no version"
    return str(version)


def second_save_conflicts(
    client: Client,
    url: str,
    *,
    first: tuple[Any, dict[str, Any]],
    second: tuple[Any, dict[str, Any]],
    shown: tuple[str, ...] = (),
) -> str:
    """Both open the form, the first saves (a redirect), then the second: answered 200 with
    the conflict message, the table of both versions and each of `shown` (the values saved and
    typed). The page's HTML is returned for more checks."""
    (first_user, first_data), (second_user, second_data) = first, second
    first_version = opened_version(client, first_user, url)
    second_version = opened_version(client, second_user, url)
    client.force_login(first_user)
    saved = client.post(url, {**first_data, "version": first_version})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    client.force_login(second_user)
    refused = client.post(url, {**second_data, "version": second_version})
    html = _assert_refused(refused, second_version)
    for value in shown:
        assert value in html, f"{value!r} is not on the conflict page"
    return html
