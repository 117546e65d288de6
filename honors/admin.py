from django.contrib import admin

from fedportal.admin import ReferenceListAdmin, ScopedAdmin, UnitFilter, YearFilter
from fedportal.tallies import TallyAdmin, TallyKindAdmin
from honors.models import (
    CommendationEvent,
    FederationHonor,
    Honor,
    HonorLevel,
    HonorTally,
    HonorTallyKind,
    HonorTitle,
)
from honors.resources import (
    CommendationEventResource,
    FederationHonorResource,
    HonorResource,
    HonorTallyResource,
)


@admin.register(HonorLevel)
class HonorLevelAdmin(ReferenceListAdmin):
    list_display = ("name", "code", "aliases", "rank", "order", "is_active")
    list_editable = ("rank", "order", "is_active")


@admin.register(HonorTitle)
class HonorTitleAdmin(ReferenceListAdmin):
    list_display = ("name", "recipient_types", "order", "is_active")
    list_editable = ("recipient_types", "order", "is_active")
    list_filter = ("recipient_types", "is_active")


@admin.register(CommendationEvent)
class CommendationEventAdmin(ScopedAdmin):
    resource_classes = [CommendationEventResource]
    list_display = ("name", "held_on", "organiser", "org_unit")
    list_filter = (UnitFilter,)
    search_fields = ("name", "organiser")
    date_hierarchy = "held_on"
    autocomplete_fields = ("org_unit",)
    fieldsets = (
        ("活动", {"fields": ("name", "held_on", "organiser", "org_unit")}),
        ("活动内容", {"fields": ("description",)}),
    )


@admin.register(Honor)
class HonorAdmin(ScopedAdmin):
    resource_classes = [HonorResource]
    list_display = (
        "recipient_name",
        "recipient_type",
        "title",
        "level",
        "year",
        "conferred_by",
        "org_unit",
    )
    list_filter = (YearFilter, "level", "title", "recipient_type", UnitFilter)
    list_select_related = ("org_unit", "title", "level")
    search_fields = ("recipient_name", "work_unit", "conferred_by", "event__name")
    date_hierarchy = "conferred_on"
    autocomplete_fields = ("org_unit", "event")
    fieldsets = (
        (
            "获得者",
            {
                "fields": ("recipient_type", "recipient_name", "work_unit", "post", "org_unit"),
                "description": "个人填写姓名、工作单位和职务；集体填写集体名称，不填职务。"
                "所属单位是获得者所在的乡镇、村或区直单位，统计按它逐级汇总。",
            },
        ),
        (
            "荣誉",
            {"fields": ("title", "level", "conferred_by", "year", "conferred_on", "event")},
        ),
        ("备注", {"fields": ("notes",)}),
    )


@admin.register(FederationHonor)
class FederationHonorAdmin(ScopedAdmin):
    resource_classes = [FederationHonorResource]
    list_display = ("title", "kind", "level", "year", "conferred_by", "org_unit")
    list_filter = (YearFilter, "kind", "level", UnitFilter)
    list_select_related = ("org_unit", "level")
    search_fields = ("title", "conferred_by")
    autocomplete_fields = ("org_unit",)
    fieldsets = (
        (
            "荣誉",
            {
                "fields": ("title", "kind", "level", "conferred_by", "year"),
                "description": "妇联本身获得的荣誉称号、竞赛奖项和考核评价，用于年度报告开篇。",
            },
        ),
        ("所属单位", {"fields": ("org_unit",)}),
        ("备注", {"fields": ("notes",)}),
    )


@admin.register(HonorTallyKind)
class HonorTallyKindAdmin(TallyKindAdmin):
    pass


@admin.register(HonorTally)
class HonorTallyAdmin(TallyAdmin):
    resource_classes = [HonorTallyResource]
