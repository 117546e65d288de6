"""The results of bench/run.py as a table and as docs/BENCHMARKS.md.

The notes under the table mix what this run measured with what earlier measurements
found when a change was made; the latter are marked as such and are not re-measured.
"""

import textwrap

from bench.changelist import DEFAULT_RANDOM_PAGE_COST, PAGES
from bench.harness import Figure


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _rounds(values) -> str:
    return "/".join(f"{v * 1000:.0f}" for v in values)


def _para(text: str) -> str:
    return textwrap.fill(text, width=92, break_long_words=False, break_on_hyphens=False) + "\n"


def _n(value) -> str:
    return f"{value:,}"


def _short(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


# -- the table --------------------------------------------------------------------------


def import_figure(result, size) -> Figure:
    from statistics import median

    rows = result["rows"]
    ours, base = median(result["ours"]), median(result["baseline"])
    ratio = base / ours
    return Figure(
        f"import of a {_n(rows)}-row family-award xlsx, validated, scoped, with history",
        f"{ours:.2f} s ({rows / ours:,.0f} rows/s)",
        f"default `ModelResource`, same rows, same table: {base:.2f} s ({rows / base:,.0f} rows/s)",
        f"{ratio:.1f}× faster",
        "≥ 10× faster",
        ratio >= 10,
    )


def pdf_figure(result) -> Figure:
    from statistics import median

    ours, bare = median(result["ours"]), median(result["bare"])
    return Figure(
        "2021 report PDF: `manage.py annual_report --pdf`, a whole process",
        f"{ours:.2f} s ({result['ours_kib']} KiB)",
        f"a bare WeasyPrint process rendering the reference text, same stylesheet: {bare:.2f} s",
        f"{ours / bare:.2f}×",
        "≤ 2×",
        ours / bare <= 2,
    )


def dashboard_figure(result, size) -> Figure:
    small, large = result["small"], result["large"]
    ratio = large["seconds"] / small["seconds"]
    return Figure(
        f"dashboard of one district among {_short(size['total'])} records "
        f"({size['districts']} districts)",
        f"{_ms(large['seconds'])}, {large['queries']} queries",
        f"the same request among {_short(size['records'])} records: "
        f"{_ms(small['seconds'])}, {small['queries']} queries",
        f"{ratio:.2f}×",
        "≤ 1.5×",
        ratio <= 1.5,
    )


def changelist_figures(result, size) -> list[Figure]:
    figures = []
    for page, sizes in result["pages"].items():
        small, large = sizes["small"], sizes["large"]
        ratio = large["seconds"] / small["seconds"]
        figures.append(
            Figure(
                f"admin list {PAGES[page][0]} at {_short(size['total'])} records, district staff",
                f"{_ms(large['seconds'])}, {large['queries']} queries",
                f"the same page at {_short(size['records'])}: {_ms(small['seconds'])}",
                f"{ratio:.2f}×",
                "≤ 2×",
                ratio <= 2,
            )
        )
    for page, sizes in result.get("default_cost", {}).items():
        small, large = sizes["small"], sizes["large"]
        figures.append(
            Figure(
                f"admin list {PAGES[page][0]} at {_short(size['total'])} records with "
                f"PostgreSQL's default `random_page_cost = {DEFAULT_RANDOM_PAGE_COST}` "
                "(deployments set 1.1)",
                f"{_ms(large['seconds'])}, {large['queries']} queries",
                f"the same page at {_short(size['records'])}: {_ms(small['seconds'])}",
                f"{large['seconds'] / small['seconds']:.2f}×",
                "— (shown, not a goal)",
                None,
            )
        )
    return figures


def export_figures(result, size) -> list[Figure]:
    from bench.export_memory import summary

    rows, base_rows = size["export_rows"], size["export_base_rows"]
    figures = []
    for path, label, goal in (
        ("admin", "the admin's export", True),
        ("library", "django-import-export's own (tablib → openpyxl in memory)", False),
    ):
        large, small = summary(result, path, rows), summary(result, path, base_rows)
        ratio = large["added_mib"] / small["added_mib"]
        figures.append(
            Figure(
                f"xlsx export of {_short(rows)} family awards, peak memory: {label}",
                f"+{large['added_mib']:.1f} MiB ({large['seconds']:.1f} s)",
                f"the export of {_short(base_rows)}: +{small['added_mib']:.1f} MiB "
                f"({small['seconds']:.1f} s)",
                f"{ratio:.2f}×",
                "≤ 1.3×" if goal else "— (shown, not a goal)",
                ratio <= 1.3 if goal else None,
            )
        )
    return figures


def import_limit_figure(result) -> Figure:
    ours, library = result["ours"], result["library"]
    refused = ours["outcome"] == "refused"
    return Figure(
        f"refusing a {ours['file_kib']:.0f} KiB xlsx that unpacks to "
        f"{ours['unpacked_mib']:.0f} MiB ({_short(ours['rows'])} one-cell rows; "
        f"row limit {_short(ours['limit'])}), peak memory",
        f"+{ours['added_mib']:.1f} MiB ({ours['seconds']:.2f} s), {ours['outcome']}",
        f"django-import-export's own reader: +{library['added_mib']:.1f} MiB "
        f"({library['seconds']:.1f} s), {library['outcome']}",
        f"{ours['added_mib'] / library['added_mib']:.3f}× the memory",
        "refused, < 100 MiB added",
        refused and ours["added_mib"] < 100,
    )


def load_totals(result) -> dict:
    pages = result["portal"]["pages"]
    total = pages.get("Aggregated", {})
    health = result["health"]["pages"].get("Aggregated", {})
    failures = total.get("failures", 0) + health.get("failures", 0)
    return {
        "portal": total,
        "health": health,
        "errors": failures + result["server_tracebacks"],
        "window": bool(total.get("requests")) and bool(health.get("requests")),
    }


def load_figure(result) -> Figure:
    totals = load_totals(result)
    portal, health = totals["portal"], totals["health"]
    if not totals["window"]:
        return Figure(
            f"load: {result['users']} sessions for {result['seconds']} s",
            "no measured window (sign-in failed)",
            "",
            "",
            "0 errors",
            False,
        )
    return Figure(
        f"load: {result['users']} signed-in sessions for {result['seconds']} s on gunicorn "
        f"({result['workers']} workers × {result['threads']} threads) + PostgreSQL, "
        "dashboard / admin list / report page",
        f"{portal['rps']:.1f} requests/s, p50 {portal['p50_ms']:.0f} ms, "
        f"p95 {portal['p95_ms']:.0f} ms, {totals['errors']} errors",
        f"/health/ (no database) under the same load: {health['rps']:.0f} requests/s, "
        f"p50 {health['p50_ms']:.0f} ms, p95 {health['p95_ms']:.0f} ms",
        f"{portal['rps'] / health['rps']:.3f}× the requests/s",
        "0 errors; p50, p95 reported",
        totals["errors"] == 0,
    )


def figures(results: dict, context: dict) -> list[Figure]:
    size = context["size"]
    found = []
    if "import" in results:
        found.append(import_figure(results["import"], size))
    if "pdf" in results:
        found.append(pdf_figure(results["pdf"]))
    if "dashboard" in results:
        found.append(dashboard_figure(results["dashboard"], size))
    if "changelist" in results:
        found += changelist_figures(results["changelist"], size)
    if "export" in results:
        found += export_figures(results["export"], size)
    if "load" in results:
        found.append(load_figure(results["load"]))
    if "import_limit" in results:
        found.append(import_limit_figure(results["import_limit"]))
    if "returns" in results:
        found.append(returns_figure(results["returns"], size))
    return found


def table(figures: list[Figure]) -> str:
    lines = [
        "| figure | ours | baseline | ratio | goal | met? |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(f"| {f.name} | {f.ours} | {f.baseline} | {f.ratio} | {f.goal} | {f.verdict} |")
    return "\n".join(lines)


# -- the document -----------------------------------------------------------------------


def _import_notes(result) -> str:
    from statistics import median

    ours = ", ".join(f"{t:.2f}" for t in result["ours"])
    base = ", ".join(f"{t:.2f}" for t in result["baseline"])
    return f"""## Import

`bench/import_speed.py`. Both resources import the same {_n(result["rows"])} awards into the same
table from an xlsx file, inside a transaction rolled back after each run: ours from the
Chinese template, validated (model `clean`, constraints, scope), with change history; the
baseline a bare `modelresource_factory(FamilyAward)` from a sheet with its own column names.
Runs (s): ours {ours}; baseline {base} (median {median(result["baseline"]):.2f}).

What made it fast (found when the import was built, not re-measured here): the first
version, validating each row the way a form does, ran at 0.57× the baseline. A profile
showed per-row queries everywhere: `full_clean` asked the database once per foreign key,
once per check constraint and once per unique constraint, for every row; the widgets
looked each row's unit and reference-list entries up again; every row was saved with its
own savepoint, INSERT and history INSERT. What changed (`fedportal/imports.py`,
`fedportal/import_checks.py`):

- units and reference lists are read once per file;
- foreign keys the widgets found are not asked for again;
- check constraints made of plain field lookups are evaluated in Python with SQL's
  three-valued logic; anything else still goes to the database;
- unique constraints are checked against the other rows of the file and against the keys
  already stored, read once per file with an `IN` on the key's most varied column (a long
  OR of per-key conditions cost Django more to build than the database to run);
- rows are saved 1,000 at a time with `bulk_create_with_history`, so the history is kept;
- the preview renders the changes of the first 100 rows only.

Every bad row is still named with its row, column, value and reason, and nothing is
written when one is bad. A resource whose model validates a row against rows saved before
it (trainees against their class's roster) opts out of bulk saving.

Where ours spent its time (cProfile of one 10,000-row import, 2026-11-29, by hand): about a
third in the bulk INSERTs of the records and their history rows; an eighth in
django-import-export's `deepcopy` of every new row, made only to build the preview's diff
(`Resource.import_row`; the preview shows 100 rows, but all 10,000 were copied); an eighth
in reading the cells into the fields (`import_field`); 7 % in validation. With that the
ratio was 8.1×, 9.1× and 8.3× in three full runs, short of the goal. Since then a new record
beyond the preview's first 100 rows is imported without the diff and its copy
(`ScopedResource.import_row`); an update keeps both, to tell whether it changes anything.
A profile after the change is flat: the bulk INSERTs (Django preparing 310,000 values and
simple-history building the history rows) and the widgets, no single hot spot. The
baseline spends its time in six queries per row (the instance lookup, one per foreign key,
the INSERT and the history INSERT), so the ratio also moves with the database's round trip
and the machine's load.
"""


def _pdf_notes(result) -> str:
    ours = ", ".join(f"{t:.2f}" for t in result["ours"])
    bare = ", ".join(f"{t:.2f}" for t in result["bare"])
    source = (
        "the reference report's text (`shared/reference/xiangdong-2021-annual-report.txt`)"
        if result["reference"]
        else "the demo report's own text (the reference file was not beside the checkout)"
    )
    in_process = ""
    if result.get("first_render") is not None:
        in_process = f"""
`reports.pdf.render_pdf` in a running process, as a download runs it: first render
{result["first_render"]:.2f} s (fonts loaded), later ones {result["later_render"]:.2f} s. The largest
report the limits allow (2 + 2 × 12 texts of 2,000 characters, 52,000 characters in all;
the reference has about 3,000): {result["largest_render"]:.2f} s, so a download never holds a
worker for long. Downloads are also cached by content (`reports/outputs.py`): a repeated
download of an unchanged report, a finalised version above all, renders nothing.
"""
    return f"""## The annual report as PDF

`bench/report_pdf.py`. Ours: `manage.py annual_report --year 2021 --unit 360313000000 --pdf
OUT`, a new process each time (Django's start, the database, the report's document, the
line breaking and justification of `reports/typeset.py`, the template, WeasyPrint) on the
finalised 2021 demo report, {result["ours_kib"]} KiB with its fonts embedded as subsets. The
baseline: a new `python -c` process that imports WeasyPrint only and renders {source} with
the same stylesheet and fontconfig configuration (the same page, faces and grid), no
Django, leaving the line breaking to WeasyPrint. The two run in turn, after one untimed run
each. Runs (s): ours {ours}; bare {bare}.
{in_process}
Where the time goes in the command (cProfile, one run, when the benchmark was written; not
re-measured here): Django's start 0.41 s (a third of it the admin autodiscovery), importing
WeasyPrint 0.55 s, rendering 0.37 s, system checks 0.07 s. The baseline pays the same
import and rendering, so the gap is Django's start. Importing WeasyPrint is slow mostly
because its library loader tries names such as `libgobject-2.0-0` first and cffi then runs
`ctypes.util.find_library`, which starts `ldconfig` for each of them (0.19 s); that is
WeasyPrint's and hits both processes alike. `render_pdf` imports WeasyPrint only when it
is called, so the web process and other commands do not pay it.

Without libharfbuzz-subset0 WeasyPrint subsets the fonts with fontTools: the same render
took 9.0 s instead of 0.2 s (measured once by setting `weasyprint.pdf.fonts.harfbuzz_subset`
to `None` in the process). `manage.py check` warns when the library is missing
(`reports.W001`), and when fontconfig has no Chinese font at all (`reports.W002`).
"""


def _planner(dbs) -> str:
    cost = dbs.get("random_page_cost")  # absent from runs saved before it was set
    if cost is None:
        return "Both run with PostgreSQL's default planner costs."
    return (
        f"Both run with `random_page_cost = {cost}`, set with `ALTER DATABASE … SET` as a "
        "deployment sets it on its production database (docs/SCALING.md): PostgreSQL's "
        f"default of {DEFAULT_RANDOM_PAGE_COST} prices a random read of a spinning disk, and "
        "with it the planner reads whole tables of all districts rather than probe one "
        "district's units in the indexes (the admin lists below show what that costs)."
    )


def returns_figure(result, size) -> Figure:
    small, large = result["small"], result["large"]
    ratio = large["seconds"] / small["seconds"]
    return Figure(
        f"returns board (status, records against last year, quality rules) of one district "
        f"among {_short(size['total'])} records",
        f"{_ms(large['seconds'])}, {large['queries']} queries",
        f"the same board among {_short(size['records'])} records: "
        f"{_ms(small['seconds'])}, {small['queries']} queries",
        f"{ratio:.2f}×",
        "≤ 1.5×",
        ratio <= 1.5,
    )


def _returns_notes(result, context) -> str:
    size = context["size"]
    return f"""## The returns board at scale

`bench/returns_board.py` (`measure_at_scale`), on the databases of `bench/scale.py`: the
district's staff (bench-staff) open the completeness board of the synthetic district for the
last year, each of its townships with a submitted return: status, last change, records per
work area against last year and every quality rule's result for each township. The same
district among {_n(size["records"])} and among {_n(size["total"])} records; {size["rounds"]} rounds of a fresh process making
{size["repeat"]} requests each after two warm-ups, the sizes in turn.

Rounds (ms): {_short(size["records"])} {_rounds(result["small"]["rounds"])}; {_short(size["total"])} {_rounds(result["large"]["rounds"])}. Queries: {result["small"]["queries"]} and
{result["large"]["queries"]}: each figure is read for all townships at once. How the board grows
with the number of townships rather than records: run `bench/returns_board.py` on its own
(a district of 11 townships against one of 220, one database).
"""


def _dashboard_notes(result, context) -> str:
    from bench.scale import DEFINED_FIGURES

    size = context["size"]
    dbs = context["dbs"]
    return f"""## The officials' dashboard at scale

`bench/dashboard.py`, on the databases of `bench/scale.py`: one synthetic district of
{_n(size["records"])} records ({size["years"]} years), and the same district — generated with the
same seed, so the very same records — among {size["districts"]} districts holding {_n(size["total"])}
records in all (generated in {dbs["large_seconds"]:.0f} s, {size["total"] / dbs["large_seconds"]:,.0f} records/s,
with `bench.synthetic`). Both also hold the demo data. Every synthetic district defines
{len(DEFINED_FIGURES)} figures of its own (`bench/scale.py`: a filtered count, a sum, a distinct count and
a rate), so the figure registry holds {len(DEFINED_FIGURES) * size["districts"]} district definitions at {_short(size["total"])} against
{len(DEFINED_FIGURES)} at {_short(size["records"])}, and the dashboard shows the district's own beside the built-in ones.
{_planner(dbs)} Measurements alternate between the two: {size["rounds"]} rounds of a fresh process making {size["repeat"]} requests each after two
warm-ups, as an official of that district, through the whole stack (session, middleware,
view, 8 charts, template).

Rounds (ms): {_short(size["records"])} {_rounds(result["small"]["rounds"])}; {_short(size["total"])} {_rounds(result["large"]["rounds"])}.
SQL of one request: {result["small"]["sql_ms"]:.0f} ms at {_short(size["records"])}, {result["large"]["sql_ms"]:.0f} ms at {_short(size["total"])}; the rest
is Python (charts, template). The number of queries is the same at both sizes (each figure
is one indicator query; a test pins it).

What made it flat (found when the dashboard was built, not re-measured here): indexes on
`(org_unit, year)` (or the record's date) on every large record table, so each indicator
query finds the district's units by path and probes each unit's records of the year.
Before them, the same set of indicator queries for a district took 1.2–1.8 s at 1M records
(whole-table scans of grants, and of the year's cases of all districts) against 0.24 s at
10k; after, 0.24–0.31 s.
"""


def _changelist_notes(result, context) -> str:
    from bench.changelist import ratio

    size = context["size"]
    lines = [
        "## Admin lists at scale",
        "",
        "`bench/changelist.py`, on the same two databases and in the same alternating rounds "
        "as the dashboard, as `bench-staff`, a 区妇联业务员 of the viewed district, through the "
        "test client: each list as it opens (ordered, the date hierarchy, the filters, the "
        "capped count of `CappedCountPaginator`) and filtered with `?year=` (`YearFilter`).",
        "",
        f"| page | {_short(size['records'])} | {_short(size['total'])} | SQL of one request, "
        f"{_short(size['records'])} → {_short(size['total'])} | queries |",
        "|---|---|---|---|---|",
    ]
    for page, sizes in result["pages"].items():
        small, large = sizes["small"], sizes["large"]
        lines.append(
            f"| {PAGES[page][0]} | {_ms(small['seconds'])} | {_ms(large['seconds'])} | "
            f"{small['sql_ms']:.0f} → {large['sql_ms']:.0f} ms | {large['queries']} |"
        )
    for page, sizes in result.get("default_cost", {}).items():
        small, large = sizes["small"], sizes["large"]
        lines += [
            "",
            f"With PostgreSQL's default `random_page_cost = {DEFAULT_RANDOM_PAGE_COST}` instead "
            f"(`SET` in the benchmark's connections, same rounds), {PAGES[page][0]}: "
            f"{_ms(small['seconds'])} at {_short(size['records'])}, {_ms(large['seconds'])} at "
            f"{_short(size['total'])}, {large['seconds'] / small['seconds']:.2f}× (SQL "
            f"{small['sql_ms']:.0f} → {large['sql_ms']:.0f} ms). The district's records are a "
            "few thousand of a table of hundreds of thousands, spread over the whole table "
            "(records of all districts are entered side by side). Pricing a random read as a "
            "spinning disk's, the planner reads the whole table rather than probe the "
            "`org_unit` index once per unit of the district, for every query of the page: the "
            "list, the capped count, and the date hierarchy's `MIN`/`MAX` and `SELECT "
            "DISTINCT` of years. The usual setting for SSDs or a database that fits in memory, "
            "1.1, lets every one of them use the index. It belongs to the deployment: "
            "`ALTER DATABASE fedportal SET random_page_cost = 1.1;` once, or "
            "`?options=-c%20random_page_cost%3D1.1` on DATABASE_URL, which the settings "
            "pass to the driver; the benchmark's databases are set the first way.",
        ]
    profiles = result["profiles"]
    if profiles:
        missed = list(next(iter(profiles.values())))
        lines += ["", "### Why a list missed", ""]
        for page in missed:
            large = result["pages"][page]["large"]
            lines.append(
                f"{PAGES[page][0]} at {_short(size['total'])}: the slowest queries of one request:"
            )
            lines.append("")
            for ms, sql in large["slowest"]:
                lines.append(f"- {ms:.0f} ms: `{sql[:170]}…`")
            lines.append("")
        lines += [
            "The same page, measured again in this run with a change made in the benchmark "
            "process only (the admin code is untouched):",
            "",
            f"| page | change | {_short(size['records'])} | {_short(size['total'])} | ratio |",
            "|---|---|---|---|---|",
        ]
        labels = {
            "no-date-hierarchy": "`date_hierarchy = None`",
            # Saved runs from before the databases had the planner cost set.
            "random-page-cost": "PostgreSQL `random_page_cost = 1.1`",
            "both": "both",
        }
        for variant, pages in profiles.items():
            for page, sizes in pages.items():
                lines.append(
                    f"| {PAGES[page][0]} | {labels[variant]} | {_ms(sizes['small']['seconds'])} | "
                    f"{_ms(sizes['large']['seconds'])} | {ratio(sizes):.2f}× |"
                )
    return "\n".join(lines) + "\n"


def _export_notes(result, context) -> str:
    from bench.export_memory import PATHS, summary

    size = context["size"]
    rows, base_rows = size["export_rows"], size["export_base_rows"]
    lines = [
        "## xlsx export memory",
        "",
        "`bench/export_memory.py`, on the 1M database, as `bench-exporter` (区妇联业务员 of "
        f"a synthetic city of {size['districts'] - 1} districts), the admin's export list "
        f"(`get_export_queryset`) cut to the first {_short(base_rows)} and {_short(rows)} family "
        "awards. Each run is a fresh process; memory is the peak resident set "
        "(`ru_maxrss`) after the export minus the peak after Django's setup and a warm-up "
        "export of 50 rows.",
        "",
        "| path | rows | added to the peak | time | file |",
        "|---|---|---|---|---|",
    ]
    for path in PATHS:
        for n in (base_rows, rows):
            s = summary(result, path, n)
            lines.append(
                f"| {path} | {_n(n)} | +{s['added_mib']:.1f} MiB (process {s['baseline_mib']:.0f} "
                f"MiB before) | {s['seconds']:.1f} s | {s['bytes'] / 1024:,.0f} KiB |"
            )
    admin_streams = all(r.get("streamed", False) for runs in result["admin"].values() for r in runs)
    admin_path = (
        "The admin's xlsx export (`ScopedAdmin._do_file_export`) streams through "
        "`fedportal/streaming_export.py`"
        if admin_streams
        else "The admin's xlsx export did **not** stream in this run; "
        "`fedportal/streaming_export.py`, which it is to stream through,"
    )
    lines += [
        "",
        f"{admin_path}: it reads the records from a server-side cursor 2,000 at a time "
        "(`iterator(chunk_size=2000)`, with `select_related` for every foreign key the "
        "resource exports), sends each through the same resource (`export_resource`: the "
        "same columns, widgets and personal-field masking) and `escape_formula`, writes it "
        "with openpyxl's write-only workbook (rows go to a temporary file, strings inline), "
        "and answers with a `FileResponse` read from disk. django-import-export's own "
        "export, which the admin used for xlsx before, builds the whole list as a tablib "
        "Dataset, then the whole workbook in openpyxl's in-memory model, then the file's "
        "bytes in an HttpResponse: memory grows with the rows. "
        "`tests/fedportal/test_streaming_export.py` checks that the streamed cells are "
        "those of the library's export, for district staff (personal data in full) and "
        "township staff (masked, own township only).",
    ]
    return "\n".join(lines) + "\n"


def _load_notes(result) -> str:
    totals = load_totals(result)
    lines = [
        "## Load",
        "",
        "`bench/load.py`: `gunicorn fedportal.wsgi --workers "
        f"{result['workers']} --threads {result['threads']}` (gthread) with DEBUG=0, a "
        "SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, static files by WhiteNoise after "
        "`collectstatic`, on the 1M database (which also holds the demo data), plain http "
        "on loopback (SECURE_SSL_REDIRECT=0, SECURE_HSTS_SECONDS=0); the URLconf of "
        "`bench/settings.py` adds /health/, a view that returns “ok” without the database. "
        "The load comes from locust (`bench/requirements.txt`, headless, `--csv`) in a "
        f"second process on loopback: {result['users']} users, each signing in through the "
        "login form with its CSRF token (half as the demo's `staff` on 湘东区's data, half "
        "as `bench-staff` on a synthetic district among 1M records), then cycling without "
        "pause through the dashboard, the family-award admin list and the report page "
        f"(湘东区's finalised 2021 report; the synthetic district's standard text). The "
        f"{result['seconds']} s window starts when every session is signed in. Then the same "
        "number of users request /health/ without pause.",
        "",
        "| page | requests | failures | p50 | p95 | requests/s |",
        "|---|---|---|---|---|---|",
    ]
    for run in ("portal", "health"):
        for name, page in result[run]["pages"].items():
            if name == "Aggregated" and run == "health":
                continue  # the same as its one page
            name = "all three pages" if name == "Aggregated" else name
            lines.append(
                f"| {name} | {_n(page['requests'])} | {page['failures']} | "
                f"{page['p50_ms']:.0f} ms | {page['p95_ms']:.0f} ms | {page['rps']:.1f} |"
            )
    failures = result["portal"]["failure_lines"] + result["health"]["failure_lines"]
    if failures:
        lines += ["", "Failures:", "", *[f"- {line}" for line in failures]]
    lines += [
        "",
        f"Errors in all: {totals['errors']} (failed requests and tracebacks in the server's log).",
        "",
        "Workers: the machine's 2 cores also run PostgreSQL and the load generator. A page "
        "spends part of its time waiting for PostgreSQL, when its thread releases the GIL, "
        "so 4 processes of 2 threads keep both cores busy; more processes only add memory "
        "(about 100 MB each) and switching. With no pause between requests the server is "
        "saturated: p50 and p95 are the latency of a full server, and requests/s its "
        "capacity for these pages. /health/ shows what the same server, client and "
        "machine can pass at all, so the ratio is the cost of the pages' own work.",
    ]
    return "\n".join(lines) + "\n"


def _import_limit_notes(result) -> str:
    ours, library = result["ours"], result["library"]
    return f"""## A sheet of too many rows

`bench/import_limit.py`. A workbook of {ours["file_kib"]:.0f} KiB whose sheet unpacks to
{ours["unpacked_mib"]:.0f} MiB, under the unpacked-size limit
({ours["unpacked_limit_mib"]:.0f} MiB), so only the row limit (`IMPORT_MAX_ROWS`,
{ours["limit"]:,}) refuses it. Each reader runs in a fresh process, without a database;
memory is the peak resident set added by the read. Ours (`SafeXLSX`) reads the sheet as a
stream of rows and stops at row {ours["limit"] + 2:,}: +{ours["added_mib"]:.1f} MiB,
{ours["seconds"]:.2f} s, and the user reads “{ours["message"]}”. The library's reader, which the
admin used before, builds all the rows first: +{library["added_mib"]:.1f} MiB,
{library["seconds"]:.1f} s ({library["outcome"]}), before anything could refuse them.
"""


def document(figures: list[Figure], results: dict, context: dict) -> str:
    machine, versions = context["machine"], context["versions"]
    version_text = ", ".join(f"{name} {version}" for name, version in versions.items())
    sections = [
        f"""# Benchmarks

Written by `make bench` (`bench/run.py`) on {context["date"]}, in {context["minutes"]:.0f} minutes; do
not edit by hand. The machine: {machine["cpu"]}, {machine["cores"]} cores, {machine["ram"]} RAM,
{machine["system"]}, PostgreSQL on loopback; load average before the run {machine["load"]}
(1 / 5 / 15 minutes: other work on the machine). Versions: {version_text}.

Each ratio is measured side by side in one run (the two sides in turn, several times,
medians), because the machine is shared and absolute times drift: read the ratios, and
the absolute times as this machine's on that day.

{table(figures)}

Run: `make bench` (or `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
.venv/bin/python bench/run.py`); `make bench-smoke` runs everything on data ten times
smaller in a minute or two and prints the table. Each benchmark also runs on its own
(`bench/import_speed.py`, `report_pdf.py`, `dashboard.py`, `changelist.py`,
`export_memory.py`, `load.py`, `import_limit.py`, `returns_board.py`; see each file's
docstring).
"""
    ]
    if "import" in results:
        sections.append(_import_notes(results["import"]))
    if "pdf" in results:
        sections.append(_pdf_notes(results["pdf"]))
    if "dashboard" in results:
        sections.append(_dashboard_notes(results["dashboard"], context))
    if "changelist" in results:
        sections.append(_changelist_notes(results["changelist"], context))
    if "export" in results:
        sections.append(_export_notes(results["export"], context))
    if "load" in results:
        sections.append(_load_notes(results["load"]))
    if "import_limit" in results:
        sections.append(_import_limit_notes(results["import_limit"]))
    if "returns" in results:
        sections.append(_returns_notes(results["returns"], context))
    return _wrap("\n".join(sections))


def _wrap(markdown: str) -> str:
    """Prose paragraphs filled as the rest of docs/ is; tables, lists and headings kept."""
    blocks = []
    for block in markdown.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if any(line.startswith(("|", "- ", "#", "```", "1. ")) for line in lines):
            blocks.append(block.strip("\n"))
        else:
            blocks.append(_para(" ".join(line.strip() for line in lines)).rstrip("\n"))
    return "\n\n".join(blocks) + "\n"
