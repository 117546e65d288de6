"""Figures defined in the admin (fedportal.models.FigureDefinition), with their conditions.

System administrators and district staff define figures for the units of their scope; the
built-in figures and those of units above them are shown read-only. The change page shows
what each source offers (fields to filter on, numbers to sum, dimensions) and the figure's
value for recent years, so a definition is checked as it is made. A figure still used by a
draft report or a plan target cannot be deleted: the page says where it is used.
"""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from fedportal import indicators
from fedportal.admin import DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, OwnedByUnitMixin
from fedportal.indicators import format_value
from fedportal.models import FigureDefinition, FigureFilter, OrgUnit
from fedportal.scoping import in_work_area, is_under
from reports.models import PlanTarget, Report

PREVIEW_YEARS = 4


class FigureFilterForm(forms.ModelForm):
    operator = forms.ChoiceField(label="条件", choices=list(indicators.OPERATORS.items()))

    class Meta:
        model = FigureFilter
        fields = ["field", "operator", "values"]
        widgets = {
            "field": forms.TextInput(attrs={"placeholder": "如 表彰级别 或 level"}),
            "values": forms.TextInput(attrs={"placeholder": "如 省、市"}),
        }


class FigureFilterFormSet(BaseInlineFormSet):
    """Checks each condition against the definition's source and stores its values by code,
    whatever spelling (name, alias, label, code) was typed."""

    def clean(self):
        super().clean()
        definition = self.instance
        if definition.measure == indicators.RATIO:
            if any(self._kept(form) for form in self.forms):
                raise forms.ValidationError("比率指标由分子和分母指标计算，不设筛选条件。")
            return
        try:
            src = indicators.source(definition.source)
        except KeyError:
            return  # the definition's own form says the source is unknown
        for form in self.forms:
            if not self._kept(form):
                continue
            data = form.cleaned_data
            values = [v for v in FigureFilter(values=data["values"]).value_list()]
            try:
                condition = indicators.filter_condition(
                    src, data["field"], data["operator"], values
                )
            except ValueError as error:
                form.add_error(None, str(error))
                continue
            form.instance.field = condition.field.name
            form.instance.values = "、".join(condition.values)

    @staticmethod
    def _kept(form) -> bool:
        data = getattr(form, "cleaned_data", None)
        return bool(data) and not data.get("DELETE")


class FigureFilterInline(admin.TabularInline):
    model = FigureFilter
    form = FigureFilterForm
    formset = FigureFilterFormSet
    extra = 2
    verbose_name = "筛选条件"
    verbose_name_plural = "筛选条件（只统计同时满足这些条件的记录）"


class FigureDefinitionForm(forms.ModelForm):
    source = forms.ChoiceField(label="统计对象", required=False)

    class Meta:
        model = FigureDefinition
        fields = [
            "label",
            "key",
            "unit_word",
            "org_unit",
            "description",
            "order",
            "source",
            "measure",
            "field",
            "basis",
            "dimensions",
            "numerator",
            "denominator",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "（比率指标不填）")] + [
            (s.key, f"{s.label}（{s.key}）") for s in indicators.all_sources()
        ]


