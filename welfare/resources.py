"""Import and export of 妇儿民生 records, with Chinese columns and cell values.

Dates, numbers, 是/否 and choices are read by the shared widgets (fedportal.imports) that
ScopedResource gives a plain field. What is particular here: an empty amount or count is 0
(a grant of goods has no money, a screening may have no positives); ID and phone numbers
that Excel stored as numbers; runs by their number; health details hidden whole on export.
"""

from import_export import fields, widgets

from fedportal.imports import (
    ChoiceLabelWidget,
    MoneyWidget,
    ReferenceWidget,
    ScopedResource,
    ScopedWidgetMixin,
    WholeNumberWidget,
)
from fedportal.personal_data import mask_id_number, mask_phone
from welfare.models import Fundraising, Grant, Programme, ProgrammeRun, Screening

HIDDEN = "（已隐藏）"


def hide_text(value):
    """Free text about a person's health is hidden whole, not partly masked."""
    return HIDDEN if value else ""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class CountWidget(WholeNumberWidget):
    """A count where an empty cell means none."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        return 0 if number is None else number


class AmountWidget(MoneyWidget):
    """Money in 元 where an empty cell means none (a grant of goods only)."""

    def clean(self, value, row=None, **kwargs):
        amount = super().clean(value, row, **kwargs)
        return 0 if amount is None else amount


class SubsidyWidget(ChoiceLabelWidget):
    """资助方式 by its label; an empty cell is 不适用, as on the form."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or Grant.SubsidyType.NOT_APPLICABLE


class DigitsWidget(widgets.CharWidget):
    """ID and phone numbers: Excel may have stored them as numbers."""

    def clean(self, value, row=None, **kwargs):
        return _cell_text(value)


class RunWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """A programme run by its number, among the runs the importing user's records may join."""

    def __init__(self, **kwargs):
        super().__init__(ProgrammeRun, field="pk", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _cell_text(value)
        if not text:
            return None
        runs = ProgrammeRun.objects.available_to(self.user) if self.user else None
        run = runs.filter(pk=int(text)).first() if runs is not None and text.isdigit() else None
        if run is None:
            raise ValueError(f"找不到编号为“{text}”的项目实施记录，或您无权使用该记录。")
        return run

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.pk)


def text(attribute, column_name):
    # ScopedResource gives a plain field the shared widget its model field calls for.
    return fields.Field(attribute=attribute, column_name=column_name)


def field(attribute, column_name, widget):
    return fields.Field(attribute=attribute, column_name=column_name, widget=widget)


class MaskedRoundTripMixin:
    """Importing a masked export back leaves the personal data it masked as it was.

    Township staff export grants with ID numbers masked, correct a few cells and import
    the sheet again; a cell still equal to the mask of the stored value means "unchanged",
    not "replace the ID number with stars" (or the health details with 已隐藏).
    """

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        mask = self.personal_fields.get(field.attribute)
        if mask is not None and instance.pk and not self.may_see_personal_data():
            stored = getattr(instance, field.attribute)
            if stored and _cell_text(row.get(field.column_name)) == mask(stored):
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)


class ProgrammeRunResource(ScopedResource):
    programme = field("programme", "帮扶项目", ReferenceWidget(Programme))
    year = text("year", "年度")
    partner = text("partner", "合作单位")
    beneficiaries = text("beneficiaries", "受助对象")
    description = text("description", "实施情况")

    class Meta(ScopedResource.Meta):
        model = ProgrammeRun
        fields = ("id", "org_unit", "programme", "year", "partner", "beneficiaries", "description")
        import_id_fields = ("id",)


class FundraisingResource(ScopedResource):
    programme = field("programme", "帮扶项目", ReferenceWidget(Programme))
    year = text("year", "年度")
    date = text("date", "募集日期")
    run = field("run", "项目实施编号", RunWidget())
    amount = field("amount", "募集金额（元）", AmountWidget())
    donors = text("donors", "捐赠方")
    notes = text("notes", "备注")

    class Meta(ScopedResource.Meta):
        model = Fundraising
        fields = ("id", "org_unit", "programme", "year", "date", "run", "amount", "donors", "notes")
        import_id_fields = ("id",)


class GrantResource(MaskedRoundTripMixin, ScopedResource):
    programme = field("programme", "帮扶项目", ReferenceWidget(Programme))
    year = text("year", "年度")
    date = text("date", "发放日期")
    run = field("run", "项目实施编号", RunWidget())
    beneficiary_name = text("beneficiary_name", "受助人姓名")
    id_number = field("id_number", "身份证号码", DigitsWidget())
    sex = text("sex", "性别")
    birth_date = text("birth_date", "出生日期")
    age = text("age", "年龄")
    is_minor = text("is_minor", "未成年人")
    residence = text("residence", "城乡")
    phone = field("phone", "联系电话", DigitsWidget())
    health_details = text("health_details", "健康状况")
    amount = field("amount", "救助金额（元）", AmountWidget())
    goods = text("goods", "物资名称")
    quantity = field("quantity", "物资数量", CountWidget())
    unit = text("unit", "单位")
    subsidy_type = field("subsidy_type", "资助方式", SubsidyWidget(Grant.SubsidyType.choices))
    notes = text("notes", "备注")

    personal_fields = {
        "id_number": mask_id_number,
        "phone": mask_phone,
        "health_details": hide_text,
    }

    class Meta(ScopedResource.Meta):
        model = Grant
        fields = (
            "id",
            "org_unit",
            "programme",
            "year",
            "date",
            "run",
            "beneficiary_name",
            "id_number",
            "sex",
            "birth_date",
            "age",
            "is_minor",
            "residence",
            "phone",
            "health_details",
            "amount",
            "goods",
            "quantity",
            "unit",
            "subsidy_type",
            "notes",
        )
        import_id_fields = ("id",)


class ScreeningResource(ScopedResource):
    year = text("year", "年度")
    start_date = text("start_date", "筛查日期")
    end_date = text("end_date", "结束日期")
    population = text("population", "筛查对象")
    cervical_screened = field("cervical_screened", "宫颈癌筛查人数", CountWidget())
    breast_screened = field("breast_screened", "乳腺癌筛查人数", CountWidget())
    cervical_referred = field("cervical_referred", "宫颈癌阳性/转诊人数", CountWidget())
    breast_referred = field("breast_referred", "乳腺癌阳性/转诊人数", CountWidget())
    hospital = text("hospital", "合作医院")
    notes = text("notes", "备注")

    class Meta(ScopedResource.Meta):
        model = Screening
        fields = (
            "id",
            "org_unit",
            "year",
            "start_date",
            "end_date",
            "population",
            "cervical_screened",
            "breast_screened",
            "cervical_referred",
            "breast_referred",
            "hospital",
            "notes",
        )
        import_id_fields = ("id",)
