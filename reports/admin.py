"""The reports in the admin: a list for administrators and staff, with the same scope and
the same rules as the report pages — a finalised report is read-only, versions are never
edited. Writing is done on the report pages, which show the figures as they are typed."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult
from simple_history.admin import SimpleHistoryAdmin

from fedportal.admin import ScopedAdminMixin, UnitFilter, YearFilter
from reports import figure_admin  # noqa: F401  (registers the figure definitions' admin)
from reports.models import MAX_PARTS, PlanItem, Report, ReportSection, ReportVersion


class ReportSectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0
    max_num = MAX_PARTS
    fields = ["order", "headline", "body"]


class PlanItemInline(admin.StackedInline):
    model = PlanItem
    extra = 0
    max_num = MAX_PARTS
    fields = ["order", "heading", "body"]


class FinalIsReadOnly:
    def has_change_permission(self, request, obj=None):
        report = getattr(obj, "report", obj)
        if report is not None and report.is_final:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        report = getattr(obj, "report", obj)
        if report is not None and report.is_final:
            return False
        return super().has_delete_permission(request, obj)


class FinalSectionInline(FinalIsReadOnly, ReportSectionInline):
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_final) and super().has_add_permission(request, obj)


class FinalPlanItemInline(FinalIsReadOnly, PlanItemInline):
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_final) and super().has_add_permission(request, obj)


@admin.register(Report)
class ReportAdmin(FinalIsReadOnly, ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["display_title", "year", "org_unit", "status", "page_link"]
    list_filter = [YearFilter, "status", UnitFilter]
    list_select_related = ["org_unit"]
    fields = ["org_unit", "year", "title", "opening", "plan_intro", "status"]
    readonly_fields = ["status"]
    inlines = [FinalSectionInline, FinalPlanItemInline]

    def get_readonly_fields(self, request, obj=None):
        # A report's unit and year are its identity; change them by making a new report.
        return [*self.readonly_fields, "org_unit", "year"] if obj else self.readonly_fields

    @admin.display(description="报告页面")
    def page_link(self, obj):
        url = reverse("reports:detail", args=[obj.org_unit.code, obj.year])
        return format_html('<a href="{}">查看与下载</a>', url)


@admin.register(ReportVersion)
class ReportVersionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["report", "number", "finalised_at", "finalised_by"]
    list_select_related = ["report__org_unit", "finalised_by"]
    fields = ["report", "number", "finalised_at", "finalised_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The task table of the report workers (settings.REPORT_WORKERS) holds a unit's code, a year
# and a version number per rendered file: nothing staff act on. Operators follow the
# workers' logs and prune the table with `manage.py prune_db_task_results`.
admin.site.unregister(DBTaskResult)
