"""Browser tests: Debian's chromium, driven by Playwright, against the live server with the
demo loaded. Each step leaves a screenshot in test-artifacts/browser/.

The live server answers from its own thread, so what a test loads must be committed:
modules here mark their tests `browser_db` (a transactional test, flushed afterwards).
Playwright's event loop runs in the test thread from the first browser test to the end of
the session; pytest-django runs transactional tests after all other database tests, so
none of those runs beside it.
"""

import itertools
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Page, expect

from fedportal.demo import DEMO_PASSWORD, load_demo

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Transactional, because the live server reads through its own connection. The flush after
# each test also removes the reference lists and roles that data migrations seeded;
# serialized_rollback puts them back before the next browser test.
browser_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="session")
def _seeded_rows(django_db_setup):
    """The rows migrations seeded, as the test-database setup serialized them for
    serialized_rollback, by database alias."""
    return {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def playwright(_seeded_rows, playwright):
    # While an event loop runs in a thread, as Playwright's does from here on, Django keeps
    # that thread's database connections apart from the ones it had before: the tests now
    # get new connection objects, without the seeded rows the test-database setup stored on
    # the old ones. Without them serialized_rollback would neither restore those rows nor
    # keep the flush from re-running post_migrate.
    for alias, contents in _seeded_rows.items():
        connections[alias]._test_serialized_contents = contents
    return playwright


@pytest.fixture(scope="package", autouse=True)
def _async_unsafe_allowed():
    """Playwright's sync API keeps an event loop running in the test's thread, so Django
    takes every ORM call made there (loading the demo, reading expected figures) for one
    made from async code and refuses it. Nothing here is async; the calls only share the
    thread. Set for this package only: the rest of the suite, and the subprocesses some
    tests start (such as the deployment check, which rejects this variable), keep the
    protection."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package", autouse=True)
def _seeded_rows_restored(_async_unsafe_allowed, _seeded_rows, django_db_blocker):
    """Leave the test database as migrations left it. serialized_rollback restores the seeded
    rows only at the start of a test, so after the last browser test the database would stay
    empty: later tests in the session, and the next session with --reuse-db, need them."""
    yield
    with django_db_blocker.unblock():
        for alias, contents in _seeded_rows.items():
            connections[alias].creation.deserialize_db_from_string(contents)
            # An open connection would keep the test database from being dropped at the end.
            connections[alias].close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's build rather than one Playwright downloads; no sandbox, as CI runs as root.
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "viewport": DESKTOP,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "accept_downloads": True,
    }


@pytest.fixture
def demo_site(live_server):
    """The live server with everything `make demo` loads."""
    load_demo()
    return live_server


@pytest.fixture
def log_in(demo_site, page: Page):
    """Log in through the real login form and land on the home page."""

    def _log_in(username: str) -> Page:
        page.goto("/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(f"{demo_site.url}/")
        return page

    return _log_in


@pytest.fixture
def shoot(request):
    """Save a screenshot of the page as the test's next numbered step: the whole page, or
    with `full_page=False` what fits the viewport (as a phone shows it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    steps = itertools.count(1)

    def _shoot(page: Page, step: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{request.node.originalname}-{next(steps):02d}-{step}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    return _shoot


@pytest.fixture
def download(request):
    """Click what starts a download, keep the file under test-artifacts/browser/ and return
    the download and its bytes."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def _download(page: Page, trigger) -> tuple:
        with page.expect_download() as info:
            trigger()
        got = info.value
        path = ARTIFACTS / f"{request.node.originalname}{Path(got.suggested_filename).suffix}"
        got.save_as(path)
        return got, path.read_bytes()

    return _download
