from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from employment.models import (
    EmploymentTally,
    EmploymentTallyKind,
    JobFair,
    JobFairKind,
    Trainee,
    TrainingClass,
    TrainingKind,
)
from employment.resources import (
    EmploymentTallyResource,
    JobFairResource,
    TraineeResource,
    TrainingClassResource,
)
from fedportal.admin import ReferenceListAdmin, ScopedAdmin, UnitFilter, YearFilter, masked
from fedportal.personal_data import mask_id_number, mask_phone
from fedportal.personal_pages import AuditedPersonalPagesMixin
from fedportal.tallies import TallyAdmin, TallyKindAdmin


class TrainingClassFilter(admin.SimpleListFilter):
    """The trainees of one class, as a class's roster link asks for. Only the chosen class
    is offered: listing every class would read them all on each page view."""

    title = "培训班"
    parameter_name = "training_class"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not value.isdigit():
            return []
        trainees = model_admin.get_queryset(request).filter(training_class_id=int(value))
        chosen = trainees.values_list("training_class_id", "training_class__name").first()
        return [(str(chosen[0]), chosen[1])] if chosen else []

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(training_class_id=int(value)) if value.isdigit() else queryset.none()


@admin.register(TrainingKind)
class TrainingKindAdmin(ReferenceListAdmin):
    pass


@admin.register(JobFairKind)
class JobFairKindAdmin(ReferenceListAdmin):
    pass


@admin.register(TrainingClass)
class TrainingClassAdmin(ScopedAdmin):
    resource_classes = [TrainingClassResource]
    list_display = (
        "name",
        "year",
        "kind",
        "partner",
        "org_unit",
        "start_date",
        "end_date",
        "trainees",
        "certified",
        "roster",
    )
    list_filter = (YearFilter, "kind", UnitFilter)
    search_fields = ("name", "partner")
    date_hierarchy = "start_date"
    list_select_related = ("org_unit", "kind")
    autocomplete_fields = ("org_unit",)
    readonly_fields = ("roster",)
    fieldsets = (
        ("培训班", {"fields": ("org_unit", "kind", "name", "session", "partner")}),
        ("时间", {"fields": ("year", "start_date", "end_date")}),
        ("人数", {"fields": ("planned_places", "trainees", "certified", "roster")}),
        ("备注", {"fields": ("notes",)}),
    )

    def get_queryset(self, request):
        # A grouped query drops Meta.ordering, which pagination and autocomplete rely on.
        return super().get_queryset(request).with_roster_counts().order_by(*self.opts.ordering)

    @admin.display(description="学员名单核对")
    def roster(self, obj):
        if obj.pk is None:
            return "保存后可录入学员名单"
        listed = getattr(obj, "roster_count", None)
        if listed is None:
            listed = obj.trainee_records.count()
        text = obj.roster_check(listed)
        if not listed:
            return text
        url = reverse("admin:employment_trainee_changelist")
        return format_html('<a href="{}?training_class={}">{}</a>', url, obj.pk, text)


@admin.register(Trainee)
class TraineeAdmin(AuditedPersonalPagesMixin, ScopedAdmin):
    """The list masks trainees' ID numbers and phones; the change page and the history show
    them in full, and each such showing is logged."""

    resource_classes = [TraineeResource]
    list_display = (
        "name",
        "training_class",
        "org_unit",
        masked("id_number", mask_id_number, "身份证号码"),
        masked("phone", mask_phone, "手机号码"),
        "certified",
        "employed",
        "employer",
    )
    list_filter = (
        "training_class__year",
        "training_class__kind",
        "certified",
        "employed",
        UnitFilter,
        TrainingClassFilter,
    )
    search_fields = ("name", "training_class__name", "employer")
    list_select_related = ("org_unit", "training_class")
    autocomplete_fields = ("org_unit", "training_class")
    id_number_fields = ("id_number",)
    fieldsets = (
        (
            "学员",
            {
                "fields": ("training_class", "org_unit", "name"),
                "description": "所属单位填写学员的户籍或常住单位（村/社区或乡镇），"
                "须在培训班所在区的范围内。",
            },
        ),
        ("个人信息", {"fields": ("id_number", "phone")}),
        ("培训结果", {"fields": ("certified", "employed", "employer")}),
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("training_class")
        if field is not None and obj is not None:
            # A township sees its own women on a district-run class; editing them must not
            # fail because that class lies outside the township's scope.
            field.queryset = TrainingClass.objects.filter(
                Q(pk__in=field.queryset.values("pk")) | Q(pk=obj.training_class_id)
            )
        return form


@admin.register(JobFair)
class JobFairAdmin(ScopedAdmin):
    resource_classes = [JobFairResource]
    list_display = (
        "name",
        "kind",
        "date",
        "partner",
        "org_unit",
        "employers",
        "positions",
        "attendees",
        "hires",
    )
    list_filter = ("kind", "partner", UnitFilter)
    search_fields = ("name", "partner")
    date_hierarchy = "date"
    autocomplete_fields = ("org_unit",)
    fieldsets = (
        ("招聘会", {"fields": ("org_unit", "name", "kind", "date", "partner")}),
        ("成效", {"fields": ("employers", "positions", "attendees", "hires")}),
        ("备注", {"fields": ("notes",)}),
    )


@admin.register(EmploymentTallyKind)
class EmploymentTallyKindAdmin(TallyKindAdmin):
    pass


@admin.register(EmploymentTally)
class EmploymentTallyAdmin(TallyAdmin):
    resource_classes = [EmploymentTallyResource]
