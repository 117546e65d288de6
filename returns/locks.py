"""The one check that keeps approved data as it was approved, and entry within its deadline.

A record belongs to a unit and counts in a year. Once a return covering that unit (its own
or one of a unit above it) is approved for that year, the record can be created, changed,
imported or deleted only by users at the approving unit or above: the approver may still
correct what it approved, the units below must ask for the return back. After a level's
deadline (returns.models.Deadline) closes, units of that level enter no more records of the
year unless the unit above grants an exception.

The admin (fedportal.admin.ScopedAdminMixin), imports (fedportal.imports.ScopedResource)
and services all call `refusal` or a `LockChecker`; nothing else spells the rule.

A record's year is the year its figures count it in: the `year` (or the year of the
`date`) of the indicator sources over its model (fedportal.indicators), so a parent school
counts in the year it was set up and the year it was named a demonstration school.
"""

from datetime import date
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from fedportal import indicators
from fedportal.models import OrgUnit
from fedportal.scoping import covers


@cache
def year_lookups(model) -> tuple[str, ...]:
    """Lookups from a record of `model` to the years it counts in."""
    found = []
    for source in indicators.all_sources():
        if source.model is model:
            if source.year:
                found.append(source.year)
            elif source.date:
                found.append(f"{source.date}__year")
    if not found:
        field_names = {f.name for f in model._meta.concrete_fields}
        if "year" in field_names:
            found.append("year")
        else:
            # A record reached through its parent (a complainant through its case) counts
            # in its parent's years.
            unit_field = getattr(model, "scope_unit_field", "org_unit")
            if "__" in unit_field:
                parent_name = unit_field.split("__", 1)[0]
                parent = model._meta.get_field(parent_name).related_model
                found += [f"{parent_name}__{lookup}" for lookup in year_lookups(parent)]
    return tuple(dict.fromkeys(found))


def is_locked_model(model) -> bool:
    """Whether records of `model` are kept by returns (they belong to a unit and a year)."""
    return hasattr(model._default_manager.all(), "in_subtree") and bool(year_lookups(model))


def _follow(obj, lookup: str):
    for name in lookup.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


def record_unit(obj):
    return _follow(obj, getattr(type(obj), "scope_unit_field", "org_unit"))


def record_years(obj) -> set[int]:
    """The years `obj` counts in, as it stands in memory."""
    years = set()
    for lookup in year_lookups(type(obj)):
        value = _follow(obj, lookup)
        if isinstance(value, int) and not isinstance(value, bool):
            years.add(value)
    return years


def stored_places(obj) -> list[tuple[int, set[int]]]:
    """(unit id, years) of `obj` as stored in the database: where it was before a change."""
    model = type(obj)
    if obj.pk is None:
        return []
    unit_field = getattr(model, "scope_unit_field", "org_unit")
    lookups = year_lookups(model)
    row = model._default_manager.filter(pk=obj.pk).values(unit_field, *lookups).first()
    if row is None:
        return []
    years = {row[lookup] for lookup in lookups if isinstance(row[lookup], int)}
    return [(row[unit_field], years)]


class LockChecker:
    """Answers, for one user, whether records of a unit and year may be written; each unit
    and year is looked up once, so an import of many rows costs a few queries."""

    def __init__(self, user, today: date | None = None):
        self.user = user
        self.today = today or timezone.localdate()
        self._chains: dict[int, list[OrgUnit]] = {}
        self._answers: dict[tuple[int, int], str | None] = {}

    def _chain(self, unit_id: int) -> list[OrgUnit]:
        """The unit and its ancestors, highest first."""
        if unit_id not in self._chains:
            unit = OrgUnit.objects.get(pk=unit_id)
            self._chains[unit_id] = [*OrgUnit.objects.get_ancestors(unit), unit]
        return self._chains[unit_id]

    def refusal(self, unit, year: int) -> str | None:
        """Why this user may not write records of `unit` in `year`, or None."""
        if unit is None or year is None or self.user.is_superuser:
            return None
        unit_id = unit if isinstance(unit, int) else unit.pk
        key = (unit_id, year)
        if key not in self._answers:
            self._answers[key] = self._refusal(self._chain(unit_id), year)
        return self._answers[key]

    def _above(self, chain, unit) -> OrgUnit | None:
        index = next(i for i, u in enumerate(chain) if u.pk == unit.pk)
        return chain[index - 1] if index else None

    def _refusal(self, chain, year) -> str | None:
        from returns.models import Deadline, DeadlineException, Return

        approved = (
            Return.objects.approved()
            .filter(year=year, org_unit__in=[u.pk for u in chain])
            .select_related("approver_unit")
        )
        for ret in sorted(approved, key=lambda r: [u.pk for u in chain].index(r.org_unit_id)):
            approver = ret.approver_unit or self._above(chain, ret.org_unit)
            if approver is None or not covers(self.user, approver):
                name = approver.federation_name if approver else "上级妇联"
                return f"{ret.period_label}数据已经{name}审核锁定，如需修改请联系{name}退回。"
        deadlines = Deadline.objects.filter(year=year, org_unit__in=[u.pk for u in chain])
        depth = {u.pk: i for i, u in enumerate(chain)}
        for unit in chain[1:]:
            # The deepest setter above the unit decides the unit's level's dates.
            applying = [
                d
                for d in deadlines
                if d.level == unit.level and depth[d.org_unit_id] < depth[unit.pk]
            ]
            if not applying:
                continue
            deadline = max(applying, key=lambda d: depth[d.org_unit_id])
            if self.today <= deadline.closes_on:
                continue
            above = self._above(chain, unit)
            if above is not None and covers(self.user, above):
                continue
            excepted = DeadlineException.objects.filter(
                Q(org_unit=unit), year=year, until__gte=self.today
            ).exists()
            if not excepted:
                name = above.federation_name if above else "上级妇联"
                return (
                    f"{year}年度数据已于{deadline.closes_on:%Y年%-m月%-d日}截止录入，"
                    f"如需补录请联系{name}开放补录。"
                )
        return None

    def record_refusal(self, obj) -> str | None:
        """Why this user may not write `obj` as it now stands or as it was stored, or None."""
        if not is_locked_model(type(obj)):
            return None
        places = [(record_unit(obj), record_years(obj)), *stored_places(obj)]
        for unit, years in places:
            for year in sorted(years):
                reason = self.refusal(unit, year)
                if reason:
                    return reason
        return None


