"""Figures: one figure, one query — defined as data, so that any federation can have its own.

Three things make the figures the dashboard, the reports, the returns' rules and the
`indicators` command read:

- **Sources** (code, declared in each work area's `indicators.py` with `register_source`):
  a kind of record a figure can count — its model, the year and date that place a record in
  a period, the fields figures may filter on (reference lists by code, choices, yes/no and a
  few named text fields), the numbers they may sum, what they may count without repeats,
  the dimensions they break down by, and which figures every reference entry gets.
- **Definitions** (data, `FigureDefinition` rows): a key, a Chinese label, a unit word, a
  source, what is measured (count, sum, distinct count, or the ratio of two figures as a
  percentage), conditions on reference entries *by code* (never by their editable names),
  and whether it is the period's flow or the stock at its end. The built-in figures are
  seeded definitions; a district defines its own, and a definition owned by a unit
  replaces the one of the same key inside that unit's subtree.
- **Figures per reference entry**, made without defining anything: every award kind ×
  level, honor title × level, activity type, programme (grants, recipients, money, goods,
  goods value), training kind, channel, category and tally kind.

The registry compiles them into `Indicator`s. An indicator's value for a unit covers the
unit's whole subtree; its breakdowns (by a dimension, by month, by child unit) group the
same records with the same aggregate. Whether a user may see a unit's figures is decided by
the caller with the scope mechanism.

The registry is rebuilt when any definition or reference entry changed: one small query per
`registry()` call compares their row counts and last changes with those it was built from.
"""

import contextvars
import itertools
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cached_property

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.signals import request_finished, request_started
from django.db import connections, models, router
from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from fedportal.models import OrgUnit, ReferenceList, level_label
from fedportal.periods import Period
from fedportal.scoping import child_path, is_under, under, unit_lookup

logger = logging.getLogger(__name__)

COUNT, SUM, DISTINCT, RATIO = "count", "sum", "distinct", "ratio"
PERCENT = "%"

# Conditions a definition may set on a field, by the kind of field.
IN, NOT_IN, AT_OR_ABOVE, AT_OR_BELOW, EQUALS, CONTAINS = (
    "in",
    "not_in",
    "at_or_above",
    "at_or_below",
    "equals",
    "contains",
)
OPERATORS = {
    IN: "是",
    NOT_IN: "不是",
    AT_OR_ABOVE: "及以上",
    AT_OR_BELOW: "及以下",
    EQUALS: "等于",
    CONTAINS: "包含",
}
TRUE, FALSE = "true", "false"


# While the registry is built, the codes of every reference list, read once.
_known_codes: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "fedportal_known_codes", default=None
)


class Unavailable(KeyError):
    """A figure that exists, but not for the unit asked about (another district's own)."""


class PeriodNotSupported(ValueError):
    """A part of a year asked of records that carry only a year."""


# --- what a figure may filter on ---------------------------------------------------------


