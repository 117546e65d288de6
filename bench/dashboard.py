"""Dashboard speed at scale: one district's dashboard at 1M records against the same
request at 10k records, side by side.

A province-wide deployment holds many districts; one district's page must not slow down as
others are added. The two databases are bench/scale.py's: the same synthetic district alone
(10k records) and among 100 districts (1M records). Measurements alternate between the two,
in rounds, each round a fresh process that logs in as an official of the district
(bench-leader) and makes `--repeat` requests after two warm-ups; the figure is the median of
the rounds' medians. Alternating keeps the drift of a shared machine out of the ratio.

The request goes through the whole Django stack in the process (test client, session,
middleware, view, charts, template).

Run on its own (it builds the databases, and drops them at the end unless --keep):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/dashboard.py
        [--records 10000] [--total 1000000] [--districts 100] [--rounds 5] [--repeat 10]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness, scale

USERNAME = "bench-leader"


def measure_mode(args):
    """One round: the median time of `repeat` requests, and the queries of one."""
    harness.django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fedportal.models import User

    if args.random_page_cost:
        from django.db.backends.signals import connection_created

        def planner_costs(sender, connection, **kwargs):
            with connection.cursor() as cursor:
                cursor.execute(f"SET random_page_cost = {float(args.random_page_cost)}")

        connection_created.connect(planner_costs)
        connection.close()
    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    url = f"/dashboard/?year={args.year}&unit={scale.DISTRICT}"
    for _ in range(2):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    harness.emit({"seconds": harness.median(times), "queries": len(queries), "sql_ms": sql_ms})


def measure(urls: dict[str, str], *, year: int, rounds: int, repeat: int, variant=()) -> dict:
    """{"small"/"large": {"seconds": median of the rounds, "rounds": [...], "queries": n,
    "sql_ms": SQL time of one request}}; `variant`: extra flags (--random-page-cost 4, to compare)."""
    results = harness.alternate(
        __file__, "measure", urls, "--year", year, "--repeat", repeat, *variant, rounds=rounds
    )
    return {
        size: {
            "seconds": harness.median([r["seconds"] for r in runs]),
            "rounds": [r["seconds"] for r in runs],
            "queries": runs[-1]["queries"],
            "sql_ms": harness.median([r["sql_ms"] for r in runs]),
        }
        for size, runs in results.items()
    }


def main(args):
    base = harness.server_url()
    dbs = scale.build(
        base, records=args.records, total=args.total, districts=args.districts, years=args.years
    )
    try:
        found = measure(
            {"small": dbs.small, "large": dbs.large},
            year=dbs.year,
            rounds=args.rounds,
            repeat=args.repeat,
        )
    finally:
        if not args.keep:
            dbs.drop(base)
    small, large = found["small"], found["large"]
    for size, total in (("small", args.records), ("large", args.total)):
        rounds = [round(t * 1000) for t in found[size]["rounds"]]
        print(
            f"dashboard at {total:,} records: median {found[size]['seconds'] * 1000:.0f} ms, "
            f"{found[size]['queries']} queries (rounds, ms: {rounds})"
        )
    print(f"ratio: {large['seconds'] / small['seconds']:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", nargs="?", choices=["measure"])
    scale.add_arguments(parser)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--year", type=int)
    parser.add_argument("--random-page-cost", help="PostgreSQL's planner cost, for a profile")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    arguments = parser.parse_args()
    {"measure": measure_mode, None: main}[arguments.mode](arguments)
