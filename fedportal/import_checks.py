"""Row checks for imports that cost no query per row.

A model's own validation (`full_clean`) asks the database once per foreign key, once per
check constraint and once per unique constraint, for every row: tens of thousands of
queries for one spreadsheet. The import already holds the related objects its widgets found,
so here

- check constraints are evaluated in Python when their condition is made of plain field
  lookups (exact, lt, lte, gt, gte, in, isnull, with values or F() of the same record);
  anything else still goes to the database, row by row;
- unique constraints over plain fields are checked against the other rows of the file and
  against the keys already stored, which are read once per file for the keys it holds.

The database constraints stay in place; this only decides, before saving, which rows would
break them, so each can be named with its row and reason.
"""

import operator

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint, F, Q, UniqueConstraint

COMPARISONS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}
VALUES_PER_QUERY = 1000


class Unsupported(Exception):
    """A condition Python cannot evaluate the way SQL would; the database decides."""


def _value(instance, name):
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def _leaf(instance, lookup, value):
    name, _, op = lookup.partition("__")
    op = op or "exact"
    left = _value(instance, name)
    if op == "isnull":
        return (left is None) is bool(value)
    if isinstance(value, F):
        value = _value(instance, value.name)
    elif hasattr(value, "resolve_expression"):
        raise Unsupported(lookup)
    if left is None or value is None:
        return None  # SQL's unknown: a CHECK passes on it
    if op == "in":
        return left in value
    if op not in COMPARISONS:
        raise Unsupported(lookup)
    try:
        return COMPARISONS[op](left, value)
    except TypeError as exc:
        raise Unsupported(lookup) from exc


def evaluate(condition, instance):
    """True, False or None (unknown) for a Q condition on `instance`, with SQL's logic."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(evaluate(child, instance))
        elif isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
            results.append(_leaf(instance, *child))
        else:
            raise Unsupported(child)  # an expression such as Length("id_number") > 0
    if condition.connector == Q.AND:
        verdict = False if False in results else (None if None in results else True)
    else:
        verdict = True if True in results else (None if None in results else False)
    if condition.negated and verdict is not None:
        verdict = not verdict
    return verdict


def _plain_unique(constraint):
    """A unique constraint over fields (with or without a condition), checkable here."""
    return (
        isinstance(constraint, UniqueConstraint)
        and constraint.fields
        and not constraint.expressions
    )


class ConstraintChecker:
    """Checks one import's rows against the model's constraints (see module docstring)."""

    def __init__(self, model):
        self.model = model
        self.constraints = [c for _, group in model().get_constraints() for c in group]
        # A unique field (a one-to-one link, say) is a one-field unique constraint here.
        self.constraints += [
            UniqueConstraint(
                fields=[f.name],
                name=f"unique_{f.name}",
                violation_error_message=f"该{f.verbose_name}已有记录，不能重复。",
            )
            for f in model._meta.local_fields
            if f.unique and not f.primary_key
        ]
        self.attnames = {
            c.name: [model._meta.get_field(f).attname for f in c.fields]
            for c in self.constraints
            if _plain_unique(c)
        }
        self.conditions = {c.name: c.condition for c in self.constraints if _plain_unique(c)}
        self.seen = {name: {} for name in self.attnames}
        self.looked_up = {name: set() for name in self.attnames}
        self.stored = {name: {} for name in self.attnames}

    def prefetch(self, keys_by_constraint):
        """Read the stored records holding any of these keys, a thousand values a query.

        The query matches the key's most varied column with IN and the rest is compared
        here: a long OR of per-key conditions costs Django more to build than the database
        to run.
        """
        for name, keys in keys_by_constraint.items():
            attnames = self.attnames[name]
            keys = {k for k in keys if None not in k} - self.looked_up[name]
            if not keys:
                continue
            column = max(range(len(attnames)), key=lambda i: len({k[i] for k in keys}))
            values = sorted({k[column] for k in keys}, key=str)
            stored = self.model._base_manager.all()
            if self.conditions[name] is not None:
                stored = stored.filter(self.conditions[name])
            for start in range(0, len(values), VALUES_PER_QUERY):
                chunk = values[start : start + VALUES_PER_QUERY]
                rows = stored.filter(**{f"{attnames[column]}__in": chunk})
                for *key, pk in rows.values_list(*attnames, "pk"):
                    self.stored[name][tuple(key)] = pk
            self.looked_up[name] |= keys

    def key(self, constraint, instance):
        return tuple(getattr(instance, a) for a in self.attnames[constraint.name])

    def errors(self, instance, row_number, exclude=()):
        """The constraint errors of `instance`, as a dict for ValidationError."""
        messages = []
        for constraint in self.constraints:
            if isinstance(constraint, CheckConstraint):
                try:
                    verdict = evaluate(constraint.condition, instance)
                except Unsupported:
                    verdict = self._database_verdict(constraint, instance, exclude)
                if verdict is False:
                    messages.append(constraint.get_violation_error_message())
            elif _plain_unique(constraint):
                if self._applies(constraint, instance, exclude) and self._duplicate(
                    constraint, instance, row_number
                ):
                    messages.append(constraint.get_violation_error_message())
            elif self._database_verdict(constraint, instance, exclude) is False:
                messages.append(constraint.get_violation_error_message())
        return {NON_FIELD_ERRORS: messages} if messages else {}

    def _applies(self, constraint, instance, exclude):
        """Whether a conditional unique constraint covers this record."""
        if constraint.condition is None:
            return True
        try:
            return evaluate(constraint.condition, instance) is not False
        except Unsupported:
            # Python cannot tell; the database says whether this record breaks it.
            return self._database_verdict(constraint, instance, exclude) is False

    def _duplicate(self, constraint, instance, row_number):
        key = self.key(constraint, instance)
        if None in key:
            return False  # NULLs never collide
        earlier = self.seen[constraint.name].setdefault(key, row_number)
        if earlier != row_number:
            return True
        if key not in self.looked_up[constraint.name]:
            self.prefetch({constraint.name: [key]})
        stored_pk = self.stored[constraint.name].get(key)
        return stored_pk is not None and stored_pk != instance.pk

    def _database_verdict(self, constraint, instance, exclude):
        try:
            constraint.validate(self.model, instance, exclude=set(exclude))
        except ValidationError:
            return False
        return True
