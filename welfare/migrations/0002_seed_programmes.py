from django.db import migrations

# name, category, default unit of goods
PROGRAMMES = [
    ("两癌救助", "relief", ""),
    ("两癌筛查", "screening", ""),
    ("春蕾计划", "donation", ""),
    ("99公益", "donation", ""),
    ("公益奶粉（关爱新生命-儿童营养改善）", "charity", "桶"),
    ("先心病救治", "relief", "例"),
    ("安全书包", "charity", "个"),
    ("阳光女童夏令营", "charity", "份"),
    ("母亲邮包", "charity", "个"),
]


def seed(apps, schema_editor):
    Programme = apps.get_model("welfare", "Programme")
    for order, (name, category, unit) in enumerate(PROGRAMMES, start=1):
        Programme.objects.get_or_create(
            name=name, defaults={"category": category, "default_unit": unit, "order": order}
        )


def unseed(apps, schema_editor):
    apps.get_model("welfare", "Programme").objects.filter(
        name__in=[name for name, _, _ in PROGRAMMES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
