"""Spreadsheet import and export of rights records.

The case resource has no personal column at all; complainants' personal data goes through
`ComplainantResource` only, which masks it for anyone without `view_personal_complainant`.
"""

from import_export import fields, widgets

from fedportal.imports import (
    ChineseDateWidget,
    OrgUnitWidget,
    ReferenceWidget,
    ScopedResource,
    ScopedWidgetMixin,
    cell_text,
)
from fedportal.tallies import TallyResource
from rights.models import (
    CaseCategory,
    Channel,
    Complainant,
    Mediation,
    RightsCase,
    RightsTally,
    ServicePoint,
)
from rights.services import complainants_changed


class ScopedRecordWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """Another scoped record, looked up by `field` among the records the importer may see."""

    def __init__(self, model, field="pk", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
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


class RightsResource(ScopedResource):
    """Columns marked read-only are for reading an export; they stay out of the template."""

    def get_import_fields(self):
        return [field for field in super().get_import_fields() if not field.readonly]


class RightsCaseResource(RightsResource):
    channel = fields.Field(
        attribute="channel", column_name="来源渠道", widget=ReferenceWidget(Channel)
    )
    category = fields.Field(
        attribute="category", column_name="诉求类别", widget=ReferenceWidget(CaseCategory)
    )
    year = fields.Field(attribute="year", column_name="年度", readonly=True)

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
        widget=ChineseDateWidget(),
    )

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

    def get_queryset(self):
        return super().get_queryset().select_related("case__org_unit")

    # A complainant is part of its case: importing one is a change of its case, as saving
    # one on its own page is (rights.services.complainants_changed). The hooks only note,
    # for each complainant saved, the case it was stored with and the case it now has.
    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._stored_cases = {}
        self._moves = []

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            self._stored_cases[instance.pk] = instance.case_id

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        self._moves.append((self._stored_cases.get(instance.pk), instance.case_id))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not (
            result.has_errors() or result.has_validation_errors()
        ):
            complainants_changed(moves=self._moves, user=self.user)


class MediationResource(RightsResource):
    dispute_type = fields.Field(
        attribute="dispute_type", column_name="纠纷类型", widget=ReferenceWidget(CaseCategory)
    )
    case = fields.Field(
        attribute="case", column_name="关联案件编号", widget=ScopedRecordWidget(RightsCase)
    )
    service_point = fields.Field(
        attribute="service_point",
        column_name="调解地点",
        widget=ScopedRecordWidget(ServicePoint, field="name"),
    )

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


class ServicePointResource(RightsResource):
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


class RightsTallyResource(TallyResource):
    class Meta(TallyResource.Meta):
        model = RightsTally