@dataclass(frozen=True)
class FilterField:
    """A field of a source's records that definitions may set conditions on.

    kind: "reference" (a reference list, compared by code; `ranked` lists such as levels
    also allow "及以上" and "及以下"), "choice", "bool" or "text".
    """

    name: str  # the lookup from the record, e.g. "level" or "programme__category"
    label: str
    kind: str
    model: type | None = None
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def ranked(self) -> bool:
        return self.kind == "reference" and _has_field(self.model, "rank")

    def operators(self) -> tuple[str, ...]:
        if self.kind == "reference":
            return (IN, NOT_IN, AT_OR_ABOVE, AT_OR_BELOW) if self.ranked else (IN, NOT_IN)
        if self.kind == "choice":
            return (IN, NOT_IN)
        if self.kind == "bool":
            return (IN,)
        return (EQUALS, CONTAINS)

    def condition(self, operator: str, values: tuple[str, ...]) -> Q:
        if self.kind == "reference":
            if operator in (AT_OR_ABOVE, AT_OR_BELOW):
                # Levels rank from the highest (1 = 全国) down; the rank is read in the query
                # itself, so a level ranked anew counts at once.
                rank = Subquery(
                    self.model._default_manager.filter(code=values[0]).values("rank")[:1]
                )
                lookup = "lte" if operator == AT_OR_ABOVE else "gte"
                return Q(**{f"{self.name}__rank__{lookup}": rank})
            condition = Q(**{f"{self.name}__code__in": list(values)})
        elif self.kind == "bool":
            return Q(**{self.name: values[0] == TRUE})
        elif self.kind == "text":
            lookup = self.name if operator == EQUALS else f"{self.name}__contains"
            return Q(**{lookup: values[0]})
        else:
            condition = Q(**{f"{self.name}__in": list(values)})
        return ~condition if operator == NOT_IN else condition

    def normalise(self, texts: list[str]) -> list[str]:
        """The stored form of values a person typed (names, aliases, codes, labels, 是/否);
        raises ValueError with a Chinese message for a value the field does not have."""
        if not texts:
            raise ValueError(f"“{self.label}”的条件没有填写取值。")
        if self.kind == "reference":
            table = self.model.by_spelling()
            missing = [t for t in texts if t not in table]
            if missing:
                raise ValueError(
                    f"“{self.model._meta.verbose_name}”中没有代码、名称或别名为“{missing[0]}”的条目。"
                )
            return [table[t].code for t in texts]
        if self.kind == "choice":
            by_text = {}
            for value, label in self.choices:
                by_text[str(value)] = by_text[str(label)] = str(value)
            missing = [t for t in texts if t not in by_text]
            if missing:
                allowed = "、".join(str(label) for _, label in self.choices)
                raise ValueError(f"“{missing[0]}”不是“{self.label}”的选项（可填：{allowed}）。")
            return [by_text[t] for t in texts]
        if self.kind == "bool":
            answers = {"是": TRUE, TRUE: TRUE, "否": FALSE, FALSE: FALSE}
            if len(texts) != 1 or texts[0] not in answers:
                raise ValueError(f"“{self.label}”的取值应为“是”或“否”。")
            return [answers[texts[0]]]
        if len(texts) != 1:
            raise ValueError(f"“{self.label}”是文字，只能填写一个取值。")
        return texts

    def missing_codes(self, values: Iterable[str]) -> list[str]:
        if self.kind != "reference":
            return []
        known = (_known_codes.get() or {}).get(self.model)
        if known is None:
            known = set(self.model._default_manager.values_list("code", flat=True))
        return [v for v in values if v not in known]

    def describe(self, operator: str, values: Iterable[str]) -> str:
        """The condition as a person reads it: 表彰级别是省、市."""
        values = list(values)
        if self.kind == "reference":
            names = dict(self.model._default_manager.values_list("code", "name"))
            shown = [names.get(v, v) for v in values]
        elif self.kind == "choice":
            labels = {str(v): str(label) for v, label in self.choices}
            shown = [labels.get(v, v) for v in values]
        elif self.kind == "bool":
            return f"{self.label}{'是' if values[0] == TRUE else '否'}"
        else:
            shown = values
        return f"{self.label}{OPERATORS[operator]}{'、'.join(shown)}"


def _has_field(model, name) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _field_at(model, lookup: str):
    """The model field a lookup ends at, following foreign keys."""
    found = None
    for part in lookup.split("__"):
        found = model._meta.get_field(part)
        model = found.related_model or model
    return found


# --- sources -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryMeasure:
    """One figure each reference entry (or combination) of an `EntryFigures` gets."""

    suffix: str  # the key's last part; "" for the plain count
    measure: str = COUNT  # COUNT, SUM or DISTINCT
    field: str | None = None  # summed field or distinct-count name
    unit: str = ""  # "" for the source's count unit; "@attr" reads it from the first entry
    label: str = "{}"  # formats the entries' label
    # Only for entries whose attribute named here is true, e.g. programmes that give goods.
    when: str = ""


@dataclass(frozen=True)
class EntryFigures:
    """Figures made for every entry (or combination of entries) of reference fields.

    `label` names the fields in braces: "{level}“{kind}”" → 省级“最美家庭”. A field whose
    list is ranked (a level) is written as a level: 省 → 省级.
    """

    fields: tuple[str, ...]
    label: str
    measures: tuple[EntryMeasure, ...] = (EntryMeasure(""),)


