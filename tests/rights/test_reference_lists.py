"""The seeded channels and the two-level petition categories."""

import pytest
from django.core.exceptions import ValidationError

from rights.models import CaseCategory, Channel

pytestmark = pytest.mark.django_db


def test_channels_are_seeded_in_order():
    assert list(Channel.objects.values_list("name", flat=True)) == [
        "12338热线",
        "来信",
        "来电",
        "来访",
        "网上",
        "转办",
    ]


def test_categories_are_seeded_with_their_parents():
    tree = {
        top.name: list(top.children.order_by("order").values_list("name", flat=True))
        for top in CaseCategory.objects.filter(parent=None)
    }
    assert tree == {
        "婚姻家庭类": ["家庭暴力", "离婚", "家庭纠纷", "抚养赡养", "婚恋纠纷"],
        "劳动和社会保障权益类": ["就业性别歧视", "劳动报酬"],
        "人身权益类": ["性侵害", "拐卖"],
        "财产权益类": ["土地权益", "继承"],
        "其他": [],
    }


def test_a_child_counts_under_its_parent():
    assert CaseCategory.objects.get(name="离婚").group.name == "婚姻家庭类"
    assert CaseCategory.objects.get(name="其他").group.name == "其他"


def test_categories_have_at_most_two_levels():
    grandchild = CaseCategory(name="冷暴力", parent=CaseCategory.objects.get(name="家庭暴力"))
    with pytest.raises(ValidationError) as caught:
        grandchild.full_clean()
    assert caught.value.message_dict == {"parent": ["上级类别必须是一级类别，诉求类别最多分两级。"]}


def test_a_top_category_with_children_cannot_move_under_another():
    family = CaseCategory.objects.get(name="婚姻家庭类")
    family.parent = CaseCategory.objects.get(name="其他")
    with pytest.raises(ValidationError) as caught:
        family.full_clean()
    assert caught.value.message_dict == {"parent": ["已有二级类别的一级类别不能再设上级类别。"]}


def test_a_category_is_not_its_own_parent():
    other = CaseCategory.objects.get(name="其他")
    other.parent = other
    with pytest.raises(ValidationError) as caught:
        other.validate_constraints()
    assert caught.value.messages == ["诉求类别不能以自身为上级类别。"]


def test_the_caseworker_extends_the_lists_in_the_admin(login):
    from django.urls import reverse

    client = login("rights")
    form = client.get(reverse("admin:rights_casecategory_add")).context["adminform"].form
    assert set(form.fields["parent"].queryset.values_list("name", flat=True)) == {
        "婚姻家庭类",
        "劳动和社会保障权益类",
        "人身权益类",
        "财产权益类",
        "其他",
    }
    family = CaseCategory.objects.get(name="婚姻家庭类")
    response = client.post(
        reverse("admin:rights_casecategory_add"),
        {"name": "彩礼纠纷", "parent": family.pk, "order": 16, "is_active": "on"},
    )
    assert response.status_code == 302
    assert CaseCategory.objects.get(name="彩礼纠纷").group == family
