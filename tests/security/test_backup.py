"""Nothing lost: a backup restores to a database identical to the moment it was taken.

The round trip runs on a scratch database of its own (the test database is pytest-django's),
on the server of DATABASE_URL: PostgreSQL as in CI and production (pg_dump/pg_restore), or
SQLite (the backup API) when that is what the tests run on. The scratch database gets the
schema and the whole demo from a separate process, as `make demo` would; "identical" means
every table has the same rows, compared by count and by a checksum over its ordered rows,
and every sequence the same value.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from fedportal.backups import BackupError, database_backup, database_restore

BASE_DIR = Path(settings.BASE_DIR)
ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]
POPULATE = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); call_command('load_demo', verbosity=0)"
)


def populate(database_url):
    """Migrate the scratch database and load the demo into it, in a process of its own."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "fedportal.settings",
        "DEBUG": "1",
    }
    subprocess.run(
        [sys.executable, "-c", POPULATE], cwd=BASE_DIR, env=env, check=True, capture_output=True
    )


# --- PostgreSQL ---------------------------------------------------------------------------


def pg_connect(database, name):
    import psycopg2

    connection = psycopg2.connect(
        dbname=name,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
    )
    connection.autocommit = True
    return connection


def pg_url(database, name):
    user = quote(database.get("USER") or "", safe="")
    password = quote(str(database.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{database.get('HOST') or ''}{port}/{name}"


def pg_checksums(connection):
    """{table: (rows, md5 of its rows in order)} and {sequence: last value}, by SQL."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" AS t"
            )
            found[table] = cursor.fetchone()
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = 'public' ORDER BY 1"
        )
        found.update({f"sequence {name}": value for name, value in cursor.fetchall()})
    return found


def pg_change(connection):
    """What happens after a backup: records deleted, changed and added."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM families_familyaward WHERE id IN "
            "(SELECT id FROM families_familyaward ORDER BY id LIMIT 5)"
        )
        cursor.execute("UPDATE welfare_grant SET amount = amount + 1")
        cursor.execute(
            'INSERT INTO families_awardkind (name, code, aliases, "order", is_active, updated_at) '
            "VALUES ('备份后新增', 'after_backup', '', 99, true, now())"
        )


@pytest.fixture
def pg_scratch():
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    database = {**settings.DATABASES["default"]}
    name = f"fedportal_backup_test_{os.getpid()}"
    admin = pg_connect(database, "postgres")
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**database, "NAME": name}, pg_url(database, name)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@pytest.mark.slow
@pytest.mark.skipif(not ON_POSTGRESQL, reason="DATABASE_URL is not PostgreSQL")
def test_a_postgresql_backup_restores_to_an_identical_database(pg_scratch, tmp_path):
    database, url = pg_scratch
    populate(url)
    connection = pg_connect(database, database["NAME"])
    try:
        before = pg_checksums(connection)
        assert before["families_familyaward"][0] > 5 and before["welfare_grant"][0] > 0
        backup = database_backup(folder=tmp_path, database=database)
        assert backup.path.name.startswith("fedportal-") and backup.path.suffix == ".dump"
        assert backup.size == backup.path.stat().st_size > 0
        assert [p.name for p in tmp_path.iterdir()] == [backup.path.name]

        pg_change(connection)
        assert pg_checksums(connection) != before
        connection.close()

        database_restore(backup.path, database=database)
        connection = pg_connect(database, database["NAME"])
        assert pg_checksums(connection) == before
    finally:
        connection.close()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="DATABASE_URL is not PostgreSQL")
def test_a_failed_postgresql_backup_says_why_and_leaves_no_file(tmp_path):
    database = {**settings.DATABASES["default"], "NAME": "fedportal_no_such_database"}
    with pytest.raises(BackupError, match="pg_dump 执行失败"):
        database_backup(folder=tmp_path, database=database)
    assert list(tmp_path.iterdir()) == []


def test_the_password_never_reaches_the_command_line(monkeypatch, tmp_path):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs["env"]))
        Path(command[-1].removeprefix("--file=")).write_bytes(b"PGDMP fake")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    monkeypatch.setattr(shutil, "which", lambda program: f"/usr/bin/{program}")
    database = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "fedportal",
        "USER": "fedportal",
        "PASSWORD": "s3cret-pa55",
        "HOST": "db",
        "PORT": 5432,
    }
    database_backup(folder=tmp_path, database=database)
    ((command, env),) = calls
    assert command[0].endswith("pg_dump") and "--format=custom" in command
    assert not [arg for arg in command if "s3cret-pa55" in arg]
    assert env["PGPASSWORD"] == "s3cret-pa55"


# --- SQLite ---------------------------------------------------------------------------------


def sqlite_checksums(path):
    """{table: (rows, md5 of its rows in order)}: counted by SQL, the ordered rows hashed."""
    found = {}
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            (count,) = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{table}"'))
            found[table] = (count, hashlib.md5("\n".join(rows).encode()).hexdigest())
    db.close()
    return found


def sqlite_change(path):
    with sqlite3.connect(path) as db:
        db.execute(
            "DELETE FROM families_familyaward WHERE id IN "
            "(SELECT id FROM families_familyaward ORDER BY id LIMIT 5)"
        )
        db.execute("UPDATE welfare_grant SET amount = amount + 1")
        db.execute(
            "INSERT INTO families_awardkind (name, \"order\", is_active) VALUES ('备份后新增', 99, 1)"
        )
    db.close()


@pytest.mark.slow
@pytest.mark.skipif(ON_POSTGRESQL, reason="the tests run on PostgreSQL")
def test_a_sqlite_backup_restores_to_an_identical_database(tmp_path):
    path = tmp_path / "portal.sqlite3"
    populate(f"sqlite:///{path}")
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
    before = sqlite_checksums(path)
    assert before["families_familyaward"][0] > 5 and before["welfare_grant"][0] > 0

    backup = database_backup(folder=tmp_path / "backups", database=database)
    assert backup.path.name.startswith("fedportal-") and backup.path.suffix == ".sqlite3"
    assert backup.size == backup.path.stat().st_size > 0

    sqlite_change(path)
    assert sqlite_checksums(path) != before

    database_restore(backup.path, database=database)
    assert sqlite_checksums(path) == before


def test_restore_refuses_without_yes(tmp_path):
    backup = tmp_path / "fedportal-20240101-120000.dump"
    backup.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match=r"覆盖数据库.*全部现有数据.*--yes"):
        call_command("restore", str(backup))


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("这不是备份")
    with pytest.raises(CommandError, match=r"不是.*备份文件.*数据库未被改动"):
        call_command("restore", str(stray), "--yes")
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")
