"""Import and export of 妇儿民生 records, with Chinese columns and cell values.

Dates, numbers, 是/否, choices and text (ID and phone numbers that Excel stored as numbers
too) are read by the shared widgets (fedportal.imports) that ScopedResource gives a plain
field. What is particular here: an empty amount or count is 0 (a grant of goods has no money,
a screening may have no positives); runs by their number; health details hidden whole on
export.
"""

from import_export import fields, widgets

from fedportal.imports import (
    ChoiceLabelWidget,
    MoneyWidget,
    ReferenceWidget,
    ScopedResource,
    ScopedWidgetMixin,
    WholeNumberWidget,
    cell_text,
)
from fedportal.tallies import TallyResource
from welfare.models import (
    Fundraising,
    Grant,
    Programme,
    ProgrammeRun,
    Residence,
    Screening,
    WelfareTally,
)


# The shared widgets read an empty cell as "no value", which a required column reports as
# missing. Here staff leave a count or an amount empty to mean none (goods without money, a
# screening without positives), as the form's default of 0 does; so these two stay.
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


class RunWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """A programme run by its number, among the runs the importing user's records may join."""

    def __init__(self, **kwargs):
        super().__init__(ProgrammeRun, field="pk", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        runs = ProgrammeRun.objects.shared_with(self.user) if self.user else None
        run = runs.filter(pk=int(text)).first() if runs is not None and text.isdigit() else None
        if run is None:
            raise ValueError(f"找不到编号为“{text}”的项目实施记录，或您无权使用该记录。")
        return run

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.pk)


class ProgrammeRunResource(ScopedResource):
    programme = fields.Field(
        attribute="programme", column_name="帮扶项目", widget=ReferenceWidget(Programme)
    )

    class Meta(ScopedResource.Meta):
        model = ProgrammeRun
        fields = ("id", "org_unit", "programme", "year", "partner", "beneficiaries", "description")


class FundraisingResource(ScopedResource):
    programme = fields.Field(
        attribute="programme", column_name="帮扶项目", widget=ReferenceWidget(Programme)
    )
    run = fields.Field(attribute="run", column_name="项目实施编号", widget=RunWidget())
    amount = fields.Field(attribute="amount", column_name="募集金额（元）", widget=AmountWidget())

    class Meta(ScopedResource.Meta):
        model = Fundraising
        fields = ("id", "org_unit", "programme", "year", "date", "run", "amount", "donors", "notes")


class GrantResource(ScopedResource):
    programme = fields.Field(
        attribute="programme", column_name="帮扶项目", widget=ReferenceWidget(Programme)
    )
    run = fields.Field(attribute="run", column_name="项目实施编号", widget=RunWidget())
    residence = fields.Field(
        attribute="residence",
        column_name="城乡",
        # What staff call the two when they do not use the form's words.
        widget=ChoiceLabelWidget(
            Residence.choices, aliases={"城市": Residence.URBAN, "乡村": Residence.RURAL}
        ),
    )
    amount = fields.Field(attribute="amount", column_name="救助金额（元）", widget=AmountWidget())
    quantity = fields.Field(attribute="quantity", column_name="物资数量", widget=CountWidget())
    subsidy_type = fields.Field(
        attribute="subsidy_type",
        column_name="资助方式",
        widget=SubsidyWidget(Grant.SubsidyType.choices),
    )

    class Meta(ScopedResource.Meta):
        model = Grant
        fields = (
            "id",
            "org_unit",
            "programme",
            "year",
            "date",
            "run",
            "recipient_type",
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
            "goods_value",
            "subsidy_type",
            "notes",
        )


class ScreeningResource(ScopedResource):
    cervical_screened = fields.Field(
        attribute="cervical_screened", column_name="宫颈癌筛查人数", widget=CountWidget()
    )
    breast_screened = fields.Field(
        attribute="breast_screened", column_name="乳腺癌筛查人数", widget=CountWidget()
    )
    cervical_referred = fields.Field(
        attribute="cervical_referred", column_name="宫颈癌阳性/转诊人数", widget=CountWidget()
    )
    breast_referred = fields.Field(
        attribute="breast_referred", column_name="乳腺癌阳性/转诊人数", widget=CountWidget()
    )

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


class WelfareTallyResource(TallyResource):
    class Meta(TallyResource.Meta):
        model = WelfareTally
