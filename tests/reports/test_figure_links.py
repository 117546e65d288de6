"""A report figure's link opens the admin list of exactly the records behind it, within
the scope of whoever follows it."""

import pytest

from fedportal import indicators
from fedportal.models import OrgUnit
from fedportal.scoping import is_under

LIST = "/admin/families/familyaward/"


def figure_link(key="families.city_green", year=2021, unit="360313000000"):
    return {"figure": key, "figure_year": year, "figure_unit": unit}


def test_the_list_holds_the_records_behind_the_figure(full_demo, login):
    response = login("staff").get(LIST, figure_link())
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list.values_list("pk", flat=True))
    district = OrgUnit.objects.get(code="360313000000")
    behind = indicators.get("families.city_green").queryset(2021, district)
    assert listed == set(behind.values_list("pk", flat=True))
    assert len(listed) == 15
    assert "湘东区2021年“市级“绿色（清洁）家庭””所依据的记录" in response.content.decode()


def test_a_township_sees_only_its_share(full_demo, login):
    lashi = OrgUnit.objects.get(name="腊市镇")
    response = login("township").get(LIST, figure_link(unit=lashi.code))
    listed = list(response.context["cl"].result_list)
    assert all(is_under(a.org_unit, lashi) for a in listed)
    expected = indicators.get("families.city_green").value(2021, lashi)
    assert len(listed) == expected


@pytest.mark.parametrize(
    ("username", "params"),
    [
        ("township", figure_link()),  # the district is outside the township's scope
        ("staff", figure_link(key="families.nothing")),
        ("staff", figure_link(key="welfare.fundraising")),  # counts another model
        ("staff", figure_link(year="二〇二一")),
        ("staff", figure_link(unit="999")),
    ],
)
def test_bad_or_out_of_scope_links_are_not_found(full_demo, login, username, params):
    assert login(username).get(LIST, params).status_code == 404


def test_the_figure_stays_on_while_paging_and_sorting(full_demo, login):
    response = login("staff").get(LIST, {**figure_link(), "o": "1"})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 15
    assert "figure=families.city_green" in response.context["cl"].get_query_string({"p": 2})
