"""What the benchmarks share: Django in a fresh process, PostgreSQL databases of their own,
medians, the machine and versions, and the figures that docs/BENCHMARKS.md is made of.

Every measurement runs in a process of its own with DATABASE_URL naming its database:
Django reads its settings once per process, and a fresh process keeps one measurement's
caches and memory out of the next. A measuring process prints one JSON line last, which
`run_mode` returns as a dict.
"""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
# The load generator lives in a virtualenv of its own: `make lock` freezes .venv, and a
# benchmark's tools must not end up pinned as the portal's dependencies.
TOOLS_VENV = BENCH / ".venv"
TOOLS_REQUIREMENTS = BENCH / "requirements.txt"


def django_setup(settings: str = "fedportal.settings"):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


# -- PostgreSQL -------------------------------------------------------------------------


def server_url() -> str:
    """DATABASE_URL, which must name a PostgreSQL server (any database on it)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit(
            "DATABASE_URL must name a PostgreSQL server, e.g. "
            "postgres://postgres@127.0.0.1:5432/postgres (any database on it: the benchmarks "
            "create and drop their own)."
        )
    return base


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}", query=""))


def admin_sql(base: str, *statements: str):
    import psycopg2

    connection = psycopg2.connect(database_url(base, "postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def create_database(base: str, name: str, template: str | None = None) -> str:
    """A new, empty (or copied from `template`) database; an old one of that name goes."""
    create = f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")
    admin_sql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", create)
    return database_url(base, name)


def drop_database(base: str, name: str):
    admin_sql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def postgres_version(base: str) -> str:
    import psycopg2

    connection = psycopg2.connect(base)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0].split()[0]
    finally:
        connection.close()


# -- processes --------------------------------------------------------------------------


def run_mode(script: Path, *args, url: str | None = None, env: dict | None = None) -> dict:
    """Run `python script args…` in a fresh process and return its last line as JSON."""
    full_env = {**os.environ, "DEBUG": "1", **(env or {})}
    if url is not None:
        full_env["DATABASE_URL"] = url
    command = [PYTHON, str(script), *map(str, args)]
    result = subprocess.run(command, cwd=ROOT, env=full_env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(
            f"{' '.join(command[1:4])} failed ({result.returncode}):\n{result.stderr[-4000:]}"
        )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return json.loads(lines[-1])


def alternate(script, mode: str, urls: dict[str, str], *args, rounds: int) -> dict:
    """{size: [result of each round]}: a fresh process per round and size, the sizes in
    turn, so that the drift of a shared machine falls on both sides of a ratio alike."""
    results = {size: [] for size in urls}
    for _ in range(rounds):
        for size, url in urls.items():
            results[size].append(run_mode(script, mode, *args, url=url))
    return results


def emit(result: dict):
    """The last line a measuring process prints, read by `run_mode`."""
    print(json.dumps(result), flush=True)


def median(values) -> float:
    return statistics.median(values)


def ensure_tools() -> Path:
    """The load generator's virtualenv, made from bench/requirements.txt when missing or
    older than the requirements; returns its bin folder."""
    stamp = TOOLS_VENV / ".installed"
    if not stamp.is_file() or stamp.stat().st_mtime < TOOLS_REQUIREMENTS.stat().st_mtime:
        subprocess.run([PYTHON, "-m", "venv", "--clear", str(TOOLS_VENV)], check=True)
        subprocess.run(
            [
                str(TOOLS_VENV / "bin/pip"),
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(TOOLS_REQUIREMENTS),
            ],
            check=True,
        )
        stamp.touch()
    return TOOLS_VENV / "bin"


# -- what the report says ---------------------------------------------------------------


@dataclass
class Figure:
    """One line of the results table, and the notes that explain it."""

    name: str
    ours: str
    baseline: str
    ratio: str
    goal: str
    met: bool | None  # None: no goal to meet
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return {True: "yes", False: "**no**", None: "—"}[self.met]


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        info = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
        if found:
            cpu = found.group(1).strip()
    except OSError:
        pass
    ram = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    system = platform.platform()
    try:
        release = Path("/etc/os-release").read_text()
        system = re.search(r'^PRETTY_NAME="?([^"\n]+)', release, re.MULTILINE).group(1)
    except (OSError, AttributeError):
        pass
    load = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "system": system, "load": load}


APP_PACKAGES = (
    "Django",
    "django-import-export",
    "tablib",
    "openpyxl",
    "django-simple-history",
    "weasyprint",
    "pydyf",
    "gunicorn",
    "psycopg2-binary",
)


def versions(base: str) -> dict:
    found = {"Python": platform.python_version(), "PostgreSQL": postgres_version(base)}
    for name in APP_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    locust = list(TOOLS_VENV.glob("lib/python*/site-packages/locust-*.dist-info"))
    if locust:
        found["locust"] = locust[0].name.removeprefix("locust-").removesuffix(".dist-info")
    return found
