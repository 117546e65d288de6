"""Seed the national reference lists of family work; staff extend them in the admin."""

from django.db import migrations

AWARD_KINDS = [
    "最美家庭",
    "书香家庭",
    "绿色（清洁）家庭",
    "文明家庭",
    "五好家庭",
    "美丽庭院示范户",
    "清洁家庭示范户",
]
# name, rank (the highest level first)
AWARD_LEVELS = [("全国", 1), ("省", 2), ("市", 3), ("区", 4), ("乡镇", 5)]
ACTIVITY_TYPES = [
    "科学家教进万家宣讲",
    "家庭助廉",
    "家风故事会",
    "廉洁家书征集",
    "家庭教育讲座",
    "亲子活动",
]


def seed(apps, schema_editor):
    AwardKind = apps.get_model("families", "AwardKind")
    AwardLevel = apps.get_model("families", "AwardLevel")
    ActivityType = apps.get_model("families", "ActivityType")
    for order, name in enumerate(AWARD_KINDS, start=1):
        AwardKind.objects.get_or_create(name=name, defaults={"order": order})
    for name, rank in AWARD_LEVELS:
        AwardLevel.objects.get_or_create(name=name, defaults={"order": rank, "rank": rank})
    for order, name in enumerate(ACTIVITY_TYPES, start=1):
        ActivityType.objects.get_or_create(name=name, defaults={"order": order})


def unseed(apps, schema_editor):
    # Rows that records still use stay: those records are worth more than a clean reverse.
    apps.get_model("families", "AwardKind").objects.filter(
        name__in=AWARD_KINDS, familyaward__isnull=True
    ).delete()
    apps.get_model("families", "AwardLevel").objects.filter(
        name__in=[name for name, _ in AWARD_LEVELS],
        familyaward__isnull=True,
        familytraditionbase__isnull=True,
    ).delete()
    apps.get_model("families", "ActivityType").objects.filter(
        name__in=ACTIVITY_TYPES, familyactivity__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
