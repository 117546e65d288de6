import logging
import re
import time

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    models,
)
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from import_export.admin import ImportExportMixin
from import_export.signals import post_export
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from fedportal import indicators
from fedportal.audit import audit_record
from fedportal.forms import ExportForm, OrgUnitForm
from fedportal.imports import (
    FORMATS,
    ImportFileError,
    SafeXLSX,
    escape_formula,
    row_errors,
    validate_no_control_characters,
)
from fedportal.models import AuditEvent, OrgUnit, ReferenceList, User, WorkArea
from fedportal.personal_data import may_see_personal, personal_fields, shown_value
from fedportal.scoping import above_scope, covers, in_work_area, record_unit, unit_lookup
from fedportal.sheets import template_workbook
from fedportal.streaming_export import export_xlsx
from fedportal.versions import VERSION_FIELD, is_versioned, versioned_form

log = logging.getLogger(__name__)


def scoped_choices(model, user):
    """The objects of `model` a user may pick in a form, or None when it is not scoped."""
    if issubclass(model, OrgUnit):
        return OrgUnit.objects.in_scope(user)
    manager = model._default_manager
    if hasattr(manager, "in_scope"):
        return manager.in_scope(user)
    return None


class OwnedByUnitMixin:
    """Admin of settings a unit keeps for its subtree (figure definitions, quality rules,
    deadlines): a user sees the general rows, those of units above theirs (read-only) and
    those of units in their scope, and changes only the last; a new row belongs to a unit of
    their scope."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser:
            return queryset
        return queryset.filter(
            Q(org_unit__isnull=True)
            | Q(org_unit__in=OrgUnit.objects.in_scope(user))
            | above_scope(user, "org_unit")
        )

    def _owned(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return (
            obj.org_unit_id is not None
            and OrgUnit.objects.in_scope(request.user).filter(pk=obj.org_unit_id).exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owned(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owned(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "org_unit" and not request.user.is_superuser:
            kwargs["queryset"] = OrgUnit.objects.in_scope(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not request.user.is_superuser and request.user.top_units:
            initial.setdefault("org_unit", request.user.top_units[0].pk)
        return initial

    @admin.display(description="适用单位", ordering="org_unit__path")
    def owner(self, obj):
        return obj.org_unit.name if obj.org_unit_id else "全部单位"


class NotFoundOutsideScopeMixin:
    """An object page outside the user's scope is a 404, the same as a missing object, so
    nothing leaks either way."""

    not_found_message = "记录不存在，或不在您的管辖范围内。"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(self.not_found_message)
        return obj


class UndeclaredLookup(Exception):
    """A list or export was asked to filter by GET parameters none of its filters declares."""

    def __init__(self, names=()):
        super().__init__("undeclared list lookup")
        self.names = sorted(names)


class DeclaredFiltersChangeList(ChangeList):
    """A change list that filters only by what its admin declares: `list_filter`, the date
    hierarchy, and the parameters the admin reads itself (`own_list_params`, e.g. a report's
    figure link). Django would also take any other field lookup from the query string
    (`?id_number=…`, `?phone__startswith=13`, `?notes__regex=…`), making the list an oracle
    for fields it never shows and putting what was looked for into URLs and server logs;
    such a lookup raises UndeclaredLookup. Exports build their queryset from this class too.
    """

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        for name in getattr(self.model_admin, "own_list_params", ()):
            lookup_params.pop(name, None)
        return lookup_params

    def get_filters(self, request):
        sent = set(self.get_filters_params())
        hierarchy = set()
        if self.date_hierarchy and f"{self.date_hierarchy}__year" in sent:
            hierarchy = {f"{self.date_hierarchy}__gte", f"{self.date_hierarchy}__lt"}
        try:
            filters = super().get_filters(request)
        except DisallowedModelAdminLookup:
            # A lookup across a relation that no filter declares; Django refuses it too.
            raise UndeclaredLookup(self._not_fields(sent)) from None
        except IncorrectLookupParameters as exc:
            if isinstance(exc.__cause__, FieldDoesNotExist):
                raise UndeclaredLookup(self._not_fields(sent)) from None
            raise
        # The filters took their own parameters out; the date hierarchy turned its year,
        # month and day into the range below. Whatever is left was not declared.
        undeclared = set(filters[2]) - hierarchy
        if undeclared:
            raise UndeclaredLookup(undeclared)
        return filters

    def _not_fields(self, sent):
        names = set()
        for name in sent:
            try:
                self.model._meta.get_field(name.split("__")[0])
            except FieldDoesNotExist:
                names.add(name)
        return names or sent


LOOKUP_NAME_RE = re.compile(r"[A-Za-z0-9_]{1,60}")


class DeclaredFiltersOnlyMixin:
    """For every admin of the portal: its list (and export) answers an undeclared GET lookup
    with a 400 page that says what the list can be filtered by."""

    # GET parameters the admin reads itself, outside the filters.
    own_list_params: tuple[str, ...] = ()

    def get_changelist(self, request, **kwargs):
        return DeclaredFiltersChangeList

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except UndeclaredLookup as refused:
            return self.refuse_lookup(request, refused)

    def refuse_lookup(self, request, refused):
        # The path and the user only: what was looked for may be the personal data itself.
        log.warning(
            "拒绝了未声明的列表筛选参数：%s，用户 %s",
            request.path,
            request.user.get_username(),
        )
        names = [name for name in refused.names if LOOKUP_NAME_RE.fullmatch(name)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "不接受的筛选条件",
            "names": names,
            "id_number_search": bool(getattr(self, "id_number_fields", ())),
        }
        return TemplateResponse(request, "admin/fedportal/refused_lookup.html", context, status=400)


# A report's figure links to the admin list of its records with these parameters.
FIGURE_PARAMS = ("figure", "figure_year", "figure_unit")


class MaskedHistoryHelper(HistoricalRecordContextHelper):
    """The changes on a history page, personal fields masked for whoever lacks the right."""

    def __init__(self, model, historical_record, *, user):
        super().__init__(model, historical_record)
        self.user = user

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return shown_value(self.user, self.model, change.field, value)


class NativeDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _defaulted_number(field) -> bool:
    """A count or amount the model fills with a fixed default when left out."""
    return (
        isinstance(field, models.IntegerField | models.DecimalField)
        and field.has_default()
        and not callable(field.default)
        and not field.primary_key
    )


class _TakesDefault:
    """A number field that may be left empty and then takes the model field's default."""

    def __init__(self, *, default, **kwargs):
        self.default = default
        super().__init__(**kwargs)
        self.required = False
        self.widget.attrs.setdefault("placeholder", str(default))

    def clean(self, value):
        if value in self.empty_values:
            return self.default
        return super().clean(value)


