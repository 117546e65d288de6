"""The read replica (fedportal.db_router): reads inside `replica_reads` go to the replica,
every other read and every write to the primary; the dashboard reads wholly from it."""

import pytest
from django.db import connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from fedportal.db_router import REPLICA, ReplicaRouter, reads_from_replica, replica_reads
from fedportal.models import OrgUnit
from reports.views import dashboard
from tests.scopetest.models import Note

router = ReplicaRouter()


def test_reads_go_to_the_replica_only_inside_replica_reads():
    assert router.db_for_read(OrgUnit) == "default"
    with replica_reads():
        assert router.db_for_read(OrgUnit) == REPLICA
        assert router.db_for_write(OrgUnit) == "default"
    assert router.db_for_read(OrgUnit) == "default"


def test_the_primary_is_back_after_an_error():
    with pytest.raises(ValueError), replica_reads():
        raise ValueError
    assert router.db_for_read(OrgUnit) == "default"


def test_a_view_decorator():
    @reads_from_replica
    def view():
        return router.db_for_read(OrgUnit)

    assert view() == REPLICA
    assert router.db_for_read(OrgUnit) == "default"


def test_nothing_migrates_the_replica():
    assert router.allow_migrate("default", "fedportal") is True
    assert router.allow_migrate(REPLICA, "fedportal") is False


@pytest.fixture
def replica(settings):
    """A second connection to the test database standing in for the replica, and the router.

    The connection is made here rather than declared in settings.DATABASES, as
    DATABASE_REPLICA_URL would: the test database exists before any test adds an alias.
    """
    default = connections["default"]
    connections[REPLICA] = replica = type(default)({**default.settings_dict}, REPLICA)
    settings.DATABASE_ROUTERS = ["fedportal.db_router.ReplicaRouter"]
    yield replica
    replica.close()
    del connections[REPLICA]


# Committed rows: the replica's connection cannot see the test's open transaction. The rows
# migrations seeded are put back after the flush (serialized_rollback), as the browser tests
# that run after this one expect (tests/browser/conftest.py).
replica_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def dashboard_request(leader):
    request = RequestFactory().get("/dashboard/", {"year": 2021, "unit": "360313000000"})
    request.user = leader
    return request


@replica_test
def test_the_dashboard_reads_only_from_the_replica(replica, demo, user):
    request = dashboard_request(user("leader"))  # a fresh user, whose permissions are read
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(replica) as read,
    ):
        response = dashboard(request)
    assert response.status_code == 200
    assert "湘东区2021年工作数据" in response.content.decode()
    assert [q["sql"] for q in primary] == []
    assert len(read) > 50  # an indicator query a figure


@replica_test
def test_writes_inside_replica_reads_go_to_the_primary(replica, demo, unit):
    with CaptureQueriesContext(replica) as read, replica_reads():
        note = Note.objects.create(title="记录", org_unit=unit("腊市镇"))
    assert not [q for q in read if "INSERT" in q["sql"]]
    assert Note.objects.using("default").filter(pk=note.pk).exists()
