from dataclasses import dataclass
from datetime import datetime

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from fedportal.models import ScopedRecord
from fedportal.roles import WORK_AREAS

RECENT = 10


@dataclass(frozen=True)
class Entered:
    """A record the user entered, named without its personal data."""

    kind: str
    unit: str
    at: datetime
    url: str


@login_required
def home(request):
    """The portal's front page. An official's is the figures themselves (a writer's the
    reports), not a page about what they may not do; staff get a button to add a record of
    each kind they enter and what they entered last."""
    user = request.user
    if not user.is_staff and user.has_perm("reports.view_report"):
        from reports import views as reports_views  # the shared app's page shows the reports'

        if user.has_perm("reports.change_report"):
            return reports_views.report_list(request)
        return reports_views.dashboard(request)
    admin_apps = admin.site.get_app_list(request) if user.is_staff else []
    areas = [
        (app["name"], [m for m in app["models"] if issubclass(m["model"], ScopedRecord)])
        for app in admin_apps
        if app["app_label"] in WORK_AREAS
    ]
    add_buttons = [
        (area, [(m["name"], m["add_url"]) for m in models if m.get("add_url")])
        for area, models in areas
    ]
    context = {
        "units": user.top_units,
        "roles": [group.name for group in user.groups.all()],
        "work_areas": list(user.work_areas.all()),
        "admin_apps": admin_apps,
        "add_buttons": [(area, buttons) for area, buttons in add_buttons if buttons],
        "recent": _recently_entered(user, [m["model"] for _, models in areas for m in models]),
    }
    return render(request, "fedportal/home.html", context)


def _recently_entered(user, models) -> list[Entered]:
    """The user's last records across the kinds they may see: one query per kind."""
    found = []
    for model in models:
        rows = (
            model.objects.filter(created_by=user)
            .select_related("org_unit")
            .order_by("-created_at")[:RECENT]
        )
        opts = model._meta
        for record in rows:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
            found.append(Entered(opts.verbose_name, record.org_unit.name, record.created_at, url))
    return sorted(found, key=lambda e: e.at, reverse=True)[:RECENT]
