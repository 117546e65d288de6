"""District staff extend the honor lists; township staff only read them."""

import pytest
from django.urls import reverse

from honors.models import HonorLevel, HonorTitle

pytestmark = pytest.mark.django_db


def test_staff_add_a_title(login):
    response = login("staff").post(
        reverse("admin:honors_honortitle_add"),
        {"name": "巾帼建功示范岗", "order": 10, "is_active": "on", "recipient_types": "集体"},
    )
    assert response.status_code == 302
    assert HonorTitle.objects.get(name="巾帼建功示范岗").recipient_types == "集体"


def test_township_staff_read_but_cannot_add(login):
    client = login("township")
    page = client.get(reverse("admin:honors_honorlevel_changelist")).content.decode()
    assert "全国" in page
    response = client.post(
        reverse("admin:honors_honorlevel_add"), {"name": "村", "rank": 6, "order": 6}
    )
    assert response.status_code == 403
    assert not HonorLevel.objects.filter(name="村").exists()


def test_a_retired_title_is_not_offered_for_new_honors(login, honors, title):
    retired = title("巾帼百佳")
    retired.is_active = False
    retired.save()
    client = login("staff")
    choices = client.get(reverse("admin:honors_honor_add")).context["adminform"].form
    assert retired not in choices.fields["title"].queryset
    assert title("三八红旗手") in choices.fields["title"].queryset