class FigureAreaFilter(admin.SimpleListFilter):
    title = "业务领域"
    parameter_name = "area"

    def lookups(self, request, model_admin):
        from fedportal.roles import WORK_AREAS

        return list(WORK_AREAS.items())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(key__startswith=f"{self.value()}.")
        return queryset


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(
    OwnedByUnitMixin, DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, admin.ModelAdmin
):
    form = FigureDefinitionForm
    inlines = [FigureFilterInline]
    list_display = ("label", "key", "unit_word", "source_label", "owner", "is_builtin")
    list_filter = (FigureAreaFilter, "is_builtin", "measure")
    search_fields = ("label", "key")
    list_select_related = ("org_unit",)
    readonly_fields = ("is_builtin", "source_help")
    change_form_template = "admin/fedportal/figuredefinition/change_form.html"
    fieldsets = (
        (None, {"fields": ("label", "key", "unit_word", "org_unit", "description", "order")}),
        ("统计什么", {"fields": ("source", "measure", "field", "basis", "dimensions")}),
        ("比率指标（统计方式为“两个指标之比”时填写）", {"fields": ("numerator", "denominator")}),
        ("可用的字段", {"fields": ("source_help", "is_builtin")}),
    )
    not_found_message = "指标不存在，或不在您的管辖范围内。"

    # --- who sees and changes what ---

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_builtin:
            return False
        return super().has_delete_permission(request, obj)

    def has_module_permission(self, request):
        return super().has_module_permission(request) and in_work_area(request.user, "reports")

    # --- list columns ---

    @admin.display(description="统计对象")
    def source_label(self, definition):
        if definition.measure == FigureDefinition.Measure.RATIO:
            return "两个指标之比"
        try:
            return indicators.source(definition.source).label
        except KeyError:
            return f"【未知：{definition.source}】"

    # --- help while defining ---

    @admin.display(description="可用字段")
    def source_help(self, definition):
        keys = [definition.source] if definition and definition.source else None
        shown = [s for s in indicators.all_sources() if keys is None or s.key in keys]
        rows = []
        for src in shown:
            filters = "、".join(f"{f.label}（{f.name}）" for f in src.filter_fields.values())
            summed = "、".join(f"{label}（{name}）" for name, label in src.summable.items())
            rows.append(
                (
                    src.label,
                    src.key,
                    filters or "无",
                    summed or "无",
                    "、".join(src.distinct) or "无",
                    "、".join(src.dimensions) or "无",
                )
            )
        return format_html(
            '<table class="figure-sources"><thead><tr><th>统计对象</th><th>可筛选</th>'
            "<th>可求和</th><th>可不重复计数</th><th>可分解维度</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}<br><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
                "<td>{}</td></tr>",
                rows,
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        definition = self.get_object(request, object_id)
        preview = figure_preview(request, definition) if definition is not None else None
        extra_context = {**(extra_context or {}), "figure_preview": preview}
        return super().change_view(request, object_id, form_url, extra_context)

    # --- deleting a figure in use ---

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for definition in objs:
            protected += figure_uses(definition)
        return deleted, counts, perms_needed, protected


def figure_uses(definition) -> list[str]:
    """Where a definition is in use and no other definition of its key would take over: draft
    reports whose text names it and plan targets on it, in the units it serves."""
    registry = indicators.registry()
    others = [
        s
        for s in (registry.get(definition.key).specs if definition.key in registry else [])
        if s.owner_path != (definition.org_unit.path if definition.org_unit_id else None)
    ]
    owner_path = definition.org_unit.path if definition.org_unit_id else ""

    def left_without(unit) -> bool:
        return is_under(unit, owner_path) and not any(s.serves(unit) for s in others)

    needle = "{" + definition.key
    uses = []
    drafts = Report.objects.filter(status=Report.Status.DRAFT).select_related("org_unit")
    for report in drafts.filter(
        Q(opening__contains=needle)
        | Q(plan_intro__contains=needle)
        | Q(sections__body__contains=needle)
        | Q(plan_items__body__contains=needle)
    ).distinct():
        if left_without(report.org_unit):
            url = reverse("reports:detail", args=[report.org_unit.code, report.year])
            uses.append(format_html('报告草稿：<a href="{}">{}</a>', url, report))
    targets = PlanTarget.objects.filter(indicator=definition.key).select_related(
        "plan_item__report__org_unit"
    )
    for target in targets:
        report = target.plan_item.report
        if left_without(report.org_unit):
            uses.append(f"量化目标：{report}“{target.plan_item.heading}”")
    return uses


def figure_preview(request, definition) -> dict:
    """The figure's value in recent years for one unit of the user's (?preview_unit=CODE),
    to check a definition as it is made."""
    registry = indicators.registry()
    if definition.key not in registry:
        return {"problem": "；".join(registry.problems) or "该指标目前无法计算。"}
    indicator = registry.get(definition.key)
    units = OrgUnit.objects.in_scope(request.user)
    code = request.GET.get("preview_unit")
    if code:
        unit = units.filter(code=code).first()
    elif definition.org_unit_id and units.filter(pk=definition.org_unit_id).exists():
        unit = definition.org_unit
    else:
        unit = request.user.top_units[0] if request.user.top_units else units.first()
    if unit is None or not indicator.available_to(unit):
        return {"problem": "该指标不适用于所选单位。"}
    spec = indicator.spec(unit)
    # The years up to the latest with records, so a definition is checked against data.
    sources = [spec.source] if spec.source else _ratio_sources(registry, spec, unit)
    latest = indicators.latest_year(unit, sources) or timezone.localdate().year
    values = [
        (year, format_value(indicator.value(year, unit), spec.unit))
        for year in range(latest - PREVIEW_YEARS + 1, latest + 1)
    ]
    choices = [u for u in units.filter(level__lte=OrgUnit.Level.TOWNSHIP)[:60]]
    return {
        "unit": unit,
        "label": spec.label,
        "values": values,
        "conditions": [str(c) for c in spec.conditions],
        "units": [(u.code, u.name) for u in choices if indicator.available_to(u)],
    }


def _ratio_sources(registry, spec, unit):
    found = []
    for key in (spec.numerator, spec.denominator):
        if key in registry and registry.get(key).spec(unit).source:
            found.append(registry.get(key).spec(unit).source)
    return found
