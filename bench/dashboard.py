"""Dashboard speed at scale: one district's dashboard at 1M records against the same
request at 10k records, side by side.

A province-wide deployment holds many districts; one district's page must not slow down as
others are added. Two PostgreSQL databases are built on the server DATABASE_URL names:
- small: a synthetic city of one district with `--records` records (10,000);
- large: the same city, generated with the same seed, so the viewed district holds the very
  same records, plus a second city of `--districts - 1` districts holding the rest of
  `--total` records (1,000,000).
Both are analysed, as autovacuum would. Then measurements alternate between the two, in
rounds, each round a fresh process that logs in as an official of the district and makes
`--repeat` requests after two warm-ups; the figure is the median of the rounds' medians.
Alternating keeps the drift of a shared machine out of the ratio.

The request goes through the whole Django stack in the process (test client, session,
middleware, view, charts, template). The databases are dropped at the end unless --keep.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/dashboard.py
     [--records 10000] [--total 1000000] [--districts 100] [--rounds 5] [--repeat 10]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VIEWED_CITY, OTHER_CITY = "9901", "9902"
DISTRICT = f"{VIEWED_CITY}00100000"
USERNAME = "bench-leader"


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fedportal.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def load(args):
    """In a database of its own: migrate, the viewed city, the rest, an official."""
    django_setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from fedportal import roles
    from fedportal.models import OrgUnit, User
    from reports.synthetic import synthetic_data_generate

    call_command("migrate", "--noinput", verbosity=0)
    viewed = synthetic_data_generate(
        districts=1, years=args.years, records=args.records, city_code=VIEWED_CITY
    )
    if args.total > args.records:
        synthetic_data_generate(
            districts=args.districts - 1,
            years=args.years,
            records=args.total - args.records,
            city_code=OTHER_CITY,
        )
    user = User.objects.create_user(USERNAME, full_name="基准测试领导")
    user.groups.set([Group.objects.get(name=roles.LEADER)])
    user.org_units.set([OrgUnit.objects.get(code=DISTRICT)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(max(viewed.years))


def measure(args):
    """One round: the median time of `repeat` requests, and the queries of one."""
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fedportal.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    url = f"/dashboard/?year={args.year}&unit={DISTRICT}"
    for _ in range(2):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    print(statistics.median(times), len(queries))


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(base: str, *statements: str):
    import psycopg2

    connection = psycopg2.connect(database_url(base, "postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def run(mode, url, *extra) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    command = [sys.executable, __file__, mode, *map(str, extra)]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def main(args):
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server (any database on it).")
    sizes = {"small": args.records, "large": args.total}
    urls = {}
    for size, total in sizes.items():
        name = f"fedportal_bench_dashboard_{size}"
        admin_sql(base, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        urls[size] = database_url(base, name)
        started = time.monotonic()
        year = run(
            "load",
            urls[size],
            "--records",
            args.records,
            "--total",
            total,
            "--districts",
            args.districts if size == "large" else 1,
            "--years",
            args.years,
        ).split()[-1]
        print(f"{size}: {total:,} records loaded in {time.monotonic() - started:.0f} s")
    try:
        rounds = {size: [] for size in sizes}
        queries = {}
        for _ in range(args.rounds):
            for size in sizes:
                seconds, count = run(
                    "measure", urls[size], "--year", year, "--repeat", args.repeat
                ).split()
                rounds[size].append(float(seconds))
                queries[size] = int(count)
    finally:
        if not args.keep:
            for size in sizes:
                admin_sql(base, f"DROP DATABASE IF EXISTS fedportal_bench_dashboard_{size}")
    small, large = (statistics.median(rounds[size]) for size in sizes)
    print(f"rounds (ms): small {[round(t * 1000) for t in rounds['small']]}")
    print(f"rounds (ms): large {[round(t * 1000) for t in rounds['large']]}")
    print(
        f"dashboard at {args.records:,} records: median {small * 1000:.0f} ms, {queries['small']} queries"
    )
    print(
        f"dashboard at {args.total:,} records ({args.districts} districts): "
        f"median {large * 1000:.0f} ms, {queries['large']} queries"
    )
    print(f"ratio: {large / small:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", nargs="?", choices=["load", "measure"])
    parser.add_argument(
        "--records", type=int, default=10_000, help="records of the viewed district"
    )
    parser.add_argument("--total", type=int, default=1_000_000, help="records in all")
    parser.add_argument("--districts", type=int, default=100)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--year", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    arguments = parser.parse_args()
    {"load": load, "measure": measure, None: main}[arguments.mode](arguments)
