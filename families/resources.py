"""Spreadsheet import and export of the family-work records, with Chinese column names.

The widgets here read what staff actually type in Excel or WPS: dates as 2021-03-08,
2021/3/8, 2021年3月8日 or an Excel date cell, yes/no as 是/否, and choices by their label.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.db import models
from import_export import fields, widgets

from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.imports import ReferenceWidget, ScopedResource

DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers of 1949-01-01 and 2100-12-31: a bare number outside is not a date.
EXCEL_SERIALS = range(17899, 73416)


class FlexibleDateWidget(widgets.DateWidget):
    """A date as ISO, 2021/3/8, 2021.3.8, 2021年3月8日, a date cell or an Excel serial number."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if isinstance(value, int | float) or text.isdigit():
            serial = float(text)
            if serial.is_integer() and int(serial) in EXCEL_SERIALS:
                return EXCEL_EPOCH + timedelta(days=int(serial))
        match = DATE_RE.fullmatch(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise ValueError(f"无法识别日期“{text}”，请填写如 2021-03-08 或 2021/3/8 的日期。")

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if isinstance(value, date) else ""


class WholeNumberWidget(widgets.IntegerWidget):
    """An integer cell; text or a fraction gets a Chinese message instead of a traceback."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        text = str(value).strip().replace(",", "").replace("，", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{value}”不是数字，请填写整数。") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(f"“{value}”不是整数，请填写整数。")
        if abs(number) >= 10**9:
            raise ValueError(f"“{value}”过大，请核对。")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class YesNoWidget(widgets.BooleanWidget):
    """是/否 (also 1/0, √, true/false); written back as 是/否."""

    TRUE_TEXT = {"是", "√", "1", "true", "yes", "y"}
    FALSE_TEXT = {"否", "×", "0", "false", "no", "n", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text in self.TRUE_TEXT:
            return True
        if text in self.FALSE_TEXT:
            return False
        raise ValueError(f"“{value}”无法识别，请填写“是”或“否”。")

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ChoiceLabelWidget(widgets.Widget):
    """A TextChoices field by its Chinese label (the stored code is accepted too)."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return ""
        for code, label in self.choices.choices:
            if text in (label, code):
                return code
        allowed = "、".join(self.choices.labels)
        raise ValueError(f"“{text}”不是有效的选项，可填：{allowed}。")

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices.choices).get(value, value or "")


def text(attribute, column_name):
    # Explicitly a CharWidget: the shared resource leaves TextFields with the plain widget,
    # which would store an empty cell as NULL and fail in the database.
    return fields.Field(attribute=attribute, column_name=column_name, widget=widgets.CharWidget())


def whole(attribute, column_name):
    return fields.Field(attribute=attribute, column_name=column_name, widget=WholeNumberWidget())


def reference(attribute, column_name, model):
    return fields.Field(attribute=attribute, column_name=column_name, widget=ReferenceWidget(model))


def day(attribute, column_name):
    return fields.Field(attribute=attribute, column_name=column_name, widget=FlexibleDateWidget())


class FamiliesResource(ScopedResource):
    """Names an empty required cell itself, instead of Django's “这个值不能为 null。”."""

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name in row and field.attribute in self.required_attributes:
            value = row[field.column_name]
            if value is None or (isinstance(value, str) and not value.strip()):
                raise ValueError(f"“{field.column_name}”为必填项，不能为空。")
        super().import_field(field, instance, row, is_m2m, **kwargs)

    @cached_property
    def required_attributes(self):
        return {
            f.name
            for f in self._meta.model._meta.get_fields()
            if f.name != "id"
            and not getattr(f, "blank", True)
            # 是/否 cells left empty mean 否.
            and not isinstance(f, models.BooleanField)
        }


class FamilyAwardResource(FamiliesResource):
    household_name = text("household_name", "户名")
    head_name = text("head_name", "户主姓名")
    kind = reference("kind", "表彰类别", AwardKind)
    level = reference("level", "表彰级别", AwardLevel)
    conferred_by = text("conferred_by", "授予单位")
    year = whole("year", "年度")
    conferred_on = day("conferred_on", "授予日期")
    occasion = text("occasion", "表彰活动")
    story = text("story", "事迹")

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
        import_id_fields = ("id",)


class FamilyActivityResource(FamiliesResource):
    activity_type = reference("activity_type", "活动类型", ActivityType)
    title = text("title", "活动名称")
    held_on = day("held_on", "活动日期")
    year = whole("year", "年度")
    sessions = whole("sessions", "场次")
    participants = whole("participants", "参与人数")
    participant_group = text("participant_group", "参与对象")
    beneficiaries = whole("beneficiaries", "受惠人数")
    partners = text("partners", "合作单位")
    notes = text("notes", "备注")

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
        import_id_fields = ("id",)


class ParentSchoolResource(FamiliesResource):
    name = text("name", "名称")
    kind = fields.Field(
        attribute="kind", column_name="类型", widget=ChoiceLabelWidget(ParentSchool.Kind)
    )
    is_demonstration = fields.Field(
        attribute="is_demonstration", column_name="示范家长学校", widget=YesNoWidget()
    )
    established_year = whole("established_year", "成立年度")
    demonstration_year = whole("demonstration_year", "命名示范年度")
    notes = text("notes", "备注")

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
        import_id_fields = ("id",)


class FamilyTraditionBaseResource(FamiliesResource):
    name = text("name", "基地名称")
    designated_year = whole("designated_year", "命名年度")
    level = reference("level", "级别", AwardLevel)
    description = text("description", "简介")

    class Meta(ScopedResource.Meta):
        model = FamilyTraditionBase
        fields = ("id", "org_unit", "name", "designated_year", "level", "description")
        import_id_fields = ("id",)
