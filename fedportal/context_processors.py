from django.conf import settings


def federation(request):
    return {
        "federation_name": settings.FEDERATION_NAME,
        # With two-step sign-in on, every signed-in user may set it up (fedportal.two_step),
        # so the page header links to it; off, the page does not exist.
        "two_step_on": settings.OTP_REQUIRED,
    }
