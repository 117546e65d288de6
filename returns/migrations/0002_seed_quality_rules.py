"""Two rules every federation starts with, by figure key (fedportal/migrations/0005)."""

from decimal import Decimal

from django.db import migrations

RULES = [
    # Relief goes to women whose screening found a cancer: never more than the positives.
    {
        "name": "“两癌”救助人数不应超过筛查阳性人数",
        "kind": "compare",
        "left": "welfare.liangai_relief_women",
        "operator": "le",
        "right": "welfare.cervical_referred + welfare.breast_referred",
    },
    # Ten times last year's grants, or a tenth of them, is a typing slip more often than not.
    {
        "name": "救助发放件数与上年相差十倍以上",
        "kind": "year_on_year",
        "left": "welfare.grants",
        "operator": "",
        "factor": Decimal("10"),
    },
]


def seed(apps, schema_editor):
    QualityRule = apps.get_model("returns", "QualityRule")
    for rule in RULES:
        QualityRule.objects.get_or_create(name=rule["name"], org_unit=None, defaults=rule)


def unseed(apps, schema_editor):
    apps.get_model("returns", "QualityRule").objects.filter(
        name__in=[r["name"] for r in RULES], org_unit=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("returns", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
