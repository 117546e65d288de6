"""Admin of the returns' settings: data-quality rules and deadlines, each owned by a unit.

A user sees the general rows, those of units above theirs (read-only) and those of units in
their scope, and changes only the last; a new row belongs to a unit of their scope."""

from django.contrib import admin

from fedportal.admin import DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, OwnedByUnitMixin
from returns.models import Deadline, QualityRule


class OwnedByUnitAdmin(
    OwnedByUnitMixin, DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, admin.ModelAdmin
):
    list_select_related = ("org_unit",)
    not_found_message = "记录不存在，或不在您的管辖范围内。"


@admin.register(QualityRule)
class QualityRuleAdmin(OwnedByUnitAdmin):
    list_display = ("name", "kind", "left", "operator", "right", "factor", "owner", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "left", "right")
    fields = ("name", "kind", "left", "operator", "right", "factor", "org_unit", "is_active")


@admin.register(Deadline)
class DeadlineAdmin(OwnedByUnitAdmin):
    list_display = ("year", "level", "opens_on", "closes_on", "owner")
    list_filter = ("year", "level")
    fields = ("org_unit", "level", "year", "opens_on", "closes_on")
