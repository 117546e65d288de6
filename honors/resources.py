from import_export import fields, widgets

from fedportal.imports import ReferenceWidget, ScopedResource, ScopedWidgetMixin, cell_text
from fedportal.tallies import TallyResource
from honors.models import (
    CommendationEvent,
    FederationHonor,
    Honor,
    HonorLevel,
    HonorTally,
    HonorTitle,
)

YEAR_COLUMN = "年度"


class EventWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """A commendation event by its name, among the events in the importing user's scope.

    Events of different years may share a name (每年的“三八”表彰大会), so a name that
    matches several is narrowed down by the row's year.
    """

    def __init__(self, **kwargs):
        super().__init__(CommendationEvent, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        events = (
            CommendationEvent.objects.in_scope(self.user)
            if self.user
            else CommendationEvent.objects.none()
        )
        matches = list(events.filter(name=text)[:10])
        if not matches:
            raise ValueError(f"找不到表彰活动“{text}”，或该活动不在您的管辖范围内。")
        if len(matches) > 1:
            year = cell_text((row or {}).get(YEAR_COLUMN)).removesuffix(".0")
            in_year = [event for event in matches if str(event.held_on.year) == year]
            if len(in_year) != 1:
                raise ValueError(
                    f"有 {len(matches)} 个表彰活动叫“{text}”，按年度“{year}”仍无法确定是哪一个，"
                    "请在后台逐条选择。"
                )
            matches = in_year
        return matches[0]


class CommendationEventResource(ScopedResource):
    class Meta(ScopedResource.Meta):
        model = CommendationEvent
        fields = ("id", "org_unit", "name", "held_on", "organiser", "description")


class HonorResource(ScopedResource):
    title = fields.Field(
        attribute="title", column_name="荣誉称号", widget=ReferenceWidget(HonorTitle)
    )
    level = fields.Field(
        attribute="level", column_name="荣誉级别", widget=ReferenceWidget(HonorLevel)
    )
    year = fields.Field(attribute="year", column_name=YEAR_COLUMN)
    event = fields.Field(attribute="event", column_name="表彰活动", widget=EventWidget())

    class Meta(ScopedResource.Meta):
        model = Honor
        fields = (
            "id",
            "org_unit",
            "recipient_type",
            "recipient_name",
            "work_unit",
            "post",
            "title",
            "level",
            "conferred_by",
            "year",
            "conferred_on",
            "event",
            "notes",
        )


class FederationHonorResource(ScopedResource):
    level = fields.Field(
        attribute="level", column_name="荣誉级别", widget=ReferenceWidget(HonorLevel)
    )
    year = fields.Field(attribute="year", column_name=YEAR_COLUMN)

    class Meta(ScopedResource.Meta):
        model = FederationHonor
        fields = ("id", "org_unit", "title", "conferred_by", "level", "year", "kind", "notes")


class HonorTallyResource(TallyResource):
    class Meta(TallyResource.Meta):
        model = HonorTally
