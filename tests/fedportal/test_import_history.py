"""Every kind of change leaves history: bulk imports (new and updated rows), a deletion in
the admin and the bulk "delete selected" action, each with who did it."""

import pytest
from django.urls import reverse

from families.models import AwardKind, AwardLevel, FamilyAward
from tests.families.test_award_import import HEADER
from tests.spreadsheets import confirm, dry_run, xlsx

pytestmark = pytest.mark.django_db


def row(household, record_id="", story="孝老爱亲", conferred_by="江西省妇联", day="2021/5/14"):
    head = household.removesuffix("家庭")
    unit = "腊市镇/明塘村"
    return [record_id, unit, household, head, "最美家庭", "省", conferred_by, 2021, day, "", story]


def import_rows(client, rows):
    response = dry_run(client, "families.familyaward", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert confirm(client, "families.familyaward", response).status_code == 302


@pytest.fixture
def awards(demo, unit):
    """Three awards of 明塘村, entered by hand."""
    kind, level = AwardKind.objects.get(name="最美家庭"), AwardLevel.objects.get(name="省")
    return [
        FamilyAward.objects.create(
            org_unit=unit("明塘村"),
            household_name=name,
            head_name=name.removesuffix("家庭"),
            kind=kind,
            level=level,
            conferred_by="江西省妇联",
            year=2021,
            story="原事迹",
        )
        for name in ("刘春兰家庭", "彭志强家庭", "易桂香家庭")
    ]


def changes_of(record):
    return {c.field: (c.old, c.new) for c in record.diff_against(record.prev_record).changes}


def test_an_import_of_new_rows_leaves_a_creation_per_record_naming_the_importer(demo, login, user):
    import_rows(login("township"), [row("刘春兰家庭"), row("彭志强家庭")])
    history = FamilyAward.history.order_by("household_name")
    assert [(h.household_name, h.history_type) for h in history] == [
        ("刘春兰家庭", "+"),
        ("彭志强家庭", "+"),
    ]
    assert {h.history_user for h in history} == {user("township")}
    assert {h.id for h in history} == set(FamilyAward.objects.values_list("pk", flat=True))


def test_an_import_that_updates_rows_leaves_the_old_and_new_values(awards, login, user):
    first, second, untouched = awards
    import_rows(
        login("staff"),
        [
            row(first.household_name, first.pk, story="新事迹"),
            row(second.household_name, second.pk, conferred_by="萍乡市妇联"),
            row(untouched.household_name, untouched.pk, story="原事迹", day=""),
        ],
    )
    latest = first.history.first()
    assert (latest.history_type, latest.history_user) == ("~", user("staff"))
    assert changes_of(latest)["story"] == ("原事迹", "新事迹")
    latest = second.history.first()
    assert (latest.history_type, latest.history_user) == ("~", user("staff"))
    assert changes_of(latest)["conferred_by"] == ("江西省妇联", "萍乡市妇联")
    assert [h.history_type for h in untouched.history.all()] == ["+"]
    # The import moves each updated record's version, so a form opened before it is stale.
    second.refresh_from_db()
    assert second.updated_at > second.history.last().updated_at


def test_an_unchanged_row_of_an_import_leaves_no_history(awards, login):
    untouched = awards[2]
    # The row as the record stands (it has no date): skipped, so no history either.
    import_rows(login("staff"), [row(untouched.household_name, untouched.pk, "原事迹", day="")])
    assert [h.history_type for h in untouched.history.all()] == ["+"]


def test_a_deletion_in_the_admin_is_recorded_with_who(awards, login, user):
    award = awards[0]
    url = reverse("admin:families_familyaward_delete", args=[award.pk])
    assert login("staff").post(url, {"post": "yes"}).status_code == 302
    deleted = FamilyAward.history.filter(id=award.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", user("staff"))
    assert deleted.household_name == "刘春兰家庭"


def test_the_bulk_delete_action_records_every_deletion_with_who(awards, login, user):
    response = login("staff").post(
        reverse("admin:families_familyaward_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [awards[0].pk, awards[1].pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert list(FamilyAward.objects.all()) == [awards[2]]
    deleted = FamilyAward.history.filter(history_type="-").order_by("household_name")
    assert [(h.household_name, h.history_user) for h in deleted] == [
        ("刘春兰家庭", user("staff")),
        ("彭志强家庭", user("staff")),
    ]


def test_the_history_page_shows_an_import_and_who_made_it(awards, login):
    first = awards[0]
    client = login("staff")
    import_rows(client, [row(first.household_name, first.pk, story="新事迹")])
    page = client.get(reverse("admin:families_familyaward_history", args=[first.pk]))
    text = page.content.decode()
    assert "新事迹" in text and "原事迹" in text and "区妇联业务员" in text
