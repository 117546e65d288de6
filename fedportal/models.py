import re
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from fedportal import scoping
from fedportal.scoping import ScopedQuerySet

# Records from before the People's Republic or beyond this century are typing mistakes.
FIRST_YEAR = 1949
LAST_YEAR = 2100


class OrgUnitQuerySet(MP_NodeQuerySet):
    def in_scope(self, user):
        """Units a user may work with: their own units and everything below them."""
        return scoping.in_scope(self, user)

    def with_parent_name(self):
        """Annotate `parent_name` in the same query (the parent's path is a prefix)."""
        parent = scoping.parent_path(OuterRef("path"))
        parents = self.model.objects.filter(path=parent).values("name")[:1]
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

    @property
    def federation_name(self) -> str:
        """The federation of the unit, as its portal, reports, documents and messages name
        it: 城关区 → 城关区妇联 (a unit already named as a federation stays as it is)."""
        return self.name if self.name.endswith("妇联") else f"{self.name}妇联"

    def full_name(self):
        """The unit named with its ancestors below the top level, e.g. 城关区东门镇南塘村."""
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
    def unit_paths(self) -> tuple[str, ...]:
        """Tree paths of the user's units, sorted (their scope: fedportal.scoping)."""
        return tuple(sorted(unit.path for unit in self.top_units))  # one query for both

    @cached_property
    def work_area_labels(self) -> frozenset[str]:
        return frozenset(self.work_areas.values_list("app_label", flat=True))

    @cached_property
    def top_units(self):
        """The user's own units, highest first (the default unit of dashboards)."""
        return list(self.org_units.order_by("depth", "path"))

    @property
    def federation_name(self) -> str:
        """The federation the user works for, as the portal's pages name it: the user's own
        unit's, or — for a user of several units at the top of their scope, or of none — the
        deployment's (FEDERATION_NAME)."""
        if self.top_units:
            top = [unit for unit in self.top_units if unit.depth == self.top_units[0].depth]
            if len(top) == 1:
                return top[0].federation_name
        return settings.FEDERATION_NAME


CODE_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
# Lists typed into one field (aliases, values): 市级、全市 or 市级,全市.
ALIAS_SEPARATORS = re.compile(r"\s*[、,，;；]\s*")


def new_code() -> str:
    """A code for an entry staff add without typing one: short, unique, never reused."""
    return "x" + secrets.token_hex(4)


