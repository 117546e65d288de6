"""A grant's read-only pages follow the grant's personal-data policy: for a role without
`view_personal_grant`, a change page it may only read, a past version and the changes on
the history page show the ID number, birth date, phone and health details masked, as the
export does; nothing unmasked was shown, so nothing is logged as a view of personal data."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from fedportal.models import User
from fedportal.personal_data import make_id_number, mask_birth_date, mask_id_number, mask_phone
from tests.audit import logged as events
from tests.welfare.helpers import WOMAN_ID

pytestmark = pytest.mark.django_db

BIRTH = "1975-05-20"


def grant_url(grant, page="change", *more):
    return reverse(f"admin:welfare_grant_{page}", args=[grant.pk, *more])


@pytest.fixture
def reader(demo, unit):
    """Someone of 腊市镇 who may read grants and nothing more."""
    group = Group.objects.create(name="救助发放查阅")
    group.permissions.add(Permission.objects.get(codename="view_grant"))
    person = User.objects.create_user("reader", password="x", is_staff=True)
    person.groups.add(group)
    person.org_units.add(unit("腊市镇"))
    return person


def shows_nothing_unmasked(page):
    assert WOMAN_ID not in page
    assert "13812345678" not in page and "宫颈癌术后" not in page
    assert "1975年5月20日" not in page and BIRTH not in page


def test_a_read_only_change_page_shows_personal_fields_masked(records, client, reader):
    client.force_login(reader)
    response = client.get(grant_url(records["lashi_grant"]))
    assert response.status_code == 200
    page = response.content.decode()
    shows_nothing_unmasked(page)
    for shown in (mask_id_number(WOMAN_ID), mask_phone("13812345678"), "（已隐藏）"):
        assert shown in page
    assert mask_birth_date(BIRTH) in page
    assert events() == []


def test_a_township_reads_masked_history_and_past_versions(records, login):
    grant = records["lashi_grant"]
    corrected = make_id_number("360313", date(1976, 8, 1), 124)
    grant.id_number, grant.birth_date, grant.phone = corrected, date(1976, 8, 1), "13912345678"
    grant.save()
    client = login("township")
    history = client.get(grant_url(grant, "history"))
    assert history.status_code == 200
    page = history.content.decode()
    shows_nothing_unmasked(page)
    assert corrected not in page and "13912345678" not in page
    assert mask_id_number(corrected) in page and mask_birth_date(date(1976, 8, 1)) in page
    first = grant.history.order_by("history_id").first().history_id
    past = client.get(grant_url(grant, "simple_history", first))
    assert past.status_code == 200
    shows_nothing_unmasked(past.content.decode())
    assert mask_id_number(WOMAN_ID) in past.content.decode()
    assert events() == []


def test_the_district_staff_see_the_history_in_full(records, login):
    grant = records["lashi_grant"]
    grant.phone = "13912345678"
    grant.save()
    page = login("staff").get(grant_url(grant, "history")).content.decode()
    assert "13812345678" in page and "13912345678" in page
