from django.contrib import admin

from fedportal.context_processors import federation_name
from fedportal.models import ReferenceList
from fedportal.roles import WORK_AREAS

# The admin index shows the work areas first, in the federation's own order; their
# reference lists (award kinds, programmes …) apart, under 基础数据.
REFERENCE_SECTION = "基础数据"
SECTIONS = (
    ("业务工作", tuple(WORK_AREAS)),
    (REFERENCE_SECTION, tuple(WORK_AREAS)),
    ("报告与统计", ("reports",)),
    ("系统管理", ("fedportal", "auth", "axes", "otp_totp")),
)


def _section_index(title):
    return next(n for n, (name, _) in enumerate(SECTIONS) if name == title)


def _section_of(app_label):
    for position, (title, labels) in enumerate(SECTIONS):
        if app_label in labels:
            return position, labels.index(app_label), title
    return len(SECTIONS), 0, "其他"


class FederationAdminSite(admin.AdminSite):
    index_template = "admin/federation_index.html"

    index_title = "数据管理"
    # Lists get the whole width of a 1366 px screen; the index and breadcrumbs lead around.
    enable_nav_sidebar = False

    def each_context(self, request):
        # Each federation's staff see their own portal's name (the user's unit).
        context = super().each_context(request)
        context["site_header"] = context["site_title"] = f"{federation_name(request)}工作门户"
        return context

    def get_app_list(self, request, app_label=None):
        apps = []
        for app in super().get_app_list(request, app_label):
            position, order, title = _section_of(app["app_label"])
            lists = [m for m in app["models"] if issubclass(m["model"], ReferenceList)]
            records = [m for m in app["models"] if m not in lists]
            if app_label is None and app["app_label"] in WORK_AREAS and lists:
                # The same app twice on the index: its records, then its lists.
                reference_position = _section_index(REFERENCE_SECTION)
                apps.append(
                    {**app, "name": f"{app['name']}基础数据", "models": lists,
                     "section": REFERENCE_SECTION,
                     "section_order": (reference_position, order)}
                )  # fmt: skip
                app = {**app, "models": records}
                if not records:
                    continue
            app["section"] = title
            app["section_order"] = (position, order)
            apps.append(app)
        return sorted(apps, key=lambda app: app["section_order"])
