"""The seeded honor levels and titles."""

import pytest

from honors.models import HonorLevel, HonorTitle

pytestmark = pytest.mark.django_db


def test_levels_are_seeded_highest_first():
    assert list(HonorLevel.objects.values_list("name", "rank")) == [
        ("全国", 1),
        ("省", 2),
        ("市", 3),
        ("区", 4),
        ("乡镇", 5),
    ]


def test_titles_are_seeded_in_order_with_their_recipients():
    assert list(HonorTitle.objects.values_list("name", "recipient_types")) == [
        ("三八红旗手", "个人"),
        ("三八红旗集体", "集体"),
        ("巾帼百佳", "个人"),
        ("妇联系统劳动模范", "个人"),
        ("巾帼建功标兵", "个人"),
        ("优秀妇女干部", "个人"),
        ("最美巾帼志愿者", "个人"),
        ("巾帼文明岗", "集体"),
        ("巾帼建功先进集体", "集体"),
    ]


def test_a_new_level_sorts_by_its_rank():
    HonorLevel.objects.create(name="县", rank=4, order=99)
    names = list(HonorLevel.objects.values_list("name", flat=True))
    assert names.index("市") < names.index("县") < names.index("乡镇")


@pytest.mark.parametrize(
    ("recipient_types", "person", "collective"),
    [("个人", True, False), ("集体", False, True), ("个人或集体", True, True)],
)
def test_a_title_allows_the_recipients_it_names(recipient_types, person, collective):
    title = HonorTitle(name="测试称号", recipient_types=recipient_types)
    assert (title.allows("个人"), title.allows("集体")) == (person, collective)