def refusal(user, unit, year: int) -> str | None:
    """Why `user` may not write records of `unit` in `year`, or None."""
    return LockChecker(user).refusal(unit, year)


def record_refusal(user, obj) -> str | None:
    """Why `user` may not create, change or delete `obj` (as it now stands and as it was
    stored), or None."""
    return LockChecker(user).record_refusal(obj)


def queryset_refusal(user, queryset) -> str | None:
    """Why `user` may not delete the records of `queryset` all at once, or None."""
    model = queryset.model
    if not is_locked_model(model) or user.is_superuser:
        return None
    unit_field = getattr(model, "scope_unit_field", "org_unit")
    checker = LockChecker(user)
    lookups = year_lookups(model)
    places = queryset.order_by().values_list(unit_field, *lookups).distinct()
    for unit_id, *years in places:
        for year in years:
            if isinstance(year, int):
                reason = checker.refusal(unit_id, year)
                if reason:
                    return reason
    return None


def _proposed(obj, cleaned_data, lookup):
    """The value at `lookup` for `obj` as a form would save it: the first step from the
    form's cleaned data where the form has that field, the rest followed from there."""
    first, _, rest = lookup.partition("__")
    start = cleaned_data[first] if first in cleaned_data else getattr(obj, first, None)
    return _follow(start, rest) if rest else start


def form_refusal(user, obj, cleaned_data) -> str | None:
    """Why `user` may not save a form of `obj` with `cleaned_data`: the record where it was
    stored and where the form would put it are both checked."""
    model = type(obj)
    if not is_locked_model(model):
        return None
    checker = LockChecker(user)
    unit = _proposed(obj, cleaned_data, getattr(model, "scope_unit_field", "org_unit"))
    years = set()
    for lookup in year_lookups(model):
        value = _proposed(obj, cleaned_data, lookup)
        if isinstance(value, int) and not isinstance(value, bool):
            years.add(value)
    for place_unit, place_years in [(unit, years), *stored_places(obj)]:
        for year in sorted(place_years):
            reason = checker.refusal(place_unit, year)
            if reason:
                return reason
    return None


def locked_form(form_class, user):
    """`form_class` refusing, with the reason, to save a record the user may not write."""
    from django import forms

    class LockedForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            reason = form_refusal(user, self.instance, cleaned_data or {})
            if reason:
                raise forms.ValidationError(reason, code="locked")
            return cleaned_data

    LockedForm.__name__ = form_class.__name__
    return LockedForm


class RecordLocked(ValidationError):
    """A write refused by a return's lock or a closed deadline; the message says why."""


def ensure_writable(*, user, obj) -> None:
    """For services: raise RecordLocked when `user` may not write `obj`."""
    if user is None:
        return
    reason = record_refusal(user, obj)
    if reason:
        raise RecordLocked(reason)


class ImportLocks:
    """The lock check of one import (fedportal.imports.ScopedResource): where each updated
    record was stored is read from the record the import loaded, so rows cost no queries
    beyond one per unit and year."""

    def __init__(self, user, model):
        self.model = model
        self.active = user is not None and is_locked_model(model)
        self.checker = LockChecker(user) if self.active else None

    def stored_place(self, obj):
        if not self.active:
            return None
        return (_unit_id(obj), record_years(obj))

    def refusal(self, obj, stored) -> str | None:
        if not self.active:
            return None
        places = [(_unit_id(obj), record_years(obj))]
        if stored is not None:
            places.append(stored)
        for unit_id, years in places:
            for year in sorted(years):
                reason = self.checker.refusal(unit_id, year)
                if reason:
                    return reason
        return None


def _unit_id(obj):
    """The id of the unit `obj` belongs to, without loading the unit itself."""
    path = getattr(type(obj), "scope_unit_field", "org_unit").split("__")
    holder = _follow(obj, "__".join(path[:-1])) if len(path) > 1 else obj
    return getattr(holder, f"{path[-1]}_id", None) if holder is not None else None
