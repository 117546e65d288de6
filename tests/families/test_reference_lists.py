"""The seeded reference lists of family work."""

import pytest

from families.models import ActivityType, AwardKind, AwardLevel

pytestmark = pytest.mark.django_db


def test_award_kinds_are_seeded_in_order():
    assert list(AwardKind.objects.values_list("name", flat=True)) == [
        "最美家庭",
        "书香家庭",
        "绿色（清洁）家庭",
        "文明家庭",
        "五好家庭",
        "美丽庭院示范户",
        "清洁家庭示范户",
    ]


def test_levels_sort_from_the_highest_down_by_rank():
    AwardLevel.objects.create(name="村", rank=6, order=0)
    assert list(AwardLevel.objects.values_list("name", flat=True)) == [
        "全国",
        "省",
        "市",
        "区",
        "乡镇",
        "村",
    ]


def test_activity_types_are_seeded():
    assert set(ActivityType.objects.values_list("name", flat=True)) == {
        "科学家教进万家宣讲",
        "家庭助廉",
        "家风故事会",
        "廉洁家书征集",
        "家庭教育讲座",
        "亲子活动",
    }
