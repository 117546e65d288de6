"""Named figures: one figure, one query.

Each work-area app declares its indicators in `<app>/indicators.py` with `register(...)`.
An indicator is a key, a Chinese label, a unit (户, 名, 个, 场, 件, 桶, 期, 元 …), the records
it counts for a year, and how it measures them (a count, or the sum of a field). Its value
for an org unit covers the unit's whole subtree; its breakdowns (by level, kind, programme,
channel, month, township …) group the same records, so the dashboard, the annual report
and every export read the same number from the same query.

Indicators compute aggregates over a unit; whether a user may see that unit's figures
(and the records behind them) is decided by the caller with the scope mechanism.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, DecimalField, IntegerField, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth, Substr

from fedportal.models import OrgUnit


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    # The records counted in a year, across all units; the unit is applied by `queryset`.
    records: Callable[[int], QuerySet]
    # None counts records; a field name sums that field instead (amounts, quantities …).
    measure: str | None = None
    # Breakdown name → the lookup whose values label the groups, e.g. {"级别": "level__name"}.
    dimensions: Mapping[str, str] = field(default_factory=dict)
    # The date field that places a record in a month, for the by-month breakdown.
    date_field: str | None = None
    description: str = ""

    @property
    def area(self) -> str:
        return self.key.split(".", 1)[0]

    def queryset(self, year: int, unit: OrgUnit) -> QuerySet:
        """The records behind the figure: the year's records in `unit` and below it."""
        return self.records(year).in_subtree(unit)

    @property
    def model(self):
        return self.records(0).model

    def _aggregate(self):
        if self.measure is None:
            return Count("pk")
        summed = self.model._meta.get_field(self.measure)
        output = (
            DecimalField(max_digits=20, decimal_places=2)
            if isinstance(summed, DecimalField)
            else IntegerField()
        )
        return Coalesce(Sum(self.measure), 0, output_field=output)

    def format(self, value, *, approx: str = "", with_unit: bool = True) -> str:
        return format_value(value, self.unit, approx=approx, with_unit=with_unit)

    def value(self, year: int, unit: OrgUnit) -> int | Decimal:
        return self.queryset(year, unit).aggregate(value=self._aggregate())["value"]

    def breakdown(
        self, year: int, unit: OrgUnit, dimension: str
    ) -> list[tuple[str, int | Decimal]]:
        """The figure split by one of its dimensions, largest group first, with Chinese
        labels for fields that store a code (城镇/农村 …)."""
        lookup = self.dimensions[dimension]
        labels = self._choice_labels(lookup)
        rows = (
            self.queryset(year, unit)
            .order_by()
            .values(lookup)
            .annotate(value=self._aggregate())
            .order_by("-value", lookup)
        )
        return [
            (
                labels.get(row[lookup], row[lookup]) if row[lookup] is not None else "未填",
                row["value"],
            )
            for row in rows
        ]

    def _choice_labels(self, lookup):
        model, field = self.model, None
        for name in lookup.split("__"):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return {}  # an annotation made by `records`
            model = field.related_model or model
        return {code: str(label) for code, label in (field.choices or [])}

    def by_month(self, year: int, unit: OrgUnit) -> list[int | Decimal]:
        """Twelve values, January to December."""
        if self.date_field is None:
            raise ValueError(f"{self.key} 没有日期字段，不能按月分解。")
        rows = (
            self.queryset(year, unit)
            .order_by()
            .annotate(month=ExtractMonth(self.date_field))
            .values("month")
            .annotate(value=self._aggregate())
        )
        months = {row["month"]: row["value"] for row in rows}
        return [months.get(m, 0) for m in range(1, 13)]

    def by_child_unit(self, year: int, unit: OrgUnit) -> list[tuple[OrgUnit, int | Decimal]]:
        """The figure for each unit directly below `unit` (townships under a district) and,
        first, for records entered at `unit` itself when it has any, so that the rows add up
        to the value. One query: records are grouped by the part of their unit's path that
        names the child.
        """
        unit_path = self._unit_path_lookup()
        width = len(unit.path) + OrgUnit.steplen
        rows = (
            self.queryset(year, unit)
            .order_by()
            .annotate(child_path=Substr(unit_path, 1, width))
            .values("child_path")
            .annotate(value=self._aggregate())
        )
        values = {row["child_path"]: row["value"] for row in rows}
        own = [(unit, values[unit.path])] if values.get(unit.path) else []
        children = OrgUnit.objects.get_children(unit)
        return own + [(child, values.get(child.path, 0)) for child in children]

    def _unit_path_lookup(self):
        return getattr(self.model, "scope_unit_field", "org_unit") + "__path"


# How a figure may be rounded in prose: 余 rounds down ("400余名", "34.5万余元"), 近 rounds
# up ("近3000人"). Both keep one significant digit of a count, and one decimal of 万元.
APPROXIMATIONS = ("余", "近")
TEN_THOUSAND = Decimal(10000)


def plain_number(number: Decimal) -> str:
    """`number` without exponent or trailing zeros: 270000 → "270000", 34.50 → "34.5"."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _round_count(number: Decimal, rounding) -> Decimal:
    """`number` rounded to one significant digit: 412 → 400 (down), 2960 → 3000 (up)."""
    if number < 10:
        return number
    step = Decimal(10) ** (len(str(int(number))) - 1)
    return (number / step).quantize(Decimal(1), rounding=rounding) * step


def format_value(value, unit: str, *, approx: str = "", with_unit: bool = True) -> str:
    """A figure as Chinese prose writes it.

    Counts carry their unit: "3户", "15件". Money of 10,000 元 or more is written in 万元:
    "27万元", "34.53万元". With `approx`, "余" rounds down and says so ("400余名",
    "34.5万余元"), "近" rounds up ("近3000人"); a value that is already round stays exact.
    """
    if approx not in ("", *APPROXIMATIONS):
        raise ValueError(f"未知的近似写法：{approx}")
    number = Decimal(value)
    suffix = unit if with_unit else ""
    if unit == "元" and abs(number) >= TEN_THOUSAND:
        number /= TEN_THOUSAND
        suffix = "万" + suffix
        rounded = (
            number.quantize(
                Decimal("0.1"), rounding=ROUND_FLOOR if approx == "余" else ROUND_CEILING
            )
            if approx
            else number
        )
    elif approx:
        rounded = _round_count(number, ROUND_FLOOR if approx == "余" else ROUND_CEILING)
    else:
        rounded = number
    if rounded == number:
        return plain_number(number) + suffix
    if approx == "余":
        # "34.5万余元": 余 goes between the magnitude and the unit.
        if suffix.startswith("万"):
            return f"{plain_number(rounded)}万余{suffix[1:]}"
        return f"{plain_number(rounded)}余{suffix}"
    return f"近{plain_number(rounded)}{suffix}"


_registry: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for indicator in indicators:
        if indicator.key in _registry and _registry[indicator.key] != indicator:
            raise ValueError(f"指标 {indicator.key} 重复定义。")
        _registry[indicator.key] = indicator


def get(key: str) -> Indicator:
    try:
        return _registry[key]
    except KeyError:
        raise KeyError(f"没有名为 {key} 的指标。") from None


def all_indicators(area: str | None = None) -> list[Indicator]:
    return [i for i in _registry.values() if area is None or i.area == area]
