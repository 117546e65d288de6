"""The commendation event admin: the district's events stay the district's."""

from datetime import date

import pytest
from django.urls import reverse

from honors.models import CommendationEvent

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:honors_commendationevent_{name}", args=args)


@pytest.fixture
def lashi_event(unit):
    return CommendationEvent.objects.create(
        name="腊市镇巾帼建功表彰会",
        held_on=date(2021, 3, 8),
        organiser="腊市镇妇联",
        org_unit=unit("腊市镇"),
    )


def test_staff_list_and_open_the_district_event(event, lashi_event, login):
    client = login("staff")
    page = client.get(url("changelist")).content.decode()
    assert "湘东区庆祝“三八”国际妇女节表彰大会" in page and "腊市镇巾帼建功表彰会" in page
    assert client.get(url("change", event.pk)).status_code == 200


def test_a_township_sees_its_own_event_only(event, lashi_event, login):
    client = login("township")
    page = client.get(url("changelist")).content.decode()
    assert "腊市镇巾帼建功表彰会" in page
    assert "国际妇女节表彰大会" not in page
    assert client.get(url("change", event.pk)).status_code == 404


def test_another_township_gets_404_on_a_lashi_event(lashi_event, login):
    client = login("township2")
    assert "腊市镇巾帼建功表彰会" not in client.get(url("changelist")).content.decode()
    assert client.get(url("change", lashi_event.pk)).status_code == 404


def test_staff_add_an_event_for_the_district(login, unit, user):
    response = login("staff").post(
        url("add"),
        {
            "name": "湘东区最美巾帼志愿者表彰会",
            "held_on": "2021-12-05",
            "organiser": "湘东区妇联",
            "org_unit": unit("湘东区").pk,
            "description": "",
        },
    )
    assert response.status_code == 302
    made = CommendationEvent.objects.get(name="湘东区最美巾帼志愿者表彰会")
    assert (made.held_on, made.created_by) == (date(2021, 12, 5), user("staff"))


def test_the_event_autocomplete_is_scoped(event, lashi_event, login):
    response = login("township").get(
        reverse("admin:autocomplete"),
        {
            "app_label": "honors",
            "model_name": "honor",
            "field_name": "event",
            "term": "表彰",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == [str(lashi_event)]
