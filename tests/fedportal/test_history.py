"""Every change keeps who, when and what; the history page is scoped like the record."""

import pytest
from django.urls import reverse

from fedportal.versions import VERSION_FIELD, record_version
from tests.scopetest.models import Note

pytestmark = pytest.mark.django_db


def test_an_admin_edit_records_who_and_the_old_and_new_values(notes, login, unit):
    note = notes["lashi"]
    response = login("township").post(
        reverse("admin:scopetest_note_change", args=[note.pk]),
        {
            "title": "改后的标题",
            "org_unit": unit("腊市镇").pk,
            "year": 2021,
            "count": 4,
            VERSION_FIELD: record_version(note),
        },
    )
    assert response.status_code == 302
    latest = note.history.first()
    assert latest.history_user.username == "township"
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["title"] == ("腊市镇记录", "改后的标题")
    assert changes["count"] == (0, 4)


def test_history_page_shows_changes_to_those_in_scope(notes, login):
    note = notes["lashi"]
    note.title = "第二版"
    note.save()
    page = login("township").get(reverse("admin:scopetest_note_history", args=[note.pk]))
    assert page.status_code == 200
    assert "第二版" in page.content.decode()


def test_history_of_a_record_outside_the_scope_is_404(notes, login):
    url = reverse("admin:scopetest_note_history", args=[notes["xiangdong"].pk])
    assert login("township").get(url).status_code == 404


def test_history_of_a_deleted_record_stays_out_of_reach(notes, login):
    pk = notes["xiangdong"].pk
    notes["xiangdong"].delete()
    url = reverse("admin:scopetest_note_history", args=[pk])
    assert login("township").get(url).status_code == 404
    assert login("staff").get(url).status_code == 404
    assert login("admin").get(url).status_code == 200


def test_deletion_is_recorded(notes):
    note = notes["lashi"]
    pk = note.pk
    note.delete()
    assert Note.history.filter(id=pk).first().history_type == "-"


def past_version_url(note):
    return reverse("admin:scopetest_note_simple_history", args=[note.pk, note.history.first().pk])


def test_a_past_version_of_a_record_outside_the_scope_is_404(notes, login):
    note = notes["xiangdong"]
    assert login("township").get(past_version_url(note)).status_code == 404
    assert login("township2").get(past_version_url(note)).status_code == 200


def test_a_past_version_cannot_be_posted_back(notes, login, unit):
    note = notes["lashi"]
    response = login("township").post(
        past_version_url(note),
        {"title": "恢复的标题", "org_unit": unit("腊市镇").pk, "year": 2021, "count": 0},
    )
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.title == "腊市镇记录"
