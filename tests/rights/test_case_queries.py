"""Case figures: counts by channel, category, status, month and township, none of which
ever reads the complainants' table."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fedportal import indicators
from rights.models import CaseCategory, RightsCase
from tests.figures import breakdown, by_child_unit, by_month, entry_figure, figure

CASES = "rights.cases_received"

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


def categories(year, unit) -> dict[str, int]:
    """Cases per category (a sub-category on its own), from each category's own figure."""
    found = {c.name: entry_figure(year, unit, "rights.case", c) for c in CaseCategory.objects.all()}
    return {name: n for name, n in found.items() if n}


def test_counts_for_a_year(spread, unit):
    year = RightsCase.objects.for_year(2021)
    district = unit("湘东区")
    assert year.count() == 4
    assert year.closed().count() == 2
    assert breakdown(CASES, 2021, district, "来源渠道") == {"12338热线": 2, "来访": 2}
    assert categories(2021, district) == {"家庭暴力": 1, "离婚": 1, "继承": 1, "其他": 1}
    assert breakdown(CASES, 2021, district, "诉求类别") == {
        "婚姻家庭类": 2,
        "财产权益类": 1,
        "其他": 1,
    }
    assert breakdown(CASES, 2021, district, "办理状态") == {"办结": 2, "受理": 2}
    assert by_month(CASES, 2021, district) == {1: 2, 6: 2}


def test_counts_per_township_roll_villages_up(spread, unit):
    assert by_child_unit(CASES, 2021, unit("湘东区")) == {
        "腊市镇": 2,
        "湘东镇": 1,
        "湘东区": 1,
    }
    assert by_child_unit(CASES, 2021, unit("腊市镇")) == {"明塘村": 1, "腊市镇": 1}


def test_figures_never_touch_the_complainants(spread, cases, unit):
    district = unit("湘东区")
    with indicators.pinned(), CaptureQueriesContext(connection) as queries:
        figure(CASES, 2021, district)
        figure("rights.cases_closed", 2021, district)
        for dimension in ("来源渠道", "诉求类别", "办理状态"):
            breakdown(CASES, 2021, district, dimension)
        categories(2021, district)
        by_month(CASES, 2021, district)
        by_child_unit(CASES, 2021, district)
    assert queries
    assert not [q["sql"] for q in queries if "complainant" in q["sql"]]
