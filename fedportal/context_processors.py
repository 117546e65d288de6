from django.conf import settings
from django.utils.functional import SimpleLazyObject


def federation_name(request) -> str:
    """Whom the portal speaks for on this request: the signed-in user's federation, or the
    deployment's name before sign-in."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.federation_name
    return settings.FEDERATION_NAME


def federation(request):
    return {
        "federation_name": SimpleLazyObject(lambda: federation_name(request)),
        # With two-step sign-in on, every signed-in user may set it up (fedportal.two_step),
        # so the page header links to it; off, the page does not exist.
        "two_step_on": settings.OTP_REQUIRED,
    }
