"""Load: concurrent signed-in sessions on gunicorn + PostgreSQL, from a second process on
loopback, and the same load on a page that does no work, under the same server.

The server is what a deployment runs (README, 部署): `gunicorn fedportal.wsgi` with DEBUG=0,
a SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, static files from WhiteNoise after collectstatic —
with plain http on loopback (SECURE_SSL_REDIRECT=0, SECURE_HSTS_SECONDS=0; a TLS proxy is
not what is measured) and bench/settings.py's URLconf, which adds /health/. The cookies
stay `Secure`: locust's client sends them over http, as browsers do for a local address.

Workers: `--workers 4 --threads 2` (gthread). The machine has 2 cores, shared with
PostgreSQL and the load generator; a page spends part of its time waiting for PostgreSQL,
when its thread releases the GIL, so 8 threads keep both cores busy; more processes
would only add memory (about 100 MB each) and switching.

The load generator is locust (bench/requirements.txt, in bench/.venv), headless, with
--csv: first `--users` sessions (signed in through the login form with its CSRF token)
cycling without pause through the dashboard, an admin list and the report page for
`--seconds`, counted from when all are signed in; then the same number of users on
/health/.

Run on its own against a database that holds the demo data and the benchmark logins of
bench/scale.py (it migrates nothing):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fedportal_bench_large \
        python bench/load.py [--users 50] [--seconds 60] [--year 2025]
"""

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness, scale

WORKERS, THREADS, KEEP_ALIVE = 4, 2, 2
DEMO_UNIT, DEMO_YEAR = "360313000000", 2021


def accounts(year: int) -> str:
    """Demo district staff on the demo data, and a synthetic district's staff among 1M."""
    return ";".join(
        [
            "|".join(
                [
                    "staff",
                    f"/dashboard/?year={DEMO_YEAR}&unit={DEMO_UNIT}",
                    "/admin/families/familyaward/",
                    f"/reports/{DEMO_UNIT}/{DEMO_YEAR}/",
                ]
            ),
            "|".join(
                [
                    "bench-staff",
                    f"/dashboard/?year={year}&unit={scale.DISTRICT}",
                    "/admin/families/familyaward/",
                    f"/reports/{scale.DISTRICT}/{year}/",
                ]
            ),
        ]
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
    }


def collect_static() -> subprocess.Popen:
    """`collectstatic` as a deployment runs it (the manifest DEBUG=0 needs); it takes half
    a minute, so bench/run.py may start it early and let it run beside other work."""
    return subprocess.Popen(
        [harness.PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=harness.ROOT,
        env=server_env(os.environ.get("DATABASE_URL", "")),
    )


def start_server(
    url: str, port: int, log, static: subprocess.Popen | None, server=(WORKERS, THREADS, KEEP_ALIVE)
) -> subprocess.Popen:
    workers, threads, keep_alive = server
    env = server_env(url)
    bin_dir = Path(harness.PYTHON).parent
    static = static or collect_static()
    if static.wait():
        raise RuntimeError("collectstatic failed")
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "fedportal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            str(keep_alive),
        ],
        cwd=harness.ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def run_locust(user_class, *, port, users, seconds, folder, env) -> dict:
    """Locust's stats for `user_class`, read from its --csv files."""
    prefix = Path(folder, user_class)
    tools = harness.ensure_tools()
    command = [
        str(tools / "locust"),
        "-f",
        str(harness.BENCH / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        # An upper bound only: the locustfile stops the run `seconds` after all signed in.
        "--run-time",
        f"{seconds + 120}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=harness.ROOT,
        env={**os.environ, **env, "BENCH_SECONDS": str(seconds)},
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    if result.returncode:
        raise RuntimeError(f"locust failed ({result.returncode}):\n{result.stderr[-3000:]}")
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    failures = []
    if Path(f"{prefix}_failures.csv").is_file():
        with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as file:
            failures = list(csv.DictReader(file))
    return {
        "elapsed": elapsed,
        "pages": {
            name: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "rps": float(row["Requests/s"]),
            }
            for name, row in rows.items()
            # Sign-ins happen before the window; their rows are empty after the reset.
            if int(row["Request Count"])
        },
        "failure_lines": [
            f"{f['Method']} {f['Name']}: {f['Error']} ×{f['Occurrences']}" for f in failures
        ],
    }


def measure(
    url: str,
    *,
    year: int,
    users: int,
    seconds: int,
    static=None,
    server=(WORKERS, THREADS, KEEP_ALIVE),
    log=print,
) -> dict:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder, open(Path(folder, "server.log"), "w+") as out:
        process = start_server(url, port, out, static, server)
        try:
            env = {"BENCH_ACCOUNTS": accounts(year)}
            health = run_locust(
                "HealthUser", port=port, users=users, seconds=seconds, folder=folder, env=env
            )
            log(f"load: /health/ done ({health['elapsed']:.0f} s)")
            portal = run_locust(
                "PortalUser", port=port, users=users, seconds=seconds, folder=folder, env=env
            )
            log(f"load: sessions done ({portal['elapsed']:.0f} s)")
        finally:
            stop_server(process)
        out.seek(0)
        errors = [line for line in out.read().splitlines() if "Traceback" in line]
    return {
        "users": users,
        "seconds": seconds,
        "workers": server[0],
        "threads": server[1],
        "keep_alive": server[2],
        "health": health,
        "portal": portal,
        "server_tracebacks": len(errors),
    }


def main(args):
    found = measure(
        os.environ["DATABASE_URL"],
        year=args.year,
        users=args.users,
        seconds=args.seconds,
        server=(args.workers, args.threads, args.keep_alive),
    )
    for run in ("health", "portal"):
        for name, page in found[run]["pages"].items():
            print(
                f"{run:7} {name:12} {page['requests']:6} requests, {page['failures']} failed, "
                f"p50 {page['p50_ms']:.0f} ms, p95 {page['p95_ms']:.0f} ms, "
                f"{page['rps']:.1f} requests/s"
            )
        for line in found[run]["failure_lines"]:
            print(f"  {line}")
    print(f"server tracebacks: {found['server_tracebacks']}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--year", type=int, default=2025, help="the synthetic records' last year")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--keep-alive", type=int, default=KEEP_ALIVE)
    main(parser.parse_args())
