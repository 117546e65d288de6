"""Seed the honor levels and the titles women's federations confer nationwide."""

from django.db import migrations

# name, rank
LEVELS = [("全国", 1), ("省", 2), ("市", 3), ("区", 4), ("乡镇", 5)]

# name, for whom
TITLES = [
    ("三八红旗手", "个人"),
    ("三八红旗集体", "集体"),
    ("巾帼百佳", "个人"),
    ("妇联系统劳动模范", "个人"),
    ("巾帼建功标兵", "个人"),
    ("优秀妇女干部", "个人"),
    ("最美巾帼志愿者", "个人"),
    ("巾帼文明岗", "集体"),
    ("巾帼建功先进集体", "集体"),
]


def seed(apps, schema_editor):
    HonorLevel = apps.get_model("honors", "HonorLevel")
    HonorTitle = apps.get_model("honors", "HonorTitle")
    for name, rank in LEVELS:
        HonorLevel.objects.get_or_create(name=name, defaults={"rank": rank, "order": rank})
    for order, (name, recipient_types) in enumerate(TITLES, start=1):
        HonorTitle.objects.get_or_create(
            name=name, defaults={"order": order, "recipient_types": recipient_types}
        )


def unseed(apps, schema_editor):
    apps.get_model("honors", "HonorTitle").objects.filter(
        name__in=[name for name, _ in TITLES]
    ).delete()
    apps.get_model("honors", "HonorLevel").objects.filter(
        name__in=[name for name, _ in LEVELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("honors", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
