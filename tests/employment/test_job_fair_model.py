"""Job fairs: their counts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from employment.models import JobFair

pytestmark = pytest.mark.django_db


def messages(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"employers": -1}, ["参会企业数不能为负数。"]),
        ({"positions": -1}, ["提供岗位数不能为负数。"]),
        # With no attendees, any hire is also more than the attendees.
        (
            {"attendees": -1, "hires": -1},
            ["入场求职人数不能为负数。", "达成就业意向人数不能为负数。"],
        ),
        ({"hires": -1}, ["达成就业意向人数不能为负数。"]),
        ({"attendees": 100, "hires": 101}, ["达成就业意向人数不能多于入场求职人数。"]),
    ],
)
def test_each_check_rejects_with_its_chinese_message(fairs, values, expected):
    fair = fairs["lashi"]
    for field, value in values.items():
        setattr(fair, field, value)
    assert messages(fair)["__all__"] == expected


def test_the_database_refuses_more_hires_than_attendees(fairs):
    with pytest.raises(IntegrityError, match="hires_within_attendees"), transaction.atomic():
        JobFair.objects.filter(pk=fairs["lashi"].pk).update(hires=501)


def test_same_fair_twice_on_one_day_is_rejected(fairs):
    first = fairs["lashi"]
    again = JobFair(org_unit=first.org_unit, name=first.name, date=first.date)
    assert messages(again)["__all__"] == ["同一单位同一天已有同名招聘会。"]
    JobFair(org_unit=first.org_unit, name=first.name, date=date(2021, 9, 1)).full_clean()


def test_for_year_uses_the_date(fairs):
    assert JobFair.objects.for_year(2021).count() == 2
    assert JobFair.objects.for_year(2020).count() == 0


def test_str_reads_date_and_name(fairs):
    assert str(fairs["lashi"]) == "2021-02-26 腊市镇春风行动招聘会"
