from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class FederationAdminConfig(AdminConfig):
    default_site = "fedportal.admin_site.FederationAdminSite"


class FedportalConfig(AppConfig):
    name = "fedportal"
    label = "fedportal"
    verbose_name = "组织与用户"

    def ready(self):
        from fedportal import checks  # noqa: F401  (registers the figures' check)
        from fedportal.roles import sync_role_permissions

        # Permissions of new models exist only after Django's own post_migrate handler has
        # run, so the built-in roles are brought up to date at the same moment.
        post_migrate.connect(sync_role_permissions, dispatch_uid="fedportal.sync_roles")
        # Each work area declares its figures in <app>/indicators.py.
        autodiscover_modules("indicators")
