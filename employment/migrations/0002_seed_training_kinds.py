from django.db import migrations

# The kinds of skills training the federation runs with its partners; staff add more in the
# admin. 家政 leads because it is the federation's main programme (with 湘东职专).
TRAINING_KINDS = ["家政", "养殖", "种植", "电商", "手工编织", "育婴", "养老护理"]


def seed(apps, schema_editor):
    TrainingKind = apps.get_model("employment", "TrainingKind")
    for order, name in enumerate(TRAINING_KINDS, start=1):
        TrainingKind.objects.get_or_create(name=name, defaults={"order": order})


def unseed(apps, schema_editor):
    TrainingKind = apps.get_model("employment", "TrainingKind")
    # Kinds that records already use are protected and stay.
    TrainingKind.objects.filter(name__in=TRAINING_KINDS, trainingclass__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("employment", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
