"""Commendation events: duplicates and the titles conferred at them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from honors.models import CommendationEvent

pytestmark = pytest.mark.django_db


def test_the_same_event_twice_is_refused_with_a_chinese_message(event, unit):
    duplicate = CommendationEvent(
        name=event.name, held_on=event.held_on, organiser="湘东区妇联", org_unit=unit("湘东区")
    )
    with pytest.raises(ValidationError) as raised:
        duplicate.full_clean()
    assert raised.value.message_dict["__all__"] == ["同一单位在同一天已有同名的表彰活动。"]


def test_next_years_event_may_share_the_name(event, unit):
    CommendationEvent(
        name=event.name, held_on=date(2022, 3, 7), organiser="湘东区妇联", org_unit=unit("湘东区")
    ).full_clean()


def test_commended_titles_follow_the_title_list(event, make_honor, title):
    make_honor(event=event, title=title("最美巾帼志愿者")).save()
    make_honor(event=event, recipient_name="李梅").save()
    make_honor(event=event, recipient_name="张兰").save()
    make_honor(event=event, recipient_name="刘芳", title=title("巾帼建功标兵")).save()
    make_honor(recipient_name="无关", title=title("优秀妇女干部")).save()
    assert event.commended_titles() == ["三八红旗手", "巾帼建功标兵", "最美巾帼志愿者"]
