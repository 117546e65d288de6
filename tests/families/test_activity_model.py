"""FamilyActivity: counts that cannot be negative, sessions ≥ 1, a year that follows the date."""

from datetime import date

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from tests.families.helpers import activity_figures

pytestmark = pytest.mark.django_db


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_blank_year_is_taken_from_the_date(make_activity):
    activity = make_activity(save=False, year=None, held_on=date(2022, 3, 19))
    activity.full_clean()
    assert activity.year == 2022


def test_a_year_that_disagrees_with_the_date_is_rejected(make_activity):
    activity = make_activity(save=False, year=2021, held_on=date(2022, 1, 5))
    assert errors_of(activity) == {
        "held_on": ["活动日期（2022-01-05）不在2021年度内，请核对活动日期或年度。"]
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sessions", 0, "场次至少为1。"),
        ("participants", -1, "参与人数不能为负数。"),
        ("beneficiaries", -5, "受惠人数不能为负数。"),
    ],
)
def test_counts_are_checked_with_chinese_messages(make_activity, field, value, message):
    activity = make_activity(save=False, **{field: value})
    assert errors_of(activity) == {NON_FIELD_ERRORS: [message]}
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_the_same_activity_on_the_same_day_is_a_duplicate(make_activity):
    make_activity()
    assert errors_of(make_activity(save=False)) == {
        NON_FIELD_ERRORS: ["该单位在同一天已有同名活动。"]
    }
    make_activity(save=False, held_on=date(2021, 6, 20)).full_clean()


def test_totals_add_up_sessions_participants_and_beneficiaries(make_activity, activity_type, unit):
    make_activity(title="一", sessions=3, participants=620, beneficiaries=620)
    make_activity(title="二", sessions=2, participants=400, beneficiaries=410)
    make_activity(title="三", activity_type=activity_type("家庭助廉"), participants=120)
    make_activity(title="四", held_on=date(2020, 6, 1), year=2020, sessions=9)
    lectures = activity_type("科学家教进万家宣讲")
    assert activity_figures(2021, unit("湘东区"), lectures) == {
        "activities": 2,
        "sessions": 5,
        "participants": 1020,
        "beneficiaries": 1030,
    }
    assert activity_figures(2019, unit("湘东区"), lectures) == {
        "activities": 0,
        "sessions": 0,
        "participants": 0,
        "beneficiaries": 0,
    }
