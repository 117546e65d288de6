"""Admin list, change and add pages of the family-work records, in and out of scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from families.models import FamilyActivity, FamilyAward

pytestmark = pytest.mark.django_db

MODELS = [
    ("familyaward", "award", "household_name"),
    ("familyactivity", "activity", "title"),
    ("parentschool", "school", "name"),
    ("familytraditionbase", "base", "name"),
]


def url(name, *args):
    return reverse(f"admin:families_{name}", args=args)


@pytest.mark.parametrize(("model", "key", "label"), MODELS)
def test_township_lists_only_its_own_records(records, login, model, key, label):
    page = login("township").get(url(f"{model}_changelist")).content.decode()
    assert getattr(records[key], label) in page
    assert getattr(records[f"{key}_other"], label) not in page


@pytest.mark.parametrize(("model", "key", "label"), MODELS)
def test_the_other_township_neither_lists_nor_opens_them(records, login, model, key, label):
    client = login("township2")
    page = client.get(url(f"{model}_changelist")).content.decode()
    assert getattr(records[key], label) not in page
    assert getattr(records[f"{key}_other"], label) in page
    for view in ("change", "history"):
        assert client.get(url(f"{model}_{view}", records[key].pk)).status_code == 404


@pytest.mark.parametrize(("model", "key", "label"), MODELS)
def test_change_and_add_pages_open_in_scope(records, login, model, key, label):
    client = login("township")
    response = client.get(url(f"{model}_change", records[key].pk))
    assert response.status_code == 200
    assert getattr(records[key], label) in response.content.decode()
    assert client.get(url(f"{model}_history", records[key].pk)).status_code == 200
    assert client.get(url(f"{model}_add")).status_code == 200


@pytest.mark.parametrize(("model", "key", "label"), MODELS)
def test_district_staff_see_every_township(records, login, model, key, label):
    page = login("staff").get(url(f"{model}_changelist")).content.decode()
    assert getattr(records[key], label) in page
    assert getattr(records[f"{key}_other"], label) in page


def test_filters_by_level_and_township(records, login, level):
    client = login("staff")
    page = client.get(url("familyaward_changelist"), {"unit": "360313100000"}).content.decode()
    assert "湘东镇家庭" in page and "腊市镇家庭" not in page
    other = level("市").pk
    page = client.get(url("familyaward_changelist"), {"level__id__exact": other}).content.decode()
    assert "湘东镇家庭" not in page and "腊市镇家庭" not in page


def test_township_adds_an_award_and_is_recorded_as_its_enterer(
    demo, login, unit, user, kind, level
):
    response = login("township").post(
        url("familyaward_add"),
        {
            "org_unit": unit("明塘村").pk,
            "household_name": "陈秀英家庭",
            "head_name": "陈秀英",
            "kind": kind("书香家庭").pk,
            "level": level("市").pk,
            "conferred_by": "萍乡市妇联",
            "year": 2021,
            "conferred_on": "2021-04-23",
        },
    )
    assert response.status_code == 302
    award = FamilyAward.objects.get(household_name="陈秀英家庭")
    assert award.created_by == user("township")
    assert award.history.get().history_user == user("township")


def test_an_award_dated_outside_its_year_is_sent_back(demo, login, unit, kind, level):
    response = login("township").post(
        url("familyaward_add"),
        {
            "org_unit": unit("腊市镇").pk,
            "household_name": "陈秀英家庭",
            "head_name": "陈秀英",
            "kind": kind("书香家庭").pk,
            "level": level("市").pk,
            "conferred_by": "萍乡市妇联",
            "year": 2021,
            "conferred_on": "2022-01-03",
        },
    )
    assert response.status_code == 200
    assert "授予日期（2022-01-03）不在2021年度内" in response.content.decode()
    assert not FamilyAward.objects.exists()


def test_township_cannot_add_a_record_for_another_township(demo, login, unit, activity_type):
    response = login("township").post(
        url("familyactivity_add"),
        {
            "org_unit": unit("湘东镇").pk,
            "activity_type": activity_type("家庭助廉").pk,
            "title": "越权活动",
            "held_on": "2021-08-27",
            "sessions": 1,
            "participants": 10,
            "beneficiaries": 10,
        },
    )
    assert response.status_code == 200
    assert not FamilyActivity.objects.filter(title="越权活动").exists()


def test_an_activity_added_without_a_year_takes_it_from_its_date(demo, login, unit, activity_type):
    response = login("township").post(
        url("familyactivity_add"),
        {
            "org_unit": unit("腊市镇").pk,
            "activity_type": activity_type("家庭助廉").pk,
            "title": "家庭助廉座谈",
            "held_on": "2021-08-27",
            "year": "",
            "sessions": 1,
            "participants": 30,
            "participant_group": "领导干部配偶",
            "beneficiaries": 30,
        },
    )
    assert response.status_code == 302
    assert FamilyActivity.objects.get(title="家庭助廉座谈").year == 2021


def test_retired_list_entries_are_not_offered(demo, login, kind):
    retired = kind("五好家庭")
    retired.is_active = False
    retired.save()
    form = login("township").get(url("familyaward_add")).context["adminform"].form
    assert retired not in form.fields["kind"].queryset
    assert kind("最美家庭") in form.fields["kind"].queryset


def test_the_award_list_does_not_query_per_row(demo, login, make_award):
    client = login("staff")
    make_award(household_name="第一户")
    with CaptureQueriesContext(connection) as one:
        client.get(url("familyaward_changelist"))
    for n in range(8):
        make_award(f"{'腊市镇' if n % 2 else '湘东镇'}", household_name=f"第{n + 2}户")
    with CaptureQueriesContext(connection) as many:
        client.get(url("familyaward_changelist"))
    assert len(many) == len(one)


def test_reference_lists_are_edited_by_district_staff_and_read_by_townships(demo, login):
    assert login("staff").get(url("awardlevel_changelist")).status_code == 200
    client = login("township")
    assert client.get(url("awardkind_changelist")).status_code == 200
    assert client.get(url("awardkind_add")).status_code == 403


def test_roles_without_family_work_get_403(records, login):
    assert login("rights").get(url("familyaward_changelist")).status_code == 403
