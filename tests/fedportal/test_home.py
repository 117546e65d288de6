import pytest
from django.urls import reverse

from fedportal.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_chinese_and_uses_local_assets(client):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page and "用户名" in page
    assert "/static/bootstrap/css/bootstrap.min.css" in page
    assert "http://" not in page and "https://" not in page


def test_wrong_password_gets_a_chinese_message(demo, client):
    response = client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "expected", "admin_link", "lands_on"),
    [
        ("staff", "湘东区", True, "home"),
        ("township", "湘东区腊市镇", True, "home"),
        ("rights", "湘东区", True, "home"),
        ("leader", "湘东区", False, "home"),
        ("writer", "湘东区", False, "home"),
    ],
)
def test_each_role_logs_in_and_sees_its_scope(
    demo, client, username, expected, admin_link, lands_on
):
    response = client.post(
        reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.resolver_match.view_name == lands_on
    assert expected in page
    assert (reverse("admin:index") in page) is admin_link


def test_an_officials_front_page_is_the_figures_and_a_writers_the_reports(demo, login):
    leader = login("leader").get(reverse("home"))
    assert leader.status_code == 200 and leader.context["data"].unit.name == "湘东区"
    assert (
        "工作数据" in leader.content.decode() and "没有数据录入权限" not in leader.content.decode()
    )
    writer = login("writer").get(reverse("home"))
    assert (
        writer.status_code == 200
        and '<h1 class="h4 mb-3">年度工作报告</h1>' in writer.content.decode()
    )


def test_a_township_officer_gets_a_button_for_each_record_she_enters(demo, login):
    page = login("township").get(reverse("home")).content.decode()
    assert (
        '<a class="btn btn-outline-primary py-2" href="/admin/families/familyaward/add/">' in page
    )
    assert "新增救助发放" in page and "新增培训班" in page
    # Reference lists are not records: no button to add an award kind.
    assert "/admin/families/awardkind/add/" not in page


def test_a_township_officer_sees_what_she_entered_last_and_nothing_personal(demo, login, user):
    from families.models import AwardKind, AwardLevel, FamilyAward
    from fedportal.models import OrgUnit

    mine = FamilyAward.objects.create(
        org_unit=OrgUnit.objects.get(name="明塘村"),
        year=2022,
        household_name="彭秀英家庭",
        head_name="彭秀英",
        conferred_by="江西省妇联",
        kind=AwardKind.objects.first(),
        level=AwardLevel.objects.first(),
        created_by=user("township"),
    )
    FamilyAward.objects.create(
        org_unit=OrgUnit.objects.get(name="湘东镇"),
        year=2022,
        household_name="别人录入的家庭",
        head_name="别人",
        conferred_by="江西省妇联",
        kind=AwardKind.objects.first(),
        level=AwardLevel.objects.first(),
        created_by=user("township2"),
    )
    page = login("township").get(reverse("home")).content.decode()
    recent = page.split('class="list-group recent-entries"')[1].split("</ul>")[0]
    assert f'href="/admin/families/familyaward/{mine.pk}/change/"' in recent
    assert "家庭表彰 · 明塘村" in recent
    assert "彭秀英" not in recent and "别人录入" not in recent and "湘东镇" not in recent


def test_logout_needs_post(demo, login):
    client = login("staff")
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


@pytest.mark.parametrize(("username", "link"), [("township", "查看、撰写和下载")])
def test_the_reports_are_offered_to_those_who_read_them(demo, login, username, link):
    page = login(username).get(reverse("home")).content.decode()
    assert f'<a href="/reports/">{link}</a>' in page
