"""Settings for running at scale: connection pooling (DATABASE_POOL) and Redis (REDIS_URL).

Each case imports config.settings in a fresh interpreter with the environment given, as a
process started by gunicorn would, and reads the result; no database is contacted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PG = "postgres://doorstep@db.internal:5432/doorstep"


def settings_with(**env: str) -> dict[str, object]:
    code = (
        "import json, config.settings as s; "
        "print(json.dumps({'db': s.DATABASES, 'caches': s.CACHES, "
        "'session': s.SESSION_ENGINE}, default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "REDIS"))}
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        env={**clean, "DEBUG": "true", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_pool_is_off_unless_asked() -> None:
    db = settings_with(DATABASE_URL=PG)["db"]["default"]  # type: ignore[index]
    assert "pool" not in db.get("OPTIONS", {})
    assert db["CONN_MAX_AGE"] == 60


def test_database_pool_turns_on_psycopg_pooling_without_persistent_connections() -> None:
    db = settings_with(DATABASE_URL=PG, DATABASE_POOL="8")["db"]["default"]  # type: ignore[index]
    assert db["OPTIONS"]["pool"]["max_size"] == 8
    assert db["CONN_MAX_AGE"] == 0  # Django refuses pooling with persistent connections


def test_pool_true_means_a_small_pool_and_the_replica_is_pooled_too() -> None:
    dbs = settings_with(
        DATABASE_URL=PG, DATABASE_POOL="true", DATABASE_REPLICA_URL=PG.replace("db.", "ro.")
    )["db"]
    assert dbs["default"]["OPTIONS"]["pool"]["max_size"] == 4  # type: ignore[index]
    assert dbs["replica"]["OPTIONS"]["pool"]["max_size"] == 4  # type: ignore[index]


def test_pool_is_ignored_on_sqlite() -> None:
    db = settings_with(DATABASE_POOL="8")["db"]["default"]  # type: ignore[index]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert "pool" not in db["OPTIONS"]


def test_redis_url_gives_redis_cache_and_cached_sessions() -> None:
    answer = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")
    assert answer["caches"]["default"]["BACKEND"].endswith("RedisCache")  # type: ignore[index]
    assert answer["session"] == "django.contrib.sessions.backends.cache"


def test_without_redis_sessions_stay_in_the_database() -> None:
    assert settings_with()["session"] == "django.contrib.sessions.backends.db"
