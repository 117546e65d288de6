"""Spreadsheet import and export of the family-work records, with Chinese column names.

Cells are read by the shared widgets (fedportal.imports) that ScopedResource gives a field
declared without one: dates as staff type them, 是/否, choices by their label.
"""

from import_export import fields

from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTally,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.imports import ReferenceWidget, ScopedResource
from fedportal.tallies import TallyResource


class FamilyAwardResource(ScopedResource):
    household_name = fields.Field(attribute="household_name", column_name="户名")
    head_name = fields.Field(attribute="head_name", column_name="户主姓名")
    kind = fields.Field(attribute="kind", column_name="表彰类别", widget=ReferenceWidget(AwardKind))
    level = fields.Field(
        attribute="level", column_name="表彰级别", widget=ReferenceWidget(AwardLevel)
    )
    conferred_by = fields.Field(attribute="conferred_by", column_name="授予单位")
    year = fields.Field(attribute="year", column_name="年度")
    conferred_on = fields.Field(attribute="conferred_on", column_name="授予日期")
    occasion = fields.Field(attribute="occasion", column_name="表彰活动")
    story = fields.Field(attribute="story", column_name="事迹")

    class Meta(ScopedResource.Meta):
        model = FamilyAward
        fields = (
            "id",
            "org_unit",
            "household_name",
            "head_name",
            "kind",
            "level",
            "conferred_by",
            "year",
            "conferred_on",
            "occasion",
            "story",
        )


class FamilyActivityResource(ScopedResource):
    activity_type = fields.Field(
        attribute="activity_type", column_name="活动类型", widget=ReferenceWidget(ActivityType)
    )
    title = fields.Field(attribute="title", column_name="活动名称")
    held_on = fields.Field(attribute="held_on", column_name="活动日期")
    year = fields.Field(attribute="year", column_name="年度")
    sessions = fields.Field(attribute="sessions", column_name="场次")
    participants = fields.Field(attribute="participants", column_name="参与人数")
    participant_group = fields.Field(attribute="participant_group", column_name="参与对象")
    beneficiaries = fields.Field(attribute="beneficiaries", column_name="受惠人数")
    partners = fields.Field(attribute="partners", column_name="合作单位")
    notes = fields.Field(attribute="notes", column_name="备注")

    class Meta(ScopedResource.Meta):
        model = FamilyActivity
        fields = (
            "id",
            "org_unit",
            "activity_type",
            "title",
            "held_on",
            "year",
            "sessions",
            "participants",
            "participant_group",
            "beneficiaries",
            "partners",
            "notes",
        )


class ParentSchoolResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="名称")
    kind = fields.Field(attribute="kind", column_name="类型")
    is_demonstration = fields.Field(attribute="is_demonstration", column_name="示范家长学校")
    established_year = fields.Field(attribute="established_year", column_name="成立年度")
    demonstration_year = fields.Field(attribute="demonstration_year", column_name="命名示范年度")
    notes = fields.Field(attribute="notes", column_name="备注")

    class Meta(ScopedResource.Meta):
        model = ParentSchool
        fields = (
            "id",
            "org_unit",
            "name",
            "kind",
            "is_demonstration",
            "established_year",
            "demonstration_year",
            "notes",
        )


class FamilyTraditionBaseResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="基地名称")
    designated_year = fields.Field(attribute="designated_year", column_name="命名年度")
    level = fields.Field(attribute="level", column_name="级别", widget=ReferenceWidget(AwardLevel))
    description = fields.Field(attribute="description", column_name="简介")

    class Meta(ScopedResource.Meta):
        model = FamilyTraditionBase
        fields = ("id", "org_unit", "name", "designated_year", "level", "description")


class FamilyTallyResource(TallyResource):
    class Meta(TallyResource.Meta):
        model = FamilyTally
