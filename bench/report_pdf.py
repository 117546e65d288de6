"""PDF speed: the whole `annual_report --pdf` command against a bare WeasyPrint process.

Ours: `python manage.py annual_report --year 2021 --unit 360313000000 --pdf OUT`, a new
process each time — Django's start, the database, the report's document, the line breaking
of reports.typeset, the template and WeasyPrint. The baseline: a new `python -c` process
that imports WeasyPrint only and renders the reference report's text with the same
stylesheet (templates/reports/report_print.css, rendered once beforehand with the faces of
reports.fonts: the same page, fonts and grid) and the same fontconfig configuration, no
Django; WeasyPrint breaks its lines itself and justifies nothing. Both write a PDF file; the
wall time of each process is measured, one after the other, several times.

The database is the one DATABASE_URL names (SQLite by default); the script migrates it
and loads the demo data first, as `make setup` does. The command's PDF cache is Django's
default per-process memory cache, so every run renders. `render_pdf` is also timed on its
own inside one process: the first render, which loads the fonts, and the later ones.

Run: [DATABASE_URL=postgres://…] .venv/bin/python bench/report_pdf.py [--repeat 7]
With --json the last line is the result for bench/run.py.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared/reference/xiangdong-2021-annual-report.txt"
YEAR, UNIT = "2021", "360313000000"

# The reference's lines as the print template lays out a document: title, parts (一、…
# without a full stop), sections and plan items (a heading up to the first full stop),
# and plain paragraphs.
BARE = r"""
import html, re, sys
import weasyprint

reference, stylesheet, out = sys.argv[1:]
lines = [l.strip() for l in open(reference, encoding="utf-8") if l.strip()]
body = []
esc = html.escape
for line in lines[1:]:
    if re.match(r"[一二三四五六七八九十]、", line) and "。" not in line:
        body.append(f"<h2>{esc(line)}</h2>")
    elif re.match(r"（[一二三四五六七八九十]）|[一二三四五六七八九十]、", line):
        heading, _, rest = line.partition("。")
        body.append(f'<p class="section"><span class="kai">{esc(heading)}。</span>{esc(rest)}</p>')
    else:
        body.append(f'<p class="paragraph">{esc(line)}</p>')
page = (
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
    f"<title>{esc(lines[0])}</title><style>{open(stylesheet, encoding='utf-8').read()}</style>"
    f'</head><body><h1>{esc(lines[0])}</h1>'
    + "\n".join(body) + "</body></html>"
)
fetcher = weasyprint.URLFetcher(allowed_protocols=())
weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf(out)
"""

# render_pdf alone, in one process: the first render (fonts loaded) and the later ones.
IN_PROCESS = """
import statistics, time
from reports.document import Document
from reports.models import Report
from reports.pdf import render_pdf
report = Report.objects.get(org_unit__code="{unit}", year={year})
document = Document.from_json(report.latest_version().document)
import weasyprint
times = []
for _ in range({repeat} + 1):
    start = time.perf_counter()
    render_pdf(document)
    times.append(time.perf_counter() - start)
