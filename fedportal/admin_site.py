from django.contrib import admin

from fedportal.context_processors import federation_name
from fedportal.roles import WORK_AREAS

# The admin index shows the work areas first, in the federation's own order.
SECTIONS = (
    ("业务工作", tuple(WORK_AREAS)),
    ("报告与统计", ("reports",)),
    ("系统管理", ("fedportal", "auth", "axes", "otp_totp")),
)


def _section_of(app_label):
    for position, (title, labels) in enumerate(SECTIONS):
        if app_label in labels:
            return position, labels.index(app_label), title
    return len(SECTIONS), 0, "其他"


class FederationAdminSite(admin.AdminSite):
    index_template = "admin/federation_index.html"

    index_title = "数据管理"

    def each_context(self, request):
        # Each federation's staff see their own portal's name (the user's unit).
        context = super().each_context(request)
        context["site_header"] = context["site_title"] = f"{federation_name(request)}工作门户"
        return context

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            position, order, title = _section_of(app["app_label"])
            app["section"] = title
            app["section_order"] = (position, order)
        return sorted(apps, key=lambda app: app["section_order"])
