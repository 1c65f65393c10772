"""The machinery of the permission matrix: walk the URL resolver, sign in the cast, make a
request and tell what came back (allowed, denied, the stub of a restricted case) and whether
anything was written."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from pypdf import PdfReader

from doorstep.accounts.roles import Role

from .objects import SENTINEL

ANONYMOUS = "anonymous"
ROLES: tuple[str, ...] = tuple(Role.values)
EVERYONE: tuple[str, ...] = (ANONYMOUS, *ROLES)


@dataclass(frozen=True)
class Url:
    name: str
    route: str
    kwargs: frozenset[str]


def _kwarg_names(pattern: Any) -> set[str]:
    regex = pattern.regex
    return set(regex.groupindex)


def walk_urls() -> list[Url]:
    """Every named URL pattern with its namespaced name and the kwargs it needs."""
    found: list[Url] = []

    def walk(patterns: Any, prefix: str, namespaces: list[str], kwargs: set[str]) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = [*namespaces, p.namespace] if p.namespace else namespaces
                walk(p.url_patterns, prefix + str(p.pattern), ns, kwargs | _kwarg_names(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                name = ":".join([*namespaces, p.name])
                found.append(
                    Url(name, prefix + str(p.pattern), frozenset(kwargs | _kwarg_names(p.pattern)))
                )

    walk(get_resolver().url_patterns, "", [], set())
    return found


# Tables that signing in and sessions write to: not the app's records.
_IGNORED_TABLES = ("django_session", "axes_", "otp_", "django_tasks")
_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@contextmanager
def writes_recorded() -> Iterator[list[str]]:
    """The tables written to inside the block (sessions and sign-in bookkeeping left out)."""
    tables: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        match = _WRITE.match(sql)
        if match and not match.group(2).startswith(_IGNORED_TABLES):
            tables.append(match.group(2))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield tables


@dataclass(frozen=True)
class Outcome:
    status: int
    location: str
    sentinel: bool
    pdf: bool = False

    @property
    def to_login(self) -> bool:
        return self.status == 302 and "/accounts/sign-in/" in self.location

    @property
    def to_admin_login(self) -> bool:
        return self.status == 302 and "/admin/login/" in self.location

    @property
    def denied(self) -> bool:
        return self.status in (401, 403, 404) or self.to_login

    def describe(self) -> str:
        where = f" -> {self.location}" if self.location else ""
        shown = " showing the restricted content" if self.sentinel else ""
        return f"{self.status}{where}{shown}"


def pdf_text(body: bytes) -> str:
    """The text of a PDF, every run of whitespace taken out (a line may wrap anywhere)."""
    reader = PdfReader(io.BytesIO(body))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


_SENTINEL_PDF = "".join(SENTINEL.split())


def outcome(response: Any, *, read_pdf: bool = False) -> Outcome:
    """What came back. A PDF's streams are compressed: with `read_pdf` (the restricted records'
    PDFs; extracting text is slow) its text is extracted and searched."""
    body = b""
    if not getattr(response, "streaming", False):
        body = response.content
    pdf = response.get("Content-Type", "").startswith("application/pdf")
    if pdf and read_pdf and body:
        sentinel = _SENTINEL_PDF in pdf_text(body)
    else:
        sentinel = SENTINEL.encode() in body
    return Outcome(
        status=response.status_code,
        location=response.get("Location", ""),
        sentinel=sentinel,
        pdf=pdf,
    )


def clients_for(users: dict[str, Any]) -> dict[str, Client]:
    clients = {ANONYMOUS: Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients
