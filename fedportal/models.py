from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from fedportal.scoping import ScopedQuerySet, subtree_filter

# Records from before the People's Republic or beyond this century are typing mistakes.
FIRST_YEAR = 1949
LAST_YEAR = 2100


class OrgUnitQuerySet(MP_NodeQuerySet):
    def in_scope(self, user):
        """Units a user may work with: their own units and everything below them."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(subtree_filter(user.scope_paths))

    def with_parent_name(self):
        """Annotate `parent_name` in the same query (the parent's path is a prefix)."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - self.model.steplen)
        parents = self.model.objects.filter(path=parent_path).values("name")[:1]
        return self.annotate(parent_name=Subquery(parents))


class OrgUnitManager(MP_NodeManager.from_queryset(OrgUnitQuerySet)):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")

    def get_by_natural_key(self, code):
        return self.get(code=code)


class OrgUnit(MP_Node):
    """A unit of the federation's tree: 市 → 区 → 乡镇/街道 → 村/社区 → 妇女小组.

    The tree is stored as a materialised path (django-treebeard), so "this unit and
    everything below it" is one indexed prefix match, whatever the depth.
    """

    class Level(models.IntegerChoices):
        CITY = 1, "市"
        DISTRICT = 2, "区（县）"
        TOWNSHIP = 3, "乡镇/街道"
        VILLAGE = 4, "村/社区"
        GROUP = 5, "妇女小组"

    name = models.CharField("名称", max_length=100)
    code = models.CharField(
        "代码",
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[0-9A-Za-z-]+$", "代码只能由数字、字母和连字符组成。"),
        ],
        help_text="统计用区划代码（如 360313103000）；妇女小组可用所在村代码加序号。",
    )
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)

    node_order_by = ["code"]
    objects = OrgUnitManager()

    class Meta:
        verbose_name = "组织单位"
        verbose_name_plural = "组织单位"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="orgunit_level_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    @property
    def parent(self):
        return OrgUnit.objects.get_parent(self)

    def full_name(self):
        """The unit named with its ancestors below the top level, e.g. 湘东区腊市镇明塘村."""
        names = [
            u.name for u in OrgUnit.objects.get_ancestors(self) if u.level >= self.Level.DISTRICT
        ]
        return "".join([*names, self.name])


class WorkArea(models.Model):
    """A work area of the federation; each is one app of the portal (families, rights …)."""

    app_label = models.CharField("应用标识", max_length=50, unique=True)
    name = models.CharField("名称", max_length=50)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "业务领域"
        verbose_name_plural = "业务领域"
        ordering = ["order", "app_label"]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The users `user` manages: all for a superuser; otherwise the users, not superusers,
        whose units all lie inside `user`'s scope."""
        if user.is_superuser:
            return self.all()
        in_scope = OrgUnit.objects.in_scope(user)
        outside = OrgUnit.objects.exclude(pk__in=in_scope)
        return (
            self.filter(is_superuser=False, org_units__in=in_scope)
            .exclude(org_units__in=outside)
            .distinct()
        )


class FederationUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50, blank=True)
    org_units = models.ManyToManyField(
        OrgUnit,
        verbose_name="管辖单位",
        blank=True,
        related_name="users",
        help_text="用户可查看和录入这些单位及其全部下级单位的数据。",
    )
    work_areas = models.ManyToManyField(
        WorkArea,
        verbose_name="业务领域",
        blank=True,
        related_name="users",
        help_text="留空表示角色允许的全部领域；选择后只能处理所选领域的数据。",
    )

    objects = FederationUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name or self.username

    @cached_property
    def scope_paths(self) -> tuple[str, ...]:
        """Tree paths of the user's units, without units already covered by another."""
        paths = sorted(self.org_units.values_list("path", flat=True))
        kept: list[str] = []
        for path in paths:
            if not any(path.startswith(k) for k in kept):
                kept.append(path)
        return tuple(kept)

    @cached_property
    def work_area_labels(self) -> frozenset[str]:
        return frozenset(self.work_areas.values_list("app_label", flat=True))

    def may_work_in(self, app_label: str) -> bool:
        """Work areas limit a user further than their roles; none chosen means no limit.
        The reports draw on every area, so work areas do not limit them."""
        if self.is_superuser or not self.work_area_labels or app_label == "reports":
            return True
        return app_label in self.work_area_labels

    def covers_unit(self, unit) -> bool:
        """Whether `unit` lies in the user's scope."""
        if self.is_superuser:
            return True
        return unit is not None and any(unit.path.startswith(p) for p in self.scope_paths)

    @cached_property
    def top_units(self):
        """The user's own units, highest first (the default unit of dashboards)."""
        return list(self.org_units.order_by("depth", "path"))


