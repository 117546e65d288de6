"""Admin lists at scale: family awards and grants at 1M records against 10k, side by side.

As bench-staff, a 区妇联业务员 of the viewed synthetic district, through the test client (the
whole admin: session, permissions, scope, filters, date hierarchy, capped count, template),
each list as it opens and filtered by year. The databases and the alternating rounds are
those of bench/dashboard.py (bench/scale.py).

The databases run with `random_page_cost = 1.1`, as a deployment's do (bench/scale.py). The
grant list is also measured with PostgreSQL's default of 4 set in the benchmark's
connections, to show what a deployment that skips that step gets. A page that misses its
goal is profiled: the SQL time of each of its queries, and the page again with the admin's
`date_hierarchy` switched off, in this process, without touching the admin code.

Run on its own (it builds the databases, and drops them at the end unless --keep):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/changelist.py
        [--records 10000] [--total 1000000] [--rounds 5] [--repeat 10]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness, scale

USERNAME = "bench-staff"
# key: (label, model label, query string)
PAGES = {
    "families": ("家庭表彰 (FamilyAward)", "families.familyaward", ""),
    "families-year": ("家庭表彰, year filter", "families.familyaward", "?year={year}"),
    "welfare": ("救助发放 (Grant)", "welfare.grant", ""),
    "welfare-year": ("救助发放, year filter", "welfare.grant", "?year={year}"),
}
VARIANTS = {
    "no-date-hierarchy": ["--no-date-hierarchy"],
}
# PostgreSQL's own default, and the page whose plan it changes (docs/BENCHMARKS.md).
DEFAULT_RANDOM_PAGE_COST = 4
DEFAULT_COST_PAGES = ("welfare",)


def measure_mode(args):
    harness.django_setup()
    from django.apps import apps
    from django.contrib import admin
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fedportal.models import User

    if args.random_page_cost:

        def planner_costs(sender, connection, **kwargs):
            with connection.cursor() as cursor:
                cursor.execute(f"SET random_page_cost = {float(args.random_page_cost)}")

        connection_created.connect(planner_costs)
        connection.close()
    pages = args.pages.split(",")
    if args.no_date_hierarchy:
        for key in pages:
            admin.site._registry[apps.get_model(PAGES[key][1])].date_hierarchy = None
    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    found = {}
    for key in pages:
        _, label, query = PAGES[key]
        url = f"/admin/{label.replace('.', '/')}/{query.format(year=args.year)}"
        for _ in range(2):
            assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200, url
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="127.0.0.1")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        found[key] = {
            "seconds": harness.median(times),
            "queries": len(queries),
            "sql_ms": sum(float(q["time"]) for q in queries.captured_queries) * 1000,
            "slowest": [(float(q["time"]) * 1000, q["sql"]) for q in slowest[:3]],
        }
    harness.emit(found)


def measure(urls, *, year, rounds, repeat, pages=tuple(PAGES), variant=()) -> dict:
    """{page: {"small"/"large": {"seconds": median of rounds, "rounds", "queries",
    "sql_ms", "slowest"}}}"""
    results = harness.alternate(
        __file__,
        "measure",
        urls,
        "--year",
        year,
        "--repeat",
        repeat,
        "--pages",
        ",".join(pages),
        *variant,
        rounds=rounds,
    )
    return {
        page: {
            size: {
                "seconds": harness.median([r[page]["seconds"] for r in runs]),
                "rounds": [r[page]["seconds"] for r in runs],
                "queries": runs[-1][page]["queries"],
                "sql_ms": harness.median([r[page]["sql_ms"] for r in runs]),
                "slowest": runs[-1][page]["slowest"],
            }
            for size, runs in results.items()
        }
        for page in pages
    }


def ratio(page: dict) -> float:
    return page["large"]["seconds"] / page["small"]["seconds"]


def profile(urls, *, year, rounds, repeat, pages) -> dict:
    """{variant: measure(...)} for the pages that missed."""
    return {
        name: measure(urls, year=year, rounds=rounds, repeat=repeat, pages=pages, variant=flags)
        for name, flags in VARIANTS.items()
    }


def measure_default_cost(urls, *, year, rounds, repeat) -> dict:
    """measure(...) of DEFAULT_COST_PAGES with PostgreSQL's default random_page_cost."""
    return measure(
        urls,
        year=year,
        rounds=rounds,
        repeat=repeat,
        pages=DEFAULT_COST_PAGES,
        variant=["--random-page-cost", DEFAULT_RANDOM_PAGE_COST],
    )


def main(args):
    base = harness.server_url()
    dbs = scale.build(
        base, records=args.records, total=args.total, districts=args.districts, years=args.years
    )
    urls = {"small": dbs.small, "large": dbs.large}
    try:
        found = measure(urls, year=dbs.year, rounds=args.rounds, repeat=args.repeat)
        default_cost = measure_default_cost(
            urls, year=dbs.year, rounds=args.rounds, repeat=args.repeat
        )
        missed = [page for page, sizes in found.items() if ratio(sizes) > args.goal]
        profiles = (
            profile(urls, year=dbs.year, rounds=args.rounds, repeat=args.repeat, pages=missed)
            if missed
            else {}
        )
    finally:
        if not args.keep:
            dbs.drop(base)
    for page, sizes in found.items():
        print(
            f"{PAGES[page][0]}: 10k {sizes['small']['seconds'] * 1000:.0f} ms, "
            f"1M {sizes['large']['seconds'] * 1000:.0f} ms: {ratio(sizes):.2f}x"
        )
        if page in missed:
            for ms, sql in sizes["large"]["slowest"]:
                print(f"    {ms:.0f} ms  {sql[:160]}")
    for page, sizes in default_cost.items():
        print(
            f"random_page_cost {DEFAULT_RANDOM_PAGE_COST}: {PAGES[page][0]}: "
            f"1M {sizes['large']['seconds'] * 1000:.0f} ms: {ratio(sizes):.2f}x"
        )
    for name, pages in profiles.items():
        for page, sizes in pages.items():
            print(f"{name}: {PAGES[page][0]}: {ratio(sizes):.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", nargs="?", choices=["measure"])
    scale.add_arguments(parser)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--year", type=int)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--goal", type=float, default=2.0)
    parser.add_argument("--no-date-hierarchy", action="store_true")
    parser.add_argument("--random-page-cost", help="SET in the connections, to compare")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    arguments = parser.parse_args()
    {"measure": measure_mode, None: main}[arguments.mode](arguments)
