"""`make load`: 100 simulated officers against gunicorn (4 workers) on loopback, 3 minutes.

1. Collects static files and picks the data the officers use (their accounts, people, their
   own open cases, surnames, postcodes, phones) from the database of DATABASE_URL — a
   generated landlord (`generate_scale`): officers sign in with its known password.
2. Starts gunicorn on 127.0.0.1 only, runs locust headless for the time given (bounded: the
   whole run is killed if it overruns), stops gunicorn.
3. Writes requests/s, p50/p95 and errors per request kind to bench/results/ (JSON and
   Markdown). Targets: no errors, p95 at most 300 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "var" / "load"
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL", "false")
TARGET_P95_MS = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_data(path: Path, officers: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Q

    from doorstep.accounts.models import User
    from doorstep.accounts.roles import Role
    from doorstep.cases.models import Case
    from doorstep.core.validators import format_phone
    from doorstep.people.models import Person
    from doorstep.places.models import Home
    from doorstep.scale.organisation import SCALE_PASSWORD

    call_command("collectstatic", interactive=False, verbosity=0)
    users = list(
        User.objects.filter(
            groups__name=Role.NEIGHBOURHOOD_OFFICER, email__endswith="@scale.doorstep.invalid"
        ).order_by("id")[:officers]
    )
    if not users:
        raise SystemExit("No generated officers: run generate_scale first.")
    open_cases = Case.objects.filter(restricted=False).exclude(status="closed")
    data = {
        "password": SCALE_PASSWORD,
        "officers": [
            {
                "email": user.email,
                "cases": list(
                    open_cases.filter(lead_officer=user).values_list("reference", flat=True)[:20]
                ),
            }
            for user in users
        ],
        "any_cases": list(
            open_cases.filter(lead_officer__in=users).values_list("reference", flat=True)[:50]
        ),
        "people": list(Person.objects.order_by("?").values_list("reference", flat=True)[:500]),
        "surnames": sorted(set(Person.objects.values_list("last_name", flat=True)[:2000])),
        "postcodes": list(Home.objects.order_by("?").values_list("postcode", flat=True)[:200]),
        "phones": [
            format_phone(phone)
            for phone in Person.objects.filter(~Q(phone="")).values_list("phone", flat=True)[:200]
        ],
    }
    path.write_text(json.dumps(data))
    return data


def wait_until_up(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} in {seconds:.0f} s")


def summarise(stats_csv: Path, failures_csv: Path) -> dict[str, Any]:
    rows = list(csv.DictReader(stats_csv.open()))
    kinds = []
    total: dict[str, Any] = {}
    for row in rows:
        entry = {
            "name": row["Name"],
            "method": row["Type"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "requests_per_s": round(float(row["Requests/s"]), 2),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "max_ms": round(float(row["Max Response Time"] or 0), 1),
        }
        if row["Name"] == "Aggregated":
            total = entry
        else:
            kinds.append(entry)
    failures = list(csv.DictReader(failures_csv.open())) if failures_csv.exists() else []
    return {"total": total, "kinds": kinds, "failures": failures[:20]}


def markdown(meta: dict[str, Any], summary: dict[str, Any]) -> str:
    total = summary["total"]
    met = total["failures"] == 0 and total["p95_ms"] <= TARGET_P95_MS
    lines = [
        f"# Load test {meta['when']}",
        "",
        f"- commit `{meta['commit']}`; {meta['database']}; {meta['homes']:,} homes",
        f"- {meta['users']} officers, {meta['duration']} against gunicorn ({meta['workers']} "
        f"workers) on 127.0.0.1; machine {meta['machine']}, load average "
        f"{meta['load_average']} at the start (shared machine)",
        f"- **{total['requests_per_s']} requests/s, p95 {total['p95_ms']:.0f} ms, "
        f"{total['failures']} errors of {total['requests']:,}** — target 0 errors and p95 ≤ "
        f"{TARGET_P95_MS:.0f} ms: {'met' if met else 'missed'}",
        "",
        "| request | method | count | errors | req/s | p50 ms | p95 ms | max ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for k in summary["kinds"]:
        lines.append(
            f"| {k['name']} | {k['method']} | {k['requests']} | {k['failures']} | "
            f"{k['requests_per_s']} | {k['p50_ms']:.0f} | {k['p95_ms']:.0f} | {k['max_ms']} |"
        )
    if summary["failures"]:
        lines += ["", "Errors:", ""]
        lines += [
            f"- {f['Method']} {f['Name']}: {f['Error']} ({f['Occurrences']})"
            for f in summary["failures"]
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default="3m", help="locust run time, e.g. 3m or 90s")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    data_file = WORK / "data.json"
    load_data(data_file, args.users)

    from django.db import connection

    from doorstep.places.models import Home

    homes = Home.objects.count()
    database = f"{connection.vendor} ({connection.settings_dict['NAME']})"
    connection.close()
    port = free_port()
    env = {**os.environ, "DOORSTEP_LOAD_DATA": str(data_file)}
    gunicorn = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    seconds = int(args.time[:-1]) * (60 if args.time.endswith("m") else 1)
    meta = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit,
        "database": database,
        "homes": homes,
        "users": args.users,
        "duration": args.time,
        "workers": args.workers,
        "machine": f"{os.cpu_count()} CPUs",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", 60)
        prefix = WORK / "locust"
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.time,
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
            ],
            cwd=ROOT,
            env=env,
            timeout=seconds + 120,  # bounded: never runs on
            check=False,
        )
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(gunicorn.pid, signal.SIGKILL)
    summary = summarise(WORK / "locust_stats.csv", WORK / "locust_failures.csv")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = f"{database.split(' ')[0]}-{homes}-homes"
    (out / f"load-{stamp}.json").write_text(json.dumps({**meta, **summary}, indent=2) + "\n")
    (out / f"load-{stamp}.md").write_text(markdown(meta, summary))
    total = summary["total"]
    print(
        f"{total['requests_per_s']} requests/s, p95 {total['p95_ms']} ms, "
        f"{total['failures']} errors of {total['requests']}; written to {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
