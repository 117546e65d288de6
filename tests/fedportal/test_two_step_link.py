"""With two-step sign-in on, the portal's header and the admin's user links lead to its
setup page, for those who must use it and those who may; off, nothing links to it."""

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

SETUP = "/accounts/otp/setup/"
PORTAL_LINK = f'<a class="nav-link" href="{SETUP}">两步验证</a>'
ADMIN_LINK = f'<a href="{SETUP}">两步验证</a> /'


def pass_second_step(client, user):
    """Pair an authenticator for `user` and enter its code, as after signing in."""
    device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post("/accounts/otp/", {"code": f"{totp.token():06d}", "next": "/"})
    assert response.status_code == 302


@override_settings(OTP_REQUIRED=True)
@pytest.mark.parametrize("username", ["leader", "writer", "township"])
def test_those_who_may_opt_in_find_the_link_in_the_header(demo, login, username):
    client = login(username)
    page = client.get("/").content.decode()
    assert PORTAL_LINK in page
    assert client.get(SETUP).status_code == 200


@override_settings(OTP_REQUIRED=True)
def test_staff_find_it_among_the_admins_user_links(demo, login):
    page = login("staff").get("/admin/").content.decode()
    assert ADMIN_LINK in page


@override_settings(OTP_REQUIRED=True)
@pytest.mark.parametrize("username", ["rights", "admin"])
def test_those_who_must_use_it_find_it_once_signed_in(demo, login, user, username):
    client = login(username)
    pass_second_step(client, user(username))
    assert PORTAL_LINK in client.get("/").content.decode()
    assert ADMIN_LINK in client.get("/admin/").content.decode()
    # The page then says it is on and how to change the phone.
    assert "您已启用两步验证" in client.get(SETUP).content.decode()


@pytest.mark.parametrize("url", ["/", "/admin/"])
def test_when_off_nothing_links_to_it(demo, login, url):
    page = login("staff").get(url).content.decode()
    assert SETUP not in page
