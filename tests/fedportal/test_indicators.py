"""The indicator mechanism, on the small test model."""

import pytest

from fedportal.indicators import Indicator, all_indicators, get, register
from tests.scopetest.models import Note, NoteKind

pytestmark = pytest.mark.django_db

NOTES = Indicator(
    key="scopetest.notes",
    label="测试记录",
    unit="条",
    records=lambda year: Note.objects.filter(year=year),
    dimensions={"类别": "kind__name"},
    date_field="created_at",
)
COUNTS = Indicator(
    key="scopetest.counts",
    label="测试数量",
    unit="个",
    records=lambda year: Note.objects.filter(year=year),
    measure="count",
)


@pytest.fixture
def figures(notes, unit):
    talk, visit = NoteKind.objects.create(name="宣讲"), NoteKind.objects.create(name="走访")
    Note.objects.filter(pk=notes["lashi"].pk).update(kind=talk, count=5)
    Note.objects.filter(pk=notes["mingtang"].pk).update(kind=talk, count=2)
    Note.objects.filter(pk=notes["xiangdong"].pk).update(kind=visit, count=7)
    Note.objects.create(title="往年", org_unit=unit("腊市镇"), year=2020, count=100)


def test_a_value_covers_the_units_subtree(figures, unit):
    assert NOTES.value(2021, unit("湘东区")) == 3
    assert NOTES.value(2021, unit("腊市镇")) == 2
    assert NOTES.value(2021, unit("明塘村")) == 1
    assert COUNTS.value(2021, unit("湘东区")) == 14
    assert COUNTS.value(2020, unit("湘东区")) == 100
    assert COUNTS.value(2019, unit("湘东区")) == 0


def test_the_records_behind_a_figure_are_the_ones_it_counts(figures, unit):
    titles = set(NOTES.queryset(2021, unit("腊市镇")).values_list("title", flat=True))
    assert titles == {"腊市镇记录", "明塘村记录"}


def test_breakdowns_group_the_same_records(figures, unit):
    assert NOTES.breakdown(2021, unit("湘东区"), "类别") == [("宣讲", 2), ("走访", 1)]


def test_by_child_unit_adds_up_to_the_parent_in_one_query(figures, unit, django_assert_num_queries):
    district = unit("湘东区")
    with django_assert_num_queries(2):
        rows = COUNTS.by_child_unit(2021, district)
    values = {child.name: value for child, value in rows}
    assert values["腊市镇"] == 7 and values["湘东镇"] == 7 and values["白竺乡"] == 0
    assert sum(values.values()) == COUNTS.value(2021, district)


def test_by_month_gives_twelve_values(figures, unit):
    months = NOTES.by_month(2021, unit("湘东区"))
    assert len(months) == 12 and sum(months) == 3


def test_the_registry_refuses_two_figures_under_one_key():
    register(NOTES)
    assert get("scopetest.notes") is NOTES
    assert NOTES in all_indicators("scopetest")
    with pytest.raises(ValueError, match="重复定义"):
        register(Indicator(key="scopetest.notes", label="别的", unit="条", records=NOTES.records))
    with pytest.raises(KeyError, match="没有名为"):
        get("scopetest.none")


def test_records_entered_at_the_unit_itself_make_the_rows_add_up(figures, unit):
    district = unit("湘东区")
    Note.objects.create(title="区本级", org_unit=district, year=2021, count=10)
    rows = COUNTS.by_child_unit(2021, district)
    assert rows[0] == (district, 10)
    assert sum(value for _, value in rows) == COUNTS.value(2021, district) == 24


def test_breakdowns_show_the_chinese_label_of_a_coded_field(figures, unit):
    from django.db.models import Value

    by_year = Indicator(
        key="scopetest.by_origin",
        label="来源",
        unit="条",
        records=lambda year: Note.objects.filter(year=year).annotate(origin=Value("甲")),
        dimensions={"来源": "origin"},
    )
    assert by_year.breakdown(2021, unit("湘东区"), "来源") == [("甲", 3)]
