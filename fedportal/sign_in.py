"""Sign-in lock-out and the sign-in log, on top of django-axes.

Settings (fedportal/settings.py): five failed passwords for one username from one address
within AXES_COOLOFF_TIME lock that pair out for as long; a successful sign-in clears the
count; a system administrator can unlock earlier in the admin (登录记录与锁定 → access
attempts). The address is the one the audit log records (`fedportal.audit.client_ip`), so
one setting, AUDIT_TRUSTED_PROXY_HEADER, tells both where a proxied request came from.
"""

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from django.shortcuts import render

log = logging.getLogger(__name__)


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    django-axes raises when authenticate() is called without a request. Every sign-in form
    here passes its request; calls without one (management commands, the test client's
    login()) have no address to lock, so they are left to the next backend instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class SignInHandler(AxesDatabaseHandler):
    """django-axes' database records, plus one log line per sign-in: who, from where, outcome.

    The password never reaches the log (nor axes' records, which mask it).
    """

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        outcome = "失败并锁定" if request.axes_locked_out else "失败"
        log.warning(
            "登录%s：用户名 %s，地址 %s",
            outcome,
            get_client_username(request, credentials),
            request.axes_ip_address,
        )

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        log.info("登录成功：用户名 %s，地址 %s", user.get_username(), request.axes_ip_address)


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets instead of the form, in Chinese."""
    context = {
        "username": get_client_username(request, credentials) or "",
        "minutes": int(get_cool_off(request).total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
