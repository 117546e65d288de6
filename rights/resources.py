"""Spreadsheet import and export of rights records.

The case resource has no personal column at all; complainants' personal data goes through
`ComplainantResource` only, which masks it for anyone without `view_personal_complainant`.
"""

import re
from datetime import date, datetime, timedelta

from import_export import fields, widgets

from fedportal.imports import OrgUnitWidget, ReferenceWidget, ScopedResource, ScopedWidgetMixin
from fedportal.personal_data import mask_address, mask_id_number, mask_name, mask_phone
from rights.models import (
    CaseCategory,
    Channel,
    Complainant,
    Mediation,
    RightsCase,
    ServicePoint,
)

_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIAL_RE = re.compile(r"\d{1,7}(?:\.0+)?")
# The last day Excel can show, 9999-12-31.
_EXCEL_MAX_SERIAL = 2958465


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


class FlexibleDateWidget(widgets.DateWidget):
    """A date as ISO text, as "2021/3/8" or "2021年3月8日", as an Excel date cell or serial."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = _cell_text(value)
        if not text:
            return None
        if _EXCEL_SERIAL_RE.fullmatch(text):
            # A date cell that lost its format (or a CSV saved from one) holds the serial.
            serial = int(float(text))
            if 1 <= serial <= _EXCEL_MAX_SERIAL:
                return _EXCEL_EPOCH + timedelta(days=serial)
        match = _DATE_RE.fullmatch(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise ValueError(f"“{text}”不是有效日期，请填写如 2021-03-08 或 2021/3/8。")


class ChoiceWidget(widgets.Widget):
    """A TextChoices field by its Chinese label, as staff type it; exported as the label."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = _cell_text(value)
        if not text:
            return ""
        for stored, label in self.choices.choices:
            if text in (label, stored):
                return stored
        labels = "、".join(self.choices.labels)
        raise ValueError(f"“{text}”不是可选的值，请填写：{labels}。")

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices.choices).get(value, value or "")


