"""Grants go to people: the built-in count of grants is told in 人次, as the source counts
them, not in 件. A district that redefined the figure keeps its own word."""

from django.db import migrations


def forwards(apps, schema_editor):
    FigureDefinition = apps.get_model("fedportal", "FigureDefinition")
    FigureDefinition.objects.filter(
        key="welfare.grants", is_builtin=True, org_unit=None, unit_word="件"
    ).update(unit_word="人次")


def backwards(apps, schema_editor):
    FigureDefinition = apps.get_model("fedportal", "FigureDefinition")
    FigureDefinition.objects.filter(
        key="welfare.grants", is_builtin=True, org_unit=None, unit_word="人次"
    ).update(unit_word="件")


class Migration(migrations.Migration):
    dependencies = [("fedportal", "0006_audit_return_steps")]

    operations = [migrations.RunPython(forwards, backwards)]
