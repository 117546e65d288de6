import pytest
from django.db import transaction

from fedportal.demo import load_demo
from fedportal.models import OrgUnit
from reports.models import Report


@pytest.fixture(scope="package")
def module_demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the package's test modules that ask for it (once a worker
    in a parallel run), inside a transaction rolled back after the package; each test runs
    in a savepoint within it, so tests still see only their own changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def full_demo(module_demo, db):
    """Everything `make demo` loads: the tree, the logins, every area's records and the
    finalised 2021 report of 湘东区."""


@pytest.fixture
def district(full_demo):
    return OrgUnit.objects.get(name="湘东区")


@pytest.fixture
def demo_report(district):
    return Report.objects.get(org_unit=district, year=2021)


@pytest.fixture
def draft_report(demo_report):
    """The demo report reopened as a draft, as a writer would before editing."""
    demo_report.status = Report.Status.DRAFT
    demo_report.save()
    return demo_report


def page_text(response) -> str:
    """The text a reader sees on a page: its HTML without tags."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