class DefaultedIntegerField(_TakesDefault, forms.IntegerField):
    pass


class DefaultedDecimalField(_TakesDefault, forms.DecimalField):
    pass


def _defaulted_form_class(field):
    return (
        DefaultedDecimalField if isinstance(field, models.DecimalField) else DefaultedIntegerField
    )


class ScopedAdminMixin(DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin):
    """Admin for records that belong to an org unit (see fedportal.scoping).

    Lists show only records in the user's scope; a change, delete or history page of a
    record outside it is a 404; foreign-key choices are limited to the scope, and a record
    cannot be saved into a unit outside it. Work areas limit the roles' permissions.
    A change form refuses to save over a change made since it was loaded (VersionedFormMixin).
    Personal fields (fedportal.personal_data) are masked for a user without the model's
    personal-data permission in list columns, read-only change pages, past versions and
    history diffs.
    """

    own_list_params = FIGURE_PARAMS

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Entry as a phone expects it: the browser's own date picker (in the phone's
        language, not the admin's English-lettered calendar), the telephone keypad for phone
        numbers, and counts with a default left empty for the user to fill rather than
        pre-filled with 0 (left empty, they take the default, as an import does)."""
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        ):
            kwargs["widget"] = NativeDateInput
        elif isinstance(db_field, models.CharField) and "phone" in db_field.name:
            kwargs["widget"] = forms.TextInput(attrs={"type": "tel", "inputmode": "tel"})
        elif _defaulted_number(db_field):
            kwargs["form_class"] = _defaulted_form_class(db_field)
            kwargs["default"] = db_field.default
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).in_scope(request.user)
        figure = getattr(request, "figure_filter", None)
        if figure is not None:
            indicator, year, unit = figure
            queryset = queryset.filter(pk__in=indicator.queryset(year, unit).values("pk"))
        return queryset

    def changelist_view(self, request, extra_context=None):
        if "figure" in request.GET:
            request.figure_filter = self._figure_filter(request)
            indicator, year, unit = request.figure_filter
            extra_context = {
                **(extra_context or {}),
                "figure_caption": f"{unit.name}{year}年“{indicator.label}”所依据的记录",
            }
        return super().changelist_view(request, extra_context)

    def _figure_filter(self, request):
        """The (indicator, year, unit) a report's figure link asks for; 404 when the
        indicator does not count this model or the unit lies outside the user's scope."""
        try:
            indicator = indicators.get(request.GET["figure"])
            year = int(request.GET.get("figure_year", ""))
        except (KeyError, ValueError):
            raise Http404("指标或年度无效。") from None
        unit = OrgUnit.objects.filter(code=request.GET.get("figure_unit", "")).first()
        if unit is None or not covers(request.user, unit) or not indicator.available_to(unit):
            raise Http404("指标不存在，或单位不在您的管辖范围内。")
        source = indicator.spec(unit).source
        if source is None or source.model is not self.model:
            raise Http404("指标不存在，或单位不在您的管辖范围内。")
        return indicator, year, unit

    # --- personal data, as the model's policy says (fedportal.personal_data) ---

    def shows_personal_data(self, request, obj=None) -> bool:
        """Whether a page of `obj` shows the model's personal fields unmasked."""
        return bool(personal_fields(self.model)) and not self._masks_page(request, obj)

    def _masks_page(self, request, obj):
        """A read-only page (a change page the user may not change, a past version) of a
        user without the personal-data permission shows personal fields masked."""
        if not personal_fields(self.model) or may_see_personal(request.user, self.model):
            return False
        if getattr(request, "shows_past_version", False):
            return True
        return obj is not None and not self.has_change_permission(request, obj)

    @cached_property
    def _masked_columns(self):
        """{field name: a read-only column showing it masked}, made once per admin so that
        fieldsets and read-only fields name the same callables."""
        return {
            name: masked(name, mask, self.opts.get_field(name).verbose_name)
            for name, mask in personal_fields(self.model).items()
        }

    def _masked(self, name):
        return self._masked_columns.get(name, name) if isinstance(name, str) else name

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if may_see_personal(request.user, self.model):
            return columns
        return [self._masked(name) for name in columns]

    def get_historical_record_context_helper(self, request, historical_record):
        return MaskedHistoryHelper(self.model, historical_record, user=request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not self._masks_page(request, obj):
            return readonly
        if getattr(request, "shows_past_version", False):
            # A past version is read, never saved: every field of it is read-only.
            return [self._masked(name) for name in self._page_fields(readonly)]
        return (*readonly, *self._masked_columns.values())

    def _page_fields(self, readonly):
        """The fields a page of the record shows, as declared (without asking the form,
        which asks for the read-only fields)."""
        if self.fieldsets:
            names = flatten_fieldsets(self.fieldsets)
        elif self.fields:
            names = flatten_fieldsets([(None, {"fields": self.fields})])
        else:
            names = [f.name for f in self.opts.fields if f.editable and not f.auto_created]
        return list(dict.fromkeys([*names, *readonly]))

    def get_object(self, request, object_id, from_field=None):
        # A role without the model gets 403 before any lookup, as on the list page.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().get_object(request, object_id, from_field)

    def _in_work_area(self, request):
        return in_work_area(request.user, self.opts.app_label)

    def has_module_permission(self, request):
        return self._in_work_area(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._in_work_area(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._in_work_area(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return (
            self._in_work_area(request)
            and super().has_change_permission(request, obj)
            and self.lock_refusal(request, obj) is None
        )

    def has_delete_permission(self, request, obj=None):
        return (
            self._in_work_area(request)
            and super().has_delete_permission(request, obj)
            and self.lock_refusal(request, obj) is None
        )

    # --- approved returns and closed deadlines (returns.locks) ---

    def lock_refusal(self, request, obj) -> str | None:
        """Why the user may not change or delete `obj` (an approved return covers it, or
        its year's entry has closed), or None; asked once per record and request."""
        if obj is None or obj.pk is None:
            return None
        from returns import locks

        answers = request.__dict__.setdefault("_lock_refusals", {})
        key = (type(obj), obj.pk)
        if key not in answers:
            answers[key] = locks.record_refusal(request.user, obj)
        return answers[key]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        reason = self.lock_refusal(request, obj)
        if reason:
            if request.method == "POST":
                raise PermissionDenied(reason)
            messages.warning(request, reason)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        reason = self.lock_refusal(request, self.get_object(request, object_id))
        if reason:
            raise PermissionDenied(reason)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            action, name, description = actions["delete_selected"]
            actions["delete_selected"] = (locked_delete(action), name, description)
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            choices = scoped_choices(db_field.related_model, request.user)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            choices = scoped_choices(db_field.related_model, request.user)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        field = unit_lookup(self.model)
        if "__" not in field and field not in initial and request.user.top_units:
            initial[field] = request.user.top_units[0].pk
        # A new record's counts start empty (see formfield_for_dbfield), not at 0.
        for db_field in self.model._meta.concrete_fields:
            if _defaulted_number(db_field) and db_field.name not in initial:
                initial[db_field.name] = None
        return initial

    def save_model(self, request, obj, form, change):
        # The form's choices already keep the unit in scope; this guards every other path.
        if not covers(request.user, record_unit(obj)):
            raise PermissionDenied("所属单位不在您的管辖范围内。")
        if not change and hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _checks_versions(self, obj):
        # Inlines are saved with their parent, whose version covers the whole page: the
        # admin saves the parent on every change, so its `updated_at` moves each time.
        return obj is not None and isinstance(self, admin.ModelAdmin) and is_versioned(self.model)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._masks_page(request, obj):
            return self._masked_fieldsets(fieldsets)
        if (
            not self._checks_versions(obj)
            or VERSION_FIELD in flatten_fieldsets(fieldsets)
            or not self.has_change_permission(request, obj)
        ):
            return fieldsets
        # A hidden field on a line of its own: the admin hides the line, too.
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def _masked_fieldsets(self, fieldsets):
        """The fieldsets with each personal field replaced by its masked column, once."""
        seen = set()

        def shown(name):
            masked_name = self._masked(name)
            if masked_name in seen:
                return None
            seen.add(masked_name)
            return masked_name

        masked_sets = []
        for name, options in fieldsets:
            lines = []
            for line in options["fields"]:
                if isinstance(line, list | tuple):
                    line = tuple(n for n in map(shown, line) if n is not None)
                else:
                    line = shown(line)
                if line:
                    lines.append(line)
            masked_sets.append((name, {**options, "fields": lines}))
        return masked_sets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._checks_versions(obj):
            kwargs["form"] = versioned_form(kwargs.get("form", self.form))
        if isinstance(self, admin.ModelAdmin):
            from returns.locks import locked_form

            kwargs["form"] = locked_form(kwargs.get("form", self.form), request.user)
        form = super().get_form(request, obj, change, **kwargs)
        for name, field in form.base_fields.items():
            if isinstance(field, forms.CharField):
                # As the import refuses them: nobody types them, and no export can hold them.
                field.validators.append(validate_no_control_characters)
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, ReferenceList):
                # Retired list entries are not offered again, but a record keeps its own.
                current = getattr(obj, f"{name}_id", None) if obj else None
                field.queryset = queryset.filter(Q(is_active=True) | Q(pk=current))
        return form

    def history_view(self, request, object_id, extra_context=None):
        # The history library would fall back to a deleted record's last version; a record
        # outside the scope must stay invisible, deleted or not.
        if not request.user.is_superuser:
            self.get_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A past version is as confidential as the record: in scope, and the record still
        # there, as on the history page.
        if not request.user.is_superuser:
            self.get_object(request, object_id)
        # Read-only, and masked for a user without the personal-data permission.
        request.shows_past_version = True
        # The library saves a posted past version even with reverting switched off.
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied("不能恢复历史版本。")
        return super().history_form_view(request, object_id, version_id, extra_context)


def locked_delete(action):
    """The bulk delete action, refusing with the reason when any chosen record is kept by
    an approved return or a closed deadline (returns.locks)."""

    def delete_selected(modeladmin, request, queryset):
        from returns.locks import queryset_refusal

        reason = queryset_refusal(request.user, queryset)
        if reason:
            modeladmin.message_user(request, f"没有删除任何记录：{reason}", messages.ERROR)
            return None
        return action(modeladmin, request, queryset)

    delete_selected.__name__ = action.__name__
    for name in ("short_description", "allowed_permissions"):
        if hasattr(action, name):
            setattr(delete_selected, name, getattr(action, name))
    return delete_selected


class UnitFilter(admin.SimpleListFilter):
    """Filter records by a unit of the user's scope down to township level, with its subtree.

    The choices are the user's units and the townships under them, never the thousands of
    villages, so the filter stays short and the list stays fast.
    """

    title = "所属单位"
    parameter_name = "unit"

    def lookups(self, request, model_admin):
        units = OrgUnit.objects.in_scope(request.user).filter(level__lte=OrgUnit.Level.TOWNSHIP)
        return [(unit.code, unit.name) for unit in units]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        unit = OrgUnit.objects.in_scope(request.user).filter(code=self.value()).first()
        if unit is None:
            return queryset.none()
        return queryset.in_subtree(unit)


class YearFilter(admin.SimpleListFilter):
    """The years in which the user's records of the list lie, among a window of recent ones.

    Django's own filter for a plain field lists its values with SELECT DISTINCT over the
    whole table, which a million-row list cannot afford on every page view. Here each year of
    the window is probed for one record in scope (an index lookup that stops at the first
    row), all in one query on PostgreSQL.
    """

    title = "年度"
    parameter_name = "year"
    window = 10

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        window = range(this_year + 1, this_year - self.window, -1)
        years = _years_with_records(model_admin.get_queryset(request), window)
        chosen = self.value()
        if chosen and chosen.isdigit() and int(chosen) not in years:
            years.append(int(chosen))
        return [(str(year), f"{year}年") for year in sorted(years, reverse=True)]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(year=int(value))


def _years_with_records(queryset, years) -> list[int]:
    """Which of `years` hold a record of `queryset`, in one query."""
    queryset = queryset.order_by().values_list("year", flat=True)
    if connection.features.supports_slicing_ordering_in_compound:
        probes = [queryset.filter(year=year)[:1] for year in years]
        return sorted(set(probes[0].union(*probes[1:], all=True)), reverse=True)
    found = queryset.filter(year__in=list(years)).distinct()
    return sorted(found, reverse=True)


def masked(field_name, mask, description):
    """A list column that shows a personal field masked, for every role."""

    @admin.display(description=description)
    def column(obj):
        return mask(getattr(obj, field_name))

    column.__name__ = f"masked_{field_name}"
    return column


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so a list page costs the same at 10 thousand or 10 million rows.

    Past the cap the list shows its first pages and asks for a filter; nobody pages through
    a hundred thousand records by hand.
    """

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP + 1].count()


class IdNumberSearchForm(forms.Form):
    id_number = forms.CharField(label="身份证号码", max_length=18, min_length=4)


# Rows of an import's errors kept in the session for their download, at most.
KEPT_ERROR_ROWS = 5000
ERRORS_KEY = "import-errors:"
CONFIRM_FAILED = (
    "确认导入时与数据库的连接中断，本次导入没有写入任何记录。"
    "可以放心重试：请重新上传文件，预览无误后再确认导入。"
)


def keep_import_errors(session, model, rows, now=None):
    """Keep the rows of an import's errors (as shown to the user, already masked) in the
    session for the error sheet's download, with the time they were kept."""
    session[f"{ERRORS_KEY}{model._meta.label_lower}"] = {
        "kept_at": time.time() if now is None else now,
        "rows": [[str(cell) for cell in row] for row in rows[:KEPT_ERROR_ROWS]],
    }


def drop_expired_import_errors(session, now=None):
    """Remove error rows older than IMPORT_ERRORS_LIFETIME from the session."""
    now = time.time() if now is None else now
    for key in [k for k in session.keys() if k.startswith(ERRORS_KEY)]:  # noqa: SIM118 (no __iter__)
        kept = session[key]
        if not isinstance(kept, dict) or now - kept.get("kept_at", 0) > (
            settings.IMPORT_ERRORS_LIFETIME
        ):
            del session[key]


def _lost_database(result) -> bool:
    """Whether an import failed because the database went away (a dropped connection, a
    server restart), which the library records like a row's error, not because of its rows."""
    errors = [error for _, row in result.row_errors() for error in row] + list(result.base_errors)
    return any(isinstance(error.error, OperationalError | InterfaceError) for error in errors)


def sheet_cell(value):
    """A cell of the error sheet: text a spreadsheet would run as a formula escaped, as in
    exports, and characters a workbook cannot hold replaced."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return escape_formula(value)


class ScopedAdmin(ScopedAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    """The admin of a work-area record: scoped, with history, import and export.

    Imports are dry-run first and show every rejected row's row, column, value and reason;
    the errors download as xlsx, and a blank template downloads from the list page.
    Models with ID numbers name them in `id_number_fields`: they are searched by a POST
    form so the number never appears in a URL or a server log.
    """

    list_select_related = ("org_unit",)
    import_formats = FORMATS
    export_formats = FORMATS
    import_template_name = "admin/fedportal/import.html"
    import_export_change_list_template = "admin/fedportal/change_list.html"
    id_number_fields: tuple[str, ...] = ()
    show_full_result_count = False
    paginator = CappedCountPaginator

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def audit_personal_view(self, request, obj, what):
        """Log that `request.user` was shown `what` (e.g. "当事人个人信息") of `obj`."""
        audit_record(
            user=request.user,
            action=AuditEvent.Action.VIEW_PERSONAL,
            obj=obj,
            description=f"查看{self.opts.verbose_name}（编号 {obj.pk}）的{what}",
            request=request,
        )

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        # The same resource and columns the export used, asked which it wrote unmasked.
        export_form = kwargs.get("export_form")
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request, **kwargs)
        )
        selected = self.get_export_resource_fields_from_form(export_form)
        self.audit_export(request, resource, selected, len(data))
        return data

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """xlsx is streamed (fedportal/streaming_export.py): the library builds the whole
        list and workbook in memory, which grows with every row; CSV stays with it."""
        if not isinstance(file_format, SafeXLSX):
            response = super()._do_file_export(file_format, request, queryset, export_form)
            # The library writes the name unencoded, which a Chinese name cannot be.
            response["Content-Disposition"] = content_disposition_header(
                True, self.get_export_filename(request, queryset, file_format)
            )
            return response
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request, export_form=export_form)
        )
        selected = self.get_export_resource_fields_from_form(export_form)
        streamed = export_xlsx(
            resource, queryset, selected_fields=selected, title=str(self.opts.verbose_name)
        )
        self.audit_export(request, resource, selected, streamed.rows)
        post_export.send(sender=None, model=self.model)
        return streamed.response(self.get_export_filename(request, queryset, file_format))

    def get_export_filename(self, request, queryset, file_format):
        return f"{self.opts.verbose_name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def audit_export(self, request, resource, selected_fields, rows):
        """Log an export of `rows` records by `resource` (the ScopedResource made for the
        exporting user) of `selected_fields` (None: all) if its file has personal columns,
        masked or not: a masked copy of a whole list is still a copy of it. Every export
        path calls this once it knows the row count."""
        columns, masked_for_user = resource.personal_columns(selected_fields)
        if not columns or not rows:
            return
        state = "个人信息已打码" if masked_for_user else "含未打码的个人信息"
        audit_record(
            user=request.user,
            action=AuditEvent.Action.EXPORT_PERSONAL,
            model=self.model,
            description=f"导出{self.opts.verbose_name} {rows} 条，{state}：{'、'.join(columns)}",
            count=rows,
            request=request,
        )

    def export_action(self, request):
        try:
            return super().export_action(request)
        except UndeclaredLookup as refused:
            return self.refuse_lookup(request, refused)

    def get_export_form_class(self):
        return ExportForm

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        if not form.initial.get("export_items"):
            # What the list's current filters and search select: the rows the file will hold.
            context["export_count"] = self.get_export_queryset(request).count()
        return context

    def has_import_permission(self, request):
        return self._in_work_area(request) and super().has_import_permission(request)

    def has_export_permission(self, request):
        return self._in_work_area(request) and super().has_export_permission(request)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{prefix}_import_template",
            ),
            path(
                "import-errors/",
                self.admin_site.admin_view(self.import_errors_view),
                name=f"{prefix}_import_errors",
            ),
            path(
                "find-by-id-number/",
                self.admin_site.admin_view(self.find_by_id_number_view),
                name=f"{prefix}_find_by_id_number",
            ),
        ]
        return own + super().get_urls()

    def _import_resource(self, request):
        return self.get_import_resource_classes(request)[0](
            **self.get_import_resource_kwargs(request)
        )

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error("import_file", "无法读取文件，请确认所选格式与文件一致。")

    def import_action(self, request, **kwargs):
        drop_expired_import_errors(request.session)
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            context["error_rows"] = self._keep_errors(request, result)
        if request.method == "POST" and not context.get("confirm_form"):
            # Nothing to confirm: the uploaded file has no reason to wait.
            self._remove_upload(context.get("form"))
        return response

    def _remove_upload(self, form):
        upload = form.files.get("import_file") if form is not None else None
        name = getattr(upload, "tmp_storage_name", None)
        if name:
            self._tmp_storage(name).remove()

    def _tmp_storage(self, name, read_mode="rb"):
        return self.get_tmp_storage_class()(
            name=name, read_mode=read_mode, **self.get_tmp_storage_class_kwargs()
        )

    def _keep_errors(self, request, result):
        """The rows an import refused, masked as the user may see them (an export's rule),
        kept in the session for the xlsx download."""
        errors = row_errors(result, self._import_resource(request))
        keep_import_errors(request.session, self.model, errors)
        return errors

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirm: the previewed file is taken from where it waited (so a preview is
        confirmed once), imported in one transaction, and gone whatever happens."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return super().process_import(request, **kwargs)
        formats = self.get_import_formats()
        input_format = formats[int(confirm_form.cleaned_data["format"])](
            encoding=self.from_encoding
        )
        storage = self._tmp_storage(
            confirm_form.cleaned_data["import_file_name"], input_format.get_read_mode()
        )
        try:
            dataset = input_format.create_dataset(storage.take())
            result = self.process_dataset(dataset, confirm_form, request, **kwargs)
        except ImportFileError as exc:
            # Confirmed already (a second click, the back button), expired, or unreadable.
            messages.error(request, str(exc))
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        except DatabaseError:
            return self._confirm_failed(request)
        if _lost_database(result):
            return self._confirm_failed(request)
        return self.process_result(result, request)

    def _confirm_failed(self, request):
        log.exception("确认导入时数据库出错，已回滚：%s", self.opts.label_lower)
        # A broken connection is replaced before anything else of this request uses it (the
        # session and the message); a working one is left alone.
        for opened in connections.all(initialized_only=True):
            if opened.connection is not None and not opened.is_usable():
                opened.close()
        messages.error(request, CONFIRM_FAILED)
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        # The confirmed file no longer passes as a whole (someone entered one of its records
        # since the preview): the import rolled back, and the user is told why, not "done".
        messages.error(
            request,
            "确认导入时发现有行已不能通过检查（可能刚有人录入了相同的记录），"
            "整个文件都没有写入；请按下表修正后重新上传。",
        )
        form_class = self.get_import_form_class(request)
        context = {
            **self.admin_site.each_context(request),
            "title": "导入",
            "opts": self.opts,
            "form": form_class(
                self.get_import_formats(), self.get_import_resource_classes(request)
            ),
            "fields_list": [
                (
                    resource.get_display_name(),
                    [f.column_name for f in resource.get_user_visible_fields()],
                )
                for resource in [self._import_resource(request)]
            ],
            "result": result,
            "error_rows": self._keep_errors(request, result),
            "import_error_display": self.import_error_display,
        }
        return TemplateResponse(request, [self.import_template_name], context)

    def import_errors_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        drop_expired_import_errors(request.session)
        kept = request.session.get(f"{ERRORS_KEY}{self.opts.label_lower}")
        if not kept or not kept["rows"]:
            raise Http404("没有可下载的导入错误，或已超过保留时间；请重新导入以查看错误。")
        book = Workbook()
        sheet = book.active
        sheet.title = "导入错误"
        sheet.append(["行号", "列", "值", "原因"])
        for row in kept["rows"]:
            sheet.append([sheet_cell(cell) for cell in row])
        return self._xlsx_response(book, f"{self.opts.verbose_name}导入错误.xlsx")

    def import_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        book = template_workbook(self._import_resource(request), str(self.opts.verbose_name))
        return self._xlsx_response(book, f"{self.opts.verbose_name}导入模板.xlsx")

    @staticmethod
    def _xlsx_response(book, filename):
        from urllib.parse import quote

        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        book.save(response)
        return response

    def find_by_id_number_view(self, request):
        if not self.id_number_fields or not self.has_view_permission(request):
            raise PermissionDenied
        form = IdNumberSearchForm(request.POST or None)
        matches = None
        if request.method == "POST" and form.is_valid():
            number = form.cleaned_data["id_number"].strip().upper()
            query = Q()
            for field in self.id_number_fields:
                query |= Q(**{f"{field}__endswith" if len(number) < 18 else field: number})
            matches = list(self.get_queryset(request).filter(query)[:50])
            # That a search happened and what it found; never the number searched for.
            kind = "完整号码" if len(number) == 18 else "号码后几位"
            audit_record(
                user=request.user,
                action=AuditEvent.Action.SEARCH_ID_NUMBER,
                model=self.model,
                description=f"按身份证号码（{kind}）查找{self.opts.verbose_name}，找到 {len(matches)} 条",
                count=len(matches),
                request=request,
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"按身份证号码查找{self.opts.verbose_name}",
            "form": form,
            "matches": matches,
        }
        return TemplateResponse(request, "admin/fedportal/find_by_id_number.html", context)


class ReferenceListAdmin(DeclaredFiltersOnlyMixin, admin.ModelAdmin):
    """Admin of a reference list: district staff extend it, township staff only read it."""

    list_display = ("name", "code", "aliases", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "aliases")

    def get_readonly_fields(self, request, obj=None):
        # Figures, rules and templates refer to an entry by its code: it is set once.
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "code") if obj is not None else readonly

    def has_module_permission(self, request):
        return in_work_area(request.user, self.opts.app_label) and super().has_module_permission(
            request
        )


@admin.register(OrgUnit)
class OrgUnitAdmin(DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, admin.ModelAdmin):
    form = OrgUnitForm
    list_display = ("indented_name", "code", "level", "parent_name")
    list_filter = ("level",)
    search_fields = ("name", "code")
    fields = ("name", "code", "level", "parent")
    list_per_page = 200

    @admin.display(description="名称", ordering="path")
    def indented_name(self, unit):
        return "　" * (unit.depth - 1) + unit.name

    @admin.display(description="上级单位")
    def parent_name(self, unit):
        return unit.parent_name or "—"

    def get_queryset(self, request):
        return OrgUnit.objects.in_scope(request.user).with_parent_name()

    def get_actions(self, request):
        # A bulk delete would take whole subtrees with it; units are deleted one by one.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    not_found_message = "单位不存在，或不在您的管辖范围内。"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class ScopedOrgUnitForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return ScopedOrgUnitForm

    def has_delete_permission(self, request, obj=None):
        # Deleting a unit would take its whole subtree; only leaves may go, and records
        # that belong to them protect them (PROTECT foreign keys).
        if obj is not None and obj.numchild:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(WorkArea)
class WorkAreaAdmin(DeclaredFiltersOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "app_label", "order")

    # Work areas are the portal's apps; they come with releases, not from the admin.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, DjangoUserAdmin):
    list_display = ("username", "full_name", "units", "roles", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups")
    search_fields = ("username", "full_name")
    filter_horizontal = ("org_units", "work_areas", "groups")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "email")}),
        ("角色与范围", {"fields": ("groups", "org_units", "work_areas")}),
        ("状态", {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "password1", "password2")}),
        ("角色与范围", {"fields": ("groups", "org_units", "work_areas", "is_staff")}),
    )
    readonly_fields = ("last_login", "date_joined")

    @admin.display(description="管辖单位")
    def units(self, user):
        return "、".join(unit.name for unit in user.org_units.all())

    @admin.display(description="角色")
    def roles(self, user):
        return "、".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        # A system administrator manages the users wholly inside their own scope.
        qs = super().get_queryset(request).prefetch_related("org_units", "groups")
        return qs.managed_by(request.user)

    not_found_message = "用户不存在，或不在您的管辖范围内。"

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        # Only superusers hand out superuser status or permissions outside the roles.
        return (*self.readonly_fields, "is_superuser", "user_permissions")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "org_units":
            kwargs["queryset"] = OrgUnit.objects.in_scope(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "org_units" in form.base_fields:
            # Without a unit a user would fall outside every scope, including the creator's.
            form.base_fields["org_units"].required = True
        return form


@admin.register(AuditEvent)
class AuditEventAdmin(DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin, admin.ModelAdmin):
    """The audit log, for superusers and 系统管理员 (`view_auditevent`) to read.

    Nobody adds, changes or deletes an event here, superusers included; the model and, on
    PostgreSQL, the database refuse it too (see AuditEvent). A system administrator reads
    the events of the users they manage.
    """

    list_display = (
        "created_at",
        "username",
        "action",
        "description",
        "count",
        "ip_address",
    )
    # A date filter with fixed choices: a date hierarchy would scan a large log for its dates.
    list_filter = ("action", "created_at")
    search_fields = ("username", "object_id")
    fields = (
        "created_at",
        "username",
        "action",
        "model_label",
        "object_id",
        "description",
        "count",
        "ip_address",
        "user_agent",
    )
    readonly_fields = fields
    show_full_result_count = False
    paginator = CappedCountPaginator

    not_found_message = "日志记录不存在，或不在您的查看范围内。"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        # Those who may not read the log get 403 before any lookup, on every page of it.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return super().get_object(request, object_id, from_field)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Groups, sign-in records and authenticators ---------------------------------------------


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DeclaredFiltersOnlyMixin, DjangoGroupAdmin):
    pass


class ManagedUsersAdminMixin(DeclaredFiltersOnlyMixin, NotFoundOutsideScopeMixin):
    """Admin of records about a user (sign-ins, lock-outs, authenticators), scoped like the
    users themselves: a system administrator sees, unlocks and deletes those of the users
    they manage (`User.objects.managed_by`), and another user's record is a 404, as it is
    on the user admin. Records of a username nobody has (a mistyped or guessed name at the
    sign-in form) belong to no one managed, so only superusers see them."""

    not_found_message = "记录不存在，或不属于您管理的用户。"

    def managed_filter(self, managed_users) -> dict:
        """The filter that keeps the rows of `managed_users`."""
        return {"username__in": managed_users.values("username")}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**self.managed_filter(User.objects.managed_by(request.user)))

    def get_object(self, request, object_id, from_field=None):
        # Those without the right get 403 before any lookup, as on the record admins.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().get_object(request, object_id, from_field)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # django-axes' clean-up acts on every user's records, not on the selected ones.
            actions.pop("cleanup_expired_attempts", None)
        return actions


# django-axes registers its own admin unless told not to; its pages are replaced here.
for sign_in_model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(sign_in_model):
        admin.site.unregister(sign_in_model)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(ManagedUsersAdminMixin, axes_admin.AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class AccessLogAdmin(ManagedUsersAdminMixin, axes_admin.AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(ManagedUsersAdminMixin, axes_admin.AccessFailureLogAdmin):
    pass


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(ManagedUsersAdminMixin, totp_admin.TOTPDeviceAdmin):
    """Deleting a user's authenticator lets its owner pair a new one at the next sign-in:
    a system administrator may do it for the users they manage, never for anyone else."""

    def managed_filter(self, managed_users):
        return {"user__in": managed_users}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.managed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def config_view(self, request, pk):
        self.get_object(request, str(pk))
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        self.get_object(request, str(pk))
        return super().qrcode_view(request, pk)
