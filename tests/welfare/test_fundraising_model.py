"""Fundraising: amounts add up, constraints, the date inside its year."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.welfare.helpers import money_raised
from welfare.models import Fundraising

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_fundraising(programme, unit):
    def _make(**fields):
        values = {
            "org_unit": unit("湘东区"),
            "programme": programme("99公益"),
            "year": 2021,
            "date": date(2021, 9, 9),
            "donors": "99公益日网络募捐",
            "amount": Decimal("145300.00"),
        }
        values.update(fields)
        return Fundraising(**values)

    return _make


def all_messages(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_amounts_add_up_per_year(make_fundraising, programme, unit):
    make_fundraising().save()
    make_fundraising(programme=programme("春蕾计划"), amount=Decimal(200000)).save()
    make_fundraising(year=2022, date=date(2022, 9, 9), amount=Decimal(1)).save()
    district = unit("湘东区")
    assert money_raised(2021, district) == Decimal("345300.00")
    assert money_raised(2021, district, "99公益") == Decimal("145300.00")
    assert money_raised(2019, district) == 0


def test_a_negative_amount_is_rejected(make_fundraising):
    assert all_messages(make_fundraising(amount=Decimal(-5)))["__all__"] == ["募集金额不能为负数。"]


def test_the_same_donor_twice_on_one_day_is_a_duplicate(make_fundraising):
    make_fundraising().save()
    assert all_messages(make_fundraising())["__all__"] == [
        "该单位同一天已有这一捐赠方对该项目的募捐记录。"
    ]


def test_the_date_must_lie_in_the_year(make_fundraising):
    assert all_messages(make_fundraising(date=date(2020, 12, 31)))["date"] == [
        "募集日期（2020-12-31）不在2021年度内，请核对募集日期或年度。"
    ]
