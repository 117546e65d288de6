from django.db import migrations

WORK_AREAS = [
    ("families", "家庭工作", 1),
    ("honors", "评先评优", 2),
    ("rights", "维权服务", 3),
    ("welfare", "妇儿民生", 4),
    ("employment", "技能就业", 5),
]

ROLES = ["系统管理员", "区妇联业务员", "乡镇妇联专干", "维权专干", "领导"]


def create(apps, schema_editor):
    WorkArea = apps.get_model("fedportal", "WorkArea")
    Group = apps.get_model("auth", "Group")
    for app_label, name, order in WORK_AREAS:
        WorkArea.objects.update_or_create(app_label=app_label, defaults={"name": name, "order": order})
    # Permissions are attached after migrate (fedportal.roles.sync_role_permissions),
    # once Django has created those of every model.
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("fedportal", "WorkArea").objects.filter(
        app_label__in=[a for a, _, _ in WORK_AREAS]
    ).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fedportal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
