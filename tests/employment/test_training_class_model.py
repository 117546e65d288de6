"""Training classes: their counts, dates and the check of 参训人数 against the roster."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from employment.models import Trainee, TrainingClass

pytestmark = pytest.mark.django_db


def messages(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"session": 0}, ["期次应从1开始。"]),
        ({"planned_places": -1}, ["计划名额不能为负数。"]),
        # A negative 参训人数 is also below any 取证人数 of zero or more.
        ({"trainees": -1, "certified": 0}, ["参训人数不能为负数。", "取证人数不能多于参训人数。"]),
        ({"certified": -1}, ["取证人数不能为负数。"]),
        ({"trainees": 40, "certified": 41}, ["取证人数不能多于参训人数。"]),
        ({"end_date": date(2021, 3, 7)}, ["结业日期不能早于开班日期。"]),
    ],
)
def test_each_check_rejects_with_its_chinese_message(make_class, values, expected):
    record = make_class()
    for field, value in values.items():
        setattr(record, field, value)
    assert messages(record)["__all__"] == expected


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"certified": -1}, "certified_nonnegative"),
        ({"trainees": 40, "certified": 41}, "certified_within_trainees"),
        ({"end_date": date(2021, 3, 1)}, "end_after_start"),
    ],
)
def test_the_database_itself_refuses_bad_counts_and_dates(make_class, values, constraint):
    record = make_class()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        TrainingClass.objects.filter(pk=record.pk).update(**values)


def test_planned_places_may_be_left_empty(make_class):
    make_class(planned_places=None).full_clean()


def test_same_name_twice_in_one_unit_and_year_is_rejected(make_class):
    first = make_class()
    second = TrainingClass(
        org_unit=first.org_unit,
        kind=first.kind,
        name=first.name,
        session=2,
        year=2021,
        start_date=date(2021, 5, 10),
        end_date=date(2021, 5, 16),
        trainees=40,
        certified=30,
    )
    assert messages(second)["__all__"] == ["同一单位同一年度已有同名培训班。"]


def test_same_name_in_another_year_or_unit_is_fine(make_class):
    make_class()
    make_class("湘东镇").full_clean()
    make_class(year=2022, start_date=date(2022, 3, 8), end_date=date(2022, 3, 14)).full_clean()


def test_dates_outside_the_year_name_their_field(make_class):
    record = make_class(year=2021)
    record.start_date = date(2020, 12, 28)
    record.end_date = date(2022, 1, 3)
    assert messages(record) == {
        "start_date": ["开班日期（2020-12-28）不在2021年度内，请核对开班日期或年度。"],
        "end_date": ["结业日期（2022-01-03）不在2021年度内，请核对结业日期或年度。"],
    }


def test_trainees_cannot_drop_below_the_roster(trainees, classes):
    record = classes["lashi"]
    Trainee.objects.create(
        training_class=record, org_unit=record.org_unit, name="张小红", certified=True
    )
    record.trainees = 1
    record.certified = 1
    assert messages(record) == {
        "trainees": ["学员名单已录入2人，参训人数不能少于名单人数。"],
        "certified": ["学员名单中已有2人取得证书，取证人数不能少于这一人数。"],
    }


def test_a_partial_roster_is_allowed_and_reported(trainees, classes):
    record = classes["lashi"]
    record.full_clean()
    assert record.roster_check() == "名单1人，比参训人数少2人"


@pytest.mark.parametrize(
    ("listed", "text"),
    [
        (0, "未录入学员名单"),
        (60, "名单60人，与参训人数一致"),
        (58, "名单58人，比参训人数少2人"),
        (61, "名单61人，比参训人数多1人，请核对"),
    ],
)
def test_roster_check_words(make_class, listed, text):
    assert make_class(trainees=60).roster_check(listed) == text


def test_roster_counts_are_annotated_in_one_query(trainees, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = {
            c.name: (c.roster_count, c.roster_certified)
            for c in TrainingClass.objects.with_roster_counts()
        }
    assert rows == {"第2期家政技能培训班": (1, 1), "第4期家政技能培训班": (1, 0)}


def test_for_year_and_subtree(classes, unit):
    assert TrainingClass.objects.for_year(2021).count() == 2
    assert TrainingClass.objects.for_year(2022).count() == 0
    assert list(TrainingClass.objects.in_subtree(unit("腊市镇"))) == [classes["lashi"]]
