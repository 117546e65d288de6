"""The training-class admin: scope, the roster check, data entry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employment.models import Trainee, TrainingClass
from fedportal.versions import VERSION_FIELD, record_version

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:employment_trainingclass_{name}", args=args)


def form_data(record, **changes):
    return {
        "org_unit": record.org_unit_id,
        "kind": record.kind_id,
        "name": record.name,
        "session": record.session,
        "partner": record.partner,
        "year": record.year,
        "start_date": record.start_date.isoformat(),
        "end_date": record.end_date.isoformat(),
        "planned_places": record.planned_places,
        "trainees": record.trainees,
        "certified": record.certified,
        "notes": record.notes,
        # The version the change form was loaded with; an add form ignores it.
        VERSION_FIELD: record_version(record),
        **changes,
    }


def test_township_lists_only_its_own_classes(classes, login):
    page = login("township").get(url("changelist")).content.decode()
    assert "第2期家政技能培训班" in page
    assert "第4期家政技能培训班" not in page


def test_district_staff_lists_every_township(classes, login):
    page = login("staff").get(url("changelist")).content.decode()
    assert "第2期家政技能培训班" in page and "第4期家政技能培训班" in page


@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_another_township_gets_404(classes, login, view):
    response = login("township2").get(url(view, classes["lashi"].pk))
    assert response.status_code == 404


def test_another_township_does_not_see_it_in_the_list(classes, login):
    page = login("township2").get(url("changelist")).content.decode()
    assert "第2期家政技能培训班" not in page
    assert "第4期家政技能培训班" in page


def test_change_page_shows_the_roster_check(trainees, classes, login):
    response = login("township").get(url("change", classes["lashi"].pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "学员名单核对" in page
    assert "名单1人，比参训人数少2人" in page
    assert f"?training_class={classes['lashi'].pk}" in page


def test_list_shows_roster_check_per_class(trainees, classes, login):
    page = login("staff").get(url("changelist")).content.decode()
    assert "名单1人，比参训人数少2人" in page
    assert "名单1人，比参训人数少59人" in page


def test_list_query_count_does_not_grow_with_classes(
    classes, make_class, login, django_assert_num_queries
):
    client = login("staff")
    client.get(url("changelist"))  # the session and permission caches fill on the first page
    with CaptureQueriesContext(connection) as two:
        client.get(url("changelist"))
    for session in range(5, 9):
        make_class("湘东镇", f"第{session}期家政技能培训班", session=session)
    with django_assert_num_queries(len(two.captured_queries)):
        client.get(url("changelist"))


def test_filters_offer_years_kinds_and_townships(classes, login):
    response = login("staff").get(url("changelist"))
    titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert titles == ["年度", "培训类别", "所属单位"]


def test_township_adds_a_class_in_its_village(classes, login, unit, user):
    record = classes["lashi"]
    response = login("township").post(
        url("add"),
        form_data(record, org_unit=unit("明塘村").pk, name="第8期家政技能培训班", session=8),
    )
    assert response.status_code == 302
    made = TrainingClass.objects.get(name="第8期家政技能培训班")
    assert made.org_unit == unit("明塘村")
    assert made.created_by == user("township")


def test_township_cannot_add_a_class_in_another_township(classes, login, unit):
    response = login("township").post(
        url("add"), form_data(classes["lashi"], org_unit=unit("湘东镇").pk, name="越权培训班")
    )
    assert response.status_code == 200
    assert not TrainingClass.objects.filter(name="越权培训班").exists()


def test_lowering_trainees_below_the_roster_is_refused(trainees, classes, login, unit):
    record = classes["lashi"]
    Trainee.objects.create(training_class=record, org_unit=unit("腊市镇"), name="张小红")
    response = login("township").post(
        url("change", record.pk), form_data(record, trainees=1, certified=1)
    )
    assert response.status_code == 200
    assert "学员名单已录入2人，参训人数不能少于名单人数。" in response.content.decode()
    record.refresh_from_db()
    assert record.trainees == 3


def test_dates_outside_the_year_are_shown_on_their_field(classes, login):
    record = classes["lashi"]
    response = login("township").post(
        url("change", record.pk), form_data(record, start_date="2020-12-30")
    )
    form = response.context["adminform"].form
    assert form.errors["start_date"] == [
        "开班日期（2020-12-30）不在2021年度内，请核对开班日期或年度。"
    ]


def test_township_role_may_not_delete(classes, login):
    response = login("township").post(url("delete", classes["lashi"].pk), {"post": "yes"})
    assert response.status_code == 403
    assert TrainingClass.objects.filter(pk=classes["lashi"].pk).exists()


def test_rights_worker_has_no_access(classes, login):
    assert login("rights").get(url("changelist")).status_code == 403
