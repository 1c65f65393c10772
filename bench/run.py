"""`make bench`: server time of Doorstep's busiest pages on the database of DATABASE_URL.

Each page is requested through Django's test Client — the whole stack of middleware, view,
selectors and templates, nothing mocked, no network — by a user who would really open it
(the busiest officer's My day, the person with the longest history, …). For each page:

- p50, p95 and max server time over `--requests` requests (after warm-up requests);
- the number of SQL queries one request makes;
- the **floor**: the same page's read queries (captured with `CaptureQueriesContext`) replayed
  bare on a cursor — the time the database alone needs — and the ratio page ÷ floor.

Results go to bench/results/ as JSON and a Markdown table, with the machine, the database,
the data size and the commit. Pages whose app is not on this branch are listed as
"not available". Run it on a generated landlord (`generate_scale`), never on a live one: it
signs in as real users and opening a person page writes audit rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A bench runs like production (DEBUG off, no query log), on loopback only.
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("SECURE_SSL", "false")

TARGET_PAGE_P95_MS = 150.0
TARGET_SEARCH_P95_MS = 100.0
TARGET_RATIO = 3.0
TARGET_QUERIES = 20


@dataclass
class Page:
    name: str
    url: str = ""
    user: Any = None
    search: bool = False
    note: str = ""
    available: bool = True


@dataclass
class Measure:
    name: str
    url: str
    available: bool
    note: str = ""
    status: int = 0
    requests: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    queries: int = 0
    writes: int = 0
    floor_ms: float = 0.0
    ratio: float = 0.0
    target_p95_ms: float = 0.0
    misses: list[str] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0-1) of the values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def _is_read(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in ("SELECT", "WITH")


def floor_ms(queries: list[str], *, repeats: int) -> float:
    """Median time of the page's read queries run bare, one after the other, on a cursor."""
    from django.db import connection, transaction

    reads = [sql for sql in queries if _is_read(sql)]
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in reads:
                cursor.execute(sql)  # as captured: values already in, no placeholders
                cursor.fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(page: Page, *, requests: int, warm_up: int) -> Measure:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    target = TARGET_SEARCH_P95_MS if page.search else TARGET_PAGE_P95_MS
    result = Measure(page.name, page.url, page.available, page.note, target_p95_ms=target)
    if not page.available:
        return result
    client = Client(SERVER_NAME="localhost")
    client.force_login(page.user)
    for _ in range(warm_up):
        client.get(page.url)
    timings = []
    status = 0
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(page.url)
        timings.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    with CaptureQueriesContext(connection) as captured:
        client.get(page.url)
    sqls = [query["sql"] for query in captured.captured_queries]
    result.status = status
    result.requests = requests
    result.p50_ms = round(percentile(timings, 0.5), 1)
    result.p95_ms = round(percentile(timings, 0.95), 1)
    result.max_ms = round(max(timings), 1)
    result.queries = len(sqls)
    result.writes = sum(1 for sql in sqls if not _is_read(sql))
    result.floor_ms = round(floor_ms(sqls, repeats=max(5, requests // 5)), 2)
    result.ratio = round(result.p50_ms / result.floor_ms, 1) if result.floor_ms else 0.0
    if status != 200:
        result.misses.append(f"status {status}")
    if result.p95_ms > target:
        result.misses.append(f"p95 {result.p95_ms} ms > {target:.0f} ms")
    if result.ratio > TARGET_RATIO:
        result.misses.append(f"page ÷ floor {result.ratio} > {TARGET_RATIO:.0f}")
    if result.queries > TARGET_QUERIES:
        result.misses.append(f"{result.queries} queries > {TARGET_QUERIES}")
    return result


def pages() -> list[Page]:
    """The pages, each with the user who would open it on a busy day."""
    from django.db.models import Count, Q
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from doorstep.accounts.models import User
    from doorstep.accounts.roles import Role
    from doorstep.cases.models import Case
    from doorstep.core.validators import format_phone
    from doorstep.people.models import Person
    from doorstep.places.models import Home

    today = timezone.localdate()
    officers = User.objects.filter(groups__name=Role.NEIGHBOURHOOD_OFFICER, is_active=True)
    busiest = (
        officers.annotate(
            due=Count(
                "case_actions",
                filter=Q(case_actions__done_at__isnull=True, case_actions__due_on__lte=today),
            )
        )
        .order_by("-due", "id")
        .first()
    )
    if busiest is None:
        raise SystemExit("No neighbourhood officers: load a landlord first (generate_scale).")
    leader = User.objects.filter(groups__name=Role.TEAM_LEADER, led_teams__isnull=False).first()
    asb_officer = User.objects.filter(groups__name=Role.ASB_OFFICER).first()
    person = Person.objects.filter(
        pk__in=Person.objects.annotate(n=Count("contacts")).order_by("-n").values("pk")[:1]
    ).first()
    home = Home.objects.filter(
        pk__in=Home.objects.annotate(n=Count("repairs")).order_by("-n").values("pk")[:1]
    ).first()
    case = (
        Case.objects.filter(case_type="asb", restricted=False)
        .annotate(n=Count("incident_reports"))
        .order_by("-n", "id")
        .first()
    )
    assert person and home and case and leader and asb_officer
    cases_url = reverse("cases:case_list")
    total_cases = Case.objects.count()
    deep = max(1, int(total_cases / 25 * 0.8))
    surname = person.last_name
    misspelt = surname[:-2] + surname[-1] + surname[-2] if len(surname) > 3 else surname + "e"
    phone_owner = Person.objects.exclude(phone="").order_by("id").first()
    search = reverse("search:search")
    result = [
        Page("My day (busiest officer)", reverse("myday:my_day"), busiest),
        Page(
            "Person page (longest history)",
            reverse("people:person_detail", args=[person.reference]),
            busiest,
        ),
        Page("Home page (most repairs)", reverse("places:home_detail", args=[home.pk]), busiest),
        Page(
            "Case list: team, open, overdue actions",
            f"{cases_url}?show=team&status=open&overdue=on",
            leader,
        ),
        Page(
            "Case list: all cases, deep page",
            f"{cases_url}?show=all&status=any&page={deep}",
            leader,
        ),
        Page(
            "Case page (ASB, most incidents)",
            reverse("cases:case_detail", args=[case.reference]),
            asb_officer,
        ),
        Page("Search: misspelt surname", f"{search}?q={misspelt}", busiest, search=True),
        Page(
            "Search: postcode",
            f"{search}?q={home.postcode.replace(' ', '+')}",
            busiest,
            search=True,
        ),
    ]
    if phone_owner is not None:
        national = format_phone(phone_owner.phone).replace(" ", "+")
        result.append(Page("Search: phone", f"{search}?q={national}", busiest, search=True))
    result.append(Page("Community Trigger list", reverse("asb:community_triggers"), asb_officer))
    for name, url_name in (("TSM report (last year)", "reports:tsm"),):
        try:
            url = reverse(url_name) + f"?year={today.year - 1}"
            result.append(Page(name, url, leader))
        except NoReverseMatch:
            result.append(
                Page(name, available=False, note="not available: tsm_report is not on this branch")
            )
    api_pages = []
    for resource in ("homes", "people", "cases", "contacts", "repairs"):
        try:
            api_pages.append(Page(f"API list: {resource}", reverse(f"{resource}-list"), busiest))
        except NoReverseMatch:
            continue
    if api_pages:
        result.extend(api_pages)
    else:
        result.append(
            Page(
                "API list pages",
                available=False,
                note="not available: the REST API's resources are not on this branch",
            )
        )
    return result


def environment() -> dict[str, Any]:
    from django.db import connection

    from doorstep.cases.models import Case
    from doorstep.contacts.models import Contact
    from doorstep.people.models import Person
    from doorstep.places.models import Home
    from doorstep.repairs.models import Repair

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
        else:
            cursor.execute("SELECT 'SQLite ' || sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "database": {"vendor": connection.vendor, "version": version},
        "data": {
            "homes": Home.objects.count(),
            "people": Person.objects.count(),
            "contacts": Contact.objects.count(),
            "cases": Case.objects.count(),
            "repairs": Repair.objects.count(),
        },
    }


def markdown(env: dict[str, Any], results: list[Measure]) -> str:
    data = env["data"]
    lines = [
        f"# Benchmark {env['when']}",
        "",
        f"- commit `{env['commit']}`; {env['database']['version']}",
        f"- machine: {env['machine']['platform']}, {env['machine']['cpus']} CPUs, load average "
        f"{env['machine']['load_average']} at the start (shared machine)",
        f"- data: {data['homes']:,} homes, {data['people']:,} people, {data['contacts']:,} "
        f"contacts, {data['cases']:,} cases, {data['repairs']:,} repairs",
        "",
        "| page | p50 ms | p95 ms | max ms | queries | floor ms | page ÷ floor | target p95 | "
        "misses |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        if not r.available:
            lines.append(f"| {r.name} | — | — | — | — | — | — | — | {r.note} |")
            continue
        lines.append(
            f"| {r.name} | {r.p50_ms} | {r.p95_ms} | {r.max_ms} | {r.queries} | {r.floor_ms} | "
            f"{r.ratio} | {r.target_p95_ms:.0f} | {'; '.join(r.misses) or 'none'} |"
        )
    lines += [
        "",
        f"Server time through Django's test Client, {results[0].requests} requests per page "
        "after warm-up. Floor: the page's read queries replayed bare on a cursor (median).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warm-up", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated words of page names")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command

    # As in production: static files collected, with hashed names (WhiteNoise's manifest).
    call_command("collectstatic", interactive=False, verbosity=0)
    env = environment()
    selected = pages()
    if args.only:
        words = [word.strip().lower() for word in args.only.split(",") if word.strip()]
        selected = [p for p in selected if any(word in p.name.lower() for word in words)]
    results: list[Measure] = []
    report: Callable[[str], None] = print
    for page in selected:
        result = measure(page, requests=args.requests, warm_up=args.warm_up)
        results.append(result)
        if result.available:
            report(
                f"{result.name}: p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, "
                f"{result.queries} queries, floor {result.floor_ms} ms, ratio {result.ratio}"
            )
        else:
            report(f"{result.name}: {result.note}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = f"{env['database']['vendor']}-{env['data']['homes']}-homes"
    (out / f"bench-{stamp}.json").write_text(
        json.dumps({**env, "pages": [asdict(r) for r in results]}, indent=2) + "\n"
    )
    (out / f"bench-{stamp}.md").write_text(markdown(env, results))
    report(f"Written {out / f'bench-{stamp}.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
