"""django-axes and django-otp ship no Chinese: their models are named in Chinese by
fedportal.app_configs, on the admin index and their own pages, without a migration."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_admin_index_names_the_sign_in_models_in_chinese(demo, login):
    response = login("admin").get("/admin/")
    names = {
        app["name"]: [model["name"] for model in app["models"]]
        for app in response.context["app_list"]
        if app["app_label"] in ("axes", "otp_totp")
    }
    assert names == {
        "登录记录与锁定": ["登录失败日志", "登录失败记录", "登录日志"],
        "两步验证": ["身份验证器"],
    }
    page = response.content.decode()
    for english in ("Access attempt", "Access log", "Access failure", "TOTP device"):
        assert english not in page


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/admin/axes/accessattempt/", "登录失败记录"),
        ("/admin/axes/accesslog/", "登录日志"),
        ("/admin/otp_totp/totpdevice/", "身份验证器"),
    ],
)
def test_their_own_pages_are_named_in_chinese(demo, login, url, title):
    response = login("admin").get(url)
    assert response.status_code == 200
    assert response.context["title"] == title


def test_the_names_need_no_migration():
    out = StringIO()
    # Exits with status 1 if a migration were needed for the renamed models.
    call_command("makemigrations", "axes", "otp_totp", check=True, dry_run=True, stdout=out)
    assert out.getvalue().startswith("No changes detected in apps")
