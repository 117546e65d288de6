"""Memory and time to refuse a sheet with too many rows: a 405 KiB xlsx whose sheet unpacks
to 161 MiB (6.5 million one-cell rows), under IMPORT_MAX_UNPACKED_BYTES, so only the row
limit (IMPORT_MAX_ROWS, 100,000) stands in its way.

Two readers, each in a fresh process: ours (`fedportal.imports.SafeXLSX`, which streams the
rows and stops at the limit), and django-import-export's own xlsx reader, which the admin
used before and which builds the whole sheet in memory first. Memory is the process's peak
resident set (`ru_maxrss`) after reading, minus the peak after Django's setup and a warm-up
read of a small workbook (which loads openpyxl and tablib): what the refusal itself added.
No database is used.

    python bench/import_limit.py [--rows 6500000] [--reader ours|library]
"""

import argparse
import gc
import io
import re
import resource
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

READERS = ("ours", "library")
ROW = b"<row><c><v>1</v></c></row>"


def workbook(rows: int) -> bytes:
    """An xlsx of `rows` one-cell rows below a header, written straight into the zip."""
    from openpyxl import Workbook

    small = io.BytesIO()
    book = Workbook()
    book.active.append(["编号"])
    book.save(small)
    source = zipfile.ZipFile(small)
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item, source.read(item))
                continue
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                head = source.read(item).split(b"</sheetData>")[0]
                # A dimension that tells the truth, which a reader may trust.
                head = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="A1:A{rows + 1}"'.encode(), head
                )
                member.write(head)
                chunk = ROW * 10_000
                for _ in range(rows // 10_000):
                    member.write(chunk)
                member.write(ROW * (rows % 10_000))
                member.write(b"</sheetData></worksheet>")
    return target.getvalue()


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def measure_mode(args):
    harness.django_setup()
    from django.conf import settings
    from import_export.formats.base_formats import XLSX

    from fedportal.imports import ImportFileError, SafeXLSX

    data = workbook(args.rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    reader = SafeXLSX() if args.reader == "ours" else XLSX()
    reader.create_dataset(workbook(10))  # warm-up: openpyxl, tablib
    gc.collect()
    before = peak_kib()
    started = time.perf_counter()
    try:
        dataset = reader.create_dataset(data)
        outcome, message = f"read {len(dataset):,} rows", ""
    except ImportFileError as exc:
        outcome, message = "refused", str(exc)
    seconds = time.perf_counter() - started
    harness.emit(
        {
            "reader": args.reader,
            "rows": args.rows,
            "file_kib": len(data) / 1024,
            "unpacked_mib": unpacked / 1024 / 1024,
            "limit": settings.IMPORT_MAX_ROWS,
            "unpacked_limit_mib": settings.IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024,
            "added_mib": (peak_kib() - before) / 1024,
            "seconds": seconds,
            "outcome": outcome,
            "message": message,
        }
    )


def measure(*, rows: int) -> dict:
    """{reader: result} for both readers, each in a fresh process."""
    return {
        reader: harness.run_mode(__file__, "measure", "--reader", reader, "--rows", rows)
        for reader in READERS
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="run", choices=["run", "measure"])
    parser.add_argument("--rows", type=int, default=6_500_000)
    parser.add_argument("--reader", choices=READERS, default="ours")
    arguments = parser.parse_args()
    if arguments.mode == "measure":
        measure_mode(arguments)
    else:
        from bench import report

        found = measure(rows=arguments.rows)
        print(report.table([report.import_limit_figure(found)]))
        for result in found.values():
            print(result)
