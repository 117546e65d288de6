import pytest
from django.urls import reverse

from fedportal.models import OrgUnit
from fedportal.scoping import is_under

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin(user, unit):
    """A system administrator of 湘东区 who is not a superuser."""
    from django.contrib.auth.models import Group

    staff = user("staff")
    staff.groups.set([Group.objects.get(name="系统管理员")])
    return staff


def test_units_list_is_limited_to_the_scope(sysadmin, client):
    client.force_login(sysadmin)
    response = client.get(reverse("admin:fedportal_orgunit_changelist"))
    listed = {u.name for u in response.context["cl"].result_list}
    assert {"湘东区", "腊市镇", "明塘村"} <= listed
    assert "萍乡市" not in listed


def test_a_unit_outside_the_scope_is_404(sysadmin, client, unit):
    client.force_login(sysadmin)
    url = reverse("admin:fedportal_orgunit_change", args=[unit("萍乡市").pk])
    assert client.get(url).status_code == 404


def test_adds_a_village_under_a_township(sysadmin, client, unit):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:fedportal_orgunit_add"),
        {"name": "新村", "code": "360313103299", "level": 4, "parent": unit("腊市镇").pk},
    )
    assert response.status_code == 302
    village = OrgUnit.objects.get(code="360313103299")
    assert village.parent == unit("腊市镇")
    assert is_under(village, unit("腊市镇"))


def test_rejects_a_level_that_does_not_fit_the_parent(sysadmin, client, unit):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:fedportal_orgunit_add"),
        {"name": "错层", "code": "360313103298", "level": 5, "parent": unit("腊市镇").pk},
    )
    assert "“腊市镇”是乡镇/街道，其下级应为村/社区" in response.content.decode()
    assert not OrgUnit.objects.filter(code="360313103298").exists()


def test_only_superusers_add_top_units(sysadmin, client):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:fedportal_orgunit_add"), {"name": "新区", "code": "360399000000", "level": 2}
    )
    assert (
        "请选择上级单位" in response.content.decode()
        or "这个字段是必填项" in response.content.decode()
    )
    assert not OrgUnit.objects.filter(code="360399000000").exists()


def test_cannot_add_under_a_unit_outside_the_scope(sysadmin, client, unit):
    client.force_login(sysadmin)
    client.post(
        reverse("admin:fedportal_orgunit_add"),
        {"name": "越权区", "code": "360399000000", "level": 2, "parent": unit("萍乡市").pk},
    )
    assert not OrgUnit.objects.filter(code="360399000000").exists()


def test_moves_a_village_to_another_township(login, unit):
    client = login("admin")
    village = unit("三角池村")
    response = client.post(
        reverse("admin:fedportal_orgunit_change", args=[village.pk]),
        {"name": "三角池村", "code": village.code, "level": 4, "parent": unit("荷尧镇").pk},
    )
    assert response.status_code == 302
    assert unit("三角池村").parent == unit("荷尧镇")
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])


def test_a_unit_with_children_cannot_be_deleted(login, unit):
    url = reverse("admin:fedportal_orgunit_delete", args=[unit("腊市镇").pk])
    assert login("admin").get(url).status_code == 403


def test_township_staff_read_their_units_only(login):
    client = login("township")
    response = client.get(reverse("admin:fedportal_orgunit_changelist"))
    assert {u.name for u in response.context["cl"].result_list} == {
        "腊市镇",
        "明塘村",
        "明塘村第一妇女小组",
    }
    assert client.get(reverse("admin:fedportal_orgunit_add")).status_code == 403


def test_unit_list_takes_the_same_queries_however_many_units(login, django_assert_max_num_queries):
    client = login("admin")
    url = reverse("admin:fedportal_orgunit_changelist")
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert "明塘村第一妇女小组" in page
    assert '<td class="field-parent_name">明塘村</td>' in page


def test_there_is_no_bulk_delete_of_units(login):
    response = login("admin").get(reverse("admin:fedportal_orgunit_changelist"))
    assert "delete_selected" not in response.content.decode()
