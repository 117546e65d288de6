"""Backing up and restoring the portal's database, so that nothing entered is lost.

PostgreSQL is dumped by `pg_dump --format=custom` and restored by `pg_restore --clean
--if-exists --no-owner` in one transaction, so a restore that fails half-way leaves the
database as it was. The password goes to the tools through PGPASSWORD, never on their
command line, where any user of the machine could read it. A SQLite database (the demo's
default) is copied with SQLite's own backup API, which is safe while the portal runs.

A backup is written under a temporary name and renamed when complete: a file named
`fedportal-….dump` is always a whole backup.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

SQLITE_HEADER = b"SQLite format 3\x00"
# The first bytes of a pg_dump archive in the custom format.
PGDUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the operator."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.1f} KB"


def default_folder() -> Path:
    """Where backups go: $BACKUP_DIR, else backups/ beside manage.py (ignored by git)."""
    return Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")


def database_kind(database: dict) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"不支持备份这种数据库（{engine}），只支持 PostgreSQL 和 SQLite。")


def backup_name(now: datetime, kind: str) -> str:
    suffix = "dump" if kind == "postgresql" else "sqlite3"
    return f"fedportal-{timezone.localtime(now):%Y%m%d-%H%M%S}.{suffix}"


def database_backup(*, folder: Path | None = None, database: dict | None = None) -> Backup:
    """Back the database up into a new file in `folder`; the default database unless
    another's settings (as in DATABASES) are given."""
    database = database or settings.DATABASES["default"]
    kind = database_kind(database)
    folder = Path(folder or default_folder())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / backup_name(timezone.now(), kind)
    if path.exists():
        raise BackupError(f"备份文件 {path} 已经存在，请稍后再试。")
    partial = path.with_name(path.name + ".part")
    try:
        if kind == "postgresql":
            _run(
                "pg_dump",
                [*_connection_args(database), "--format=custom", f"--file={partial}"],
                database,
            )
        else:
            _sqlite_copy(Path(database["NAME"]), partial)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path, path.stat().st_size)


def database_restore(path: Path, *, database: dict | None = None) -> Backup:
    """Replace everything in the database by the backup at `path`."""
    database = database or settings.DATABASES["default"]
    kind = database_kind(database)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}。")
    header = _head(path)
    expected = PGDUMP_HEADER if kind == "postgresql" else SQLITE_HEADER
    if not header.startswith(expected):
        which = "pg_dump 生成的 PostgreSQL" if kind == "postgresql" else "SQLite"
        raise BackupError(f"{path} 不是 {which} 备份文件。")
    # The portal's own open connection would hold locks (PostgreSQL) or stale pages (SQLite).
    for connection in connections.all():
        if connection.settings_dict.get("NAME") == database["NAME"]:
            connection.close()
    if kind == "postgresql":
        args = [
            *_connection_args(database),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(path),
        ]
        _run("pg_restore", args, database)
    else:
        _sqlite_copy(path, Path(database["NAME"]))
    return Backup(path, path.stat().st_size)


def _head(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(16)


def _connection_args(database: dict) -> list[str]:
    args = [f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        args.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        args.append(f"--port={database['PORT']}")
    if database.get("USER"):
        args.append(f"--username={database['USER']}")
    return args


def _run(program: str, args: list[str], database: dict) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"找不到 {program}，请先安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）。"
        )
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    # --no-password: never wait for a password typed at a prompt nobody watches.
    result = subprocess.run(
        [executable, "--no-password", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = result.stderr.strip() or f"退出码 {result.returncode}"
        raise BackupError(f"{program} 执行失败：{detail}")


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"找不到 SQLite 数据库文件 {source}。")
    with sqlite3.connect(source) as source_db, sqlite3.connect(target) as target_db:
        source_db.backup(target_db)
    # The context managers commit but do not close.
    source_db.close()
    target_db.close()
