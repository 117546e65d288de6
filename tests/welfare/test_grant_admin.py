"""The grant admin: personal data kept out of the list, entry through the form, run choices."""

from datetime import date

import pytest
from django.urls import reverse

from fedportal.personal_data import make_id_number, mask_id_number, mask_phone
from tests.welfare.helpers import SCHOOL_BAG, WOMAN_ID
from welfare.models import Grant, ProgrammeRun

pytestmark = pytest.mark.django_db


def form_data(grant_unit, programme, **fields):
    data = {
        "programme": programme.pk,
        "year": 2021,
        "date": "2021-09-01",
        "org_unit": grant_unit.pk,
        "recipient_type": "person",
        "beneficiary_name": "彭浩然",
        "id_number": "",
        "residence": "rural",
        "amount": "0",
        "goods": "书包",
        "quantity": "1",
        "unit": "",
        "subsidy_type": "n/a",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("username", ["township", "staff"])
def test_list_masks_id_number_and_phone_and_leaves_out_health(records, login, username):
    page = login(username).get(reverse("admin:welfare_grant_changelist")).content.decode()
    assert "易秀英" in page
    assert mask_id_number(WOMAN_ID) in page and WOMAN_ID not in page
    assert mask_phone("13812345678") in page and "13812345678" not in page
    assert "宫颈癌" not in page


def test_list_query_count_is_pinned(records, login, django_assert_num_queries):
    client = login("staff")
    url = reverse("admin:welfare_grant_changelist")
    client.get(url)
    # session, user, work areas, user and group permissions, the user's units; the
    # programme, unit and year filters, and the years that hold grants; the count and the
    # page of grants (units, programmes and runs joined); two for the date hierarchy. None
    # of them repeats per row.
    with django_assert_num_queries(13):
        client.get(url)


def test_township_staff_enter_a_grant_and_the_id_number_fills_the_rest(
    records, login, unit, programme, user
):
    child_id = make_id_number("360313", date(2012, 3, 1), 37)
    response = login("township").post(
        reverse("admin:welfare_grant_add"),
        form_data(unit("明塘村"), programme(SCHOOL_BAG), id_number=child_id),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant = Grant.objects.get(beneficiary_name="彭浩然")
    assert (grant.sex, grant.birth_date, grant.age, grant.is_minor, grant.unit) == (
        "male",
        date(2012, 3, 1),
        9,
        True,
        "个",
    )
    assert grant.created_by == user("township")


def test_the_form_shows_the_chinese_constraint_message(records, login, unit, programme):
    response = login("township").post(
        reverse("admin:welfare_grant_add"),
        form_data(unit("腊市镇"), programme(SCHOOL_BAG), quantity="0"),
    )
    assert response.status_code == 200
    assert "每条发放记录须有救助金额或物资数量，至少一项大于0。" in response.content.decode()
    assert not Grant.objects.filter(beneficiary_name="彭浩然").exists()


def test_township_staff_cannot_enter_a_grant_for_another_township(records, login, unit, programme):
    response = login("township").post(
        reverse("admin:welfare_grant_add"), form_data(unit("湘东镇"), programme(SCHOOL_BAG))
    )
    assert response.status_code == 200
    assert not Grant.objects.filter(beneficiary_name="彭浩然").exists()


def test_runs_offered_are_the_townships_and_the_districts(records, login, unit, programme):
    district = ProgrammeRun.objects.create(
        org_unit=unit("湘东区"), programme=programme(SCHOOL_BAG), year=2021, partner="省妇基会"
    )
    response = login("township").get(reverse("admin:welfare_grant_add"))
    offered = set(response.context["adminform"].form.fields["run"].queryset)
    assert offered == {district, records["lashi_programmerun"]}
    response = login("township").post(
        reverse("admin:welfare_grant_add"),
        form_data(unit("明塘村"), programme(SCHOOL_BAG), run=district.pk),
    )
    assert response.status_code == 302
    assert Grant.objects.get(beneficiary_name="彭浩然").run == district


def test_search_by_id_number_is_a_post_inside_the_scope(records, login):
    url = reverse("admin:welfare_grant_find_by_id_number")
    found = login("township").post(url, {"id_number": WOMAN_ID}).context["matches"]
    assert found == [records["lashi_grant"]]
    xiangdong_id = records["xiangdong_grant"].id_number
    assert login("township").post(url, {"id_number": xiangdong_id}).context["matches"] == []
