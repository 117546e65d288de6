"""Data-quality rules (returns.models.QualityRule) applied to a unit's figures.

Every value comes from the one indicator layer (fedportal.indicators): a unit's own figure
for its return, or the by-child breakdown for the board, so a rule reads exactly what the
dashboard and the report show.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from fedportal import indicators
from fedportal.indicators import format_value
from fedportal.models import OrgUnit
from fedportal.periods import Period
from returns.models import Explanation, QualityRule, Return

CHECKS = {
    QualityRule.Operator.LE: (lambda a, b: a <= b, "不应超过"),
    QualityRule.Operator.LT: (lambda a, b: a < b, "应少于"),
    QualityRule.Operator.EQ: (lambda a, b: a == b, "应等于"),
    QualityRule.Operator.GE: (lambda a, b: a >= b, "不应少于"),
    QualityRule.Operator.GT: (lambda a, b: a > b, "应多于"),
}


@dataclass
class Violation:
    rule: QualityRule
    message: str
    values: str  # the values flagged, as an explanation keeps them
    explanation: Explanation | None = None

    @property
    def explained(self) -> bool:
        return self.explanation is not None and self.explanation.values == self.values


def rules_for(unit: OrgUnit) -> list[QualityRule]:
    """The active rules serving `unit`: general ones and those of the unit or a unit above."""
    owners = [*OrgUnit.objects.get_ancestors(unit).values_list("pk", flat=True), unit.pk]
    return list(
        QualityRule.objects.filter(
            Q(org_unit__isnull=True) | Q(org_unit__in=owners), is_active=True
        )
    )


def _number(value) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


def _side(keys, read: Callable[[str, Period], object], period: Period):
    """(sum of the keys' values, label, unit word), or None when a key names no figure."""
    total, labels, unit_word = Decimal(0), [], ""
    for key in keys:
        try:
            indicator = indicators.get(key)
        except KeyError:
            return None
        total += _number(read(key, period))
        labels.append(indicator.label)
        unit_word = unit_word or indicator.unit
    return total, "与".join(labels), unit_word


def check(rule: QualityRule, read: Callable[[str, Period], object], period: Period):
    """The violation of `rule` by the figures `read(key, period)` gives, or None."""
    left = _side(rule.left_keys, read, period)
    if left is None:
        return None
    value, label, unit_word = left
    if rule.kind == QualityRule.Kind.COMPARE:
        right = _side(rule.right_keys, read, period)
        if right is None:
            return None
        other, other_label, _ = right
        holds, wording = CHECKS[rule.operator]
        if holds(value, other):
            return None
        return Violation(
            rule,
            f"{rule.name}：{label}{format_value(value, unit_word)}，"
            f"{wording}{other_label}{format_value(other, unit_word)}",
            f"{value}|{other}",
        )
    previous = _side(rule.left_keys, read, period.previous_year())
    before = previous[0] if previous else Decimal(0)
    if before <= 0:
        return None  # nothing last year to compare with
    factor = rule.factor
    if value > before * factor:
        how = f"超过上年的{format_value(factor, '', with_unit=False)}倍"
    elif value * factor < before:
        how = f"不到上年的{format_value(factor, '', with_unit=False)}分之一"
    else:
        return None
    return Violation(
        rule,
        f"{rule.name}：{label}{format_value(value, unit_word)}，上年{format_value(before, unit_word)}，{how}",
        f"{value}|{before}",
    )


def violations(ret: Return) -> list[Violation]:
    """The rules the return's unit breaks in its period, with any explanation given."""
    unit, period = ret.org_unit, ret.period_obj
    explained = {e.rule_id: e for e in ret.explanations.all()} if ret.pk else {}

    def read(key, at):
        try:
            return indicators.get(key).value(at, unit)
        except indicators.Unavailable:
            return 0

    found = []
    for rule in rules_for(unit):
        violation = check(rule, read, period)
        if violation is not None:
            violation.explanation = explained.get(rule.pk)
            found.append(violation)
    return found


def violations_of_children(unit: OrgUnit, period, returns: dict) -> dict[int, list[Violation]]:
    """{child unit id: its violations} for every unit directly below `unit`, each figure read
    for all children at once. `returns` maps child unit ids to their returns (for the
    explanations)."""
    period = Period.of(period)
    rules = rules_for(unit)
    cache: dict[tuple[str, Period], dict[int, object]] = {}

    def values(key, at):
        if (key, at) not in cache:
            try:
                rows = indicators.get(key).by_child_unit(at, unit)
            except indicators.Unavailable:
                rows = []
            cache[(key, at)] = {child.pk: value for child, value in rows}
        return cache[(key, at)]

    explanations = {}
    for e in Explanation.objects.filter(report__in=[r.pk for r in returns.values() if r.pk]):
        explanations[(e.report_id, e.rule_id)] = e
    found = {}
    for child in OrgUnit.objects.get_children(unit):
        ret = returns.get(child.pk)
        listed = []
        for rule in rules:
            violation = check(rule, lambda key, at, c=child: values(key, at).get(c.pk, 0), period)
            if violation is not None:
                if ret is not None:
                    violation.explanation = explanations.get((ret.pk, rule.pk))
                listed.append(violation)
        found[child.pk] = listed
    return found
