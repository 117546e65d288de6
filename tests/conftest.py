import pytest
from django.contrib.auth.models import Group, Permission

from fedportal import roles
from fedportal.demo import demo_org_rows, load_demo_users
from fedportal.models import OrgUnit, User
from fedportal.org_units import org_units_import
from tests.scopetest.models import Comment, Note


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests run last, after pytest-django has ordered the rest: from the first
    of them to the end of the session Playwright's event loop runs in the test thread, and
    Django refuses the database calls of any other test run there as made from async code
    (tests/browser/conftest.py). The sort is stable, so all else keeps its order."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/"))


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
