"""Signing in: lock-out after failed passwords, the sign-in log, idle sessions, two-step."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fedportal import roles
from fedportal.demo import DEMO_PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
HERE = "10.0.0.1"


def sign_in(client, username, password, *, ip=HERE, url=LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, *, ip=HERE, url=LOGIN):
    return [sign_in(client, username, "wrong-password", ip=ip, url=url) for _ in range(times)]


def is_locked_page(response):
    page = response.content.decode()
    return response.status_code == 429 and "登录已暂停" in page and "30分钟" in page


# Lock-out ----------------------------------------------------------------------------------


def test_five_failures_lock_the_username_from_that_address(demo, client):
    first = fail(client, "staff", 4)
    assert [r.status_code for r in first] == [200] * 4
    assert "请输入一个正确的" in first[-1].content.decode()

    fifth = sign_in(client, "staff", "wrong-password")
    assert is_locked_page(fifth)
    assert "用户名“staff”" in fifth.content.decode()
    # The right password no longer helps, and the page stays Chinese.
    assert is_locked_page(sign_in(client, "staff", DEMO_PASSWORD))


def test_another_address_or_another_username_is_not_locked(demo, client):
    fail(client, "staff", 5)
    assert sign_in(client, "staff", DEMO_PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert sign_in(client, "leader", DEMO_PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_count(demo, client):
    fail(client, "staff", 4)
    assert sign_in(client, "staff", DEMO_PASSWORD).status_code == 302
    client.logout()
    assert [r.status_code for r in fail(client, "staff", 4)] == [200] * 4
    assert is_locked_page(sign_in(client, "staff", "wrong-password"))


def test_the_lock_ends_after_the_cool_off(demo, client):
    fail(client, "staff", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert sign_in(client, "staff", DEMO_PASSWORD).status_code == 302


def test_the_admin_login_is_locked_too(demo, client):
    fail(client, "admin", 4, url=ADMIN_LOGIN)
    assert is_locked_page(sign_in(client, "admin", "wrong-password", url=ADMIN_LOGIN))
    assert is_locked_page(sign_in(client, "admin", DEMO_PASSWORD, url=ADMIN_LOGIN))
    # One lock for the person, whichever form they use.
    assert is_locked_page(sign_in(client, "admin", DEMO_PASSWORD))


def test_attempts_are_recorded_and_logged_without_the_password(demo, client, caplog):
    caplog.set_level(logging.INFO, logger="fedportal.sign_in")
    fail(client, "staff", 5)
    sign_in(client, "leader", DEMO_PASSWORD)

    lines = [record.getMessage() for record in caplog.records]
    assert lines.count(f"登录失败：用户名 staff，地址 {HERE}") == 4
    assert f"登录失败并锁定：用户名 staff，地址 {HERE}" in lines
    assert f"登录成功：用户名 leader，地址 {HERE}" in lines
    assert "wrong-password" not in caplog.text and DEMO_PASSWORD not in caplog.text

    attempt = AccessAttempt.objects.get(username="staff")
    assert (attempt.ip_address, attempt.failures_since_start) == (HERE, 5)
    assert "wrong-password" not in attempt.post_data
    assert AccessLog.objects.filter(username="leader", ip_address=HERE).exists()


def test_a_system_administrator_unlocks_in_the_admin(demo, client, user):
    """A district's system administrator unlocks a township officer of the district (one of
    the users it manages; see test_sign_in_admin_scope.py for the others)."""
    fail(client, "township", 5)
    sysadmin = user("staff")
    sysadmin.groups.set([Group.objects.get(name=roles.SYSTEM_ADMIN)])
    client.force_login(sysadmin)
    index = client.get("/admin/")
    section = {app["app_label"]: app["section"] for app in index.context["app_list"]}
    assert section["axes"] == "系统管理"

    attempt = AccessAttempt.objects.get(username="township")
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "township" in listing.content.decode()
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, "township", DEMO_PASSWORD).status_code == 302


@pytest.mark.parametrize("username", ["staff", "rights", "township"])
def test_other_roles_cannot_see_the_sign_in_records(demo, login, username):
    client = login(username)
    for url in (
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/otp_totp/totpdevice/",
    ):
        assert client.get(url).status_code == 403, url


def test_a_forged_forwarding_header_does_not_dodge_the_lock(demo, client):
    fail(client, "staff", 5)
    response = client.post(
        LOGIN,
        {"username": "staff", "password": DEMO_PASSWORD},
        REMOTE_ADDR=HERE,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert is_locked_page(response)


def test_behind_a_trusted_proxy_each_client_is_locked_on_its_own(demo, client, settings):
    settings.AUDIT_TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong-password"},
            HTTP_X_REAL_IP="203.0.113.9",
            **proxy,
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    locked = client.post(
        LOGIN,
        {"username": "staff", "password": DEMO_PASSWORD},
        HTTP_X_REAL_IP="203.0.113.9",
        **proxy,
    )
    assert is_locked_page(locked)
    other = client.post(
        LOGIN,
        {"username": "staff", "password": DEMO_PASSWORD},
        HTTP_X_REAL_IP="198.51.100.4",
        **proxy,
    )
    assert other.status_code == 302


# Passwords and sessions --------------------------------------------------------------------


@translation.override(settings.LANGUAGE_CODE)
def test_password_rules_are_on_and_speak_chinese():
    with pytest.raises(ValidationError) as short:
        validate_password("Xq7!kz")
    assert short.value.messages == ["密码长度太短。密码必须包含至少 10 个字符。"]
    with pytest.raises(ValidationError) as numeric:
        validate_password("4718293056")
    assert numeric.value.messages == ["密码只包含数字。"]
    validate_password("湘东区-妇联-Secure-2026")


def test_sessions_end_after_thirty_idle_minutes_and_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_session_cookie_lives_only_as_long_as_the_browser(demo, client):
    sign_in(client, "staff", DEMO_PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    session = Session.objects.get()
    expected = timezone.now() + timedelta(minutes=30)
    assert abs(session.expire_date - expected) < timedelta(seconds=5)


def test_an_idle_session_is_signed_out(demo, login):
    client = login("staff")
    assert client.get("/").status_code == 200
    # The last request was more than 30 minutes ago.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_activity_keeps_the_session_alive(demo, login):
    client = login("staff")
    # Five minutes since the session was last saved: this request moves its end forward.
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=25))
    assert client.get("/").status_code == 200
    expire = Session.objects.get().expire_date
    assert abs(expire - (timezone.now() + timedelta(minutes=30))) < timedelta(seconds=5)


def test_a_request_within_a_minute_writes_no_session(demo, login):
    client = login("staff")
    soon = timezone.now() + timedelta(minutes=29, seconds=30)
    Session.objects.update(expire_date=soon)
    assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date == soon


# Two-step verification ---------------------------------------------------------------------


def code_page(next_url):
    return f"/accounts/otp/?{urlencode({'next': next_url})}"


def current_code(device):
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def device(user):
    """Give a user a paired authenticator."""
    return lambda username: TOTPDevice.objects.create(
        user=user(username), name="身份验证器", confirmed=True
    )


otp_required = override_settings(OTP_REQUIRED=True)


@otp_required
def test_a_rights_worker_without_an_authenticator_is_sent_to_set_one_up(demo, client):
    response = sign_in(client, "rights", DEMO_PASSWORD)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == f"/accounts/otp/setup/?{urlencode({'next': '/'})}"
    page = response.content.decode()
    assert "设置两步验证" in page and "<svg" in page
    secret = response.context["secret"].replace(" ", "")
    assert len(secret) == 32 and secret in page.replace(" ", "")
    # Nothing else opens until it is done, the admin included.
    for url in ("/admin/rights/rightscase/", "/dashboard/", "/reports/"):
        assert client.get(url)["Location"] == code_page(url), url


@otp_required
def test_setting_up_with_the_apps_code_finishes_the_second_step(demo, login):
    client = login("rights")
    client.get("/accounts/otp/setup/?next=/admin/")
    device = TOTPDevice.objects.get(user__username="rights")
    assert not device.confirmed
    response = client.post(
        "/accounts/otp/setup/", {"code": current_code(device), "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/rights/rightscase/").status_code == 200


@otp_required
def test_with_an_authenticator_the_code_is_asked_after_the_password(demo, client, device):
    paired = device("rights")
    sign_in(client, "rights", DEMO_PASSWORD)
    response = client.get("/admin/rights/rightscase/")
    assert response["Location"] == code_page("/admin/rights/rightscase/")
    assert "两步验证" in client.get(response["Location"]).content.decode()

    response = client.post(
        "/accounts/otp/", {"code": current_code(paired), "next": "/admin/rights/rightscase/"}
    )
    assert response["Location"] == "/admin/rights/rightscase/"
    assert client.get("/admin/rights/rightscase/").status_code == 200


@otp_required
def test_a_wrong_code_is_refused_in_chinese(demo, login, device):
    paired = device("rights")
    client = login("rights")
    wrong = f"{(int(current_code(paired)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/otp/", {"code": wrong, "next": "/"})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert client.get("/").status_code == 302
    # django-otp makes the next try wait, against guessing.
    again = client.post("/accounts/otp/", {"code": current_code(paired), "next": "/"})
    assert "验证码错误次数过多" in again.content.decode()


@otp_required
def test_a_paired_user_cannot_pair_another_authenticator_before_the_code(demo, login, device):
    device("rights")
    response = login("rights").get("/accounts/otp/setup/")
    assert response["Location"] == code_page("/")
    assert TOTPDevice.objects.filter(user__username="rights").count() == 1


@otp_required
@pytest.mark.parametrize("username", ["admin", "rights"])
def test_superusers_and_rights_workers_must_pass_it(demo, login, username):
    assert login(username).get("/")["Location"] == code_page("/")


@otp_required
def test_a_system_administrator_must_pass_it(demo, login, user):
    sysadmin = user("staff")
    sysadmin.groups.set([Group.objects.get(name=roles.SYSTEM_ADMIN)])
    assert login("staff").get("/admin/")["Location"] == code_page("/admin/")


@otp_required
@pytest.mark.parametrize("username", ["leader", "staff", "township", "writer"])
def test_other_roles_are_not_asked(demo, login, username):
    assert login(username).get("/").status_code == 200


@otp_required
def test_other_roles_may_opt_in_and_are_then_asked(demo, login, device):
    device("leader")
    assert login("leader").get("/")["Location"] == code_page("/")


@otp_required
def test_signing_out_needs_no_code(demo, login):
    client = login("rights")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == LOGIN


@otp_required
def test_the_code_page_does_not_send_users_to_another_site(demo, login, device):
    paired = device("rights")
    client = login("rights")
    response = client.post(
        "/accounts/otp/", {"code": current_code(paired), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_when_off_nothing_changes(demo, login, device):
    device("rights")
    client = login("rights")
    assert client.get("/").status_code == 200
    assert client.get("/admin/rights/rightscase/").status_code == 200
    assert client.get("/accounts/otp/").status_code == 404
    assert client.get("/accounts/otp/setup/").status_code == 404
