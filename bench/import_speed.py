"""Import speed: our family-award import against a default django-import-export resource.

Both import the same 10,000 awards into the same table, inside a transaction, from an
xlsx file: ours validated (model clean, constraints, scope), with history, from the Chinese
template; the baseline a bare `ModelResource` from a sheet with its own column names.

Run: DATABASE_URL=postgres://… python bench/import_speed.py [--rows 10000] [--repeat 3]
(the database must exist and may be empty: the script migrates it and loads the demo org
tree and logins). With --json the last line is the result for bench/run.py.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fedportal.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from import_export.resources import modelresource_factory  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from families.models import AwardKind, AwardLevel, FamilyAward  # noqa: E402
from families.resources import FamilyAwardResource  # noqa: E402
from fedportal.demo import demo_org_rows, load_demo_users  # noqa: E402
from fedportal.imports import SafeXLSX  # noqa: E402
from fedportal.models import OrgUnit, User  # noqa: E402
from fedportal.org_units import org_units_import  # noqa: E402

# The default resource stores an empty cell as NULL, which this NOT NULL column refuses;
# both files carry the same text so that both imports succeed.
STORY = "热心公益，家风淳朴。"


class Rollback(Exception):
    """Leave the table as it was after each timed import."""


def award_rows(count, user):
    # The importing user's townships: the database may hold other (synthetic) districts.
    townships = list(
        OrgUnit.objects.in_scope(user).filter(level=OrgUnit.Level.TOWNSHIP).order_by("code")
    )
    kinds = list(AwardKind.objects.order_by("pk"))
    levels = list(AwardLevel.objects.order_by("pk"))
    for n in range(count):
        yield {
            "unit": townships[n % len(townships)],
            "household": f"测试户{n:06d}家庭",
            "head": f"测试户{n:06d}",
            "kind": kinds[n % len(kinds)],
            "level": levels[n % len(levels)],
            "year": 2021,
        }


def xlsx_bytes(header, rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


OUR_HEADER = [
    "编号",
    "所属单位",
    "户名",
    "户主姓名",
    "表彰类别",
    "表彰级别",
    "授予单位",
    "年度",
    "事迹",
]
BASELINE_HEADER = [
    "id",
    "org_unit",
    "household_name",
    "head_name",
    "kind",
    "level",
    "conferred_by",
    "year",
    "story",
]


def our_file(rows):
    return xlsx_bytes(
        OUR_HEADER,
        [
            [
                "",
                r["unit"].code,
                r["household"],
                r["head"],
                r["kind"].name,
                r["level"].name,
                "萍乡市妇联",
                r["year"],
                STORY,
            ]
            for r in rows
        ],
    )


def baseline_file(rows):
    return xlsx_bytes(
        BASELINE_HEADER,
        [
            [
                "",
                r["unit"].pk,
                r["household"],
                r["head"],
                r["kind"].pk,
                r["level"].pk,
                "萍乡市妇联",
                r["year"],
                STORY,
            ]
            for r in rows
        ],
    )


def timed(resource, data):
    dataset = SafeXLSX().create_dataset(data)
    start = time.perf_counter()
    try:
        with transaction.atomic():
            result = resource.import_data(dataset, dry_run=False, use_transactions=False)
            if result.has_errors() or result.has_validation_errors():
                raise SystemExit(
                    f"import failed: {result.invalid_rows[:3] or list(result.row_errors())[:3]}"
                )
            elapsed = time.perf_counter() - start
            assert (
                FamilyAward.objects.filter(household_name__startswith="测试户").count()
                == result.totals["new"]
            )
            raise Rollback
    except Rollback:
        return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="end with the result as JSON")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    org_units_import(rows=demo_org_rows())
    load_demo_users()
    staff = User.objects.get(username="staff")
    rows = list(award_rows(args.rows, staff))
    ours_data, base_data = our_file(rows), baseline_file(rows)
    Baseline = modelresource_factory(FamilyAward)
    ours, base = [], []
    for _ in range(args.repeat):
        base.append(timed(Baseline(), base_data))
        ours.append(timed(FamilyAwardResource(user=staff), ours_data))
    ours_s, base_s = statistics.median(ours), statistics.median(base)
    print(f"database: {connection.vendor}; rows: {args.rows}; runs: {args.repeat}")
    print(
        f"ours (validated, scoped, with history): median {ours_s:.2f} s  ({args.rows / ours_s:.0f} rows/s)"
    )
    print(
        f"baseline (default ModelResource):      median {base_s:.2f} s  ({args.rows / base_s:.0f} rows/s)"
    )
    print(f"speed-up: {base_s / ours_s:.2f}x (goal: at least 10x)")
    if args.json:
        print(json.dumps({"rows": args.rows, "ours": ours, "baseline": base}))


if __name__ == "__main__":
    main()
