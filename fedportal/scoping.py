"""The one access-scoping mechanism.

A user may see a record when all of these hold:
- the record's org unit lies in the subtree of one of the user's units (`User.org_units`);
- the user's roles grant the view permission on the record's model;
- the model's work area (its app) is among the user's work areas, if those are limited.
Superusers see everything. Admin lists, change pages, imports, exports, dashboards and
reports all go through `ScopedQuerySet.in_scope` (and `OrgUnit.objects.in_scope` for units),
so the rule lives here only.
"""

from functools import reduce
from operator import or_

from django.db import models


def subtree_filter(paths, prefix=""):
    """Q matching org units (reached through `prefix`) under any of the tree `paths`."""
    if not paths:
        return models.Q(pk__in=[])
    return reduce(or_, (models.Q(**{f"{prefix}path__startswith": p}) for p in paths))


def in_work_area(user, app_label: str) -> bool:
    """Whether the user's work areas (if limited) include `app_label`."""
    return user.is_authenticated and user.may_work_in(app_label)


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


class ScopedQuerySet(models.QuerySet):
    """QuerySet of records that belong to an org unit.

    The model names the lookup to its unit in `scope_unit_field` (default "org_unit"),
    so records reached through a parent (a trainee through its class) scope the same way.
    """

    def _unit_prefix(self):
        return getattr(self.model, "scope_unit_field", "org_unit") + "__"

    def in_scope(self, user):
        """Records `user` may see: their units' subtrees, their roles and work areas."""
        if not may_view_model(user, self.model):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(subtree_filter(user.scope_paths, self._unit_prefix()))

    def in_subtree(self, unit):
        """Records of `unit` and every unit below it (figures roll up the tree)."""
        return self.filter(**{f"{self._unit_prefix()}path__startswith": unit.path})
