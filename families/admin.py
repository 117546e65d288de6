from django.contrib import admin

from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTally,
    FamilyTallyKind,
    FamilyTraditionBase,
    ParentSchool,
)
from families.resources import (
    FamilyActivityResource,
    FamilyAwardResource,
    FamilyTallyResource,
    FamilyTraditionBaseResource,
    ParentSchoolResource,
)
from fedportal.admin import ReferenceListAdmin, ScopedAdmin, UnitFilter, YearFilter
from fedportal.tallies import TallyAdmin, TallyKindAdmin

RECORDED = ("录入信息", {"fields": ("created_by", "created_at", "updated_at")})


class FamiliesRecordAdmin(ScopedAdmin):
    """Shared bits of this app's record admins: who entered a record is shown, not edited."""

    readonly_fields = ("created_by", "created_at", "updated_at")
    autocomplete_fields = ("org_unit",)


@admin.register(AwardKind)
class AwardKindAdmin(ReferenceListAdmin):
    pass


@admin.register(AwardLevel)
class AwardLevelAdmin(ReferenceListAdmin):
    list_display = ("name", "code", "aliases", "rank", "order", "is_active")
    list_editable = ("rank", "order", "is_active")


@admin.register(ActivityType)
class ActivityTypeAdmin(ReferenceListAdmin):
    pass


@admin.register(FamilyAward)
class FamilyAwardAdmin(FamiliesRecordAdmin):
    resource_classes = [FamilyAwardResource]
    list_display = (
        "household_name",
        "head_name",
        "year",
        "level",
        "kind",
        "conferred_by",
        "org_unit",
    )
    list_filter = (YearFilter, "level", "kind", UnitFilter)
    search_fields = ("household_name", "head_name", "conferred_by", "occasion")
    date_hierarchy = "conferred_on"
    list_select_related = ("org_unit", "kind", "level")
    fieldsets = (
        ("家庭", {"fields": ("org_unit", "household_name", "head_name")}),
        (
            "表彰",
            {"fields": ("year", "level", "kind", "conferred_by", "conferred_on", "occasion")},
        ),
        ("事迹", {"fields": ("story",)}),
        RECORDED,
    )


@admin.register(FamilyActivity)
class FamilyActivityAdmin(FamiliesRecordAdmin):
    resource_classes = [FamilyActivityResource]
    list_display = (
        "title",
        "activity_type",
        "held_on",
        "sessions",
        "participants",
        "beneficiaries",
        "org_unit",
    )
    list_filter = (YearFilter, "activity_type", UnitFilter)
    search_fields = ("title", "participant_group", "partners")
    date_hierarchy = "held_on"
    list_select_related = ("org_unit", "activity_type")
    fieldsets = (
        ("活动", {"fields": ("org_unit", "activity_type", "title", "held_on", "year")}),
        (
            "规模",
            {"fields": ("sessions", "participants", "participant_group", "beneficiaries")},
        ),
        ("其他", {"fields": ("partners", "notes")}),
        RECORDED,
    )


@admin.register(ParentSchool)
class ParentSchoolAdmin(FamiliesRecordAdmin):
    resource_classes = [ParentSchoolResource]
    list_display = (
        "name",
        "kind",
        "is_demonstration",
        "established_year",
        "demonstration_year",
        "org_unit",
    )
    list_filter = ("kind", "is_demonstration", "demonstration_year", UnitFilter)
    search_fields = ("name",)
    fieldsets = (
        ("学校", {"fields": ("org_unit", "name", "kind", "established_year")}),
        ("示范", {"fields": ("is_demonstration", "demonstration_year")}),
        ("其他", {"fields": ("notes",)}),
        RECORDED,
    )


@admin.register(FamilyTraditionBase)
class FamilyTraditionBaseAdmin(FamiliesRecordAdmin):
    resource_classes = [FamilyTraditionBaseResource]
    list_display = ("name", "designated_year", "level", "org_unit")
    list_filter = ("designated_year", "level", UnitFilter)
    search_fields = ("name", "description")
    list_select_related = ("org_unit", "level")
    fieldsets = (
        ("基地", {"fields": ("org_unit", "name", "designated_year", "level")}),
        ("简介", {"fields": ("description",)}),
        RECORDED,
    )


@admin.register(FamilyTallyKind)
class FamilyTallyKindAdmin(TallyKindAdmin):
    pass


@admin.register(FamilyTally)
class FamilyTallyAdmin(TallyAdmin):
    resource_classes = [FamilyTallyResource]
