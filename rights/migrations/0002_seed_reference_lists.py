"""Seed the channels and the national petition categories (两级：一级类别和二级类别)."""

from django.db import migrations

CHANNELS = ["12338热线", "来信", "来电", "来访", "网上", "转办"]

# Top-level categories of the national women's petition statistics, each with its
# sub-categories; a gap of ten in `order` keeps children right after their parent.
CATEGORIES = [
    ("婚姻家庭类", ["家庭暴力", "离婚", "家庭纠纷", "抚养赡养", "婚恋纠纷"]),
    ("劳动和社会保障权益类", ["就业性别歧视", "劳动报酬"]),
    ("人身权益类", ["性侵害", "拐卖"]),
    ("财产权益类", ["土地权益", "继承"]),
    ("其他", []),
]


def seed(apps, schema_editor):
    Channel = apps.get_model("rights", "Channel")
    CaseCategory = apps.get_model("rights", "CaseCategory")
    for order, name in enumerate(CHANNELS, start=1):
        Channel.objects.update_or_create(name=name, defaults={"order": order})
    for group_index, (group, children) in enumerate(CATEGORIES, start=1):
        parent, _ = CaseCategory.objects.update_or_create(
            name=group, defaults={"order": group_index * 10, "parent": None}
        )
        for child_index, child in enumerate(children, start=1):
            CaseCategory.objects.update_or_create(
                name=child, defaults={"order": group_index * 10 + child_index, "parent": parent}
            )


def unseed(apps, schema_editor):
    CaseCategory = apps.get_model("rights", "CaseCategory")
    children = [child for _, group in CATEGORIES for child in group]
    CaseCategory.objects.filter(name__in=children).delete()
    CaseCategory.objects.filter(name__in=[group for group, _ in CATEGORIES]).delete()
    apps.get_model("rights", "Channel").objects.filter(name__in=CHANNELS).delete()


class Migration(migrations.Migration):
    dependencies = [("rights", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
