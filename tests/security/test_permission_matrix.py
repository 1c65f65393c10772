"""The permission matrix (docs/security.md, "Permission matrix").

Every named URL and every API endpoint, as anonymous and as each of the eight roles, against a
record on the officer's own patch, one in another office and a restricted case: what
`policy.py` says each may do is what happens. The demo landlord is built once for the class;
a restricted case in it carries the sentinel, which must never reach anyone who may not see it.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import Any

from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from doorstep.accounts.models import User
from doorstep.demo.builder import MIN_HOMES, build_demo, demo_logins

from . import policy
from .harness import ANONYMOUS, EVERYONE, Outcome, outcome, walk_urls, writes_recorded
from .objects import (
    QUERY,
    add_missing_records,
    add_usable_records,
    api_changes,
    api_lookups,
    build_kinds,
    prepare_restricted,
)


def test_every_url_is_classified() -> None:
    """A new URL name fails here until policy.py says who may use it."""
    names = {url.name for url in walk_urls()}
    unclassified = sorted(
        name
        for name in names
        if name not in policy.PAGES
        and name not in policy.API_ENDPOINTS
        and not name.startswith(policy.ADMIN_SITE)
    )
    assert not unclassified, f"URL names missing from tests/security/policy.py: {unclassified}"
    stale = sorted((set(policy.PAGES) | set(policy.API_ENDPOINTS)) - names)
    assert not stale, f"policy.py names URLs that no longer exist: {stale}"


def _signed_in_clients(users: dict[str, Any]) -> dict[str, Client]:
    clients = {ANONYMOUS: Client(raise_request_exception=False)}
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients[role] = client
    return clients


def _allowed(seen: Outcome) -> bool:
    return 200 <= seen.status < 300 or (300 <= seen.status < 400 and not seen.to_login)


def _denied(who: str, seen: Outcome) -> bool:
    if who == ANONYMOUS:
        return seen.to_login or seen.status == 401
    return seen.status in (401, 403, 404)


class PermissionMatrix(TestCase):
    users: dict[str, User]
    kinds: dict[str, dict[str, dict[str, Any]]]

    @classmethod
    def setUpClass(cls) -> None:
        # Photos and exports the records need go to a folder of this run's own, removed after.
        cls.media_root = tempfile.mkdtemp(prefix="permmatrix-")
        cls.media_override = override_settings(MEDIA_ROOT=cls.media_root)
        cls.media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls.media_override.disable()
        shutil.rmtree(cls.media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls) -> None:
        build_demo(homes=MIN_HOMES, now=timezone.now())
        prepare_restricted()
        add_missing_records()
        add_usable_records()
        cls.kinds = build_kinds()
        cls.users = {}
        for login in demo_logins():
            user = User.objects.get(email=login.email)
            (role,) = user.roles
            cls.users[str(role)] = user

    def _paths(self, name: str, rule: policy.Rule) -> list[tuple[str, str]]:
        variants = self.kinds[rule.kind]
        missing = set(rule.allowed) - set(variants)
        self.assertFalse(missing, f"{name}: no {rule.kind} record for {sorted(missing)}")
        paths = []
        for variant in rule.allowed:
            kwargs = dict(variants[variant])
            query = kwargs.pop(QUERY, "")
            paths.append((variant, reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")))
        return paths

    def test_pages(self) -> None:
        """GET every page as everyone; POST to it as those refused (for a form: anonymous and
        the data protection officer; for a POST-only URL: everyone refused): refused, and
        nothing written."""
        clients = _signed_in_clients(self.users)
        problems: list[str] = []
        for name, rule in policy.PAGES.items():
            read_pdf = policy.PDFS_WITH_SENTINEL.get(name, frozenset())
            for variant, path in self._paths(name, rule):
                allowed = rule.allowed[variant]
                for who in EVERYONE:
                    client = clients[who]
                    where = f"{name} [{variant}] as {who}"
                    if not rule.post_only:
                        seen = outcome(client.get(path), read_pdf=variant in read_pdf)
                        if seen.sentinel and who not in policy.SEES_RESTRICTED:
                            problems.append(f"{where}: shows restricted content")
                        if who in allowed and not _allowed(seen):
                            problems.append(f"{where}: expected allowed, got {seen.describe()}")
                        if who not in allowed and not _denied(who, seen):
                            problems.append(f"{where}: expected denied, got {seen.describe()}")
                        if (
                            who in allowed
                            and variant in read_pdf
                            and not (seen.pdf and seen.sentinel)
                        ):
                            problems.append(f"{where}: the PDF's text lacks the sentinel")
                    if who in allowed or not rule.post_check:
                        continue
                    if (
                        not rule.post_only
                        and who not in (ANONYMOUS, policy.DPO)
                        and name not in policy.POSTED_BY_EVERY_REFUSED
                    ):
                        # A form's POST is refused by the same check as its GET: anonymous
                        # and the read-only role stand for everyone (keeps the matrix fast),
                        # but for the most sensitive forms.
                        continue
                    with writes_recorded() as written:
                        posted = outcome(client.post(path, {}))
                    refused = (
                        _denied(who, posted)
                        or posted.status == 405  # a page that takes no POST at all
                        or (rule.refuses_by_redirect and posted.status == 302 and who != ANONYMOUS)
                    )
                    if not refused:
                        problems.append(f"{where}: POST expected denied, got {posted.describe()}")
                    if written:
                        problems.append(f"{where}: POST refused but wrote {sorted(set(written))}")
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_admin_site_is_for_superusers_only(self) -> None:
        clients = _signed_in_clients(self.users)
        problems = []
        for url in walk_urls():
            if not url.name.startswith(policy.ADMIN_SITE) or url.kwargs:
                continue
            if url.name in policy.ADMIN_SIGN_IN:
                continue
            for who in EVERYONE:
                seen = outcome(clients[who].get(reverse(url.name)))
                if not (seen.to_admin_login or seen.to_login):
                    problems.append(f"{url.name} as {who}: {seen.describe()}")
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_api(self) -> None:
        """Every resource, list and detail, read and written, with each role's token."""
        client = Client(raise_request_exception=False)
        headers: dict[str, dict[str, str]] = {ANONYMOUS: {}}
        for role, user in self.users.items():
            headers[role] = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}
        lookups = api_lookups(self.kinds)
        changes = api_changes(self.kinds)
        problems: list[str] = []
        for basename, rule in policy.API.items():
            base = reverse(f"{basename}-list")
            other = lookups[basename].get("other")
            for who in EVERYONE:
                where = f"API {basename} as {who}"
                response = client.get(base, **headers[who])
                seen = outcome(response)
                if seen.sentinel and who not in policy.SEES_RESTRICTED:
                    problems.append(f"{where} list: shows restricted content")
                if who in rule.list:
                    if seen.status != 200:
                        problems.append(f"{where} list: expected 200, got {seen.describe()}")
                    elif (
                        other is not None
                        and who not in rule.list_other
                        and f'"{other}"' in response.content.decode()
                    ):
                        # (Only the absence is checked: the list is paginated.)
                        problems.append(f"{where} list: another office's record listed")
                elif not _denied(who, seen):
                    problems.append(f"{where} list: expected denied, got {seen.describe()}")
                if who not in rule.create:
                    with writes_recorded() as written:
                        posted = client.post(
                            base, {}, content_type="application/json", **headers[who]
                        )
                    if posted.status_code not in (401, 403, 404) or written:
                        problems.append(f"{where} create: {posted.status_code}, wrote {written}")
                for variant, key in lookups[basename].items():
                    path = f"{base}{key}/"
                    seen = outcome(client.get(path, **headers[who]))
                    allowed = rule.detail.get(variant, frozenset())
                    if seen.sentinel and who not in policy.SEES_RESTRICTED:
                        problems.append(f"{where} [{variant}]: shows restricted content")
                    if who in allowed and seen.status != 200:
                        problems.append(f"{where} [{variant}]: expected 200, got {seen.describe()}")
                    if who not in allowed and not _denied(who, seen):
                        problems.append(
                            f"{where} [{variant}]: expected denied, got {seen.describe()}"
                        )
                    change = changes.get(basename, {}).get(variant, {})
                    if who in rule.update.get(variant, frozenset()):
                        if change:
                            # Allowed: the change is made, then rolled back for the next role.
                            with transaction.atomic():
                                patched = client.patch(
                                    path, change, content_type="application/json", **headers[who]
                                )
                                transaction.set_rollback(True)
                            if patched.status_code != 200:
                                problems.append(
                                    f"{where} [{variant}] update: expected 200, got "
                                    f"{patched.status_code}"
                                )
                        continue
                    with writes_recorded() as written:
                        patched = client.patch(
                            path, change, content_type="application/json", **headers[who]
                        )
                    if patched.status_code not in (401, 403, 404, 405) or written:
                        problems.append(
                            f"{where} [{variant}] update: {patched.status_code}, wrote {written}"
                        )
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_api_actions_refuse_anonymous_and_read_only(self) -> None:
        client = Client(raise_request_exception=False)
        dpo = self.users[policy.DPO]
        headers = {
            ANONYMOUS: {},
            policy.DPO: {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=dpo).key}"},
        }
        lookups = api_lookups(self.kinds)
        problems: list[str] = []
        for name, (basename, kind) in policy.API_ACTIONS.items():
            for variant, key in lookups[basename].items():
                lookup = "pk" if basename in ("callback", "inspection") else f"{basename}_ref"
                kwargs: dict[str, Any] = {lookup: key}
                if kind == "answer":
                    answer = self.kinds["answer"].get(variant)
                    if answer is None:
                        continue
                    kwargs = {"pk": answer["pk"], "answer_id": answer["answer_pk"]}
                path = reverse(name, kwargs=kwargs)
                for who, head in headers.items():
                    with writes_recorded() as written:
                        response = client.post(path, {}, content_type="application/json", **head)
                    if response.status_code not in (401, 403, 404, 405) or written:
                        problems.append(
                            f"{name} [{variant}] as {who}: {response.status_code}, wrote {written}"
                        )
        self.assertEqual(problems, [], "\n" + "\n".join(problems))
