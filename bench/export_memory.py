"""Peak memory of an xlsx export of 100k rows against the export of 10k rows.

Two paths, each in a fresh process per measurement:
- admin: the admin's xlsx export as a download runs it (`ScopedAdmin._do_file_export`,
  which streams through `fedportal.streaming_export.export_xlsx`), the response read to its
  end as a client would;
- library: django-import-export's own export on the same queryset
  (`ExportMixin._do_file_export`: the resource's export into a tablib Dataset, SafeXLSX →
  tablib → openpyxl's in-memory workbook, the bytes in an HttpResponse), which the admin
  used for xlsx before it streamed.

The exporting user is bench-exporter (区妇联业务员 of a synthetic city of 99 districts); the
queryset is the admin's export list (`get_export_queryset`) cut to the first N family
awards by id. Memory is the process's peak resident set (`ru_maxrss`) after the export,
minus the peak after Django's setup and a warm-up export of a few rows (which loads
openpyxl, tablib and the widgets' code): what the export itself added.

Run on its own (builds and drops its databases as bench/scale.py does):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/export_memory.py
        [--rows 100000 --base-rows 10000 --repeat 2]
"""

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness, scale

EXPORTER = "bench-exporter"
PATHS = ("admin", "library")


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def measure_mode(args):
    harness.django_setup()
    from django.contrib import admin
    from django.test import RequestFactory
    from import_export.admin import ExportMixin

    from families.models import FamilyAward
    from fedportal.imports import SafeXLSX
    from fedportal.models import User

    model_admin = admin.site._registry[FamilyAward]
    request = RequestFactory().post("/admin/families/familyaward/export/")
    request.user = User.objects.get(username=EXPORTER)
    ids = FamilyAward.objects.in_scope(request.user).order_by("pk").values_list("pk", flat=True)

    def first(rows):
        return model_admin.get_export_queryset(request).filter(pk__lte=ids[rows - 1])

    streamed = []

    def export(queryset) -> int:
        """Bytes sent to the client."""
        if args.path == "admin":
            response = model_admin._do_file_export(SafeXLSX(), request, queryset)
        else:
            response = ExportMixin._do_file_export(model_admin, SafeXLSX(), request, queryset)
        streamed.append(response.streaming)
        if response.streaming:
            return sum(len(chunk) for chunk in response.streaming_content)
        return len(response.content)

    export(first(50))
    gc.collect()
    before = peak_kib()
    started = time.perf_counter()
    size = export(first(args.rows))
    seconds = time.perf_counter() - started
    harness.emit(
        {
            "path": args.path,
            "rows": args.rows,
            "added_mib": (peak_kib() - before) / 1024,
            "baseline_mib": before / 1024,
            "seconds": seconds,
            "bytes": size,
            "streamed": streamed[-1],
        }
    )


def measure(url: str, *, rows: int, base_rows: int, repeat: int) -> dict:
    """{path: {rows: [results…]}}, the runs of both paths and sizes in turn."""
    runs = {path: {base_rows: [], rows: []} for path in PATHS}
    for _ in range(repeat):
        for path in PATHS:
            for n in (base_rows, rows):
                result = harness.run_mode(__file__, "measure", "--path", path, "--rows", n, url=url)
                runs[path][n].append(result)
    return runs


def summary(runs: dict, path: str, n: int) -> dict:
    # Keyed by the row count; a run saved as JSON has it as text.
    results = runs[path][n] if n in runs[path] else runs[path][str(n)]
    return {
        "added_mib": harness.median([r["added_mib"] for r in results]),
        "seconds": harness.median([r["seconds"] for r in results]),
        "bytes": results[0]["bytes"],
        "baseline_mib": harness.median([r["baseline_mib"] for r in results]),
    }


def main(args):
    base = harness.server_url()
    dbs = scale.build(
        base, records=args.records, total=args.total, districts=args.districts, years=args.years
    )
    try:
        runs = measure(dbs.large, rows=args.rows, base_rows=args.base_rows, repeat=args.repeat)
    finally:
        if not args.keep:
            dbs.drop(base)
    for path in PATHS:
        small, large = summary(runs, path, args.base_rows), summary(runs, path, args.rows)
        print(
            f"{path}: {args.base_rows:,} rows +{small['added_mib']:.1f} MiB "
            f"({small['seconds']:.1f} s), {args.rows:,} rows +{large['added_mib']:.1f} MiB "
            f"({large['seconds']:.1f} s): {large['added_mib'] / small['added_mib']:.2f}x"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", nargs="?", choices=["measure"])
    parser.add_argument("--path", choices=PATHS)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--base-rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    scale.add_arguments(parser)
    arguments = parser.parse_args()
    {"measure": measure_mode, None: main}[arguments.mode](arguments)
