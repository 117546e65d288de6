"""Chinese names for the sign-in apps' sections of the admin; the apps ship English ones."""

from axes.apps import AppConfig as AxesAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "登录记录与锁定"


class TOTPConfig(TOTPAppConfig):
    verbose_name = "两步验证"