print(times[0], statistics.median(times[1:]))
"""

# The largest report the limits allow (reports.models.MAX_TEXT, MAX_PARTS), rendered once
# after a warm-up: the longest a download can hold a web worker.
LARGEST = """
import time
from reports.document import Block, Document
from reports.models import MAX_PARTS, MAX_TEXT
from reports.pdf import render_pdf
text = ("联合区司法局与148法律服务所合作，建立了湘东区妇女儿童维权法律服务站，" * 200)[:MAX_TEXT]
blocks = [Block("opening", "", (text,)), Block("part", "一、2021年主要工作情况")]
blocks += [Block("section", "（一）标题。", (text,)) for _ in range(MAX_PARTS)]
blocks += [Block("part", "二、2022年主要工作思路和打算"), Block("plan_intro", "", (text,))]
blocks += [Block("plan_item", "（一）标题。", (text,)) for _ in range(MAX_PARTS)]
document = Document("标题", "1", "湘东区", 2021, tuple(blocks), "draft", "2021-01-01T00:00:00")
render_pdf(document)
start = time.perf_counter()
render_pdf(document)
print(time.perf_counter() - start)
"""

# The print stylesheet and the fontconfig configuration that the portal's processes use.
SETUP = """
import os
from django.conf import settings
from reports.fonts import base_fontconfig_file, fontconfig_file
from reports.pdf import stylesheet
open(os.path.join("{folder}", "print.css"), "w", encoding="utf-8").write(stylesheet())
open(os.path.join("{folder}", "fonts.conf"), "w", encoding="utf-8").write(
    fontconfig_file(settings.REPORT_FONT_DIRS, base_fontconfig_file())
)
"""

# Without the reference file at hand, the baseline renders the demo report's own text,
# which says the same, figure for figure.
DEMO_TEXT = """
from reports.document import Document
from reports.models import Report
report = Report.objects.get(org_unit__code="{unit}", year={year})
print(Document.from_json(report.latest_version().document).text())
"""


def run(command, env, output: Path) -> float:
    """Wall time of one process, which must succeed and write a PDF to `output`."""
    output.unlink(missing_ok=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode or not output.is_file() or output.read_bytes()[:5] != b"%PDF-":
        raise SystemExit(f"{command[1:3]} wrote no PDF:\n{result.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--manage", type=Path, default=ROOT / "manage.py", help="another manage.py to time"
    )
    parser.add_argument("--json", action="store_true", help="end with the result as JSON")
    parser.add_argument(
        "--no-setup", action="store_true", help="the database is migrated and has the demo"
    )
    parser.add_argument(
        "--quick", action="store_true", help="the two processes only, not render_pdf alone"
    )
    args = parser.parse_args()
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    python = sys.executable
    manage = [python, str(args.manage)]
    for setup in [] if args.no_setup else (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run([*manage, *setup], cwd=ROOT, env=env, check=True, capture_output=True)
    vendor = subprocess.run(
        [*manage, "shell", "-c", "from django.db import connection; print(connection.vendor)"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]

    def shell(code):
        return subprocess.run(
            [*manage, "shell", "-c", code],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    with tempfile.TemporaryDirectory() as folder:
        ours_pdf, bare_pdf = Path(folder, "ours.pdf"), Path(folder, "bare.pdf")
        reference = REFERENCE
        if not reference.is_file():
            reference = Path(folder, "reference.txt")
            reference.write_text(shell(DEMO_TEXT.format(unit=UNIT, year=YEAR)), encoding="utf-8")
        ours_cmd = [*manage, "annual_report", "--year", YEAR, "--unit", UNIT, "--pdf", ours_pdf]
        shell(SETUP.format(folder=folder))
        stylesheet = Path(folder, "print.css")
        bare_env = {**env, "FONTCONFIG_FILE": str(Path(folder, "fonts.conf"))}
        bare_cmd = [python, "-c", BARE, reference, stylesheet, bare_pdf]
        # One untimed run each, so that both start with the fonts and files in the OS cache.
        run(ours_cmd, env, ours_pdf)
        run(bare_cmd, bare_env, bare_pdf)
        ours, bare = [], []
        for _ in range(args.repeat):
            bare.append(run(bare_cmd, bare_env, bare_pdf))
            ours.append(run(ours_cmd, env, ours_pdf))
        ours_kb, bare_kb = ours_pdf.stat().st_size // 1024, bare_pdf.stat().st_size // 1024

    first = later = largest = None
    if not args.quick:
        first, later = map(
            float, shell(IN_PROCESS.format(unit=UNIT, year=YEAR, repeat=args.repeat)).split()[-2:]
        )
        largest = float(shell(LARGEST).split()[-1])

    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("Django", "weasyprint", "pydyf")
    )
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores; Python {platform.python_version()}"
    )
    print(f"{versions}; database: {vendor}; runs: {args.repeat} each")
    print(f"ours (manage.py annual_report --pdf): median {ours_s:.2f} s  ({ours_kb} KiB)")
    print(f"bare WeasyPrint process:              median {bare_s:.2f} s  ({bare_kb} KiB)")
    print(f"ratio: {ours_s / bare_s:.2f}x (goal: at most 2x)")
    if not args.quick:
        print(f"render_pdf in one process: first {first:.2f} s, then median {later:.2f} s")
        print(f"render_pdf of the largest report the limits allow: {largest:.2f} s")
    if args.json:
        result = {
            "ours": ours,
            "bare": bare,
            "ours_kib": ours_kb,
            "bare_kib": bare_kb,
            "first_render": first,
            "later_render": later,
            "largest_render": largest,
            "reference": reference == REFERENCE,
            "vendor": vendor,
        }
        print(json.dumps(result))


if __name__ == "__main__":
    main()
