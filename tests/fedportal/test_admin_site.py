import pytest

pytestmark = pytest.mark.django_db


def test_admin_is_titled_for_the_federation_in_chinese(login):
    page = login("admin").get("/admin/").content.decode()
    assert "萍乡市妇联工作门户" in page  # the administrator's unit is the city
    assert "数据管理" in page
    assert "组织单位" in page and "用户" in page


def test_index_groups_work_areas_before_system_management(notes, login):
    response = login("admin").get("/admin/")
    sections = [app["section"] for app in response.context["app_list"]]
    assert sections == sorted(sections, key=["业务工作", "报告与统计", "系统管理", "其他"].index)
    page = response.content.decode()
    assert page.index("系统管理") > page.index("数据管理")


def test_township_user_sees_its_areas_and_no_user_management(notes, login):
    page = login("township").get("/admin/").content.decode()
    assert "范围测试" in page
    assert "组织单位" in page  # read-only, its own township
    assert "/admin/fedportal/user/" not in page


def test_admin_login_page_is_in_chinese(client):
    page = client.get("/admin/login/").content.decode()
    assert "用户名" in page and "密码" in page
