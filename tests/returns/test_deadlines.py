"""Deadlines: after a level's close, its units enter no more records of the year unless
the unit above grants an exception; the unit above itself is not held."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fedportal.models import OrgUnit
from returns import board, locks
from returns.models import Deadline, DeadlineException

pytestmark = pytest.mark.django_db

CLOSED = "2022年度数据已于2023年1月20日截止录入，如需补录请联系湘东区妇联开放补录。"


@pytest.fixture
def closed(demo, unit):
    return Deadline.objects.create(
        org_unit=unit("湘东区"),
        level=OrgUnit.Level.TOWNSHIP,
        year=2022,
        opens_on=date(2023, 1, 4),
        closes_on=date(2023, 1, 20),
    )


def test_after_the_close_the_township_is_refused(closed, unit, user):
    township = user("township")
    assert locks.refusal(township, unit("明塘村"), 2022) == CLOSED
    assert locks.refusal(township, unit("腊市镇"), 2021) is None  # another year
    assert locks.refusal(user("staff"), unit("腊市镇"), 2022) is None


def test_an_exception_lets_the_unit_enter_until_its_date(closed, unit, user):
    today = timezone.localdate()
    DeadlineException.objects.create(
        org_unit=unit("腊市镇"), year=2022, until=today, reason="补录", granted_by=user("staff")
    )
    assert locks.refusal(user("township"), unit("腊市镇"), 2022) is None
    checker = locks.LockChecker(user("township"), today=today + timedelta(days=1))
    assert checker.refusal(unit("腊市镇"), 2022) == CLOSED
    # 湘东镇 has no exception.
    assert locks.refusal(user("township2"), unit("湘东镇"), 2022) == (CLOSED)


def test_before_the_close_entry_is_open_and_the_days_are_counted(closed, unit, user):
    checker = locks.LockChecker(user("township"), today=date(2023, 1, 20))
    assert checker.refusal(unit("腊市镇"), 2022) is None
    assert board.days_left(closed, date(2023, 1, 15)) == "距截止还有5天（2023年1月20日）"
    assert board.days_left(closed, date(2023, 1, 20)) == "今天截止"
    assert board.days_left(closed, date(2023, 1, 21)) == "已于2023年1月20日截止"
    assert (
        board.days_left(closed, date(2023, 1, 1)) == "报送将于2023年1月4日开始，2023年1月20日截止"
    )


def test_the_admin_add_form_says_the_deadline_passed(closed, login, unit):
    from families.models import AwardKind, AwardLevel, FamilyAward

    response = login("township").post(
        "/admin/families/familyaward/add/",
        {
            "org_unit": unit("腊市镇").pk,
            "household_name": "陈秀英家庭",
            "head_name": "陈秀英",
            "kind": AwardKind.objects.get(code="scholarly").pk,
            "level": AwardLevel.objects.get(code="city").pk,
            "conferred_by": "萍乡市妇联",
            "year": 2022,
        },
    )
    assert response.status_code == 200
    assert CLOSED in response.content.decode()
    assert not FamilyAward.objects.exists()


def test_a_return_is_submitted_once_the_window_opens(demo, unit, user, make_return):
    from returns.services import ReturnRefused, return_submit

    opens_on = timezone.localdate() + timedelta(days=3)
    Deadline.objects.create(
        org_unit=unit("湘东区"),
        level=OrgUnit.Level.TOWNSHIP,
        year=2021,
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=10),
    )
    ret = make_return()
    with pytest.raises(ReturnRefused) as caught:
        return_submit(ret=ret, user=user("township"))
    assert caught.value.messages == [
        f"2021年度数据报送将于{opens_on:%Y年%-m月%-d日}开始，请届时再报送。"
    ]
