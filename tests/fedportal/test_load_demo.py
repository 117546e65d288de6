from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from fedportal.demo import DEMO_PASSWORD, TOWNSHIPS
from fedportal.models import OrgUnit, User


def load_demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """`load_demo` run once for the module (it loads every area's records, which takes
    seconds), inside a transaction rolled back after it; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(loaded_once, db):
    """The database as `load_demo` leaves it."""


def snapshot():
    return {
        "units": sorted(OrgUnit.objects.values_list("code", "name", "level", "path")),
        "users": sorted(
            (
                u.username,
                u.password,
                u.is_staff,
                u.is_superuser,
                tuple(sorted(u.groups.values_list("name", flat=True))),
                tuple(sorted(u.org_units.values_list("code", flat=True))),
            )
            for u in User.objects.all()
        ),
    }


def test_load_demo_is_idempotent(loaded):
    first = snapshot()
    load_demo()
    assert snapshot() == first


def test_demo_tree_has_the_district_and_its_townships(loaded):
    district = OrgUnit.objects.get(name="湘东区")
    townships = OrgUnit.objects.get_children(district)
    assert sorted(t.name for t in townships) == sorted(name for _, name in TOWNSHIPS)
    assert all(t.level == OrgUnit.Level.TOWNSHIP for t in townships)
    assert OrgUnit.objects.get(name="明塘村").parent.name == "腊市镇"
    assert district.parent.name == "萍乡市"


@pytest.mark.parametrize(
    ("username", "role", "unit", "is_staff"),
    [
        ("staff", "区妇联业务员", "湘东区", True),
        ("township", "乡镇妇联专干", "腊市镇", True),
        ("township2", "乡镇妇联专干", "湘东镇", True),
        ("rights", "维权专干", "湘东区", True),
        ("leader", "领导", "湘东区", False),
    ],
)
def test_each_demo_login_has_its_role_and_scope(loaded, client, username, role, unit, is_staff):
    user = User.objects.get(username=username)
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert [u.name for u in user.top_units] == [unit]
    assert user.is_staff is is_staff
    assert not user.is_superuser
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_admin_is_a_superuser(loaded):
    assert User.objects.get(username="admin").is_superuser


def test_load_demo_leaves_a_changed_password_alone(loaded, client):
    user = User.objects.get(username="staff")
    user.set_password("another-Secret-42")
    user.save()
    load_demo()
    assert client.login(username="staff", password="another-Secret-42")