class YesNoWidget(widgets.Widget):
    """A yes/no cell as 是/否 (also 1/0, true/false); an empty cell is 否."""

    YES = ("是", "1", "true", "yes", "y", "√", "✓")
    NO = ("否", "0", "false", "no", "n", "×", "")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _cell_text(value).lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(f"“{text}”不是有效的是否值，请填写“是”或“否”。")

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ScopedRecordWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """Another scoped record, looked up by `field` among the records the importer may see."""

    def __init__(self, model, field="pk", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _cell_text(value)
        if not text:
            return None
        records = self.model.objects.in_scope(self.user) if self.user else self.model.objects.none()
        label = self.model._meta.verbose_name
        try:
            found = list(records.filter(**{self.field: text})[:2])
        except ValueError:
            found = []
        if not found:
            raise ValueError(f"找不到“{text}”对应的{label}，或该{label}不在您的管辖范围内。")
        if len(found) > 1:
            raise ValueError(f"有多个{label}与“{text}”对应，请改填编号。")
        return found[0]


class UnmaskedTextWidget(widgets.CharWidget):
    """A personal text field; a masked value from an export must not overwrite the real one."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if "*" in text:
            raise ValueError(
                f"“{text}”含有“*”，像是导出时脱敏的值，不能导入；请填写完整信息或删除此列。"
            )
        return text


class TextWidget(widgets.CharWidget):
    """A TextField's cell. The shared resource gives TextFields no text widget, so an
    empty cell would reach the database as NULL instead of ""."""


class RightsResource(ScopedResource):
    """Columns marked read-only are for reading an export; they stay out of the template."""

    def get_import_fields(self):
        return [field for field in super().get_import_fields() if not field.readonly]


class RightsCaseResource(RightsResource):
    received_on = fields.Field(
        attribute="received_on", column_name="受理日期", widget=FlexibleDateWidget()
    )
    channel = fields.Field(
        attribute="channel", column_name="来源渠道", widget=ReferenceWidget(Channel)
    )
    category = fields.Field(
        attribute="category", column_name="诉求类别", widget=ReferenceWidget(CaseCategory)
    )
    summary = fields.Field(attribute="summary", column_name="案情摘要")
    status = fields.Field(
        attribute="status", column_name="办理状态", widget=ChoiceWidget(RightsCase.Status)
    )
    result = fields.Field(attribute="result", column_name="处理结果", widget=TextWidget())
    closed_on = fields.Field(
        attribute="closed_on", column_name="办结日期", widget=FlexibleDateWidget()
    )
    referred_to = fields.Field(attribute="referred_to", column_name="转介单位")
    year = fields.Field(
        attribute="year", column_name="年度", readonly=True, widget=widgets.IntegerWidget()
    )

    class Meta(ScopedResource.Meta):
        model = RightsCase
        fields = (
            "id",
            "org_unit",
            "received_on",
            "channel",
            "category",
            "summary",
            "status",
            "result",
            "closed_on",
            "referred_to",
            "year",
        )
        export_order = fields
        import_id_fields = ("id",)


class ComplainantResource(RightsResource):
    """The personal data of cases, for rights caseworkers; masked for anyone else."""

    case = fields.Field(
        attribute="case", column_name="案件编号", widget=ScopedRecordWidget(RightsCase)
    )
    case_unit = fields.Field(
        attribute="case__org_unit",
        column_name="案件所属单位",
        readonly=True,
        widget=OrgUnitWidget(),
    )
    case_received_on = fields.Field(
        attribute="case__received_on",
        column_name="受理日期",
        readonly=True,
        widget=FlexibleDateWidget(),
    )
    name = fields.Field(attribute="name", column_name="姓名", widget=UnmaskedTextWidget())
    sex = fields.Field(attribute="sex", column_name="性别", widget=ChoiceWidget(Complainant.Sex))
    id_number = fields.Field(
        attribute="id_number", column_name="身份证号码", widget=UnmaskedTextWidget()
    )
    phone = fields.Field(attribute="phone", column_name="联系电话", widget=UnmaskedTextWidget())
    address = fields.Field(attribute="address", column_name="住址", widget=UnmaskedTextWidget())
    is_minor = fields.Field(attribute="is_minor", column_name="未成年人", widget=YesNoWidget())

    personal_fields = {
        "name": mask_name,
        "id_number": mask_id_number,
        "phone": mask_phone,
        "address": mask_address,
    }

    class Meta(ScopedResource.Meta):
        model = Complainant
        fields = (
            "id",
            "case",
            "case_unit",
            "case_received_on",
            "name",
            "sex",
            "id_number",
            "phone",
            "address",
            "is_minor",
        )
        export_order = fields
        import_id_fields = ("id",)

    def get_queryset(self):
        return super().get_queryset().select_related("case__org_unit")


class MediationResource(RightsResource):
    mediated_on = fields.Field(
        attribute="mediated_on", column_name="调解日期", widget=FlexibleDateWidget()
    )
    dispute_type = fields.Field(
        attribute="dispute_type", column_name="纠纷类型", widget=ReferenceWidget(CaseCategory)
    )
    parties_count = fields.Field(attribute="parties_count", column_name="当事人数")
    mediator = fields.Field(attribute="mediator", column_name="调解员")
    outcome = fields.Field(
        attribute="outcome", column_name="调解结果", widget=ChoiceWidget(Mediation.Outcome)
    )
    case = fields.Field(
        attribute="case", column_name="关联案件编号", widget=ScopedRecordWidget(RightsCase)
    )
    service_point = fields.Field(
        attribute="service_point",
        column_name="调解地点",
        widget=ScopedRecordWidget(ServicePoint, field="name"),
    )
    notes = fields.Field(attribute="notes", column_name="备注", widget=TextWidget())

    class Meta(ScopedResource.Meta):
        model = Mediation
        fields = (
            "id",
            "org_unit",
            "mediated_on",
            "dispute_type",
            "parties_count",
            "mediator",
            "outcome",
            "case",
            "service_point",
            "notes",
        )
        export_order = fields
        import_id_fields = ("id",)


class ServicePointResource(RightsResource):
    name = fields.Field(attribute="name", column_name="名称")
    kind = fields.Field(
        attribute="kind", column_name="类型", widget=ChoiceWidget(ServicePoint.Kind)
    )
    partners = fields.Field(attribute="partners", column_name="合作单位")
    opened_on = fields.Field(
        attribute="opened_on", column_name="建成日期", widget=FlexibleDateWidget()
    )
    services = fields.Field(attribute="services", column_name="服务内容", widget=TextWidget())
    staffing = fields.Field(attribute="staffing", column_name="人员配置", widget=TextWidget())
    online_consultation = fields.Field(
        attribute="online_consultation", column_name="开通线上咨询", widget=YesNoWidget()
    )

    class Meta(ScopedResource.Meta):
        model = ServicePoint
        fields = (
            "id",
            "org_unit",
            "name",
            "kind",
            "partners",
            "opened_on",
            "services",
            "staffing",
            "online_consultation",
        )
        export_order = fields
        import_id_fields = ("id",)
