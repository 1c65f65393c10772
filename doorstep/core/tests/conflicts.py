"""A test helper for edit forms: two officers open one record, both save, the second sees the
conflict (doorstep.core.concurrency) and nothing the first saved is overwritten."""

from __future__ import annotations

from typing import Any

from django.test import Client

from doorstep.core.concurrency import CONFLICT_MESSAGE


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
    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT_MESSAGE.split(".")[0] in html
    assert "What changed while you were editing" in html
    for value in shown:
        assert value in html, f"{value!r} is not on the conflict page"
    # The form now carries the saved version, so saving again is a deliberate choice.
    assert refused.context["form"].data["version"] != second_version
    return html
