"""Demo data for 湘东区妇联: the org tree and one login per role.

Codes follow the 12-digit statistical division code pattern of 萍乡市湘东区 (360313);
they are demo values, not an authoritative list. A real deployment loads its own tree
with `manage.py load_org_units`.
"""

from importlib import import_module

from django.contrib.auth.models import Group
from django.db import transaction

from fedportal import roles
from fedportal.models import OrgUnit, User
from fedportal.org_units import org_units_import
from reports.demo import load_demo_report

DEMO_PASSWORD = "fedportal-demo"

CITY = ("360300000000", "萍乡市", "市", "")
DISTRICT = ("360313000000", "湘东区", "区", "360300000000")
TOWNSHIPS = [
    ("360313001000", "峡山口街道"),
    ("360313100000", "湘东镇"),
    ("360313101000", "荷尧镇"),
    ("360313102000", "老关镇"),
    ("360313103000", "腊市镇"),
    ("360313104000", "下埠镇"),
    ("360313105000", "排上镇"),
    ("360313106000", "东桥镇"),
    ("360313107000", "麻山镇"),
    ("360313200000", "白竺乡"),
    ("360313201000", "广寒寨乡"),
]
# Villages the reference report names; 三角池村 is placed under 湘东镇 for the demo.
VILLAGES = [
    ("360313103201", "明塘村", "360313103000"),
    ("360313100201", "三角池村", "360313100000"),
]
GROUPS = [("360313103201001", "明塘村第一妇女小组", "360313103201")]

# username, full name, roles, unit codes, is_staff, is_superuser
USERS = [
    ("admin", "超级管理员", [roles.SYSTEM_ADMIN], ["360300000000"], True, True),
    ("staff", "区妇联业务员", [roles.DISTRICT_STAFF], ["360313000000"], True, False),
    ("township", "腊市镇妇联专干", [roles.TOWNSHIP_STAFF], ["360313103000"], True, False),
    ("township2", "湘东镇妇联专干", [roles.TOWNSHIP_STAFF], ["360313100000"], True, False),
    ("rights", "维权专干", [roles.RIGHTS_WORKER], ["360313000000"], True, False),
    ("writer", "区妇联办公室", [roles.REPORT_WRITER], ["360313000000"], False, False),
    ("leader", "区妇联领导", [roles.LEADER], ["360313000000"], False, False),
]


def demo_org_rows() -> list[dict]:
    rows = [CITY, DISTRICT]
    rows += [(code, name, "乡镇/街道", DISTRICT[0]) for code, name in TOWNSHIPS]
    rows += [(code, name, "村/社区", parent) for code, name, parent in VILLAGES]
    rows += [(code, name, "妇女小组", parent) for code, name, parent in GROUPS]
    return [
        {"row": i, "code": code, "name": name, "level": level, "parent_code": parent}
        for i, (code, name, level, parent) in enumerate(rows, start=1)
    ]


@transaction.atomic
def load_demo_users() -> list[str]:
    """Create the demo logins that are missing; existing ones are left exactly as they are."""
    created = []
    for username, full_name, role_names, unit_codes, is_staff, is_superuser in USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            is_staff=is_staff,
            is_superuser=is_superuser,
        )
        user.groups.set(Group.objects.filter(name__in=role_names))
        user.org_units.set(OrgUnit.objects.filter(code__in=unit_codes))
        created.append(username)
    return created


def load_work_area_records() -> dict[str, int]:
    """Each work area's demo records (its `<app>/demo.py`), as {area name: records created}."""
    created = {}
    for app_label, name in roles.WORK_AREAS.items():
        try:
            module = import_module(f"{app_label}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_label}.demo":
                raise
            continue
        created[name] = module.load_demo_records()
    return created


@transaction.atomic
def load_demo() -> dict:
    summary = org_units_import(rows=demo_org_rows())
    users = load_demo_users()
    return {
        "units_created": summary.created,
        "users_created": users,
        "records_created": load_work_area_records(),
        "reports_created": load_demo_report(),
    }
