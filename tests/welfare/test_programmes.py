"""The seeded programme list, and who may extend it."""

import pytest
from django.urls import reverse

from welfare.models import Programme

pytestmark = pytest.mark.django_db


def test_the_programmes_of_the_report_are_seeded_in_order():
    assert list(Programme.objects.values_list("name", "category", "default_unit")) == [
        ("两癌救助", "relief", ""),
        ("两癌筛查", "screening", ""),
        ("春蕾计划", "donation", ""),
        ("99公益", "donation", ""),
        ("公益奶粉（关爱新生命-儿童营养改善）", "charity", "桶"),
        ("先心病救治", "relief", "例"),
        ("安全书包", "charity", "个"),
        ("阳光女童夏令营", "charity", "份"),
        ("母亲邮包", "charity", "个"),
    ]


def test_district_staff_add_a_programme(login):
    response = login("staff").post(
        reverse("admin:welfare_programme_add"),
        {
            "name": "儿童之家",
            "order": 10,
            "is_active": "on",
            "category": "charity",
            "gives": "goods",
            "default_unit": "个",
        },
    )
    assert response.status_code == 302
    assert Programme.objects.get(name="儿童之家").get_category_display() == "公益项目"


def test_township_staff_read_the_list_but_cannot_add(login):
    client = login("township")
    page = client.get(reverse("admin:welfare_programme_changelist"))
    assert page.status_code == 200
    assert "春蕾计划" in page.content.decode()
    assert client.get(reverse("admin:welfare_programme_add")).status_code == 403


def test_a_retired_programme_is_not_offered_for_new_grants(login):
    Programme.objects.filter(name="母亲邮包").update(is_active=False)
    response = login("staff").get(reverse("admin:welfare_grant_add"))
    choices = response.context["adminform"].form.fields["programme"].queryset
    assert "母亲邮包" not in set(choices.values_list("name", flat=True))
    assert "两癌救助" in set(choices.values_list("name", flat=True))
