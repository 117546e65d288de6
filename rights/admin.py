from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist

from fedportal.admin import (
    ReferenceListAdmin,
    ScopedAdmin,
    ScopedAdminMixin,
    UnitFilter,
    YearFilter,
    masked,
)
from fedportal.personal_data import mask_id_number, mask_name, mask_phone
from fedportal.personal_pages import AuditedPersonalPagesMixin, form_page
from fedportal.tallies import TallyAdmin, TallyKindAdmin
from rights.models import (
    CaseCategory,
    Channel,
    Complainant,
    Mediation,
    RightsCase,
    RightsTally,
    RightsTallyKind,
    ServicePoint,
)
from rights.resources import (
    ComplainantResource,
    MediationResource,
    RightsCaseResource,
    RightsTallyResource,
    ServicePointResource,
)
from rights.services import complainants_changed


def complainant_shown(response) -> bool:
    """Whether a rendered case page holds an existing complainant in its inline."""
    if not form_page(response):
        return False
    return any(
        inline.formset.model is Complainant
        and any(form.instance.pk is not None for form in inline.formset.forms)
        for inline in response.context_data.get("inline_admin_formsets", ())
    )


@admin.register(Channel)
class ChannelAdmin(ReferenceListAdmin):
    pass


@admin.register(CaseCategory)
class CaseCategoryAdmin(ReferenceListAdmin):
    list_display = ("name", "parent", "order", "is_active")
    list_filter = ("is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    fields = ("name", "parent", "order", "is_active")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only top-level categories can be parents; clean() says so for other paths.
            kwargs["queryset"] = CaseCategory.objects.filter(parent=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ComplainantInline(ScopedAdminMixin, admin.StackedInline):
    """The complainant on the case page. It is scoped like the case it hangs on, so that it
    can never be reached past the case's own scope check."""

    model = Complainant
    extra = 1
    max_num = 1
    verbose_name = "当事人"
    verbose_name_plural = "当事人（个人信息，仅维权专干可见）"
    fields = (("name", "sex", "is_minor"), "id_number", "phone", "address")


@admin.register(RightsCase)
class RightsCaseAdmin(ScopedAdmin):
    resource_classes = [RightsCaseResource]
    inlines = [ComplainantInline]
    list_display = (
        "received_on",
        "complainant_name",
        "channel",
        "category",
        "status",
        "org_unit",
        "closed_on",
    )
    list_display_links = ("received_on", "complainant_name")
    list_filter = (YearFilter, "status", "channel", "category", UnitFilter)
    # Never ID numbers or phones: a GET search would put them in URLs and server logs.
    # The complainant's ID number is searched by the POST form of `id_number_fields`.
    search_fields = ("summary", "result", "referred_to")
    date_hierarchy = "received_on"
    list_select_related = ("org_unit", "channel", "category", "complainant")
    autocomplete_fields = ("org_unit",)
    id_number_fields = ("complainant__id_number",)
    fieldsets = (
        ("受理", {"fields": ("org_unit", "received_on", "channel", "category")}),
        ("案情", {"fields": ("summary",)}),
        ("办理", {"fields": ("status", "result", "closed_on", "referred_to")}),
    )

    @admin.display(description="当事人")
    def complainant_name(self, case):
        try:
            return mask_name(case.complainant.name)
        except ObjectDoesNotExist:
            return "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # The page shows the complainant in full to those who may see the inline at all.
        if complainant_shown(response):
            self.audit_personal_view(request, response.context_data["original"], "当事人个人信息")
        return response


@admin.register(Complainant)
class ComplainantAdmin(AuditedPersonalPagesMixin, ScopedAdmin):
    """Complainants on their own, for exports and the search by ID number.

    The change page, its history and past versions show the personal data in full; each
    showing is logged (AuditedPersonalPagesMixin). A complainant is part of its case:
    saving, moving or deleting one here is a change of its case (`complainants_changed`).
    """

    resource_classes = [ComplainantResource]
    list_display = (
        masked("name", mask_name, "姓名"),
        "sex",
        "is_minor",
        masked("id_number", mask_id_number, "身份证号码"),
        masked("phone", mask_phone, "联系电话"),
        "case",
        "case_unit",
    )
    list_filter = ("sex", "is_minor", UnitFilter)
    date_hierarchy = "case__received_on"
    list_select_related = ("case__org_unit", "case__category")
    autocomplete_fields = ("case",)
    id_number_fields = ("id_number",)
    fieldsets = (
        (None, {"fields": ("case",)}),
        ("个人信息", {"fields": (("name", "sex", "is_minor"), "id_number", "phone", "address")}),
    )

    @admin.display(description="所属单位", ordering="case__org_unit__path")
    def case_unit(self, complainant):
        return complainant.case.org_unit

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        before = form.initial.get("case") if change else None
        complainants_changed(moves=[(before, obj.case_id)], user=request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        complainants_changed(moves=[(obj.case_id, None)], user=request.user)

    def delete_queryset(self, request, queryset):
        moves = [(case_id, None) for case_id in queryset.values_list("case_id", flat=True)]
        super().delete_queryset(request, queryset)
        complainants_changed(moves=moves, user=request.user)


@admin.register(Mediation)
class MediationAdmin(ScopedAdmin):
    resource_classes = [MediationResource]
    list_display = (
        "mediated_on",
        "dispute_type",
        "parties_count",
        "mediator",
        "outcome",
        "service_point",
        "org_unit",
    )
    list_filter = ("outcome", "dispute_type", UnitFilter)
    search_fields = ("mediator", "notes")
    date_hierarchy = "mediated_on"
    list_select_related = ("org_unit", "dispute_type", "service_point")
    autocomplete_fields = ("org_unit", "case", "service_point")
    fieldsets = (
        (None, {"fields": ("org_unit", "mediated_on", "service_point")}),
        ("纠纷", {"fields": ("dispute_type", "parties_count", "case")}),
        ("调解", {"fields": ("mediator", "outcome", "notes")}),
    )


@admin.register(ServicePoint)
class ServicePointAdmin(ScopedAdmin):
    resource_classes = [ServicePointResource]
    list_display = ("name", "kind", "org_unit", "opened_on", "online_consultation")
    list_filter = ("kind", "online_consultation", UnitFilter)
    search_fields = ("name", "partners", "services")
    date_hierarchy = "opened_on"
    autocomplete_fields = ("org_unit",)
    fieldsets = (
        (None, {"fields": ("org_unit", "name", "kind", "opened_on")}),
        ("服务", {"fields": ("partners", "services", "staffing", "online_consultation")}),
    )


@admin.register(RightsTallyKind)
class RightsTallyKindAdmin(TallyKindAdmin):
    pass


@admin.register(RightsTally)
class RightsTallyAdmin(TallyAdmin):
    resource_classes = [RightsTallyResource]
