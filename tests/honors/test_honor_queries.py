"""Reading honors the way the annual report counts them."""

import pytest

from honors.models import Honor
from tests.honors.helpers import honors_by_level_and_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(make_honor, level, title, unit):
    make_honor(recipient_name="甲", level=level("全国")).save()
    make_honor(recipient_name="乙", level=level("全国"), title=title("妇联系统劳动模范")).save()
    make_honor(recipient_name="丙").save()
    make_honor(recipient_name="丁", org_unit=unit("湘东镇")).save()
    make_honor(recipient_name="戊", title=title("巾帼百佳")).save()
    make_honor(recipient_name="己", level=level("区")).save()
    make_honor(recipient_name="庚", year=2020).save()


def test_tally_counts_by_level_then_title_order(spread, unit):
    assert honors_by_level_and_title(2021, unit("湘东区")) == [
        {"level__name": "全国", "title__name": "三八红旗手", "count": 1},
        {"level__name": "全国", "title__name": "妇联系统劳动模范", "count": 1},
        {"level__name": "市", "title__name": "三八红旗手", "count": 2},
        {"level__name": "市", "title__name": "巾帼百佳", "count": 1},
        {"level__name": "区", "title__name": "三八红旗手", "count": 1},
    ]


def test_at_or_above_leaves_out_lower_levels(spread, level):
    above = Honor.objects.for_year(2021).at_or_above("市")
    assert sorted(above.values_list("recipient_name", flat=True)) == ["丁", "丙", "乙", "戊", "甲"]
    assert above.count() == Honor.objects.for_year(2021).at_or_above(level("市")).count()


def test_level_and_title_filters_take_rows_or_names(spread, level, title):
    assert Honor.objects.at_level("全国").titled("妇联系统劳动模范").get().recipient_name == "乙"
    assert (
        Honor.objects.at_level(level("区")).titled(title("三八红旗手")).get().recipient_name == "己"
    )


def test_figures_roll_up_the_tree(spread, unit):
    assert Honor.objects.for_year(2021).in_subtree(unit("腊市镇")).count() == 5
    assert Honor.objects.for_year(2021).in_subtree(unit("湘东区")).count() == 6
