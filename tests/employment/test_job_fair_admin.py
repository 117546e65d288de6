"""The job-fair admin: scope and data entry."""

import pytest
from django.urls import reverse

from employment.models import JobFair

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:employment_jobfair_{name}", args=args)


def test_township_lists_only_its_own_fairs(fairs, login):
    page = login("township").get(url("changelist")).content.decode()
    assert "腊市镇春风行动招聘会" in page and "湘东镇巾帼就业招聘会" not in page


def test_another_township_gets_404_and_does_not_see_it(fairs, login):
    client = login("township2")
    assert client.get(url("change", fairs["lashi"].pk)).status_code == 404
    assert "腊市镇春风行动招聘会" not in client.get(url("changelist")).content.decode()


def test_change_page_in_scope(fairs, login):
    response = login("township").get(url("change", fairs["lashi"].pk))
    assert response.status_code == 200
    assert "达成就业意向人数" in response.content.decode()


def test_township_adds_a_fair_and_the_checks_apply(fairs, login, unit):
    client = login("township")
    data = {
        "org_unit": unit("腊市镇").pk,
        "name": "腊市镇秋季招聘会",
        "date": "2021-09-10",
        "partner": "区人社局",
        "employers": 12,
        "positions": 300,
        "attendees": 80,
        "hires": 90,
    }
    response = client.post(url("add"), data)
    assert "达成就业意向人数不能多于入场求职人数。" in response.content.decode()
    assert not JobFair.objects.filter(name="腊市镇秋季招聘会").exists()
    response = client.post(url("add"), {**data, "hires": 30})
    assert response.status_code == 302
    assert JobFair.objects.get(name="腊市镇秋季招聘会").hires == 30
