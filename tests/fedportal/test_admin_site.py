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
    order = ["业务工作", "基础数据", "报告与统计", "系统管理", "其他"]
    assert sections == sorted(sections, key=order.index)
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


def test_reference_lists_are_apart_from_records_under_basic_data(demo, login):
    response = login("staff").get("/admin/")
    apps = {(app["section"], app["name"]): app for app in response.context["app_list"]}
    records = [m["object_name"] for m in apps[("业务工作", "家庭工作")]["models"]]
    lists = [m["object_name"] for m in apps[("基础数据", "家庭工作基础数据")]["models"]]
    assert "FamilyAward" in records and "AwardKind" not in records
    assert "AwardKind" in lists and "AwardLevel" in lists and "FamilyAward" not in lists


def test_one_light_theme_without_a_dark_mode_switch(demo, login):
    page = login("staff").get("/admin/").content.decode()
    assert "dark_mode.css" not in page and "theme-toggle" not in page
    assert "fedportal/admin.css" in page


@pytest.mark.parametrize(
    ("url", "said", "not_said"),
    [
        ("/admin/", "最近操作", ["最近动作", "我的动作"]),
        ("/admin/families/familyaward/", "家庭表彰", ["选择 家庭表彰 来修改", " 以 年度"]),
        ("/admin/families/familyaward/", "按表彰级别", ["注销"]),
        ("/admin/families/familyaward/add/", "新增家庭表彰", ["增加 家庭表彰", "保存并增加另一个"]),
    ],
)
def test_the_admin_speaks_the_portals_chinese(demo, login, url, said, not_said):
    page = login("staff").get(url).content.decode()
    assert said in page and "退出" in page
    assert [phrase for phrase in not_said if phrase in page] == []