class ReferenceList(models.Model):
    """Base of a reference list staff extend in the admin: award kinds, honor titles …

    Rows are seeded with the national lists by data migrations; next year's new title is a
    new row, not a release. Each row has a `code` that figures, rules and templates refer to
    and that never changes, so a row can be renamed freely; imports accept its name, its
    code or any of its aliases ("市级" for "市").
    """

    name = models.CharField("名称", max_length=100, unique=True)
    code = models.CharField(
        "代码",
        max_length=40,
        unique=True,
        blank=True,
        default=new_code,
        validators=[RegexValidator(CODE_PATTERN, "代码只能由小写字母、数字、下划线和连字符组成。")],
        help_text="指标和规则按代码识别本条目，名称可以随时修改；新建时可保留自动生成的代码。",
    )
    aliases = models.CharField(
        "别名",
        max_length=200,
        blank=True,
        help_text="导入表格时也认这些写法，用顿号或逗号分隔，如“市级、全市”。",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField(
        "启用", default=True, help_text="停用后不再出现在新记录的选项中，已有记录不受影响。"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def alias_list(self) -> list[str]:
        return [a for a in ALIAS_SEPARATORS.split(self.aliases.strip()) if a]

    def spellings(self) -> list[str]:
        """Every text an import accepts for this entry: its name, code and aliases."""
        return [self.name, self.code, *self.alias_list()]

    @classmethod
    def by_spelling(cls) -> dict[str, "ReferenceList"]:
        """All entries of the list by every spelling of theirs, in one query."""
        table = {}
        for entry in cls._default_manager.all():
            for text in entry.spellings():
                table.setdefault(text, entry)
        return table

    def clean(self):
        super().clean()
        if not self.code:
            self.code = new_code()
        # An alias that is another entry's name, code or alias would make imports ambiguous.
        others = type(self)._default_manager.exclude(pk=self.pk)
        taken = {text: other for other in others for text in other.spellings()}
        for field, texts in (("name", [self.name]), ("aliases", self.alias_list())):
            clashes = [text for text in texts if text in taken]
            if clashes:
                raise ValidationError(
                    {field: f"“{clashes[0]}”已是“{taken[clashes[0]]}”的名称、代码或别名。"}
                )


def level_label(name: str) -> str:
    """A level as figures name it: 省 → 省级, 市 → 市级; 全国 and 县级 stay as they are."""
    return name if name.endswith(("级", "国")) else f"{name}级"


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


class YearField(models.PositiveSmallIntegerField):
    """A record's year, which the database checks as well (see `year_field`)."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        # Abstract bases share their constraint list; their concrete models get the check
        # when the field is copied into each of them. A change-history copy of the model
        # (django-simple-history's, which names its `instance_type`) keeps past rows as they
        # were. A missing year is the field's own error, so null passes the check.
        if cls._meta.abstract or hasattr(cls, "instance_type"):
            return
        check = year_range_constraint(
            f"{cls._meta.app_label}_{cls._meta.model_name}_{name}_range",
            name,
            label=str(self.verbose_name),
            optional=True,
        )
        if all(c.name != check.name for c in cls._meta.constraints):
            cls._meta.constraints.append(check)


def year_field(verbose_name="年度", **kwargs) -> YearField:
    """The year a record counts in (1949–2100), with its database check constraint, named
    `<app>_<model>_<field>_range` and worded from `verbose_name` ("命名年度应在…之间。")."""
    return YearField(verbose_name, **kwargs)


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
        # The steps of a return (returns.services): who took them, when and why.
        RETURN_SUBMIT = "return_submit", "报送数据"
        RETURN_APPROVE = "return_approve", "审核通过报送"
        RETURN_SEND_BACK = "return_send_back", "退回报送"
        RETURN_REOPEN = "return_reopen", "重新开放报送"
        RETURN_EXCEPTION = "return_exception", "批准逾期补录"

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


KEY_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$"


class FigureDefinition(models.Model):
    """A figure defined as data (see fedportal.indicators): what it counts, measured how,
    under which conditions on reference entries (by code), for which units.

    Built-in figures are seeded rows (`is_builtin`); a district defines its own for its
    subtree, and one it owns under the key of a general figure replaces it there.
    """

    class Measure(models.TextChoices):
        COUNT = "count", "记录条数"
        SUM = "sum", "某项数值之和"
        DISTINCT = "distinct", "不重复计数（人数、户数）"
        RATIO = "ratio", "两个指标之比（百分比）"

    class Basis(models.TextChoices):
        FLOW = "flow", "本期内发生的"
        STOCK = "stock", "截至期末累计（存量）"

    key = models.CharField(
        "指标代码",
        max_length=60,
        validators=[
            RegexValidator(
                KEY_PATTERN,
                "指标代码应为“领域.名称”，只用小写字母、数字和下划线，如 welfare.mother_parcels。",
            )
        ],
        help_text="报告占位符、计划目标和审核规则按代码引用指标，如 welfare.mother_parcels。",
    )
    label = models.CharField("名称", max_length=60, help_text="如“发放母亲邮包”。")
    unit_word = models.CharField(
        "计量单位", max_length=10, help_text="户、名、人、个、场、期、次、件、桶、元、% …"
    )
    source = models.CharField("统计对象", max_length=60)
    measure = models.CharField(
        "统计方式", max_length=10, choices=Measure.choices, default=Measure.COUNT
    )
    field = models.CharField(
        "统计字段",
        max_length=60,
        blank=True,
        help_text="求和或不重复计数时填写，如“救助金额（元）”“物资数量”。",
    )
    numerator = models.CharField("分子指标", max_length=120, blank=True)
    denominator = models.CharField("分母指标", max_length=120, blank=True)
    basis = models.CharField("统计口径", max_length=10, choices=Basis.choices, default=Basis.FLOW)
    dimensions = models.CharField(
        "可分解维度",
        max_length=200,
        blank=True,
        help_text="用顿号分隔；留空表示统计对象的全部维度。",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="适用单位",
        help_text="留空表示所有单位都可使用；选定单位时只在该单位及其下级单位可用，"
        "并在其中替代同一代码的通用指标。",
    )
    is_builtin = models.BooleanField("内置指标", default=False, editable=False)
    description = models.TextField("说明", blank=True)
    order = models.PositiveIntegerField("排序", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标定义"
        verbose_name_plural = "指标定义"
        ordering = ["order", "key", "org_unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(org_unit__isnull=True),
                name="figure_key_unique_everywhere",
                violation_error_message="已有同一代码的通用指标。",
            ),
            models.UniqueConstraint(
                fields=["key", "org_unit"],
                name="figure_key_unique_per_unit",
                violation_error_message="该单位已有同一代码的指标。",
            ),
        ]

    def __str__(self):
        return f"{self.label}（{self.key}）"

    def dimension_names(self) -> list[str]:
        return [d for d in ALIAS_SEPARATORS.split(self.dimensions.strip()) if d]

    def clean(self):
        from fedportal.indicators import spec_errors

        errors = spec_errors(self)
        if errors:
            raise ValidationError(errors)

    def to_spec(self, filters=None):
        """This definition compiled for the registry (fedportal.indicators); raises KeyError
        or ValueError, with a Chinese message, for what no longer holds (a missing code)."""
        from fedportal.indicators import compile_definition

        return compile_definition(self, self.filters.all() if filters is None else filters)


class FigureFilter(models.Model):
    """One condition of a figure: a field of its records, an operator, values (by code)."""

    definition = models.ForeignKey(
        FigureDefinition, on_delete=models.CASCADE, related_name="filters", verbose_name="指标"
    )
    field = models.CharField("筛选字段", max_length=60)
    operator = models.CharField("条件", max_length=12, default="in")
    values = models.CharField(
        "取值",
        max_length=300,
        help_text="参考列表填代码、名称或别名，多个用顿号分隔；保存时换成代码。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "筛选条件"
        verbose_name_plural = "筛选条件"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.field} {self.operator} {self.values}"

    def value_list(self) -> list[str]:
        return [v for v in ALIAS_SEPARATORS.split(self.values.strip()) if v]


class TallyKind(ReferenceList):
    """Base of a work area's list of tallied work: 慰问, 走访, 摸底, 宣讲, 志愿服务 …"""

    goods_unit = models.CharField(
        "物资单位", max_length=10, blank=True, help_text="发放物资时的默认单位，如“份”“个”。"
    )

    class Meta(ReferenceList.Meta):
        abstract = True


# The counts a tally may carry: field name → (column label, unit word, short name). The
# quantity's unit word is the tally's own goods unit.
TALLY_MEASURES = {
    "sessions": ("场次", "场", "场次"),
    "persons": ("人数（人次）", "人次", "人次"),
    "households": ("户数", "户", "户数"),
    "items": ("个数", "个", "个数"),
    "amount": ("金额（元）", "元", "金额"),
    "quantity": ("物资数量", "", "物资"),
    "goods_value": ("物资价值（元）", "元", "物资价值"),
}


def _tally_count(name):
    label = TALLY_MEASURES[name][0]
    return models.PositiveIntegerField(label, null=True, blank=True)


def _tally_money(name):
    label = TALLY_MEASURES[name][0]
    return models.DecimalField(label, max_digits=14, decimal_places=2, null=True, blank=True)


class Tally(ScopedRecord):
    """Work a federation keeps only as totals: a unit, a date, a kind and its counts.

    "慰问贫困妇女95人" is one tally of kind 慰问 with 95 persons, not 95 invented names.
    A tally for a stretch of time is dated on its last day. Subclasses (one per work area)
    add `kind`, a ForeignKey to their TallyKind list, and `tally_constraints` in Meta.
    """

    date = models.DateField("日期", help_text="一段时间的合计填最后一天。")
    title = models.CharField(
        "事项", max_length=200, blank=True, help_text="如“春节走访慰问困难妇女”。"
    )
    sessions = _tally_count("sessions")
    persons = _tally_count("persons")
    households = _tally_count("households")
    items = _tally_count("items")
    amount = _tally_money("amount")
    quantity = _tally_count("quantity")
    goods_unit = models.CharField(
        "物资单位", max_length=10, blank=True, help_text="留空时用该类别的物资单位。"
    )
    goods_value = _tally_money("goods_value")
    notes = models.TextField("备注", blank=True)

    class Meta(ScopedRecord.Meta):
        abstract = True
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.kind}（{self.date:%Y-%m-%d}）" if self.date else str(self.kind)

    def clean(self):
        super().clean()
        if self.quantity and not self.goods_unit and self.kind_id:
            self.goods_unit = self.kind.goods_unit


def tally_constraints(prefix: str) -> list:
    """A tally counts something, and counts goods in a unit; money is never negative."""
    counted = models.Q()
    for name in TALLY_MEASURES:
        counted |= models.Q(**{f"{name}__isnull": False})
    return [
        models.CheckConstraint(
            condition=counted,
            name=f"{prefix}_counts_something",
            violation_error_message="至少填写一项数量（场次、人数、户数、个数、金额或物资）。",
        ),
        models.CheckConstraint(
            condition=models.Q(quantity__isnull=True) | ~models.Q(goods_unit=""),
            name=f"{prefix}_goods_have_unit",
            violation_error_message="填写物资数量时须填写物资单位（如份、个）。",
        ),
        nonnegative_constraint(prefix, "amount", "金额", optional=True),
        nonnegative_constraint(prefix, "goods_value", "物资价值", optional=True),
    ]
