"""Chinese names for the sign-in apps in the admin: their sections and their models.

django-axes and django-otp ship no Simplified Chinese translation, so their models would
show as "Access attempts" or "TOTP devices" on the zh-hans admin. A translation of our own
would need a compiled .mo file in the repository or a build step; proxy models would move
the admin pages, their permissions and the roles that grant them. Instead, once the apps
are loaded, their models' display names are set here. Migrations do not see it: they read
the options a model declared (`Meta`, kept in `_meta.original_attrs`), not the ones in use,
so `makemigrations --check` stays clean (tests/fedportal/test_sign_in_app_names.py).
"""

from axes.apps import AppConfig as AxesAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig

AXES_MODEL_NAMES = {
    # A row counts one username's failed passwords from one address; deleting it unlocks.
    "AccessAttempt": "登录失败记录",
    "AccessLog": "登录日志",
    "AccessFailureLog": "登录失败日志",
    "AccessAttemptExpiration": "登录失败记录有效期",
}
TOTP_MODEL_NAMES = {"TOTPDevice": "身份验证器"}


def name_models(app_config, names):
    """Give the app's models the Chinese `names` (singular and plural alike, as in Chinese)."""
    for model_name, name in names.items():
        opts = app_config.get_model(model_name)._meta
        opts.verbose_name = opts.verbose_name_plural = name
        # Cached from the old name if anything read it before the apps were ready.
        opts.__dict__.pop("verbose_name_raw", None)


class AxesConfig(AxesAppConfig):
    verbose_name = "登录记录与锁定"

    def ready(self):
        super().ready()
        name_models(self, AXES_MODEL_NAMES)


class TOTPConfig(TOTPAppConfig):
    verbose_name = "两步验证"

    def ready(self):
        super().ready()
        name_models(self, TOTP_MODEL_NAMES)
