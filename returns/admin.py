"""Admin of the returns' settings: data-quality rules and deadlines, each owned by a unit.

A user sees the general rows, those of units above theirs (read-only) and those of units in
their scope, and changes only the last; a new row belongs to a unit of their scope."""

from django.contrib import admin
from django.db.models import Q

from fedportal.admin import DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin
from fedportal.models import OrgUnit
from returns.models import Deadline, QualityRule


class OwnedByUnitAdmin(DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, admin.ModelAdmin):
    list_select_related = ("org_unit",)
    not_found_message = "记录不存在，或不在您的管辖范围内。"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser:
            return queryset
        above = Q()
        for unit in user.top_units:
            above |= Q(org_unit__in=OrgUnit.objects.get_ancestors(unit))
        return queryset.filter(
            Q(org_unit__isnull=True) | Q(org_unit__in=OrgUnit.objects.in_scope(user)) | above
        )

    def _owned(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return (
            obj.org_unit_id is not None
            and OrgUnit.objects.in_scope(request.user).filter(pk=obj.org_unit_id).exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owned(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owned(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "org_unit" and not request.user.is_superuser:
            kwargs["queryset"] = OrgUnit.objects.in_scope(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not request.user.is_superuser and request.user.top_units:
            initial.setdefault("org_unit", request.user.top_units[0].pk)
        return initial

    @admin.display(description="适用单位", ordering="org_unit__path")
    def owner(self, obj):
        return obj.org_unit.name if obj.org_unit_id else "全部单位"


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
