from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from fedportal.two_step import two_step_needed, verify_url


def two_step_verification(get_response):
    """With OTP_REQUIRED on, a user who owes the second step gets nothing else but sign-out.

    Runs after django-otp's OTPMiddleware, which tells whether this session has passed it.
    """

    def middleware(request):
        if settings.OTP_REQUIRED and _owes_second_step(request):
            return redirect(verify_url(request.get_full_path()))
        return get_response(request)

    return middleware


def _owes_second_step(request) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    open_paths = {
        reverse(name) for name in ("login", "logout", "two-step", "two-step-setup", "admin:logout")
    }
    return request.path not in open_paths and two_step_needed(user)


def no_store_when_signed_in(get_response):
    """Nothing shown to a signed-in user, nor any admin page, is kept by a browser or proxy.

    Personal data can be on any such page, an export or a download, so the rule is by who
    asks rather than by page: back and forward after signing out, or the next user of a
    shared computer, find nothing in the cache.
    """

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated or request.path.startswith(reverse("admin:index")):
            add_never_cache_headers(response)
        return response

    return middleware
