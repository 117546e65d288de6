"""Screening: counts, positives within the screened, the period inside its year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.welfare.helpers import screening_totals
from welfare.models import Screening

pytestmark = pytest.mark.django_db


def all_messages(screening):
    with pytest.raises(ValidationError) as caught:
        screening.full_clean()
    return caught.value.message_dict


def test_a_valid_screening_is_saved(make_screening, unit):
    screening = make_screening()
    screening.full_clean()
    screening.save()
    assert screening_totals(2021, unit("湘东区")) == {
        "cervical_screened": 500,
        "breast_screened": 480,
        "cervical_referred": 6,
        "breast_referred": 3,
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cervical_screened": -1, "cervical_referred": 0}, "宫颈癌筛查人数不能为负数。"),
        ({"breast_screened": -1, "breast_referred": -2}, "乳腺癌筛查人数不能为负数。"),
        ({"cervical_referred": -1}, "宫颈癌阳性/转诊人数不能为负数。"),
        ({"breast_referred": -1}, "乳腺癌阳性/转诊人数不能为负数。"),
        ({"cervical_referred": 501}, "宫颈癌阳性/转诊人数不能多于宫颈癌筛查人数。"),
        ({"breast_referred": 481}, "乳腺癌阳性/转诊人数不能多于乳腺癌筛查人数。"),
        ({"end_date": date(2021, 4, 1)}, "结束日期不能早于筛查日期。"),
    ],
)
def test_each_constraint_rejects_with_its_chinese_message(make_screening, fields, message):
    assert message in all_messages(make_screening(**fields))["__all__"]


def test_the_database_refuses_more_positives_than_screened(make_screening):
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_screening(breast_referred=481).save()


def test_one_group_per_unit_and_start_date(make_screening):
    make_screening().save()
    assert all_messages(make_screening())["__all__"] == ["该单位同一天开始的同类对象筛查已有记录。"]
    other_group = make_screening(population=Screening.Population.URBAN_POOR)
    other_group.full_clean()


def test_the_period_must_lie_in_the_year(make_screening):
    errors = all_messages(make_screening(start_date=date(2020, 12, 1), end_date=date(2022, 1, 5)))
    assert errors["start_date"] == ["筛查日期（2020-12-01）不在2021年度内，请核对筛查日期或年度。"]
    assert errors["end_date"] == ["结束日期（2022-01-05）不在2021年度内，请核对结束日期或年度。"]


def test_a_one_day_screening_needs_no_end_date(make_screening):
    screening = make_screening(end_date=None)
    screening.full_clean()
    screening.save()
    assert str(screening) == "2021年农村适龄妇女两癌筛查"
