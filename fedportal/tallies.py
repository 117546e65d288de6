"""Admin, spreadsheet and figure source of a work area's tallies (`fedportal.models.Tally`).

Each area declares its own tally model and kind list, then its admin, resource and source
with the bases here, so that every area's tallies are entered, imported, scoped, kept in
history and counted the same way.
"""

from django.contrib import admin
from import_export import fields

from fedportal.admin import ReferenceListAdmin, ScopedAdmin, UnitFilter
from fedportal.imports import ScopedResource
from fedportal.indicators import SUM, EntryFigures, EntryMeasure, Source
from fedportal.models import TALLY_MEASURES

COUNT_FIELDS = ("sessions", "persons", "households", "items", "amount", "quantity", "goods_value")


class TallyKindAdmin(ReferenceListAdmin):
    list_display = ("name", "code", "goods_unit", "order", "is_active")
    list_editable = ("goods_unit", "order", "is_active")


class TallyAdmin(ScopedAdmin):
    list_display = ("kind", "date", "title", "counts", "org_unit")
    list_filter = ("kind", UnitFilter)
    search_fields = ("title", "notes")
    date_hierarchy = "date"
    list_select_related = ("org_unit", "kind")
    autocomplete_fields = ("org_unit",)
    readonly_fields = ("created_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("org_unit", "kind", "date", "title")}),
        (
            "数量（只填有的几项）",
            {
                "fields": (
                    ("sessions", "persons"),
                    ("households", "items"),
                    "amount",
                    ("quantity", "goods_unit", "goods_value"),
                )
            },
        ),
        (None, {"fields": ("notes",)}),
        ("录入信息", {"fields": ("created_by", "created_at", "updated_at")}),
    )

    @admin.display(description="数量")
    def counts(self, tally):
        return "，".join(tally_counts(tally)) or "—"


def tally_counts(tally) -> list[str]:
    """The counts a tally carries, as a person reads them: 场次3，人次120."""
    shown = []
    for name in COUNT_FIELDS:
        value = getattr(tally, name)
        if value is not None:
            _, unit, short = TALLY_MEASURES[name]
            shown.append(f"{short}{value:g}{unit or tally.goods_unit}")
    return shown


class TallyResource(ScopedResource):
    kind = fields.Field(attribute="kind", column_name="类别")

    class Meta(ScopedResource.Meta):
        fields = ("id", "org_unit", "kind", "date", "title", *COUNT_FIELDS, "goods_unit", "notes")


TALLY_FIGURES = tuple(
    EntryMeasure(name, SUM, name, unit or "@goods_unit", "{}" + short)
    for name, (_, unit, short) in TALLY_MEASURES.items()
)


def tally_source(key: str, label: str, model) -> Source:
    """The figure source of an area's tallies: each kind gets a figure per count."""
    return Source(
        key=key,
        label=label,
        model=model,
        count_unit="件",
        date="date",
        dimensions={"类别": "kind__name"},
        units={name: unit for name, (_, unit, _) in TALLY_MEASURES.items() if unit},
        entries=(EntryFigures(("kind",), "{kind}", TALLY_FIGURES),),
    )
