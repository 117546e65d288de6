"""The databases the at-scale benchmarks compare: one district at 10k records, and the very
same district among 100 districts holding 1M records.

- template: migrated, with the demo data (湘东区, its logins and its 2021 report) — made
  once, then copied by PostgreSQL, which takes a fraction of a second;
- small: the template plus a synthetic city of one district with `records` records;
- large: the template plus the same city, generated with the same seed, so the viewed
  district holds the very same records, plus a second city of `districts - 1` districts
  holding the rest of `total`.

Both are analysed, as autovacuum would, and run with the planner cost a deployment sets on
its production database (docs/SCALING.md): `ALTER DATABASE … SET random_page_cost = 1.1`,
the usual value for SSDs or a database held in memory, where PostgreSQL's default of 4
prices a random read of a spinning disk and has the planner read a whole table of all
districts rather than probe one district's units in an index. They get the same benchmark
logins (password `fedportal-demo`, as the demo's):
- bench-leader: 领导 of the viewed district (dashboard);
- bench-staff: 区妇联业务员 of the viewed district (admin lists, the load test);
- bench-exporter: 区妇联业务员 of the whole second city (large exports).

Run on its own to build and keep them:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/scale.py
        [--records 10000] [--total 1000000] [--districts 100] [--years 5]
"""

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

VIEWED_CITY, OTHER_CITY = "9901", "9902"
DISTRICT = f"{VIEWED_CITY}00100000"
OTHER_CITY_UNIT = f"{OTHER_CITY}00000000"
PREFIX = "fedportal_bench"
# Per database, as a deployment's administrator sets it; a benchmark may still SET another
# value in its own connections to compare (bench/changelist.py).
RANDOM_PAGE_COST = 1.1
# username, role, unit code
BENCH_USERS = [
    ("bench-leader", "LEADER", DISTRICT),
    ("bench-staff", "DISTRICT_STAFF", DISTRICT),
    ("bench-exporter", "DISTRICT_STAFF", OTHER_CITY_UNIT),
]


@dataclass
class Databases:
    small: str  # URLs
    large: str
    year: int  # the last year of the synthetic records
    small_seconds: float
    large_seconds: float
    names: tuple[str, ...]
    random_page_cost: float = RANDOM_PAGE_COST

    def drop(self, base: str):
        for name in self.names:
            harness.drop_database(base, name)


def template_mode(args):
    """Migrate and load the demo, in the template database."""
    harness.django_setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)
    harness.emit({})


def load_mode(args):
    """Generate the synthetic cities and add the benchmark logins."""
    harness.django_setup("bench.settings")
    from django.contrib.auth.models import Group
    from django.db import connection

    from bench.synthetic.records import synthetic_data_generate
    from fedportal import roles
    from fedportal.demo import DEMO_PASSWORD
    from fedportal.models import OrgUnit, User

    started = time.monotonic()
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
    generated = time.monotonic() - started
    districts = OrgUnit.objects.filter(level=OrgUnit.Level.DISTRICT)
    defined = _define_figures([d for d in districts if d.code[:4] in (VIEWED_CITY, OTHER_CITY)])
    for username, role, code in BENCH_USERS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            continue
        user = User.objects.create_user(
            username,
            password=DEMO_PASSWORD,
            full_name=f"基准测试{getattr(roles, role)}",
            is_staff=role != "LEADER",
        )
        user.groups.set([Group.objects.get(name=getattr(roles, role))])
        user.org_units.set([unit])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    harness.emit(
        {"year": max(viewed.years), "generated_seconds": generated, "definitions": defined}
    )


# Each synthetic district defines figures of its own, as a federation does in the admin: a
# filtered count, a sum, a distinct count and a rate over its grants (by programme and
# residence codes). Every district's figures are in the registry; a page shows its own.
DEFINED_FIGURES = [
    # key, label, unit word, measure, field, filters, numerator, denominator
    ("welfare.own_relief_rural", "农村妇女两癌救助", "人次", "count", "",
     [("programme", "cancer_relief"), ("residence", "rural")], "", ""),
    ("welfare.own_relief_amount", "两癌救助金额", "元", "sum", "amount",
     [("programme", "cancer_relief")], "", ""),
    ("welfare.own_relief_people", "两癌救助人数", "人", "distinct", "受助人数",
     [("programme", "cancer_relief")], "", ""),
    ("welfare.own_rural_share", "两癌救助中农村妇女占比", "%", "ratio", "", [],
     "welfare.own_relief_rural", "welfare.grant.cancer_relief"),
]  # fmt: skip


def _define_figures(districts) -> int:
    from fedportal.models import FigureDefinition, FigureFilter

    made = 0
    for district in districts:
        for key, label, word, measure, field, filters, numerator, denominator in DEFINED_FIGURES:
            definition = FigureDefinition(
                key=key, label=label, unit_word=word, source="welfare.grant", measure=measure,
                field=field, numerator=numerator, denominator=denominator, org_unit=district,
            )  # fmt: skip
            definition.full_clean()
            definition.save()
            FigureFilter.objects.bulk_create(
                FigureFilter(definition=definition, field=name, operator="in", values=codes)
                for name, codes in filters
            )
            made += 1
    return made


def build(
    base: str, *, records: int, total: int, districts: int, years: int, log=print
) -> Databases:
    template = f"{PREFIX}_template"
    started = time.monotonic()
    harness.create_database(base, template)
    harness.run_mode(__file__, "template", url=harness.database_url(base, template))
    log(f"template (migrated, demo data): {time.monotonic() - started:.0f} s")
    urls, seconds, year = {}, {}, None
    for size, size_total, size_districts in [
        ("small", records, 1),
        ("large", total, districts),
    ]:
        name = f"{PREFIX}_{size}"
        urls[size] = harness.create_database(base, name, template=template)
        # Not copied from the template: a database's own settings belong to the database.
        harness.admin_sql(base, f"ALTER DATABASE {name} SET random_page_cost = {RANDOM_PAGE_COST}")
        result = harness.run_mode(
            __file__,
            "load",
            "--records",
            records,
            "--total",
            size_total,
            "--districts",
            size_districts,
            "--years",
            years,
            url=urls[size],
        )
        year = result["year"]
        seconds[size] = result["generated_seconds"]
        log(f"{size}: {size_total:,} records generated in {seconds[size]:.0f} s")
    harness.drop_database(base, template)
    return Databases(
        small=urls["small"],
        large=urls["large"],
        year=year,
        small_seconds=seconds["small"],
        large_seconds=seconds["large"],
        names=(f"{PREFIX}_small", f"{PREFIX}_large"),
    )


def add_arguments(parser):
    parser.add_argument(
        "--records", type=int, default=10_000, help="records of the viewed district"
    )
    parser.add_argument("--total", type=int, default=1_000_000, help="records in all")
    parser.add_argument("--districts", type=int, default=100)
    parser.add_argument("--years", type=int, default=5)


def main(args):
    dbs = build(
        harness.server_url(),
        records=args.records,
        total=args.total,
        districts=args.districts,
        years=args.years,
    )
    print(f"small: {dbs.small}\nlarge: {dbs.large}\nyear: {dbs.year}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", nargs="?", choices=["template", "load"])
    add_arguments(parser)
    arguments = parser.parse_args()
    {"template": template_mode, "load": load_mode, None: main}[arguments.mode](arguments)
