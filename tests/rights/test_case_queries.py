"""Case figures: counts by channel, category, status, month and township, none of which
ever reads the complainants' table."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rights.models import RightsCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(make_case, unit, channel, category):
    """Four 2021 cases and one 2020 case across three townships."""
    closed = {"status": RightsCase.Status.CLOSED}
    make_case(unit("明塘村"), date(2021, 1, 5), closed_on=date(2021, 1, 9), **closed)
    make_case(
        unit("腊市镇"),
        date(2021, 1, 20),
        channel=channel("来访"),
        category=category("离婚"),
        closed_on=date(2021, 2, 1),
        **closed,
    )
    make_case(unit("湘东镇"), date(2021, 6, 3), channel=channel("来访"), category=category("继承"))
    make_case(unit("湘东区"), date(2021, 6, 4), category=category("其他"))
    make_case(unit("荷尧镇"), date(2020, 6, 4))


def test_counts_for_a_year(spread):
    year = RightsCase.objects.for_year(2021)
    assert year.count() == 4
    assert year.closed().count() == 2
    assert year.by_channel() == {"12338热线": 2, "来访": 2}
    assert year.by_category() == {"家庭暴力": 1, "离婚": 1, "继承": 1, "其他": 1}
    assert year.by_category_group() == {"婚姻家庭类": 2, "财产权益类": 1, "其他": 1}
    assert year.by_status() == {"办结": 2, "受理": 2}
    assert year.by_month() == {1: 2, 6: 2}


def test_counts_per_township_roll_villages_up(spread, unit):
    assert RightsCase.objects.for_year(2021).by_unit_below(unit("湘东区")) == {
        "腊市镇": 2,
        "湘东镇": 1,
        "湘东区": 1,
    }
    assert RightsCase.objects.by_unit_below(unit("腊市镇")) == {"明塘村": 1, "腊市镇": 1}


def test_figures_never_touch_the_complainants(spread, cases, unit):
    year = RightsCase.objects.for_year(2021)
    district = unit("湘东区")
    with CaptureQueriesContext(connection) as queries:
        year.count()
        year.closed().count()
        year.by_channel()
        year.by_category()
        year.by_category_group()
        year.by_status()
        year.by_month()
        year.by_unit_below(district)
    assert len(queries) == 9
    assert not [q["sql"] for q in queries if "complainant" in q["sql"]]
