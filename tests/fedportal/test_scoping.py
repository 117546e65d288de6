import pytest

from fedportal.models import WorkArea
from fedportal.scoping import covers, scope_paths
from tests.scopetest.models import Comment, Note

pytestmark = pytest.mark.django_db


def titles(qs):
    return sorted(qs.values_list("title", flat=True))


def test_township_user_sees_its_township_and_villages_only(notes, user):
    assert titles(Note.objects.in_scope(user("township"))) == ["明塘村记录", "腊市镇记录"]
    assert titles(Note.objects.in_scope(user("township2"))) == ["湘东镇记录"]


def test_district_user_sees_every_township(notes, user):
    assert titles(Note.objects.in_scope(user("staff"))) == [
        "明塘村记录",
        "湘东镇记录",
        "腊市镇记录",
    ]


def test_superuser_sees_everything(notes, user):
    assert Note.objects.in_scope(user("admin")).count() == 3


def test_roles_without_the_view_permission_see_nothing(notes, user):
    # The leader reads aggregates, never records; the rights worker has no such area.
    assert not Note.objects.in_scope(user("leader")).exists()
    assert not Note.objects.in_scope(user("rights")).exists()


def test_anonymous_and_inactive_users_see_nothing(notes, user):
    from django.contrib.auth.models import AnonymousUser

    assert not Note.objects.in_scope(AnonymousUser()).exists()
    township = user("township")
    township.is_active = False
    assert not Note.objects.in_scope(township).exists()


def test_work_areas_limit_the_roles(notes, user):
    staff = user("staff")
    staff.work_areas.set(WorkArea.objects.filter(app_label="families"))
    staff = type(staff).objects.get(pk=staff.pk)
    assert not Note.objects.in_scope(staff).exists()
    WorkArea.objects.create(app_label="scopetest", name="测试")
    staff.work_areas.add(WorkArea.objects.get(app_label="scopetest"))
    staff = type(staff).objects.get(pk=staff.pk)
    assert Note.objects.in_scope(staff).count() == 3


def test_records_reached_through_a_parent_scope_the_same_way(notes, user):
    texts = sorted(Comment.objects.in_scope(user("township")).values_list("text", flat=True))
    assert texts == ["明塘村记录的评论", "腊市镇记录的评论"]


def test_a_user_without_units_sees_nothing(notes, user):
    township = user("township")
    township.org_units.clear()
    township = type(township).objects.get(pk=township.pk)
    assert not Note.objects.in_scope(township).exists()


def test_nested_units_in_a_scope_are_not_counted_twice(notes, user, unit):
    township = user("township")
    township.org_units.add(unit("明塘村"))
    township = type(township).objects.get(pk=township.pk)
    assert scope_paths(township) == (unit("腊市镇").path,)
    assert Note.objects.in_scope(township).count() == 2


def test_in_subtree_rolls_records_up_the_tree(notes, unit):
    assert titles(Note.objects.in_subtree(unit("腊市镇"))) == ["明塘村记录", "腊市镇记录"]
    assert Note.objects.in_subtree(unit("湘东区")).count() == 3


def test_org_units_in_scope(user, unit):
    names = set(
        type(unit("腊市镇")).objects.in_scope(user("township")).values_list("name", flat=True)
    )
    assert names == {"腊市镇", "明塘村", "明塘村第一妇女小组"}
    assert covers(user("township"), unit("明塘村"))
    assert not covers(user("township"), unit("湘东镇"))
