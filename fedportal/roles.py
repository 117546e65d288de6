"""The built-in roles and the permissions each one carries.

Roles are Django groups. Their permissions are declared here, in one table, and applied
after every `migrate`, so a model added by a later release is covered by the roles at once.
Build a custom role as a new group in the admin; the built-in ones are kept as declared.
"""

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

SYSTEM_ADMIN = "系统管理员"
DISTRICT_STAFF = "区妇联业务员"
TOWNSHIP_STAFF = "乡镇妇联专干"
RIGHTS_WORKER = "维权专干"
REPORT_WRITER = "报告撰写员"
LEADER = "领导"

# The apps whose records are entered by staff, in the order the admin shows them.
WORK_AREAS = {
    "families": "家庭工作",
    "honors": "评先评优",
    "rights": "维权服务",
    "welfare": "妇儿民生",
    "employment": "技能就业",
}

ALL = ("add", "change", "delete", "view", "import", "export")
ENTER = ("add", "change", "view", "import", "export")
EDIT = ("add", "change", "delete", "view")
READ = ("view",)


@dataclass(frozen=True)
class Role:
    name: str
    # "app" (every model of the app) or "app.model" → the default actions granted.
    # Actions a model does not have (import on a reference list) are simply not granted.
    models: dict[str, tuple[str, ...]]
    # For app-wide grants: what the role may do with the apps' reference lists.
    reference: tuple[str, ...] = READ
    # Whether the role sees personal fields (ID numbers, phones …) unmasked in exports:
    # the `view_personal_<model>` permissions of the apps it is granted.
    personal: bool = False
    # Custom permissions as "app.codename", for rights no default action expresses.
    extra: tuple[str, ...] = field(default=())


ROLES = (
    Role(
        SYSTEM_ADMIN,
        {
            "fedportal.user": ALL,
            "fedportal.orgunit": ALL,
            "fedportal.workarea": READ,
            "fedportal.auditevent": READ,
            "auth.group": READ,
            # Unlocking a locked-out sign-in and removing a lost authenticator (so its owner
            # can pair a new one) are part of managing users.
            "axes.accessattempt": ("view", "delete"),
            "axes.accesslog": READ,
            "otp_totp.totpdevice": ("view", "delete"),
            # Figures as data: defined for the units of the administrator's scope.
            "fedportal.figuredefinition": EDIT,
            "fedportal.figurefilter": EDIT,
        },
    ),
    Role(
        DISTRICT_STAFF,
        {
            "families": ALL,
            "honors": ALL,
            "welfare": ALL,
            "employment": ALL,
            "reports": READ,
            # District staff keep the unit's standard report text with the writers.
            "reports.reporttemplate": EDIT,
            "reports.templatesection": EDIT,
            "fedportal.orgunit": READ,
            "fedportal.figuredefinition": EDIT,
            "fedportal.figurefilter": EDIT,
            # Returns: the district's own, and reviewing its townships'.
            "returns.return": READ,
            "returns.qualityrule": EDIT,
            "returns.deadline": EDIT,
            "returns.deadlineexception": EDIT,
        },
        reference=EDIT,
        personal=True,
        extra=("returns.submit_return", "returns.approve_return"),
    ),
    Role(
        TOWNSHIP_STAFF,
        {
            "families": ENTER,
            "honors": ENTER,
            "welfare": ENTER,
            "employment": ENTER,
            # A township writes its own annual report.
            "reports": ENTER,
            # Reading the units of their scope lets record forms look units up by name.
            "fedportal.orgunit": READ,
            # A township submits its own return.
            "returns.return": READ,
        },
        extra=("reports.finalise_report", "returns.submit_return"),
    ),
    Role(
        RIGHTS_WORKER,
        {"rights": ALL, "reports": READ, "fedportal.orgunit": READ},
        reference=EDIT,
        personal=True,
    ),
    # The office (办公室) writes the narrative of the annual report and finalises it.
    Role(
        REPORT_WRITER,
        {"reports": EDIT, "fedportal.orgunit": READ},
        extra=("reports.finalise_report",),
    ),
    Role(LEADER, {"reports": READ}),
)

ROLE_NAMES = tuple(role.name for role in ROLES)


def _permission_filter(role: Role) -> Q:
    from simple_history.models import HistoricalChanges

    from fedportal.models import ReferenceList

    q = Q(pk__in=[])
    for target, actions in role.models.items():
        app_label, _, model_name = target.partition(".")
        try:
            app_config = global_apps.get_app_config(app_label)
        except LookupError:
            continue
        if model_name:
            codenames = [f"{action}_{model_name}" for action in actions]
        else:
            codenames = []
            for model in app_config.get_models():
                if issubclass(model, HistoricalChanges):
                    continue  # history is read through the record's own history page
                granted = role.reference if issubclass(model, ReferenceList) else actions
                codenames += [f"{action}_{model._meta.model_name}" for action in granted]
                if role.personal:
                    codenames.append(f"view_personal_{model._meta.model_name}")
        q |= Q(content_type__app_label=app_label, codename__in=codenames)
    for perm in role.extra:
        app_label, _, codename = perm.partition(".")
        q |= Q(content_type__app_label=app_label, codename=codename)
    return q


def sync_role_permissions(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the built-in role groups and set their permissions exactly as declared."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role.name)
        wanted = set(
            Permission.objects.using(using)
            .filter(_permission_filter(role))
            .values_list("pk", flat=True)
        )
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted != current:
            group.permissions.set(wanted)
