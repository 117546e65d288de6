"""Complainants on their own page: masked lists for everyone, full data on the change page
for the caseworker, scoped through the case."""

import pytest
from django.urls import reverse

from fedportal.personal_data import mask_id_number, mask_phone
from tests.rights.conftest import LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE

pytestmark = pytest.mark.django_db

FULL_VALUES = [LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE, "李秀英", "王桂兰"]
# Each list with the filters and searches it offers.
LIST_PAGES = {
    "rightscase": [{}, {"year": "2021"}, {"status__exact": "received"}, {"q": "家暴"}],
    "complainant": [{}, {"is_minor__exact": "0"}, {"unit": "360313103000"}],
    "mediation": [{}, {"q": "易"}],
    "servicepoint": [{}, {"q": "法律"}],
}


def url(page, *args):
    return reverse(f"admin:rights_complainant_{page}", args=args)


@pytest.mark.parametrize("username", ["rights", "admin"])
def test_no_list_page_holds_a_full_id_number_phone_or_name(cases, login, username):
    client = login(username)
    for model, queries in LIST_PAGES.items():
        for query in queries:
            page = client.get(reverse(f"admin:rights_{model}_changelist"), query)
            assert page.status_code == 200
            text = page.content.decode()
            assert [v for v in FULL_VALUES if v in text] == [], (model, query)


def test_complainant_list_masks_every_personal_column(cases, login):
    page = login("rights").get(url("changelist")).content.decode()
    assert "李**" in page and "王**" in page
    assert mask_id_number(LASHI_ID) in page
    assert mask_phone(LASHI_PHONE) in page


def test_change_page_shows_the_caseworker_everything(cases, login):
    page = login("rights").get(url("change", cases["lashi"].complainant.pk)).content.decode()
    assert LASHI_ID in page and LASHI_PHONE in page and "腊市镇明塘村3组" in page


def test_find_by_id_number_finds_complainants_in_scope(cases, login, township_worker):
    lashi = cases["lashi"].complainant
    response = login("rights").post(url("find_by_id_number"), {"id_number": LASHI_ID})
    assert response.context["matches"] == [lashi]
    assert "明塘村" in response.content.decode()
    township_worker("rights_xd", "湘东镇")
    response = login("rights_xd").post(url("find_by_id_number"), {"id_number": LASHI_ID})
    assert response.context["matches"] == []


def test_township_caseworker_sees_only_complainants_of_her_township(cases, login, township_worker):
    township_worker("rights_lashi", "腊市镇")
    client = login("rights_lashi")
    listed = list(client.get(url("changelist")).context["cl"].result_list)
    assert listed == [cases["lashi"].complainant]
    assert client.get(url("change", cases["xiangdong"].complainant.pk)).status_code == 404


def test_case_choices_are_the_cases_in_scope(cases, login, township_worker):
    township_worker("rights_lashi", "腊市镇")
    response = login("rights_lashi").get(url("add"))
    choices = response.context["adminform"].form.fields["case"].queryset
    assert list(choices) == [cases["lashi"]]


def test_unit_filter_goes_through_the_case(cases, login):
    response = login("rights").get(url("changelist"), {"unit": "360313100000"})
    assert list(response.context["cl"].result_list) == [cases["xiangdong"].complainant]
