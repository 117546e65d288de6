"""Two-step verification: after the password, a 6-digit code from an authenticator app (TOTP).

Off unless OTP_REQUIRED is set. Then superusers, 系统管理员 and 维权专干, who see personal
data or decide who does, must set up an authenticator and enter its code after each
sign-in; anyone else may set one up at /accounts/otp/setup/ and is then asked for its code
too. fedportal.middleware.two_step_verification sends a signed-in user who still owes the
second step to `verify`; a lost phone is reset by a system administrator, who deletes the
user's authenticator in the admin.
"""

from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from fedportal import roles

ROLES_REQUIRED = (roles.SYSTEM_ADMIN, roles.RIGHTS_WORKER)


def two_step_needed(user) -> bool:
    """Whether a signed-in user must pass the second step before using the portal."""
    if not settings.OTP_REQUIRED:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=ROLES_REQUIRED).exists()
        or django_otp.user_has_device(user)
    )


def verify_url(next_url: str) -> str:
    return f"{reverse('two-step')}?{urlencode({'next': next_url})}"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=6,
        min_length=6,
        help_text="打开手机上的身份验证器，输入“{issuer}”显示的6位数字。",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": "请输入6位验证码。",
            "min_length": "验证码是6位数字。",
            "max_length": "验证码是6位数字。",
        },
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        field = self.fields["code"]
        field.help_text = field.help_text.format(issuer=settings.OTP_TOTP_ISSUER)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("验证码是6位数字。")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            # django-otp doubles the wait after each wrong code, against guessing.
            raise forms.ValidationError("验证码错误次数过多，请稍等片刻再输入。")
        if not self.device.verify_token(code):
            raise forms.ValidationError("验证码不正确，请输入身份验证器当前显示的6位数字。")
        return code


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@login_required
def verify(request):
    """The second step: the code of the user's authenticator."""
    if not settings.OTP_REQUIRED:
        raise Http404
    next_url = _next_url(request)
    device = _confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('two-step-setup')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return redirect(next_url)
    return render(request, "registration/two_step.html", {"form": form, "next": next_url})


@login_required
def setup(request):
    """Pair an authenticator app: show its secret (text and QR code), confirm with a code."""
    if not settings.OTP_REQUIRED:
        raise Http404
    next_url = _next_url(request)
    user = request.user
    if _confirmed_device(user) is not None:
        if not user.is_verified():
            # Pairing a second authenticator would skip the first one's code.
            return redirect(verify_url(next_url))
        return render(request, "registration/two_step_setup.html", {"done": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        django_otp.login(request, device)
        messages.success(request, "两步验证已启用：以后每次登录都要输入身份验证器上的验证码。")
        return redirect(next_url)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_code": qr_svg(device.config_url),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "registration/two_step_setup.html", context)


def qr_svg(text: str):
    """A QR code as inline SVG: drawn on the server, loaded from nowhere, no script."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    # The SVG is made of path data and sizes only, no text taken from the user.
    return mark_safe(image.to_string(encoding="unicode"))
