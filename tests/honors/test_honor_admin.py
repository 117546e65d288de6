"""The honor admin for a 腊市镇 user, a 湘东镇 user and district staff."""

import pytest
from django.urls import reverse

from honors.models import Honor

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:honors_honor_{name}", args=args)


def form_data(unit_named, level_named, title_named, **values):
    return {
        "recipient_type": "个人",
        "recipient_name": "新录入的周敏",
        "work_unit": "腊市镇明塘村",
        "post": "妇女小组长",
        "org_unit": unit_named("明塘村").pk,
        "title": title_named("巾帼百佳").pk,
        "level": level_named("市").pk,
        "conferred_by": "萍乡市妇联",
        "year": 2021,
        "conferred_on": "",
        "event": "",
        "notes": "",
        **values,
    }


def test_township_lists_its_own_honors_only(honors, login):
    page = login("township").get(url("changelist")).content.decode()
    assert "腊市镇妇联" in page and "明塘村的李秀英" in page
    assert "湘东镇的赵红梅" not in page


def test_district_staff_list_every_township(honors, login):
    page = login("staff").get(url("changelist")).content.decode()
    assert "腊市镇妇联" in page and "湘东镇的赵红梅" in page


def test_another_township_neither_lists_nor_opens_a_lashi_honor(honors, login):
    client = login("township2")
    page = client.get(url("changelist")).content.decode()
    assert "湘东镇的赵红梅" in page
    assert "明塘村的李秀英" not in page
    for view in ("change", "delete", "history"):
        assert client.get(url(view, honors["mingtang"].pk)).status_code == 404


def test_township_opens_its_own_honor(honors, login):
    response = login("township").get(url("change", honors["mingtang"].pk))
    assert response.status_code == 200
    assert "获得者" in response.content.decode()


def test_township_cannot_edit_another_townships_honor(honors, login, unit, level, title):
    response = login("township2").post(
        url("change", honors["mingtang"].pk), form_data(unit, level, title, org_unit="")
    )
    assert response.status_code == 404
    honors["mingtang"].refresh_from_db()
    assert honors["mingtang"].recipient_name == "明塘村的李秀英"


def test_township_adds_an_honor_in_its_village(honors, login, unit, level, title, user):
    response = login("township").post(url("add"), form_data(unit, level, title))
    assert response.status_code == 302
    honor = Honor.objects.get(recipient_name="新录入的周敏")
    assert (honor.org_unit, honor.created_by) == (unit("明塘村"), user("township"))
    assert honor.history.get().history_user == user("township")


def test_township_cannot_add_an_honor_in_another_township(honors, login, unit, level, title):
    response = login("township").post(
        url("add"), form_data(unit, level, title, org_unit=unit("湘东镇").pk)
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not Honor.objects.filter(recipient_name="新录入的周敏").exists()


def test_the_form_shows_the_models_chinese_message(honors, login, unit, level, title):
    response = login("township").post(
        url("add"), form_data(unit, level, title, title=title("三八红旗集体").pk)
    )
    assert "“三八红旗集体”只授予集体，不能授予个人。" in response.content.decode()
    assert not Honor.objects.filter(recipient_name="新录入的周敏").exists()


def test_a_district_event_is_not_offered_to_a_township(honors, event, login):
    response = login("township").get(url("add"))
    assert not response.context["adminform"].form.fields["event"].queryset.exists()
    response = login("staff").get(url("add"))
    assert list(response.context["adminform"].form.fields["event"].queryset) == [event]


def test_the_unit_filter_narrows_to_a_township(honors, login, unit):
    response = login("staff").get(url("changelist"), {"unit": unit("湘东镇").code})
    assert list(response.context["cl"].result_list) == [honors["xiangdong"]]


def test_the_year_filter_offers_the_years_in_scope(honors, login, make_honor, unit):
    make_honor(recipient_name="湘东镇往年", year=2019, org_unit=unit("湘东镇")).save()
    response = login("township").get(url("changelist"), {"year": "2021"})
    assert len(response.context["cl"].result_list) == 2
    year_filter = next(f for f in response.context["cl"].filter_specs if f.title == "年度")
    # The years of the user's own records: 湘东镇's 2019 honor is no year of 腊市镇's.
    other = login("township2").get(url("changelist"), {"year": "2021"})
    other_filter = next(f for f in other.context["cl"].filter_specs if f.title == "年度")
    assert list(year_filter.lookup_choices) == [("2021", "2021年")]
    assert list(other_filter.lookup_choices) == [("2021", "2021年"), ("2019", "2019年")]
    assert "湘东镇往年" not in response.content.decode()


def test_search_finds_by_name_and_work_unit(honors, login):
    client = login("staff")
    response = client.get(url("changelist"), {"q": "湘东镇中心小学"})
    assert list(response.context["cl"].result_list) == [honors["xiangdong"]]


def test_roles_without_honors_get_403(honors, login):
    assert login("rights").get(url("changelist")).status_code == 403


def test_township_role_cannot_delete(honors, login):
    response = login("township").post(url("delete", honors["mingtang"].pk), {"post": "yes"})
    assert response.status_code == 403
    assert Honor.objects.filter(pk=honors["mingtang"].pk).exists()


def test_the_list_needs_the_same_queries_however_many_rows(demo, login, django_assert_num_queries):
    from honors.demo import load_demo_records

    client = login("staff")
    client.get(url("changelist"))
    with django_assert_num_queries(14) as few:
        client.get(url("changelist"))
    load_demo_records()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url("changelist"))
    assert len(response.context["cl"].result_list) == Honor.objects.count() == 69
