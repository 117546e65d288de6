"""The admin of the federation's own honors."""

import pytest
from django.urls import reverse

from honors.models import FederationHonor

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:honors_federationhonor_{name}", args=args)


def test_staff_list_and_open_the_federations_honors(federation_honor, login):
    client = login("staff")
    assert "全市妇联工作先进单位" in client.get(url("changelist")).content.decode()
    assert client.get(url("change", federation_honor.pk)).status_code == 200


def test_townships_do_not_see_the_district_federations_honors(federation_honor, login):
    client = login("township")
    assert "全市妇联工作先进单位" not in client.get(url("changelist")).content.decode()
    assert client.get(url("change", federation_honor.pk)).status_code == 404


def test_staff_add_an_honor_with_the_district_as_default_unit(login, unit, level):
    client = login("staff")
    form = client.get(url("add")).context["adminform"].form
    assert form.initial["org_unit"] == unit("湘东区").pk
    response = client.post(
        url("add"),
        {
            "title": "全区“学习强国”知识竞赛三等奖",
            "kind": "竞赛奖项",
            "level": level("区").pk,
            "conferred_by": "湘东区委宣传部",
            "year": 2021,
            "org_unit": unit("湘东区").pk,
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert FederationHonor.objects.get().kind == "竞赛奖项"


def test_the_kind_filter_narrows_the_list(federation_honor, login, unit, level):
    FederationHonor.objects.create(
        title="全区技能大赛一等奖",
        conferred_by="湘东区总工会",
        level=level("区"),
        year=2021,
        kind="竞赛奖项",
        org_unit=unit("湘东区"),
    )
    response = login("staff").get(url("changelist"), {"kind__exact": "竞赛奖项"})
    assert [h.title for h in response.context["cl"].result_list] == ["全区技能大赛一等奖"]
