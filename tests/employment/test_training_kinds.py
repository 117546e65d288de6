"""The seeded list of training kinds."""

import pytest

from employment.models import TrainingKind

pytestmark = pytest.mark.django_db


def test_training_kinds_are_seeded_in_order():
    assert list(TrainingKind.objects.values_list("name", flat=True)) == [
        "家政",
        "养殖",
        "种植",
        "电商",
        "手工编织",
        "育婴",
        "养老护理",
    ]
    assert TrainingKind.objects.filter(is_active=False).count() == 0


def test_a_kind_in_use_cannot_be_deleted(make_class, kind):
    from django.db.models import ProtectedError

    make_class()
    with pytest.raises(ProtectedError):
        kind("家政").delete()
