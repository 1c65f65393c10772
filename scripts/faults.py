"""`make faults`: restart PostgreSQL and kill a gunicorn worker during a bounded loopback load.

What it proves (issue: reliability):
1. Requests during the database outage fail with the friendly 503 page, never a stack trace.
2. The service recovers by itself within 30 seconds of the database returning.
3. Every write acknowledged before or after the faults is in the database afterwards.
4. `/readyz` reports the outage (503) and then the recovery (200).

It runs only on loopback against a throw-away database (`doorstep_faults`, created and dropped
here) on the local PostgreSQL server, which it restarts with `pg_ctlcluster` — so run it on a
development or CI machine, never next to a live service. It stops by itself after about a
minute and writes `var/faults/report.md` and `report.json`. Exit status 0 when every check
passed, 1 otherwise.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SERVER = os.environ.get("FAULTS_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = "doorstep_faults"
DATABASE_URL = f"{SERVER}/{DATABASE}"
PORT = int(os.environ.get("FAULTS_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
CLUSTER = os.environ.get("FAULTS_PG_CLUSTER", "15 main").split()
USERS = 8
LOAD_SECONDS = 60
KILL_WORKER_AT = 10
STOP_DATABASE_AT = 20
OUTAGE_SECONDS = 8
RECOVERY_LIMIT_SECONDS = 30
OFFICER = "kerry.bennett@forgeandcanal.example.org"
PASSWORD = "doorstep-demo-2026"
REPORT_DIR = ROOT / "var" / "faults"


def log(message: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", flush=True)


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", f"{SERVER}/{database}", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def database_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        psql("SELECT 1")
        return True
    except (OSError, subprocess.CalledProcessError):
        return False


def app_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DOORSTEP_TESTING", "REDIS_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": DATABASE_URL,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=app_environment(), check=True)


class Browser:
    """One signed-in officer: a cookie jar and the CSRF token, over plain urllib."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        no_redirect = type(
            "NoRedirect",
            (urllib.request.HTTPRedirectHandler,),
            {"redirect_request": lambda *a, **k: None},
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), no_redirect
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body)
        if data is not None:
            req.add_header("Referer", BASE + path)
            req.add_header("X-CSRFToken", self.csrf())
        try:
            with self.opener.open(req, timeout=10) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (urllib.error.URLError, OSError) as error:
            return 0, str(error)

    def csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def sign_in(self) -> bool:
        self.request("/accounts/sign-in/")
        status, _ = self.request(
            "/accounts/sign-in/",
            {"username": OFFICER, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        return status == 302


@dataclass
class Results:
    started: float = field(default_factory=time.monotonic)
    acknowledged: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    unfriendly_errors: list[str] = field(default_factory=list)
    successes: list[float] = field(default_factory=list)
    readyz: list[tuple[float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, body: str, marker: str | None) -> None:
        now = time.monotonic() - self.started
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status in (200, 302):
                self.successes.append(now)
                if marker:
                    self.acknowledged.append(marker)
            elif status >= 500 or status == 0:
                friendly = status == 503 and "Sorry, the service is unavailable" in body
                # A connection refused while a worker restarts is the load balancer's to retry;
                # a 5xx page with a trace or the wrong text is a failure.
                if (status != 0 and not friendly) or "Traceback" in body:
                    self.unfriendly_errors.append(f"{status}: {body[:200]!r}")


def officer_load(results: Results, person_ref: str, stop: threading.Event) -> None:
    browser = Browser()
    while not stop.is_set() and not browser.sign_in():
        time.sleep(0.5)
    while not stop.is_set():
        marker = f"fault-test {uuid.uuid4()}"
        status, body = browser.request(
            "/contacts/log/",
            {
                "person": person_ref,
                "channel": "phone",
                "direction": "inbound",
                "summary": marker,
                "csrfmiddlewaretoken": browser.csrf(),
            },
        )
        results.record(status, body, marker if status == 302 else None)
        status, body = browser.request("/")
        if status == 302 and "sign-in" in body:  # session lost: sign in again
            browser.sign_in()
        results.record(status, body, None)
        time.sleep(0.1)


def watch_readyz(results: Results, stop: threading.Event) -> None:
    browser = Browser()
    while not stop.is_set():
        status, _ = browser.request("/readyz")
        with results.lock:
            results.readyz.append((time.monotonic() - results.started, status))
        time.sleep(0.5)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def wait_for(url: str, seconds: int) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _ = Browser().request(url)
        if status == 200:
            return True
        time.sleep(0.5)
    return False


def main() -> int:
    if not database_answers():
        log("PostgreSQL does not answer on 127.0.0.1:5432; nothing to test")
        return 1
    log(f"creating the throw-away database {DATABASE}")
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    gunicorn = None
    try:
        manage("migrate", "--noinput", "-v", "0")
        manage("collectstatic", "--noinput", "-v", "0")  # production serves hashed files
        manage("load_demo", "--homes", "150")
        person_ref = psql(
            "SELECT reference FROM people_person ORDER BY id LIMIT 1", database=DATABASE
        )
        before = int(psql("SELECT count(*) FROM contacts_contact", database=DATABASE))

        log(f"starting gunicorn (4 workers) on {BASE}")
        gunicorn = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "--workers",
                "4",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=app_environment(),
        )
        if not wait_for("/healthz", 30):
            log("gunicorn did not start")
            return 1

        results = Results()
        stop = threading.Event()
        threads = [
            threading.Thread(target=officer_load, args=(results, person_ref, stop), daemon=True)
            for _ in range(USERS)
        ]
        threads.append(threading.Thread(target=watch_readyz, args=(results, stop), daemon=True))
        for thread in threads:
            thread.start()

        time.sleep(KILL_WORKER_AT)
        victims = worker_pids(gunicorn.pid)
        if victims:
            log(f"killing gunicorn worker {victims[0]} with SIGKILL")
            os.kill(victims[0], signal.SIGKILL)

        time.sleep(STOP_DATABASE_AT - KILL_WORKER_AT)
        log("stopping PostgreSQL")
        subprocess.run(["pg_ctlcluster", *CLUSTER, "stop", "-m", "fast"], check=True)
        outage_started = time.monotonic() - results.started
        time.sleep(OUTAGE_SECONDS)
        log("starting PostgreSQL")
        subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], check=True)
        while not database_answers():
            time.sleep(0.2)
        database_back = time.monotonic() - results.started
        log(f"PostgreSQL answers again after {database_back - outage_started:.1f} s down")

        time.sleep(max(0, LOAD_SECONDS - (time.monotonic() - results.started)))
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

        with results.lock:
            first_success_after = next((t for t in results.successes if t > database_back), None)
            readyz_down = any(
                status == 503 and outage_started <= t <= database_back
                for t, status in results.readyz
            )
            readyz_back = any(status == 200 and t > database_back for t, status in results.readyz)
            acknowledged = list(results.acknowledged)
            statuses = dict(sorted(results.statuses.items()))
            unfriendly = list(results.unfriendly_errors)

        stored = set(
            psql(
                "SELECT summary FROM contacts_contact WHERE summary LIKE 'fault-test %'",
                database=DATABASE,
            ).splitlines()
        )
        lost = [marker for marker in acknowledged if marker not in stored]
        recovery = first_success_after - database_back if first_success_after is not None else None
        checks = {
            "friendly 503 during the outage, no stack traces": not unfriendly
            and statuses.get(503, 0) > 0,
            f"recovered within {RECOVERY_LIMIT_SECONDS} s of the database returning": (
                recovery is not None and recovery <= RECOVERY_LIMIT_SECONDS
            ),
            "every acknowledged write is stored": not lost and len(acknowledged) > 0,
            "/readyz reported the outage and the recovery": readyz_down and readyz_back,
            "gunicorn replaced the killed worker": len(worker_pids(gunicorn.pid)) == 4,
        }
        report = {
            "users": USERS,
            "seconds": LOAD_SECONDS,
            "statuses": statuses,
            "acknowledged_writes": len(acknowledged),
            "contacts_before": before,
            "lost_writes": len(lost),
            "database_down_seconds": round(database_back - outage_started, 1),
            "recovery_seconds": round(recovery, 2) if recovery is not None else None,
            "unfriendly_errors": unfriendly[:10],
            "checks": checks,
        }
        write_report(report)
        for name, passed in checks.items():
            log(f"{'PASS' if passed else 'FAIL'}: {name}")
        return 0 if all(checks.values()) else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        if not database_answers():
            subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], check=False)
            while not database_answers():
                time.sleep(0.2)
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def write_report(report: dict) -> None:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Fault test",
        "",
        f"{report['users']} simulated officers for {report['seconds']} s on loopback against "
        "gunicorn (4 workers) and PostgreSQL; one worker killed with SIGKILL at "
        f"{KILL_WORKER_AT} s; PostgreSQL stopped at {STOP_DATABASE_AT} s for "
        f"{report['database_down_seconds']} s and started again.",
        "",
        "| check | result |",
        "| --- | --- |",
        *[f"| {name} | {'pass' if ok else 'FAIL'} |" for name, ok in report["checks"].items()],
        "",
        f"- Responses by status: {report['statuses']}",
        f"- Writes acknowledged: {report['acknowledged_writes']}; lost: {report['lost_writes']}",
        f"- Recovery after the database returned: {report['recovery_seconds']} s",
    ]
    if report["unfriendly_errors"]:
        lines += ["", "Unfriendly errors (first 10):", ""]
        lines += [f"- `{re.sub(r'[`|]', ' ', e)}`" for e in report["unfriendly_errors"]]
    (REPORT_DIR / "report.md").write_text("\n".join(lines) + "\n")
    log(f"report written to {REPORT_DIR / 'report.md'}")


if __name__ == "__main__":
    sys.exit(main())