class ReferenceList(models.Model):
    """Base of a reference list staff extend in the admin: award kinds, honor titles …

    Rows are seeded with the national lists by data migrations; next year's new title is a
    new row, not a release. Imports match rows by name.
    """

    name = models.CharField("名称", max_length=100, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField(
        "启用", default=True, help_text="停用后不再出现在新记录的选项中，已有记录不受影响。"
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ScopedRecord(models.Model):
    """Base of every work-area record: it belongs to one org unit and knows who entered it.

    Subclasses declare `class Meta(ScopedRecord.Meta)` to keep the import and export
    permissions, and get a change history (who, when, old and new values) through
    django-simple-history.
    """

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="所属单位"
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="录入人",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        # Import and export are permissions of their own, separate from add and view.
        default_permissions = ("add", "change", "delete", "view", "import", "export")


def year_range_constraint(name, field="year", *, label="年度", optional=False):
    """A check that `field` holds a real year (1949–2100); with `optional`, null passes too."""
    condition = models.Q(**{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR})
    if optional:
        condition = models.Q(**{f"{field}__isnull": True}) | condition
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=f"{label}应在{FIRST_YEAR}年至{LAST_YEAR}年之间。",
    )


def nonnegative_constraint(prefix, field, label, *, optional=False):
    """A check that the count or amount `field` is not negative; with `optional`, null passes."""
    condition = models.Q(**{f"{field}__gte": 0})
    if optional:
        condition = models.Q(**{f"{field}__isnull": True}) | condition
    return models.CheckConstraint(
        condition=condition,
        name=f"{prefix}_{field}_nonnegative",
        violation_error_message=f"{label}不能为负数。",
    )


def date_in_year_errors(record, *date_fields) -> dict:
    """Errors, by field, for the dates of `record` that fall outside its `year`.

    A record counts in the report of its year, so its dates must lie in that year; a missing
    date or year passes (the field's own check reports it). For `clean()` to raise, alone or
    with its other errors.
    """
    errors = {}
    if record.year is None:
        return errors
    for name in date_fields:
        day = getattr(record, name)
        if day is not None and day.year != record.year:
            label = record._meta.get_field(name).verbose_name
            errors[name] = (
                f"{label}（{day:%Y-%m-%d}）不在{record.year}年度内，请核对{label}或年度。"
            )
    return errors


class AuditEventQuerySet(models.QuerySet):
    """Reads over the audit log. Writes other than inserts are refused (see AuditEvent)."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly

    def delete(self):
        raise AuditLogIsAppendOnly

    def visible_to(self, user):
        """Events a reader of the log may see: every event for a superuser, otherwise the
        events of the users they manage (the user admin's own rule)."""
        if user.is_superuser:
            return self
        return self.filter(user_id__in=User.objects.managed_by(user).values("pk"))


class AuditLogIsAppendOnly(Exception):
    def __init__(self):
        super().__init__("审计日志只能追加，不能修改或删除。")


class AuditEvent(models.Model):
    """One access to personal data (PIPL): who, when, what and from where.

    The description names the record and the kind of access, never the personal data itself:
    the log is read by system administrators, who have no business seeing it.

    The log is append-only. Instances refuse `save()` after the first and `delete()`, the
    QuerySet refuses `update()` and `delete()`, the admin grants no add, change or delete
    permission to anyone, and on PostgreSQL a trigger (migration 0003) refuses UPDATE and
    DELETE of any row whatever path they come by. TRUNCATE is left to the table owner, like
    DROP: Django's test flush uses it, and the application never issues it. The user is
    kept without a database constraint, so deleting an account leaves its events (and their
    copied username) as they were.
    """

    class Action(models.TextChoices):
        VIEW_PERSONAL = "view_personal", "查看个人信息"
        EXPORT_PERSONAL = "export_personal", "导出个人信息"
        SEARCH_ID_NUMBER = "search_id_number", "按身份证号码查找"

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        User,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name="用户",
    )
    username = models.CharField("用户名", max_length=150)
    action = models.CharField("操作", max_length=30, choices=Action.choices)
    model_label = models.CharField("数据类型", max_length=100, blank=True)
    object_id = models.CharField("记录编号", max_length=64, blank=True)
    description = models.CharField("说明", max_length=200)
    count = models.PositiveIntegerField("条数", null=True, blank=True)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=200, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "个人信息访问日志"
        verbose_name_plural = "个人信息访问日志"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["username", "created_at"], name="audit_user_time")]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly
