from django.contrib import admin

from fedportal.admin import ReferenceListAdmin, ScopedAdmin, UnitFilter, YearFilter, masked
from fedportal.personal_data import mask_id_number, mask_phone
from fedportal.personal_pages import AuditedPersonalPagesMixin
from fedportal.tallies import TallyAdmin, TallyKindAdmin
from welfare.models import (
    Fundraising,
    Grant,
    Programme,
    ProgrammeRun,
    Screening,
    WelfareTally,
    WelfareTallyKind,
)
from welfare.resources import (
    FundraisingResource,
    GrantResource,
    ProgrammeRunResource,
    ScreeningResource,
    WelfareTallyResource,
)

RECORD_INFO = ("录入信息", {"fields": ("created_by", "created_at", "updated_at")})
RECORD_INFO_FIELDS = ("created_by", "created_at", "updated_at")


@admin.register(Programme)
class ProgrammeAdmin(ReferenceListAdmin):
    list_display = ("name", "code", "category", "gives", "default_unit", "order", "is_active")
    list_filter = ("category", "gives", "is_active")


class RunChoicesMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "run":
            # A township record may belong to a district run it cannot open itself.
            kwargs["queryset"] = ProgrammeRun.objects.shared_with(request.user).select_related(
                "programme"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ProgrammeRun)
class ProgrammeRunAdmin(ScopedAdmin):
    resource_classes = [ProgrammeRunResource]
    list_display = ("year", "programme", "org_unit", "partner", "beneficiaries")
    list_display_links = ("year", "programme")
    list_filter = (YearFilter, "programme", UnitFilter)
    list_select_related = ("org_unit", "programme")
    search_fields = ("partner", "beneficiaries", "description")
    autocomplete_fields = ("org_unit",)
    readonly_fields = RECORD_INFO_FIELDS
    fieldsets = (
        ("项目", {"fields": ("programme", "year", "org_unit")}),
        ("实施情况", {"fields": ("partner", "beneficiaries", "description")}),
        RECORD_INFO,
    )


@admin.register(Fundraising)
class FundraisingAdmin(RunChoicesMixin, ScopedAdmin):
    resource_classes = [FundraisingResource]
    list_display = ("date", "programme", "donors", "amount", "org_unit")
    list_display_links = ("date", "programme")
    list_filter = (YearFilter, "programme", UnitFilter)
    list_select_related = ("org_unit", "programme", "run")
    search_fields = ("donors", "notes")
    date_hierarchy = "date"
    autocomplete_fields = ("org_unit",)
    readonly_fields = RECORD_INFO_FIELDS
    fieldsets = (
        ("项目", {"fields": ("programme", "year", "run", "org_unit")}),
        ("募捐", {"fields": ("date", "donors", "amount", "notes")}),
        RECORD_INFO,
    )


@admin.register(Grant)
class GrantAdmin(AuditedPersonalPagesMixin, RunChoicesMixin, ScopedAdmin):
    """Grants name their beneficiaries, minors among them, with ID numbers, phones and
    health details: the list masks them, the change page and the history show them in full
    to whoever enters the grant, and each such showing is logged."""

    resource_classes = [GrantResource]
    list_display = (
        "beneficiary_name",
        "programme",
        "date",
        "org_unit",
        "residence",
        "is_minor",
        "amount",
        "goods_given",
        "subsidy_type",
        masked("id_number", mask_id_number, "身份证号码"),
        masked("phone", mask_phone, "联系电话"),
    )
    list_display_links = ("beneficiary_name",)
    list_filter = (
        YearFilter,
        "programme",
        "recipient_type",
        "residence",
        "subsidy_type",
        "is_minor",
        UnitFilter,
    )
    list_select_related = ("org_unit", "programme", "run")
    search_fields = ("beneficiary_name",)
    date_hierarchy = "date"
    autocomplete_fields = ("org_unit",)
    id_number_fields = ("id_number",)
    readonly_fields = RECORD_INFO_FIELDS
    fieldsets = (
        ("项目", {"fields": ("programme", "year", "run", "date", "org_unit")}),
        (
            "受助人",
            {
                "fields": (
                    "recipient_type",
                    "beneficiary_name",
                    "id_number",
                    ("sex", "birth_date", "age", "is_minor"),
                    "residence",
                    "phone",
                ),
                "description": "填写身份证号码后，性别、出生日期、年龄和是否未成年人由号码自动确定。",
            },
        ),
        (
            "发放内容",
            {
                "fields": (
                    "amount",
                    ("goods", "quantity", "unit"),
                    "goods_value",
                    "subsidy_type",
                ),
                "description": "救助金额与物资数量至少填写一项。",
            },
        ),
        ("健康状况与备注", {"fields": ("health_details", "notes")}),
        RECORD_INFO,
    )

    @admin.display(description="物资", ordering="quantity")
    def goods_given(self, grant):
        if not grant.quantity:
            return "—"
        return f"{grant.goods}{grant.quantity}{grant.unit}"


@admin.register(Screening)
class ScreeningAdmin(ScopedAdmin):
    resource_classes = [ScreeningResource]
    list_display = (
        "start_date",
        "population",
        "org_unit",
        "cervical_screened",
        "breast_screened",
        "cervical_referred",
        "breast_referred",
        "hospital",
    )
    list_display_links = ("start_date", "population")
    list_filter = (YearFilter, "population", UnitFilter)
    search_fields = ("hospital", "notes")
    date_hierarchy = "start_date"
    autocomplete_fields = ("org_unit",)
    readonly_fields = RECORD_INFO_FIELDS
    fieldsets = (
        ("筛查", {"fields": ("year", ("start_date", "end_date"), "population", "org_unit")}),
        (
            "人数",
            {
                "fields": (
                    ("cervical_screened", "cervical_referred"),
                    ("breast_screened", "breast_referred"),
                )
            },
        ),
        ("其他", {"fields": ("hospital", "notes")}),
        RECORD_INFO,
    )


@admin.register(WelfareTallyKind)
class WelfareTallyKindAdmin(TallyKindAdmin):
    pass


@admin.register(WelfareTally)
class WelfareTallyAdmin(TallyAdmin):
    resource_classes = [WelfareTallyResource]
