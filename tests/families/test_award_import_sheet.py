"""How a family-award sheet is read as a whole: its columns, its empty rows, and a file
longer than the preview."""

import pytest

from families.models import FamilyAward
from tests.spreadsheets import confirm, dry_run, xlsx

from .test_award_import import HEADER, row

pytestmark = pytest.mark.django_db


def households(count):
    return [row(f"第{n}户家庭") for n in range(count)]


def test_empty_rows_between_and_below_records_are_passed_over(demo, login):
    client = login("township")
    rows = [row("刘春兰家庭"), [None] * len(HEADER), row("彭志强家庭"), [""] * len(HEADER)]
    response = dry_run(client, "families.familyaward", xlsx(HEADER, rows))
    result = response.context["result"]
    assert not result.has_validation_errors()
    assert (result.totals["new"], result.totals["skip"]) == (2, 2)
    confirm(client, "families.familyaward", response)
    assert set(FamilyAward.objects.values_list("household_name", flat=True)) == {
        "刘春兰家庭",
        "彭志强家庭",
    }


def test_a_file_longer_than_the_preview_is_imported_whole_with_its_history(demo, login):
    client = login("township")
    response = dry_run(client, "families.familyaward", xlsx(HEADER, households(130)))
    result = response.context["result"]
    assert result.totals["new"] == 130
    # Changes are shown for the first hundred rows only.
    assert [bool(r.diff) for r in result.valid_rows()] == [True] * 100 + [False] * 30
    assert confirm(client, "families.familyaward", response).status_code == 302
    awards = FamilyAward.objects.filter(household_name__startswith="第")
    assert awards.count() == 130
    assert FamilyAward.history.filter(household_name="第129户家庭").count() == 1


def test_an_unchanged_record_beyond_the_preview_is_left_as_it_is(demo, login):
    client = login("township")
    confirm(
        client,
        "families.familyaward",
        dry_run(client, "families.familyaward", xlsx(HEADER, households(110))),
    )
    last = FamilyAward.objects.get(household_name="第109户家庭")
    again = households(110)
    for record_row, award in zip(
        again,
        FamilyAward.objects.filter(household_name__startswith="第").order_by("pk"),
        strict=True,
    ):
        record_row[0] = award.pk
    again[-1][HEADER.index("事迹")] = "勤俭持家"
    response = dry_run(client, "families.familyaward", xlsx(HEADER, again))
    result = response.context["result"]
    assert (result.totals["update"], result.totals["skip"]) == (1, 109)
    confirm(client, "families.familyaward", response)
    last.refresh_from_db()
    assert last.story == "勤俭持家"
    assert last.history.count() == 2


@pytest.mark.parametrize(
    ("header", "named"),
    [
        (["编号", "所属单位", "获得者", "年度"], "不认识的列：获得者"),
        ([c for c in HEADER if c != "户名"], "缺少列：户名"),
        ([c for c in HEADER if c != "编号"], "缺少列：编号"),
    ],
)
def test_a_sheet_with_other_columns_is_refused_before_any_row(demo, login, header, named):
    client = login("township")
    response = dry_run(client, "families.familyaward", xlsx(header, [[""] * len(header)]))
    assert not response.context.get("confirm_form")
    reasons = [reason for *_, reason in response.context["error_rows"]]
    assert len(reasons) == 1 and named in reasons[0]
    assert "最美家庭" not in reasons[0] and "家庭表彰" in reasons[0]
    assert not FamilyAward.objects.exists()


def test_a_header_with_spaces_reads_as_the_template(demo, login):
    client = login("township")
    header = [f" {column} " for column in HEADER]
    response = dry_run(client, "families.familyaward", xlsx(header, [row("刘春兰家庭")]))
    assert response.context["result"].totals["new"] == 1


def test_a_second_confirm_of_the_same_file_writes_nothing_and_says_why(demo, login):
    client = login("township")
    preview = dry_run(client, "families.familyaward", xlsx(HEADER, [row("刘春兰家庭")]))
    assert confirm(client, "families.familyaward", preview).status_code == 302
    again = confirm(client, "families.familyaward", preview)
    assert again.status_code == 302
    assert again["Location"].endswith("/admin/families/familyaward/import/")
    page = client.get(again["Location"])
    assert "待确认的导入文件已不存在" in page.content.decode()
    assert FamilyAward.objects.filter(household_name="刘春兰家庭").count() == 1
