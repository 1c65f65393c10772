"""Backup and restore of the whole database, and a fingerprint to prove a restore is faithful.

SQLite: the online backup API (`sqlite3.Connection.backup`), safe while the application is
serving — it copies a consistent snapshot page by page, WAL included.
PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists --single-transaction`,
the standard tools, so a dump can also be restored by hand by a database administrator.

`table_fingerprints()` gives, for every table, its row count and a SHA-256 of its rows in
primary-key order. Comparing fingerprints before a backup and after a restore proves that every
row came back unchanged.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone


class BackupError(Exception):
    """A backup or restore could not be made; the message says why, without personal data."""


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    sha256: str


def default_backup_path(directory: Path, *, vendor: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if vendor == "sqlite" else "dump"
    return directory / f"doorstep-{stamp}.{suffix}"


def _connection(alias: str) -> BaseDatabaseWrapper:
    connection = connections[alias]
    connection.ensure_connection()
    return connection


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore: the password never appears on a command line."""
    env = dict(os.environ)
    mapping = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    for key, variable in mapping.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def _run(command: list[str], *, env: dict[str, str]) -> None:
    try:
        # The command is a fixed tool name and options built here, never user input.
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed; install the PostgreSQL client tools"
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def backup_database(path: Path, *, alias: str = "default") -> Path:
    """Write a consistent copy of the database to `path` and return it."""
    connection = _connection(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} already exists; choose another file")
    if connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={path}"],
            env=_pg_environment(connection.settings_dict),
        )
    else:  # pragma: no cover - Doorstep supports SQLite and PostgreSQL only
        raise BackupError(f"backups are not supported on {connection.vendor}")
    return path


def restore_database(path: Path, *, alias: str = "default") -> None:
    """Replace the whole database with the backup at `path`."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    connection = _connection(alias)
    if connection.vendor == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup") from error
        try:
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup") from error
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        connection.close()  # pg_restore drops tables this session could otherwise hold
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={settings_dict['NAME']}",
                str(path),
            ],
            env=_pg_environment(settings_dict),
        )
    else:  # pragma: no cover
        raise BackupError(f"restores are not supported on {connection.vendor}")


def table_fingerprints(*, alias: str = "default") -> dict[str, TableFingerprint]:
    """Row count and content hash of every table, rows in a stable order."""
    connection = _connection(alias)
    fingerprints: dict[str, TableFingerprint] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if connection.vendor == "sqlite" and table.startswith("sqlite_"):
                continue
            description = connection.introspection.get_table_description(cursor, table)
            columns = [column.name for column in description]
            quoted = ", ".join(connection.ops.quote_name(name) for name in columns)
            cursor.execute(
                f"SELECT {quoted} FROM {connection.ops.quote_name(table)} "  # noqa: S608 - names from introspection
                f"ORDER BY {quoted}"
            )
            digest = hashlib.sha256()
            rows = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_normal(value) for value in row)).encode())
                rows += 1
            fingerprints[table] = TableFingerprint(rows=rows, sha256=digest.hexdigest())
    return fingerprints


def _normal(value: object) -> object:
    # memoryview (PostgreSQL bytea) and bytes compare by content.
    if isinstance(value, memoryview):
        return bytes(value)
    return value
