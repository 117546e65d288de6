"""The audit log of personal data, append-only down to the database.

On PostgreSQL a trigger refuses every UPDATE and DELETE of an audit event, whatever path
they come by (the ORM, a raw query, a database shell of the application's user). SQLite,
the zero-setup demo database, gets no trigger: Django's test flush empties its tables with
DELETE, and the model and admin refuse changes there as everywhere.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import fedportal.models

TRIGGER_SQL = """
CREATE FUNCTION fedportal_auditevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '审计日志只能追加，不能修改或删除（%）。', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER fedportal_auditevent_append_only
    BEFORE UPDATE OR DELETE ON fedportal_auditevent
    FOR EACH ROW EXECUTE FUNCTION fedportal_auditevent_refuse_change();
"""

DROP_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS fedportal_auditevent_append_only ON fedportal_auditevent;
DROP FUNCTION IF EXISTS fedportal_auditevent_refuse_change();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("fedportal", "0002_roles_and_work_areas"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", fedportal.models.FederationUserManager()),
            ],
        ),
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="时间"
                    ),
                ),
                ("username", models.CharField(max_length=150, verbose_name="用户名")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("view_personal", "查看个人信息"),
                            ("export_personal", "导出个人信息"),
                            ("search_id_number", "按身份证号码查找"),
                        ],
                        max_length=30,
                        verbose_name="操作",
                    ),
                ),
                (
                    "model_label",
                    models.CharField(blank=True, max_length=100, verbose_name="数据类型"),
                ),
                ("object_id", models.CharField(blank=True, max_length=64, verbose_name="记录编号")),
                ("description", models.CharField(max_length=200, verbose_name="说明")),
                ("count", models.PositiveIntegerField(blank=True, null=True, verbose_name="条数")),
                (
                    "ip_address",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP 地址"),
                ),
                ("user_agent", models.CharField(blank=True, max_length=200, verbose_name="浏览器")),
                (
                    "user",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="用户",
                    ),
                ),
            ],
            options={
                "verbose_name": "个人信息访问日志",
                "verbose_name_plural": "个人信息访问日志",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["username", "created_at"], name="audit_user_time")
                ],
            },
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