@dataclass(frozen=True, eq=False)
class Source:
    """A kind of record figures can count; see the module docstring."""

    key: str  # "families.award"
    label: str  # "家庭表彰"
    model: type
    count_unit: str  # the unit word of a count of these records: 户, 件, 期 …
    year: str | None = None  # the lookup of the year a record counts in
    date: str | None = None  # the lookup of the date that places it in part of a year
    until: str | None = None  # for stocks: the date a record stops counting (closed_on)
    base: Q | None = None  # only these records are the source's
    annotations: Mapping[str, Callable[[], object]] = field(default_factory=dict)
    dimensions: Mapping[str, str] = field(default_factory=dict)  # 中文名 → lookup
    text_fields: tuple[str, ...] = ()  # text fields definitions may compare
    related: Mapping[str, str] = field(default_factory=dict)  # label → lookup through a FK
    distinct: Mapping[str, Callable[[], object]] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)  # summed field → its unit word
    not_summed: tuple[str, ...] = ()
    entries: tuple[EntryFigures, ...] = ()
    description: str = ""

    @property
    def area(self) -> str:
        return self.key.split(".", 1)[0]

    @cached_property
    def unit_lookup(self) -> str:
        """The lookup from a record to its org unit."""
        return unit_lookup(self.model)

    @cached_property
    def filter_fields(self) -> dict[str, FilterField]:
        """Fields definitions may filter on: reference lists, choices and yes/no fields of
        the record, the related fields named in `related`, and the named text fields.
        Personal fields are never among them: only named text fields are, and no personal
        field is a list, a choice or yes/no that would single a person out."""
        found = {}
        for model_field in self.model._meta.concrete_fields:
            found.update(self._filter_field(model_field.name, model_field))
        for label, lookup in self.related.items():
            found.update(self._filter_field(lookup, _field_at(self.model, lookup), label))
        return found

    def _filter_field(self, lookup, model_field, label=None) -> dict[str, FilterField]:
        label = label or str(model_field.verbose_name)
        related = getattr(model_field, "related_model", None)
        if related is not None and issubclass(related, ReferenceList):
            return {lookup: FilterField(lookup, label, "reference", related)}
        if model_field.choices:
            return {
                lookup: FilterField(lookup, label, "choice", choices=tuple(model_field.flatchoices))
            }
        if isinstance(model_field, models.BooleanField):
            return {lookup: FilterField(lookup, label, "bool")}
        if model_field.name in self.text_fields:
            return {lookup: FilterField(lookup, label, "text")}
        return {}

    @cached_property
    def summable(self) -> dict[str, str]:
        """Number fields a figure may sum: field name → its Chinese name."""
        skipped = {self.year, "id", *self.not_summed}
        return {
            f.name: str(f.verbose_name)
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.IntegerField | models.DecimalField | models.FloatField)
            and not f.is_relation
            and f.name not in skipped
            and not f.name.endswith("year")
        }

    def records(self) -> QuerySet:
        queryset = self.model._default_manager.all()
        if self.base is not None:
            queryset = queryset.filter(self.base)
        if self.annotations:
            queryset = queryset.annotate(**{k: make() for k, make in self.annotations.items()})
        return queryset

    def in_period(self, queryset: QuerySet, period: Period, *, stock: bool = False) -> QuerySet:
        """The records counted for `period`: those of the period (flow) or, for a stock,
        all up to its end that have not ended before it."""
        if period.is_year and self.year:
            lookup = f"{self.year}__lte" if stock else self.year
            queryset = queryset.filter(**{lookup: period.year})
        elif self.date:
            if stock:
                queryset = queryset.filter(**{f"{self.date}__lte": period.end})
            else:
                queryset = queryset.filter(**{f"{self.date}__range": (period.start, period.end)})
        elif self.year:
            raise PeriodNotSupported(f"“{self.label}”只记年度，不能按{period.label}统计。")
        if stock and self.until:
            queryset = queryset.filter(
                Q(**{f"{self.until}__isnull": True}) | Q(**{f"{self.until}__gt": period.end})
            )
        return queryset

    def latest_year(self, unit: OrgUnit) -> int | None:
        """The latest year any record of the source in `unit`'s subtree counts in."""
        lookup = self.year or self.date
        if lookup is None:
            return None
        expression = F(lookup) if self.year else ExtractYear(lookup)
        queryset = under(self.records(), unit)
        return queryset.order_by().aggregate(latest=Max(expression))["latest"]

    def aggregate(self, measure: str, field_name: str | None):
        if measure == COUNT:
            return Count("pk")
        if measure == DISTINCT:
            return Count(self.distinct[field_name](), distinct=True)
        summed = self.model._meta.get_field(field_name)
        output = (
            DecimalField(max_digits=20, decimal_places=2)
            if isinstance(summed, models.DecimalField)
            else IntegerField()
        )
        return Coalesce(Sum(field_name), 0, output_field=output)


_sources: dict[str, Source] = {}


def register_source(*sources: Source) -> None:
    for source in sources:
        if source.key in _sources and _sources[source.key] is not source:
            raise ValueError(f"统计对象 {source.key} 重复定义。")
        _sources[source.key] = source


def source(key: str) -> Source:
    try:
        return _sources[key]
    except KeyError:
        raise KeyError(f"没有名为“{key}”的统计对象。") from None


