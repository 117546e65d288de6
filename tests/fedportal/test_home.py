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
    ("username", "expected", "admin_link"),
    [
        ("staff", "湘东区", True),
        ("township", "湘东区腊市镇", True),
        ("rights", "湘东区", True),
        ("leader", "湘东区", False),
    ],
)
def test_each_role_logs_in_and_sees_its_scope(demo, client, username, expected, admin_link):
    response = client.post(
        reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.resolver_match.view_name == "home"
    assert expected in page
    assert (reverse("admin:index") in page) is admin_link


def test_officials_are_told_they_have_no_data_entry(demo, login):
    assert "没有数据录入权限" in login("leader").get(reverse("home")).content.decode()


def test_logout_needs_post(demo, login):
    client = login("staff")
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


@pytest.mark.parametrize(
    ("username", "link"),
    [("leader", "查看和下载"), ("writer", "查看、撰写和下载"), ("township", "查看、撰写和下载")],
)
def test_the_reports_are_offered_to_those_who_read_them(demo, login, username, link):
    page = login(username).get(reverse("home")).content.decode()
    assert f'<a href="/reports/">{link}</a>' in page
