"""The one access-scoping mechanism, and the only code that reads org-unit tree paths.

A user may see a record when all of these hold:
- the record's org unit lies in the subtree of one of the user's units (`User.org_units`);
- the user's roles grant the view permission on the record's model;
- the model's work area (its app) is among the user's work areas, if those are limited.
Superusers see everything.

The tree is stored as materialised paths (django-treebeard): a unit's subtree is every unit
whose path starts with its own. The rule is spelled here once, as:
- `unit_lookup(model)`: the lookup from a record to its org unit;
- `under(queryset_or_lookup, unit)`: records (or units) of a unit's subtree, which every
  figure rolls up (fedportal.indicators);
- `covers(user, unit)`: whether a unit is in a user's scope, for pages and links that name
  a unit (dashboards, report pages, figure links, saving a record into a unit);
- `in_scope(queryset, user)`: the records a user may see, behind `ScopedQuerySet.in_scope`
  and `OrgUnitQuerySet.in_scope` — admin lists, change pages and form choices, imports and
  exports, the report list;
- `shared_with(queryset, user)`: records in scope and those of the units above it, which
  are shared down the tree (a district's programme run that township grants belong to);
- `in_work_area` and `may_view_model`: the work-area and role parts of the rule.
"""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models.functions import Length, Substr

DEFAULT_UNIT_FIELD = "org_unit"


# --- the tree ------------------------------------------------------------------------------


def unit_lookup(model) -> str:
    """The lookup from a record of `model` to its org unit: the model's `scope_unit_field`
    (a trainee reaches its unit through its class: "training_class__org_unit"), "org_unit"
    by default, and "" for org units themselves."""
    from fedportal.models import OrgUnit  # the models module is built on this one

    if issubclass(model, OrgUnit):
        return ""
    return getattr(model, "scope_unit_field", DEFAULT_UNIT_FIELD)


def record_unit(obj):
    """The org unit a record belongs to, following its model's unit lookup."""
    unit = obj
    lookup = unit_lookup(type(obj))
    for name in lookup.split("__") if lookup else ():
        unit = getattr(unit, name, None)
        if unit is None:
            return None
    return unit


def _path_lookup(lookup: str) -> str:
    return f"{lookup}__path" if lookup else "path"


def subtree_filter(paths, lookup: str = "") -> models.Q:
    """Q matching records whose unit (reached through `lookup`) lies under any of `paths`."""
    if not paths:
        return models.Q(pk__in=[])
    field = _path_lookup(lookup)
    return reduce(or_, (models.Q(**{f"{field}__startswith": p}) for p in paths))


def under(queryset_or_lookup, unit):
    """The records of `unit` and every unit below it.

    Given a QuerySet, that QuerySet filtered (its model's unit lookup is followed); given a
    lookup to a unit ("org_unit", "" for units themselves), the Q that matches them.
    """
    if isinstance(queryset_or_lookup, str):
        return subtree_filter([unit.path], queryset_or_lookup)
    queryset = queryset_or_lookup
    return queryset.filter(subtree_filter([unit.path], unit_lookup(queryset.model)))


def is_under(unit, above) -> bool:
    """Whether `unit` is the unit `above` (a unit, or its tree path) or lies below it."""
    return unit.path.startswith(getattr(above, "path", above))


def ancestor_paths(path: str) -> list[str]:
    """The tree paths of the units above the unit at `path`, the top one first."""
    from fedportal.models import OrgUnit

    step = OrgUnit.steplen
    return [path[:end] for end in range(step, len(path), step)]


def parent_path(path):
    """An expression for the tree path of the parent of the unit whose path is `path` (an
    expression: `OuterRef("path")` in a subquery that finds the parent)."""
    from fedportal.models import OrgUnit

    return Substr(path, 1, Length(path) - OrgUnit.steplen)


def child_path(lookup: str, unit):
    """An expression for the path of the unit directly below `unit` that a record (whose
    unit is reached through `lookup`) lies under: the record's own unit's path when that is
    `unit` itself or one of its children. For grouping a subtree's records by child unit."""
    from fedportal.models import OrgUnit

    return Substr(_path_lookup(lookup), 1, len(unit.path) + OrgUnit.steplen)


# --- the user's scope ------------------------------------------------------------------------


def scope_paths(user) -> tuple[str, ...]:
    """Tree paths of the user's units, without units already covered by another."""
    kept: list[str] = []
    for path in user.unit_paths:  # sorted, so a unit comes before those below it
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)


def covers(user, unit) -> bool:
    """Whether `unit` lies in the user's scope: under one of their units."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return unit is not None and any(is_under(unit, p) for p in scope_paths(user))


def in_work_area(user, app_label: str) -> bool:
    """Whether the user's work areas (if limited) include `app_label`. Work areas limit a
    user further than their roles; none chosen means no limit. The reports draw on every
    area, so work areas do not limit them."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or not user.work_area_labels or app_label == "reports":
        return True
    return app_label in user.work_area_labels


def may_view_model(user, model) -> bool:
    """Whether the user's roles and work areas allow seeing records of `model` at all."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    opts = model._meta
    return in_work_area(user, opts.app_label) and user.has_perm(
        f"{opts.app_label}.view_{opts.model_name}"
    )


def in_scope(queryset, user):
    """What `user` may see of `queryset`: records of their units' subtrees, when their roles
    and work areas allow the model; every user's own units and those below them, when the
    QuerySet is of org units (units need no view permission to be worked with)."""
    lookup = unit_lookup(queryset.model)
    if lookup:
        allowed = may_view_model(user, queryset.model)
    else:
        allowed = user.is_authenticated and user.is_active
    if not allowed:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(subtree_filter(scope_paths(user), lookup))


def above_scope(user, lookup: str = DEFAULT_UNIT_FIELD) -> models.Q:
    """Q matching records of the units above the user's units (their district, city …)."""
    field = _path_lookup(lookup)
    above = {p for path in scope_paths(user) for p in ancestor_paths(path)}
    return models.Q(**{f"{field}__in": sorted(above)})


def shared_with(queryset, user):
    """Records in the user's scope and those of the units above it: what a unit above
    shares down the tree (a district's programme run covers the grants of every township,
    so township staff pick it although they cannot open it)."""
    if not may_view_model(user, queryset.model):
        return queryset.none()
    if user.is_superuser:
        return queryset
    lookup = unit_lookup(queryset.model)
    return queryset.filter(subtree_filter(scope_paths(user), lookup) | above_scope(user, lookup))


class ScopedQuerySet(models.QuerySet):
    """QuerySet of records that belong to an org unit.

    The model names the lookup to its unit in `scope_unit_field` (see `unit_lookup`), so
    records reached through a parent (a trainee through its class) scope the same way.
    """

    def in_scope(self, user):
        """Records `user` may see: their units' subtrees, their roles and work areas."""
        return in_scope(self, user)

    def shared_with(self, user):
        """Records in `user`'s scope and those of the units above it (see `shared_with`)."""
        return shared_with(self, user)

    def in_subtree(self, unit):
        """Records of `unit` and every unit below it (figures roll up the tree)."""
        return under(self, unit)

    def for_year(self, year):
        """Records of `year`, by the model's `year_lookup`: "year" by default (a trainee's
        year is its class's, a job fair's the year of its date)."""
        return self.filter(**{getattr(self.model, "year_lookup", "year"): year})
