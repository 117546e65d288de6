"""Demo data for 湘东区妇联: the org tree and one login per role.

Codes follow the 12-digit statistical division code pattern of 萍乡市湘东区 (360313);
they are demo values, not an authoritative list. A real deployment loads its own tree
with `manage.py load_org_units`.
"""

from datetime import date
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction

from fedportal import roles
from fedportal.models import OrgUnit, Tally, User
from fedportal.org_units import org_units_import
from reports.demo import load_demo_report
from returns.demo import load_demo_returns

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


# Work the demo district keeps only as totals (fedportal.models.Tally), one per area in two
# townships: app, kind code, unit code, date, what, counts.
LASHI, XIANGDONG = "360313103000", "360313100000"
DEMO_TALLIES = [
    ("families", "family_visits", LASHI, date(2021, 12, 31), "全年入户走访家庭",
     {"households": 326, "persons": 326}),
    ("families", "tradition_publicity", XIANGDONG, date(2021, 6, 30), "家风家教宣传",
     {"sessions": 8, "persons": 1150}),
    ("honors", "nominations", LASHI, date(2021, 2, 26), "推荐“最美家庭”候选",
     {"households": 12}),
    ("honors", "bulk_commendation", XIANGDONG, date(2021, 3, 8), "表彰镇级“巾帼建功标兵”",
     {"persons": 20}),
    ("rights", "letters_and_visits", LASHI, date(2021, 12, 31), "全年接待来信来访",
     {"persons": 43}),
    ("rights", "legal_publicity", XIANGDONG, date(2021, 3, 15), "“巾帼普法”进村",
     {"sessions": 6, "persons": 480}),
    ("welfare", "condolence_visits", LASHI, date(2021, 2, 5), "春节慰问困难妇女",
     {"persons": 95, "amount": 19000}),
    ("welfare", "volunteering", XIANGDONG, date(2021, 12, 31), "巾帼志愿服务队",
     {"items": 5, "persons": 126}),
    ("employment", "job_referrals", LASHI, date(2021, 12, 31), "全年推荐就业",
     {"persons": 58}),
    ("employment", "policy_publicity", XIANGDONG, date(2021, 5, 20), "就业创业政策宣传",
     {"sessions": 3, "persons": 260}),
]  # fmt: skip


def load_demo_tallies() -> int:
    """The demo's tallies that are missing; how many were created."""
    created = 0
    staff = User.objects.filter(username="staff").first()
    for app_label, kind_code, unit_code, day, title, counts in DEMO_TALLIES:
        model = next(m for m in apps.get_app_config(app_label).get_models() if issubclass(m, Tally))
        unit = OrgUnit.objects.get(code=unit_code)
        if model.objects.filter(org_unit=unit, date=day, title=title).exists():
            continue
        kind = model._meta.get_field("kind").related_model.objects.get(code=kind_code)
        tally = model(org_unit=unit, kind=kind, date=day, title=title, created_by=staff, **counts)
        tally.full_clean()
        tally.save()
        created += 1
    return created


@transaction.atomic
def load_demo() -> dict:
    summary = org_units_import(rows=demo_org_rows())
    users = load_demo_users()
    return {
        "units_created": summary.created,
        "users_created": users,
        "records_created": load_work_area_records() | {"汇总": load_demo_tallies()},
        "reports_created": load_demo_report(),
        # Last: approving 2021 locks the townships' records of that year.
        "returns_created": load_demo_returns(),
    }