def all_sources() -> list[Source]:
    return list(_sources.values())


def latest_year(unit: OrgUnit, sources: Iterable[Source] | None = None) -> int | None:
    """The latest year any record of `sources` (all: None) in `unit`'s subtree counts in; one
    query per source."""
    chosen = all_sources() if sources is None else sources
    return max((year for src in chosen if (year := src.latest_year(unit))), default=None)


# --- compiled figures --------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    field: FilterField
    operator: str
    values: tuple[str, ...]

    def q(self) -> Q:
        return self.field.condition(self.operator, self.values)

    def __str__(self):
        return self.field.describe(self.operator, self.values)


@dataclass(frozen=True)
class Spec:
    """One definition of a figure, compiled: what the registry evaluates."""

    key: str
    label: str
    unit: str
    source: Source | None  # None for a ratio
    measure: str = COUNT
    field: str | None = None
    conditions: tuple[Condition, ...] = ()
    stock: bool = False
    dimension_names: tuple[str, ...] = ()  # empty: all of the source's
    owner_path: str | None = None  # the unit whose subtree may use it; None: everywhere
    numerator: str | None = None
    denominator: str | None = None
    description: str = ""
    origin: str = "definition"  # "definition" or "entry"
    builtin: bool = False

    @property
    def area(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def dimensions(self) -> dict[str, str]:
        if self.source is None:
            return {}
        if not self.dimension_names:
            return dict(self.source.dimensions)
        return {n: self.source.dimensions[n] for n in self.dimension_names}

    def serves(self, unit: OrgUnit) -> bool:
        return self.owner_path is None or is_under(unit, self.owner_path)


class Indicator:
    """A figure under one key: its definition for everywhere and any units' own, each serving
    the subtree of its unit (the deepest one wins). What every caller reads figures from."""

    def __init__(self, key: str, specs: list[Spec], registry: "Registry"):
        self.key = key
        # Most specific last, so that `spec` takes the deepest owner serving a unit.
        self.specs = sorted(specs, key=lambda s: len(s.owner_path or ""))
        self._registry = registry

    def __repr__(self):
        return f"<Indicator {self.key}>"

    @property
    def default(self) -> Spec:
        return self.specs[0]

    def spec(self, unit: OrgUnit | None) -> Spec:
        """The definition that serves `unit` (None: the general one, or the first)."""
        if unit is None:
            return self.default
        serving = [s for s in self.specs if s.serves(unit)]
        if not serving:
            raise Unavailable(f"指标“{self.key}”不适用于{unit.name}。")
        return serving[-1]

    def available_to(self, unit: OrgUnit) -> bool:
        return any(s.serves(unit) for s in self.specs)

    # What the figure is, as its general definition says (a unit's own may differ: `spec`).
    label = property(lambda self: self.default.label)
    unit = property(lambda self: self.default.unit)
    area = property(lambda self: self.default.area)
    description = property(lambda self: self.default.description)
    dimensions = property(lambda self: self.default.dimensions)

    @property
    def model(self):
        source = self.default.source
        return source.model if source else None

    @property
    def date_field(self) -> str | None:
        source = self.default.source
        return source.date if source else None

    @property
    def is_ratio(self) -> bool:
        return self.default.measure == RATIO

    def format(self, value, *, approx: str = "", with_unit: bool = True) -> str:
        return format_value(value, self.unit, approx=approx, with_unit=with_unit)

    # --- evaluation ---

    def queryset(self, period, unit: OrgUnit) -> QuerySet:
        """The records behind the figure: the period's records in `unit` and below it."""
        spec = self.spec(unit)
        if spec.source is None:
            raise ValueError(f"比率指标“{spec.label}”没有单独的记录。")
        return self._records(spec, Period.of(period), unit)

    def _records(self, spec: Spec, period: Period, unit: OrgUnit) -> QuerySet:
        source = spec.source
        queryset = under(source.records(), unit)
        queryset = source.in_period(queryset, period, stock=spec.stock)
        for condition in spec.conditions:
            queryset = queryset.filter(condition.q())
        return queryset

    def value(self, period, unit: OrgUnit):
        """The figure for `unit`'s subtree; None when it cannot be told (a ratio over
        nothing, a part of a year of records kept by year)."""
        spec, period = self.spec(unit), Period.of(period)
        if spec.measure == RATIO:
            top = self._registry.get(spec.numerator).value(period, unit)
            bottom = self._registry.get(spec.denominator).value(period, unit)
            return ratio(top, bottom)
        try:
            queryset = self._records(spec, period, unit)
        except PeriodNotSupported:
            return None
        aggregate = spec.source.aggregate(spec.measure, spec.field)
        return queryset.order_by().aggregate(value=aggregate)["value"]

    def breakdown(self, period, unit: OrgUnit, dimension: str) -> list[tuple[str, object]]:
        """The figure split by one of its dimensions, largest group first, with Chinese
        labels for fields that store a code (城镇/农村 …)."""
        spec, period = self.spec(unit), Period.of(period)
        lookup = spec.dimensions[dimension]
        labels = _choice_labels(spec.source.model, lookup)
        try:
            queryset = self._records(spec, period, unit)
        except PeriodNotSupported:
            return []
        measure = spec.source.aggregate(spec.measure, spec.field)
        ranked = _ranked_list_lookup(spec.source.model, lookup)
        if ranked:
            # Levels read from the top down (全国 → 省 → 市 → 区 → 乡镇), as their list ranks
            # them, and are named as levels (省级); other groups, largest first.
            rows = (
                queryset.order_by()
                .values(lookup, ranked)
                .annotate(value=measure)
                .order_by(F(ranked).asc(nulls_last=True), lookup)
            )
        else:
            rows = queryset.order_by().values(lookup).annotate(value=measure)
            rows = rows.order_by("-value", lookup)
        result = []
        for row in rows:
            name = row[lookup]
            if name is None:
                label = "未填"
            else:
                label = level_label(name) if ranked else labels.get(name, name)
            result.append((label, row["value"]))
        return result

    def by_month(self, period, unit: OrgUnit) -> list:
        """One value per month of the period (twelve for a year), in order."""
        spec, period = self.spec(unit), Period.of(period)
        if spec.source is None or spec.source.date is None:
            raise ValueError(f"{self.key} 没有日期字段，不能按月分解。")
        date = spec.source.date
        queryset = self._records(spec, period, unit)
        rows = (
            queryset.order_by()
            .annotate(y=ExtractYear(date), m=ExtractMonth(date))
            .values("y", "m")
            .annotate(value=spec.source.aggregate(spec.measure, spec.field))
        )
        months = {(row["y"], row["m"]): row["value"] for row in rows}
        return [months.get(month, 0) for month in period.months()]

    def by_child_unit(self, period, unit: OrgUnit) -> list[tuple[OrgUnit, object]]:
        """The figure for each unit directly below `unit` (townships under a district) and,
        first, for records entered at `unit` itself when it has any, so that the rows add up
        to the value. One query: records are grouped by the part of their unit's path that
        names the child (two for a ratio)."""
        spec, period = self.spec(unit), Period.of(period)
        children = list(OrgUnit.objects.get_children(unit))
        if spec.measure == RATIO:
            tops = dict(self._registry.get(spec.numerator).by_child_unit(period, unit))
            bottoms = dict(self._registry.get(spec.denominator).by_child_unit(period, unit))
            own = [(unit, ratio(tops[unit], bottoms.get(unit, 0)))] if unit in tops else []
            return own + [(c, ratio(tops.get(c, 0), bottoms.get(c, 0))) for c in children]
        values = self._child_values(spec, period, unit)
        own = [(unit, values[unit.path])] if values.get(unit.path) else []
        return own + [(child, values.get(child.path, 0)) for child in children]

    def _child_values(self, spec: Spec, period: Period, unit: OrgUnit) -> dict[str, object]:
        try:
            queryset = self._records(spec, period, unit)
        except PeriodNotSupported:
            return {}
        rows = (
            queryset.order_by()
            .annotate(child_path=child_path(spec.source.unit_lookup, unit))
            .values("child_path")
            .annotate(value=spec.source.aggregate(spec.measure, spec.field))
        )
        return {row["child_path"]: row["value"] for row in rows}


def _ranked_list_lookup(model, lookup) -> str | None:
    """For a lookup that reads a ranked reference list's name ("level__name"), the lookup of
    the entry's rank ("level__rank"); None for any other lookup."""
    path, _, last = lookup.rpartition("__")
    if last != "name" or not path:
        return None
    for name in path.split("__"):
        try:
            model = model._meta.get_field(name).related_model
        except FieldDoesNotExist:
            return None
        if model is None:
            return None
    ranked = issubclass(model, ReferenceList) and _has_field(model, "rank")
    return f"{path}__rank" if ranked else None


def _choice_labels(model, lookup) -> dict:
    found = None
    for name in lookup.split("__"):
        try:
            found = model._meta.get_field(name)
        except FieldDoesNotExist:
            return {}  # an annotation of the source
        model = found.related_model or model
    return {code: str(label) for code, label in (found.flatchoices or [])}


def ratio(top, bottom) -> Decimal | None:
    """`top` as a percentage of `bottom`, to one decimal; None when `bottom` is nothing."""
    if top is None or not bottom:
        return None
    return (Decimal(top) * 100 / Decimal(bottom)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# --- definitions compiled and checked ----------------------------------------------------


def compile_definition(definition, filters) -> Spec:
    """A FigureDefinition (and its FigureFilters) as a Spec; KeyError or ValueError, with a
    Chinese message, for what does not hold (a source, field or code that does not exist)."""
    owner = definition.org_unit.path if definition.org_unit_id else None
    common = {
        "key": definition.key,
        "label": definition.label,
        "unit": definition.unit_word,
        "owner_path": owner,
        "description": definition.description,
        "builtin": definition.is_builtin,
    }
    if definition.measure == RATIO:
        return Spec(
            source=None,
            measure=RATIO,
            numerator=definition.numerator,
            denominator=definition.denominator,
            **common,
        )
    src = source(definition.source)
    _check_measure(src, definition.measure, definition.field)
    conditions = tuple(
        filter_condition(src, f.field, f.operator, f.value_list(), normalise=False) for f in filters
    )
    dimensions = tuple(definition.dimension_names())
    unknown = [d for d in dimensions if d not in src.dimensions]
    if unknown:
        raise ValueError(f"“{src.label}”不能按“{unknown[0]}”分解。")
    return Spec(
        source=src,
        measure=definition.measure,
        field=definition.field or None,
        conditions=conditions,
        stock=definition.basis == "stock",
        dimension_names=dimensions,
        **common,
    )


def _check_measure(src: Source, measure: str, field_name: str):
    if measure == SUM:
        if field_name not in src.summable:
            raise ValueError(_not_summable(src, field_name))
    elif measure == DISTINCT:
        if field_name not in src.distinct:
            allowed = "、".join(src.distinct) or "无"
            raise ValueError(f"“{src.label}”不能按“{field_name}”不重复计数（可用：{allowed}）。")
    elif measure != COUNT:
        raise ValueError(f"未知的统计方式“{measure}”。")


def _not_summable(src: Source, field_name: str) -> str:
    allowed = "、".join(src.summable.values()) or "无"
    try:
        found = _field_at(src.model, field_name) if field_name else None
    except FieldDoesNotExist:
        found = None
    if found is not None:
        return f"“{found.verbose_name}”不是数值，不能求和（可求和：{allowed}）。"
    return f"“{src.label}”没有可求和的字段“{field_name}”（可求和：{allowed}）。"


def filter_condition(src: Source, name: str, operator: str, values, *, normalise=True):
    """A condition on `src`'s records; values as typed (names, aliases …) when `normalise`,
    else as stored (codes). ValueError with a Chinese message for what `src` lacks."""
    found = src.filter_fields.get(name) or next(
        (f for f in src.filter_fields.values() if f.label == name), None
    )
    if found is None:
        allowed = "、".join(f.label for f in src.filter_fields.values())
        raise ValueError(f"“{name}”不是“{src.label}”的筛选字段（可用：{allowed}）。")
    if operator not in found.operators():
        allowed = "、".join(OPERATORS[o] for o in found.operators())
        raise ValueError(
            f"“{found.label}”不能用“{OPERATORS.get(operator, operator)}”（可用：{allowed}）。"
        )
    values = list(values)
    if normalise:
        values = found.normalise(values)
    else:
        missing = found.missing_codes(values)
        if missing:
            raise ValueError(
                f"“{found.model._meta.verbose_name}”中没有代码为“{missing[0]}”的条目。"
            )
        if not values:
            raise ValueError(f"“{found.label}”的条件没有取值。")
    if operator in (AT_OR_ABOVE, AT_OR_BELOW, EQUALS, CONTAINS) and len(values) != 1:
        raise ValueError(f"“{found.label}{OPERATORS[operator]}”只能有一个取值。")
    return Condition(found, operator, tuple(values))


def spec_errors(definition) -> dict[str, str]:
    """What is wrong with a definition's own fields, by field, in Chinese (its filters are
    checked where they are edited, against its source)."""
    errors = {}
    area, _, _ = definition.key.partition(".")
    if definition.measure == RATIO:
        known = registry()
        for name in ("numerator", "denominator"):
            key = getattr(definition, name)
            if not key:
                errors[name] = "比率指标须填写分子和分母指标。"
            elif key == definition.key:
                errors[name] = "比率指标不能引用自身。"
            elif key not in known:
                errors[name] = f"没有代码为“{key}”的指标。"
            elif known.get(key).is_ratio:
                errors[name] = "分子和分母须是计数或求和指标，不能是另一个比率。"
        return errors
    try:
        src = source(definition.source)
    except KeyError as error:
        return {"source": error.args[0]}
    if definition.key and area != src.area:
        errors["key"] = f"“{src.label}”的指标代码应以“{src.area}.”开头。"
    if definition.measure == SUM and definition.field not in src.summable:
        # Typed as the field's Chinese name ("救助金额（元）"): stored as the field itself.
        by_label = {label: name for name, label in src.summable.items()}
        definition.field = by_label.get(definition.field, definition.field)
    try:
        _check_measure(src, definition.measure, definition.field)
    except ValueError as error:
        errors["field"] = str(error)
    if definition.measure == COUNT and definition.field:
        errors["field"] = "记录条数不需要统计字段，请留空。"
    unknown = [d for d in definition.dimension_names() if d not in src.dimensions]
    if unknown:
        allowed = "、".join(src.dimensions) or "无"
        errors["dimensions"] = f"“{src.label}”不能按“{unknown[0]}”分解（可用：{allowed}）。"
    return errors


def totals(source_key: str, period, unit: OrgUnit, by: tuple[str, ...], fields: tuple[str, ...]):
    """The records' count and the sums of `fields`, per group of the `by` lookups, in one
    query: for a table that shows many figures of one source at once (each programme's
    grants, money and goods). Each row's numbers are the figures for that group's entries.
    Rows: dicts with the `by` lookups, "count", and each field."""
    src, period = source(source_key), Period.of(period)
    queryset = under(src.records(), unit)
    try:
        queryset = src.in_period(queryset, period)
    except PeriodNotSupported:
        return []
    sums = {name: src.aggregate(SUM, name) for name in fields}
    return list(queryset.order_by().values(*by).annotate(count=Count("pk"), **sums).order_by(*by))


# --- the registry --------------------------------------------------------------------------


class Registry:
    """Every figure by key: seeded and defined ones, and those of each reference entry."""

    def __init__(self, specs: Iterable[Spec], problems: list[str] = ()):
        families: dict[str, list[Spec]] = defaultdict(list)
        for spec in specs:
            families[spec.key].append(spec)
        self._indicators = {key: Indicator(key, found, self) for key, found in families.items()}
        self.problems = list(problems)

    def get(self, key: str) -> Indicator:
        try:
            return self._indicators[key]
        except KeyError:
            raise KeyError(f"没有名为 {key} 的指标。") from None

    def __contains__(self, key: str) -> bool:
        return key in self._indicators

    def all(self, area: str | None = None, unit: OrgUnit | None = None) -> list[Indicator]:
        """Figures of an area (all areas: None) that `unit` may use (any unit: None)."""
        return [
            indicator
            for indicator in self._indicators.values()
            if (area is None or indicator.area == area)
            and (unit is None or indicator.available_to(unit))
        ]


def entry_specs(source: Source, lists: dict[type, list]) -> Iterable[Spec]:
    """The figures `source` gives every reference entry, from the lists' current rows."""
    for figures in source.entries:
        fields = [source.filter_fields[name] for name in figures.fields]
        for combination in itertools.product(*(lists[f.model] for f in fields)):
            names = {
                f.name: level_label(entry.name) if f.ranked else entry.name
                for f, entry in zip(fields, combination, strict=True)
            }
            base_label = figures.label.format(**names)
            conditions = tuple(
                Condition(f, IN, (entry.code,))
                for f, entry in zip(fields, combination, strict=True)
            )
            base_key = ".".join([source.key, *(entry.code for entry in combination)])
            for measure in figures.measures:
                if measure.when and not getattr(combination[0], measure.when):
                    continue
                unit = measure.unit or source.count_unit
                if unit.startswith("@"):
                    unit = getattr(combination[0], unit[1:]) or source.count_unit
                yield Spec(
                    key=f"{base_key}.{measure.suffix}" if measure.suffix else base_key,
                    label=measure.label.format(base_label),
                    unit=unit,
                    source=source,
                    measure=measure.measure,
                    field=measure.field,
                    conditions=conditions,
                    origin="entry",
                )


def _build() -> Registry:
    from fedportal.models import FigureDefinition

    # Every reference list once: for the figures of each entry, and the codes definitions name.
    lists = {
        model: list(model._default_manager.all())
        for model in apps.get_models()
        if issubclass(model, ReferenceList)
    }
    token = _known_codes.set({m: {e.code for e in entries} for m, entries in lists.items()})
    specs, problems = [], []
    try:
        for definition in FigureDefinition.objects.select_related("org_unit").prefetch_related(
            "filters"
        ):
            try:
                specs.append(definition.to_spec())
            except (KeyError, ValueError) as error:
                message = str(error.args[0]) if error.args else str(error)
                problems.append(f"指标“{definition.label}”（{definition.key}）：{message}")
    finally:
        _known_codes.reset(token)
    for src in _sources.values():
        specs.extend(entry_specs(src, lists))
    for problem in problems:
        logger.warning(problem)
    return Registry(specs, problems)


def _watched_tables() -> list[str]:
    from fedportal.models import FigureDefinition, FigureFilter

    lists = [m for m in apps.get_models() if issubclass(m, ReferenceList)]
    return [m._meta.db_table for m in [FigureDefinition, FigureFilter, *lists]]


def _stamp(connection) -> tuple:
    """What the registry is built from, in one query: each watched table's row count and
    last change, and the tree path of every unit that owns a definition (units can move)."""
    from fedportal.models import FigureDefinition

    quote = connection.ops.quote_name
    parts = [
        f"SELECT '{table}', COUNT(*), CAST(MAX({quote('updated_at')}) AS VARCHAR(40)) "
        f"FROM {quote(table)}"
        for table in _watched_tables()
    ]
    definitions = quote(FigureDefinition._meta.db_table)
    units = quote(OrgUnit._meta.db_table)
    parts.append(
        f"SELECT 'owner', d.{quote('id')}, u.{quote('path')} FROM {definitions} d "
        f"JOIN {units} u ON u.{quote('id')} = d.{quote('org_unit_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return tuple(sorted((str(a), str(b), str(c)) for a, b, c in cursor.fetchall()))


_cache: dict[str, object] = {}
_cache_lock = threading.Lock()
# Within one request the registry is checked against the database once: a page reads many
# figures, and a definition saved by the request takes effect from the next one.
_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "fedportal_figures", default=None
)


def _request_started(**kwargs):
    _request_memo.set({})


def _request_finished(**kwargs):
    _request_memo.set(None)


request_started.connect(_request_started, dispatch_uid="fedportal.figures.start")
request_finished.connect(_request_finished, dispatch_uid="fedportal.figures.finish")


@contextmanager
def pinned():
    """Within the block the registry is checked against the database once, as within a
    request: for a command or a task that reads many figures."""
    if _request_memo.get() is not None:
        yield
        return
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def registry() -> Registry:
    """The registry as the database now defines it (rebuilt only after a change)."""
    memo = _request_memo.get()
    if memo and "registry" in memo:
        return memo["registry"]
    from fedportal.models import FigureDefinition

    # Read where the definitions are read from: the replica inside `replica_reads`.
    connection = connections[router.db_for_read(FigureDefinition)]
    stamp = (connection.alias, _stamp(connection))
    with _cache_lock:
        if _cache.get("stamp") != stamp:
            _cache["registry"] = _build()
            _cache["stamp"] = stamp
        found = _cache["registry"]
    if memo is not None:
        memo["registry"] = found
    return found


def get(key: str) -> Indicator:
    return registry().get(key)


def all_indicators(area: str | None = None, unit: OrgUnit | None = None) -> list[Indicator]:
    return registry().all(area, unit)


# --- figures written as Chinese prose writes them -----------------------------------------

# How a figure may be rounded in prose: 余 rounds down ("400余名", "34.5万余元"), 近 rounds
# up ("近3000人"). Both keep one significant digit of a count, and one decimal of 万元.
APPROXIMATIONS = ("余", "近")
TEN_THOUSAND = Decimal(10000)
NOT_KNOWN = "—"


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
    A value nobody can tell (None) is "—".
    """
    if approx not in ("", *APPROXIMATIONS):
        raise ValueError(f"未知的近似写法：{approx}")
    if value is None:
        return NOT_KNOWN
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


# --- whether a unit has any records at all ----------------------------------------------


def has_records(period, unit: OrgUnit) -> bool:
    """Whether any record of any source lies in `unit`'s subtree and counts in `period`:
    whether the unit did anything, whatever figures a text happens to ask for. One small
    query a source, stopping at the first that has one."""
    period = Period.of(period)
    for src in _sources.values():
        queryset = under(src.records(), unit)
        try:
            queryset = src.in_period(queryset, period)
        except PeriodNotSupported:
            continue
        if queryset.exists():
            return True
    return False
