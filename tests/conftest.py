import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connections

from fedportal import roles
from fedportal.demo import demo_org_rows, load_demo_users
from fedportal.models import OrgUnit, User
from fedportal.org_units import org_units_import
from tests.scopetest.models import Comment, Note

BROWSER = "tests/browser/"
# Fixtures that load the whole demo, which takes seconds each time: the tests using them are
# slow. Others carry @pytest.mark.slow themselves (a fuzz run, a subprocess, a database dump).
WHOLE_DEMO = {"full_demo", "security_demo", "loaded_once", "demo_site"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The browser tests run last, after pytest-django has ordered the rest: from the first
    of them to the end of the session Playwright's event loop runs in the test thread, and
    Django refuses the database calls of any other test run there as made from async code
    (tests/browser/conftest.py). Files with slow tests go first, so that in a parallel run
    (`make test`) the workers, given one file at a time, end together rather than one of
    them starting a long file last. The sort is stable, so all else keeps its order."""
    for item in items:
        if WHOLE_DEMO & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: (item.nodeid.startswith(BROWSER), item.path not in slow_files))
    if _in_a_worker(config) and any(item.nodeid.startswith(BROWSER) for item in items):
        raise pytest.UsageError(
            "The browser tests run in a session of their own, not in parallel: "
            "pytest -n … --ignore=tests/browser, then pytest tests/browser (make test)."
        )


def _in_a_worker(config) -> bool:
    return hasattr(config, "workerinput")  # set by pytest-xdist in its workers


# The database blocker of pytest-django, for the teardown hook below.
_session = {}


@pytest.fixture(scope="session", autouse=True)
def _db_blocker(django_db_blocker):
    _session["blocker"] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back the rows migrations seeded after a transactional test outside the browser
    tests (whose package does it for itself). Its flush empties every table, and
    serialized_rollback restores the rows only before such a test, not after it: in a
    single run pytest-django leaves these tests to the end, but a parallel worker goes on
    to other files, whose tests need the seeded reference lists and roles."""
    result = yield
    if _flushes_the_database(item) and not item.nodeid.startswith(BROWSER):
        with _session["blocker"].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and bool(
        marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
    )
    return transactional or bool({"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.fixture
def demo(db):
    """The demo org tree and logins; each area's demo records are loaded by its own tests."""
    org_units_import(rows=demo_org_rows())
    load_demo_users()


@pytest.fixture
def unit(demo):
    """Look up a demo unit by name."""
    return lambda name: OrgUnit.objects.get(name=name)


@pytest.fixture
def user(demo):
    """Look up a demo login by username."""
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def scopetest_roles(demo):
    """Give the record-entering roles the test app's permissions, as they have the real apps'."""
    perms = Permission.objects.filter(content_type__app_label="scopetest")
    Group.objects.get(name=roles.DISTRICT_STAFF).permissions.add(*perms)
    Group.objects.get(name=roles.TOWNSHIP_STAFF).permissions.add(
        *perms.exclude(codename__startswith="delete_").exclude(
            codename__startswith="view_personal_"
        )
    )


@pytest.fixture
def notes(scopetest_roles, unit):
    """One note in each of 腊市镇, its village 明塘村, and 湘东镇, with a comment each."""
    made = {
        "lashi": Note.objects.create(title="腊市镇记录", org_unit=unit("腊市镇")),
        "mingtang": Note.objects.create(title="明塘村记录", org_unit=unit("明塘村")),
        "xiangdong": Note.objects.create(title="湘东镇记录", org_unit=unit("湘东镇")),
    }
    for key, note in list(made.items()):
        made[f"{key}_comment"] = Comment.objects.create(note=note, text=f"{note.title}的评论")
    return made


@pytest.fixture
def login(client, user):
    def _login(username):
        client.force_login(user(username))
        return client

    return _login
