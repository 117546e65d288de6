"""The returns board of a district with many townships against one with few, side by side.

A district's approver opens the board (returns/<code>/<year>/) to see every township's
status, record counts against last year and quality-rule results. Its cost must grow with
the kinds of records and rules, not with the townships: each figure is read for all of
them at once. One database holds two districts built alike, one with `--few` townships and
one with `--many`, each township with `--records` family awards a year for two years and a
submitted return; rounds alternate between the two boards, each a fresh process that logs
in as district staff and makes `--repeat` requests after two warm-ups.

Run on its own (it builds its database, and drops it at the end unless --keep):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/returns_board.py
        [--few 11] [--many 220] [--records 20] [--rounds 3] [--repeat 5] [--database NAME]

`make bench` measures the other side, `measure_at_scale`: the board of bench/scale.py's
synthetic district among 10k records against the same district among 1M, each of its
townships with a submitted return.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

NAME = "fedportal_bench_returns"
CITY = "990300000000"
DISTRICTS = {"few": "990301000000", "many": "990302000000"}
USERNAME = "bench-returns-staff"
YEAR = 2022


def build_mode(args):
    """Migrate, then make the two districts, their townships, records and returns."""
    from django.core.management import call_command

    harness.django_setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import Group

    from families.models import AwardKind, AwardLevel, FamilyAward
    from fedportal import roles
    from fedportal.models import OrgUnit, User
    from fedportal.org_units import org_units_import
    from returns.models import Return

    rows = [(CITY, "基准市", "市", "")]
    for size, code in DISTRICTS.items():
        rows.append((code, f"基准{size}区", "区", CITY))
        count = args.few if size == "few" else args.many
        for t in range(1, count + 1):
            rows.append((f"{code[:6]}{t:03d}000", f"基准{size}区第{t:03d}镇", "乡镇", code))
    org_units_import(
        rows=[
            {"row": i, "code": c, "name": n, "level": lv, "parent_code": p}
            for i, (c, n, lv, p) in enumerate(rows, start=1)
        ]
    )
    staff = User.objects.create_user(USERNAME, password="fedportal-demo", is_staff=True)
    staff.groups.add(Group.objects.get(name=roles.DISTRICT_STAFF))
    staff.org_units.add(*OrgUnit.objects.filter(code__in=DISTRICTS.values()))
    kind, level = AwardKind.objects.get(code="most_beautiful"), AwardLevel.objects.get(code="city")
    awards, returns = [], []
    for township in OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP, code__startswith="9903"):
        for year in (YEAR - 1, YEAR):
            awards += [
                FamilyAward(
                    org_unit=township, household_name=f"第{n}户家庭", head_name=f"户主{n}",
                    kind=kind, level=level, conferred_by="基准市妇联", year=year,
                )
                for n in range(args.records)
            ]  # fmt: skip
        returns.append(Return(org_unit=township, period=str(YEAR), year=YEAR, status="submitted"))
    FamilyAward.objects.bulk_create(awards, batch_size=5000)
    Return.objects.bulk_create(returns)
    harness.emit({"awards": len(awards), "returns": len(returns)})


def measure_mode(args):
    harness.django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fedportal.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    url = f"/returns/{DISTRICTS[args.size]}/{YEAR}/"
    for _ in range(2):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    harness.emit({"seconds": harness.median(times), "queries": len(queries)})


def prepare_scale_mode(args):
    """On a database of bench/scale.py: a submitted return for each township of the viewed
    district, for the year measured."""
    harness.django_setup()
    from bench import scale
    from fedportal.models import OrgUnit
    from returns.models import Return

    district = OrgUnit.objects.get(code=scale.DISTRICT)
    townships = OrgUnit.objects.get_children(district)
    Return.objects.bulk_create(
        Return(org_unit=t, period=str(args.year), year=args.year, status="submitted")
        for t in townships
    )
    harness.emit({"returns": len(townships)})


def measure_scale_mode(args):
    """One round on a scale database: the median of `repeat` board requests by the district's
    staff, and the queries of one."""
    harness.django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import scale
    from fedportal.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-staff"))
    url = f"/returns/{scale.DISTRICT}/{args.year}/"
    for _ in range(2):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    harness.emit({"seconds": harness.median(times), "queries": len(queries)})


def measure_at_scale(urls: dict[str, str], *, year: int, rounds: int, repeat: int) -> dict:
    """{"small"/"large": {"seconds": median of the rounds, "rounds": [...], "queries": n}}."""
    for url in urls.values():
        harness.run_mode(__file__, "prepare-scale", "--year", year, url=url)
    results = harness.alternate(
        __file__, "measure-scale", urls, "--year", year, "--repeat", repeat, rounds=rounds
    )
    return {
        size: {
            "seconds": harness.median([r["seconds"] for r in runs]),
            "rounds": [r["seconds"] for r in runs],
            "queries": runs[-1]["queries"],
        }
        for size, runs in results.items()
    }


def main(args):
    base = harness.server_url()
    url = harness.create_database(base, args.database)
    try:
        started = time.monotonic()
        built = harness.run_mode(
            __file__, "build", "--few", args.few, "--many", args.many, "--records", args.records,
            url=url,
        )  # fmt: skip
        print(f"built {built} in {time.monotonic() - started:.0f} s")
        found = {"few": [], "many": []}
        for _ in range(args.rounds):
            for size in found:
                found[size].append(
                    harness.run_mode(
                        __file__, "measure", "--size", size, "--repeat", args.repeat, url=url
                    )
                )
    finally:
        if not args.keep:
            harness.drop_database(base, args.database)
    result = {}
    for size, runs in found.items():
        count = args.few if size == "few" else args.many
        seconds = harness.median([r["seconds"] for r in runs])
        result[size] = seconds
        rounds = [round(r["seconds"] * 1000) for r in runs]
        print(
            f"board of {count} townships: median {seconds * 1000:.0f} ms, "
            f"{runs[-1]['queries']} queries (rounds, ms: {rounds})"
        )
    ratio = result["many"] / result["few"]
    print(f"ratio: {ratio:.2f}x for {args.many / args.few:.0f}x the townships")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "mode", nargs="?", choices=["build", "measure", "prepare-scale", "measure-scale"]
    )
    parser.add_argument("--few", type=int, default=11)
    parser.add_argument("--many", type=int, default=220)
    parser.add_argument("--records", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", choices=["few", "many"])
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--database", default=NAME, help="the database to build (dropped first)")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    arguments = parser.parse_args()
    modes = {
        "build": build_mode,
        "measure": measure_mode,
        "prepare-scale": prepare_scale_mode,
        "measure-scale": measure_scale_mode,
        None: main,
    }
    modes[arguments.mode](arguments)
