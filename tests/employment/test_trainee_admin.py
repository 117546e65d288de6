"""The trainee admin: masked personal fields, scope by home unit, district-run classes."""

import pytest
from django.urls import reverse

from employment.models import Trainee
from fedportal.personal_data import mask_id_number, mask_phone
from fedportal.versions import VERSION_FIELD, record_version
from tests.employment.helpers import ID_NUMBER, PHONE

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:employment_trainee_{name}", args=args)


def form_data(trainee, **changes):
    return {
        "training_class": trainee.training_class_id,
        "org_unit": trainee.org_unit_id,
        "name": trainee.name,
        "id_number": trainee.id_number,
        "phone": trainee.phone,
        "certified": "on" if trainee.certified else "",
        "employed": "on" if trainee.employed else "",
        "employer": trainee.employer,
        # The version the change form was loaded with (a new record has none to check).
        VERSION_FIELD: record_version(trainee) if trainee.pk else "",
        **changes,
    }


@pytest.mark.parametrize("username", ["township", "staff", "admin"])
def test_list_masks_id_number_and_phone_for_everyone(trainees, login, username):
    page = login(username).get(url("changelist")).content.decode()
    assert "刘春梅" in page
    assert mask_id_number(ID_NUMBER) in page and mask_phone(PHONE) in page
    assert ID_NUMBER not in page and PHONE not in page


def test_township_lists_only_trainees_of_its_units(trainees, login):
    page = login("township").get(url("changelist")).content.decode()
    assert "刘春梅" in page and "黄秀英" not in page


def test_another_township_gets_404_and_an_empty_list(trainees, login):
    client = login("township2")
    assert client.get(url("change", trainees["lashi"].pk)).status_code == 404
    assert client.get(url("history", trainees["lashi"].pk)).status_code == 404
    assert "刘春梅" not in client.get(url("changelist")).content.decode()


def test_change_page_in_scope(trainees, login):
    response = login("township").get(url("change", trainees["lashi"].pk))
    assert response.status_code == 200
    assert "培训结果" in response.content.decode()


def test_roster_link_filters_by_class(trainees, classes, login):
    response = login("staff").get(url("changelist"), {"training_class": classes["xiangdong"].pk})
    assert list(response.context["cl"].result_list) == [trainees["xiangdong"]]


def test_township_adds_a_trainee_with_normalised_personal_fields(classes, login, unit, user):
    response = login("township").post(
        url("add"),
        {
            "training_class": classes["lashi"].pk,
            "org_unit": unit("明塘村").pk,
            "name": "周玉兰",
            "id_number": ID_NUMBER.lower(),
            "phone": " 13907990003 ",
        },
    )
    assert response.status_code == 302
    made = Trainee.objects.get(name="周玉兰")
    assert (made.id_number, made.phone) == (ID_NUMBER, "13907990003")
    assert made.created_by == user("township")


def test_township_cannot_put_a_trainee_on_another_townships_class(classes, login, unit):
    response = login("township").post(
        url("add"),
        {"training_class": classes["xiangdong"].pk, "org_unit": unit("腊市镇").pk, "name": "越权"},
    )
    assert response.status_code == 200
    assert not Trainee.objects.filter(name="越权").exists()


def test_township_edits_its_woman_on_a_district_class(make_class, login, unit):
    district_class = make_class("湘东区", "第7期家政技能培训班", session=7)
    trainee = Trainee.objects.create(
        training_class=district_class, org_unit=unit("明塘村"), name="罗春兰"
    )
    client = login("township")
    assert "罗春兰" in client.get(url("changelist")).content.decode()
    response = client.post(
        url("change", trainee.pk),
        form_data(trainee, employed="on", employer="湘东区惠民家政服务部"),
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.employer == "湘东区惠民家政服务部"


def test_class_autocomplete_offers_only_classes_in_scope(classes, login):
    response = login("township").get(
        reverse("admin:autocomplete"),
        {
            "app_label": "employment",
            "model_name": "trainee",
            "field_name": "training_class",
            "term": "家政",
        },
    )
    names = [item["text"] for item in response.json()["results"]]
    assert names == ["2021年第2期家政技能培训班"]


def test_find_by_id_number_is_scoped(trainees, login):
    found = login("township").post(url("find_by_id_number"), {"id_number": ID_NUMBER[-4:]})
    assert found.context["matches"] == [trainees["lashi"]]
    hidden = login("township2").post(url("find_by_id_number"), {"id_number": ID_NUMBER})
    assert hidden.context["matches"] == []
