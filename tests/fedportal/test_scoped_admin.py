"""The scoped admin on a small model: a 腊市镇 user against a 湘东镇 record."""

import pytest

from tests.scopetest.models import Comment, Note

pytestmark = pytest.mark.django_db


def url(name, *args):
    from django.urls import reverse

    return reverse(f"admin:scopetest_{name}", args=args)


def test_changelist_lists_only_records_in_scope(notes, login):
    page = login("township").get(url("note_changelist")).content.decode()
    assert "腊市镇记录" in page and "明塘村记录" in page
    assert "湘东镇记录" not in page


def test_district_user_lists_both_townships(notes, login):
    page = login("staff").get(url("note_changelist")).content.decode()
    assert "腊市镇记录" in page and "湘东镇记录" in page


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_pages_of_a_record_outside_the_scope_are_404(notes, login, view):
    client = login("township")
    assert client.get(url(f"note_{view}", notes["xiangdong"].pk)).status_code == 404
    assert client.get(url(f"note_{view}", notes["lashi"].pk)).status_code in (200, 403)


def test_cannot_change_a_record_outside_the_scope(notes, login, unit):
    response = login("township").post(
        url("note_change", notes["xiangdong"].pk),
        {"title": "改掉", "org_unit": unit("腊市镇").pk, "year": 2021, "count": 0},
    )
    assert response.status_code == 404
    notes["xiangdong"].refresh_from_db()
    assert notes["xiangdong"].title == "湘东镇记录"


def test_cannot_delete_a_record_outside_the_scope(notes, login):
    response = login("township").post(url("note_delete", notes["xiangdong"].pk), {"post": "yes"})
    assert response.status_code == 404
    assert Note.objects.filter(pk=notes["xiangdong"].pk).exists()


def test_bulk_delete_action_ignores_records_outside_the_scope(notes, login, user):
    from django.contrib.auth.models import Group

    user("township").groups.add(Group.objects.get(name="区妇联业务员"))
    user("township").groups.remove(Group.objects.get(name="乡镇妇联专干"))
    client = login("township")
    client.post(
        url("note_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [notes["xiangdong"].pk, notes["lashi"].pk],
            "post": "yes",
        },
    )
    assert Note.objects.filter(pk=notes["xiangdong"].pk).exists()
    assert not Note.objects.filter(pk=notes["lashi"].pk).exists()


def test_cannot_create_a_record_in_another_township(notes, login, unit):
    response = login("township").post(
        url("note_add"), {"title": "越权", "org_unit": unit("湘东镇").pk, "year": 2021, "count": 0}
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not Note.objects.filter(title="越权").exists()


def test_creates_a_record_in_its_own_village_and_remembers_who(notes, login, unit, user):
    response = login("township").post(
        url("note_add"),
        {"title": "新记录", "org_unit": unit("明塘村").pk, "year": 2021, "count": 0},
    )
    assert response.status_code == 302
    note = Note.objects.get(title="新记录")
    assert note.org_unit == unit("明塘村")
    assert note.created_by == user("township")


def test_unit_choices_and_default_are_the_users_scope(notes, login, unit):
    response = login("township").get(url("note_add"))
    field = response.context["adminform"].form.fields["org_unit"]
    assert set(field.queryset.values_list("name", flat=True)) == {
        "腊市镇",
        "明塘村",
        "明塘村第一妇女小组",
    }
    assert response.context["adminform"].form.initial["org_unit"] == unit("腊市镇").pk


def test_foreign_key_choices_to_scoped_records_are_limited(notes, login):
    response = login("township").get(url("comment_add"))
    field = response.context["adminform"].form.fields["note"]
    assert set(field.queryset.values_list("title", flat=True)) == {"腊市镇记录", "明塘村记录"}


def test_cannot_attach_a_comment_to_a_record_outside_the_scope(notes, login):
    response = login("township").post(
        url("comment_add"), {"note": notes["xiangdong"].pk, "text": "越权评论"}
    )
    assert response.status_code == 200
    assert not Comment.objects.filter(text="越权评论").exists()


def test_township_role_cannot_delete_even_in_scope(notes, login):
    response = login("township").post(url("note_delete", notes["lashi"].pk), {"post": "yes"})
    assert response.status_code == 403
    assert Note.objects.filter(pk=notes["lashi"].pk).exists()


def test_roles_without_the_model_permission_get_403(notes, login):
    assert login("rights").get(url("note_changelist")).status_code == 403


def test_officials_are_not_let_into_the_admin(notes, login):
    response = login("leader").get(url("note_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_limited_work_areas_hide_the_model(notes, login, user):
    from fedportal.models import WorkArea

    user("staff").work_areas.set(WorkArea.objects.filter(app_label="families"))
    client = login("staff")
    assert client.get(url("note_changelist")).status_code == 403
    assert "测试记录" not in client.get("/admin/").content.decode()


def test_list_counts_are_capped_so_big_tables_stay_fast(notes, login, unit, monkeypatch):
    from fedportal.admin import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    for n in range(5):
        Note.objects.create(title=f"批量{n}", org_unit=unit("腊市镇"))
    response = login("staff").get(url("note_changelist"))
    assert response.context["cl"].result_count == 3


def test_list_page_query_count_does_not_grow_with_rows(
    notes, login, unit, django_assert_num_queries
):
    client = login("staff")
    client.get(url("note_changelist"))
    for n in range(30):
        Note.objects.create(title=f"更多{n}", org_unit=unit("明塘村"))
    with django_assert_num_queries(8):
        client.get(url("note_changelist"))


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_roles_without_the_model_get_403_on_record_pages_too(notes, login, view):
    response = login("rights").get(url(f"note_{view}", notes["lashi"].pk))
    assert response.status_code == 403


def test_year_filter_offers_the_years_of_records_in_scope_in_one_query(
    notes, login, unit, django_assert_num_queries
):
    from django.contrib import admin
    from django.test import RequestFactory
    from django.utils import timezone

    from fedportal.admin import YearFilter
    from fedportal.models import User

    this_year = timezone.localdate().year
    Note.objects.create(title="今年", org_unit=unit("湘东镇"), year=this_year)
    Note.objects.create(title="太早", org_unit=unit("腊市镇"), year=this_year - 20)
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="township")
    model_admin = admin.site._registry[Note]
    YearFilter(request, {}, Note, model_admin)  # the user's units and rights, read once
    with django_assert_num_queries(1):
        choices = YearFilter(request, {}, Note, model_admin).lookup_choices
    # 腊市镇's notes are of 2021; 湘东镇's of this year are out of scope; one of twenty years
    # ago is outside the window of recent years.
    assert choices == [("2021", "2021年")]
    chosen = YearFilter(request, {"year": ["1990"]}, Note, model_admin)
    assert ("1990", "1990年") in chosen.lookup_choices
    assert chosen.queryset(request, Note.objects.all()).count() == 0
