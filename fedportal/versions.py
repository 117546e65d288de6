"""Edits that will not save over a change made in between: a record's version, and the
form mixin that carries and checks it. The admin's change forms and the report pages use it.
"""

from datetime import UTC

from django import forms
from django.db import router, transaction
from django.utils import timezone

# The hidden field of a change form that carries the version of the record it was loaded
# with (see VersionedFormMixin).
VERSION_FIELD = "record_version"


def _history_manager_name(model):
    return getattr(model._meta, "simple_history_manager_attribute", None)


def _has_updated_at(model) -> bool:
    return any(field.name == "updated_at" for field in model._meta.concrete_fields)


def is_versioned(model) -> bool:
    """Whether edits of `model` can be checked for a change made in between: it has an
    `updated_at` timestamp (every ScopedRecord) or, failing that, a change history."""
    return _has_updated_at(model) or _history_manager_name(model) is not None


def _timestamp_version(updated_at) -> str:
    return "" if updated_at is None else updated_at.astimezone(UTC).isoformat()


def _history_version(history) -> str:
    latest = history.values_list("history_id", flat=True).first()
    return "" if latest is None else f"h{latest}"


def record_version(obj) -> str:
    """The version of `obj` as loaded: its `updated_at`, or the id of its latest history row
    for a record without one. A change form carries it; tests post it back."""
    if _has_updated_at(type(obj)):
        return _timestamp_version(obj.updated_at)
    return _history_version(getattr(obj, _history_manager_name(type(obj))))


def stored_version(model, pk) -> str:
    """The version of record `pk` as stored now, read with a row lock inside a transaction,
    so that no other save slips in between the check and the save that follows it (the
    admin's change view runs in one transaction)."""
    rows = model._default_manager.filter(pk=pk)
    if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        rows = rows.select_for_update()
    if _has_updated_at(model):
        return _timestamp_version(rows.values_list("updated_at", flat=True).first())
    rows.values_list("pk", flat=True).first()  # takes the lock
    history = getattr(model, _history_manager_name(model))
    return _history_version(history.filter(**{model._meta.pk.attname: pk}))


def last_change(obj) -> str:
    """Who changed `obj` last and when, from its history, as the conflict message says it."""
    name = _history_manager_name(type(obj))
    latest = None
    if name is not None:
        latest = getattr(obj, name).select_related("history_user").first()
    if latest is None:
        return "修改人：未知，时间：未知"
    who = str(latest.history_user) if latest.history_user else "未知"
    when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M:%S")
    return f"修改人：{who}，时间：{when}"


class VersionedFormMixin:
    """A change form that will not save over a change made after it was loaded.

    The form carries the record's version in a hidden field; on save, the version stored
    now must be the one the form was loaded with, or the form gets an error and nothing is
    written. A form without the version (a tab opened before this check existed, a
    hand-made request) is refused the same way: nobody can tell what it would overwrite.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields[VERSION_FIELD].initial = record_version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance._state.adding:
            return cleaned_data
        loaded = self.data.get(VERSION_FIELD) or ""
        if loaded != stored_version(type(self.instance), self.instance.pk):
            change = last_change(self.instance)
            if loaded:
                message = f"该记录已被他人修改（{change}），请刷新后重新编辑。"
            else:
                message = (
                    f"无法确认该记录在您打开页面后是否被他人修改（最近一次{change}），"
                    "请刷新后重新编辑。"
                )
            raise forms.ValidationError(message, code="stale")
        return cleaned_data


def versioned_form(form_class):
    """`form_class` with the version field and check of VersionedFormMixin."""
    if issubclass(form_class, VersionedFormMixin):
        return form_class
    field = forms.CharField(widget=forms.HiddenInput, required=False)
    return type(form_class.__name__, (VersionedFormMixin, form_class), {VERSION_FIELD: field})
