"""The figures mechanism on the small test model (tests/scopetest/indicators.py declares its
source): definitions as data, their conditions by code, periods, stocks, ratios, figures per
reference entry, a unit's own definitions, and the registry's rebuild after a change."""

from datetime import date

import pytest

from fedportal import indicators
from fedportal.models import FigureDefinition
from tests.scopetest.models import Note, NoteKind

pytestmark = pytest.mark.django_db


def define(key, label="测试", unit_word="条", *, filters=(), owner=None, **fields):
    definition = FigureDefinition.objects.create(
        key=key,
        label=label,
        unit_word=unit_word,
        source=fields.pop("source", "scopetest.note"),
        org_unit=owner,
        **fields,
    )
    for field, operator, values in filters:
        definition.filters.create(field=field, operator=operator, values=values)
    return indicators.get(key)


@pytest.fixture
def figures(notes, unit):
    talk = NoteKind.objects.create(name="宣讲", code="talk")
    visit = NoteKind.objects.create(name="走访", code="visit")
    Note.objects.filter(pk=notes["lashi"].pk).update(kind=talk, count=5, day=date(2021, 3, 8))
    Note.objects.filter(pk=notes["mingtang"].pk).update(kind=talk, count=2, day=date(2021, 8, 1))
    Note.objects.filter(pk=notes["xiangdong"].pk).update(
        kind=visit, count=7, day=date(2021, 11, 20), urgent=True
    )
    Note.objects.create(
        title="往年", org_unit=unit("腊市镇"), year=2020, count=100, day=date(2020, 5, 1)
    )
    return {"talk": talk, "visit": visit}


def test_a_value_covers_the_units_subtree(figures, unit):
    notes = define("scopetest.notes")
    counts = define("scopetest.counts", unit_word="个", measure="sum", field="count")
    assert notes.value(2021, unit("湘东区")) == 3
    assert notes.value(2021, unit("腊市镇")) == 2
    assert notes.value(2021, unit("明塘村")) == 1
    assert counts.value(2021, unit("湘东区")) == 14
    assert counts.value(2020, unit("湘东区")) == 100
    assert counts.value(2019, unit("湘东区")) == 0


def test_conditions_name_reference_entries_by_code(figures, unit):
    talks = define("scopetest.talks", filters=[("kind", "in", "talk")])
    not_talks = define("scopetest.not_talks", filters=[("kind", "not_in", "talk")])
    urgent = define("scopetest.urgent", filters=[("urgent", "in", "true")])
    titled = define("scopetest.titled", filters=[("title", "contains", "腊市")])
    assert talks.value(2021, unit("湘东区")) == 2
    assert not_talks.value(2021, unit("湘东区")) == 1
    assert urgent.value(2021, unit("湘东区")) == 1
    assert titled.value(2021, unit("湘东区")) == 1


def test_renaming_an_entry_changes_no_figure(figures, unit):
    talks = define("scopetest.talks", filters=[("kind", "in", "talk")])
    before = talks.value(2021, unit("湘东区"))
    figures["talk"].name = "理论宣讲"
    figures["talk"].save()
    assert indicators.get("scopetest.talks").value(2021, unit("湘东区")) == before == 2
    # The entry's own figure follows it, under its code, with its new name.
    entry = indicators.get("scopetest.note.talk")
    assert entry.label == "“理论宣讲”记录"
    assert entry.value(2021, unit("湘东区")) == 2


def test_the_records_behind_a_figure_are_the_ones_it_counts(figures, unit):
    notes = define("scopetest.notes")
    titles = set(notes.queryset(2021, unit("腊市镇")).values_list("title", flat=True))
    assert titles == {"腊市镇记录", "明塘村记录"}


def test_breakdowns_group_the_same_records(figures, unit):
    notes = define("scopetest.notes")
    assert notes.breakdown(2021, unit("湘东区"), "类别") == [("宣讲", 2), ("走访", 1)]


def test_by_child_unit_adds_up_to_the_parent_in_one_query(figures, unit, django_assert_num_queries):
    counts = define("scopetest.counts", unit_word="个", measure="sum", field="count")
    district = unit("湘东区")
    with django_assert_num_queries(2):  # the children, and the sums grouped by child
        rows = counts.by_child_unit(2021, district)
    values = {child.name: value for child, value in rows}
    assert values["腊市镇"] == 7 and values["湘东镇"] == 7 and values["白竺乡"] == 0
    assert sum(values.values()) == counts.value(2021, district)


def test_records_entered_at_the_unit_itself_make_the_rows_add_up(figures, unit):
    counts = define("scopetest.counts", unit_word="个", measure="sum", field="count")
    district = unit("湘东区")
    Note.objects.create(title="区本级", org_unit=district, year=2021, count=10)
    rows = counts.by_child_unit(2021, district)
    assert rows[0] == (district, 10)
    assert sum(value for _, value in rows) == counts.value(2021, district) == 24


def test_by_month_gives_one_value_a_month(figures, unit):
    notes = define("scopetest.notes")
    months = notes.by_month(2021, unit("湘东区"))
    assert len(months) == 12 and months[2] == months[7] == months[10] == 1
    assert notes.by_month("2021H2", unit("湘东区")) == [0, 1, 0, 0, 1, 0]


def test_parts_of_a_year_place_records_by_their_date(figures, unit):
    notes = define("scopetest.notes")
    district = unit("湘东区")
    assert notes.value("2021H1", district) == 1
    assert notes.value("2021H2", district) == 2
    assert notes.value("2021Q4", district) == 1
    assert notes.value("2021M08", district) == 1
    assert notes.value("2021-03-01..2021-08-31", district) == 2


def test_a_stock_counts_everything_up_to_the_periods_end(figures, unit):
    open_notes = define("scopetest.open_notes", basis="stock")
    district = unit("湘东区")
    assert open_notes.value(2020, district) == 1
    assert open_notes.value(2021, district) == 4
    assert open_notes.value("2021H1", district) == 2
    # A record that has ended before the period's end no longer counts.
    Note.objects.filter(title="往年").update(closed_on=date(2021, 6, 30))
    assert open_notes.value(2021, district) == 3
    assert open_notes.value("2021H1", district) == 1
    assert open_notes.value("2021Q1", district) == 2


def test_a_ratio_is_a_percentage_of_two_figures(figures, unit):
    define("scopetest.notes")
    define("scopetest.talks", filters=[("kind", "in", "talk")])
    share = define(
        "scopetest.talk_share",
        unit_word="%",
        measure="ratio",
        source="",
        numerator="scopetest.talks",
        denominator="scopetest.notes",
    )
    assert str(share.value(2021, unit("湘东区"))) == "66.7"
    assert share.format(share.value(2021, unit("湘东区"))) == "66.7%"
    # Over nothing a rate is not 0%: it cannot be told.
    assert share.value(2019, unit("湘东区")) is None
    assert share.format(None) == "—"
    rows = dict(share.by_child_unit(2021, unit("湘东区")))
    assert rows[unit("腊市镇")] == 100 and rows[unit("湘东镇")] == 0


def test_each_reference_entry_has_its_figures(figures, unit):
    talk_count = indicators.get("scopetest.note.talk.count")
    assert talk_count.label == "“宣讲”数量"
    assert talk_count.unit == "个"
    assert talk_count.value(2021, unit("湘东区")) == 7


def test_a_units_own_definition_replaces_the_general_one_in_its_subtree(figures, unit):
    define("scopetest.notes", "测试记录")
    own = define("scopetest.notes", "腊市镇的走访", owner=unit("腊市镇"))
    FigureDefinition.objects.get(key="scopetest.notes", org_unit=unit("腊市镇")).filters.create(
        field="kind", operator="in", values="talk"
    )
    own = indicators.get("scopetest.notes")
    assert own.spec(unit("明塘村")).label == "腊市镇的走访"
    assert own.spec(unit("湘东镇")).label == "测试记录"
    Note.objects.create(title="湘东镇走访", org_unit=unit("湘东镇"), kind=figures["visit"])
    assert own.value(2021, unit("湘东镇")) == 2
    assert own.value(2021, unit("腊市镇")) == 2


def test_a_units_own_figure_is_not_for_other_units(figures, unit):
    only_lashi = define("scopetest.lashi_only", owner=unit("腊市镇"))
    assert only_lashi.available_to(unit("明塘村"))
    assert not only_lashi.available_to(unit("湘东镇"))
    assert not only_lashi.available_to(unit("湘东区"))
    with pytest.raises(indicators.Unavailable):
        only_lashi.value(2021, unit("湘东镇"))
    keys = {i.key for i in indicators.all_indicators("scopetest", unit("湘东镇"))}
    assert "scopetest.lashi_only" not in keys
    assert "scopetest.lashi_only" in {
        i.key for i in indicators.all_indicators("scopetest", unit("腊市镇"))
    }


def test_the_registry_follows_changes_and_reports_what_no_longer_resolves(figures, unit):
    with pytest.raises(KeyError, match="没有名为"):
        indicators.get("scopetest.none")
    talks = define("scopetest.talks", filters=[("kind", "in", "talk")])
    assert talks.value(2021, unit("湘东区")) == 2
    definition = FigureDefinition.objects.get(key="scopetest.talks")
    definition.label = "宣讲记录"
    definition.save()
    assert indicators.get("scopetest.talks").label == "宣讲记录"
    NoteKind.objects.create(name="摸底", code="survey")
    define("scopetest.surveys", filters=[("kind", "in", "survey")])
    NoteKind.objects.filter(code="survey").delete()
    registry = indicators.registry()
    assert "scopetest.surveys" not in registry
    assert any("没有代码为“survey”的条目" in problem for problem in registry.problems)


def test_a_year_of_records_kept_by_year_only_is_not_split(figures, unit):
    # Records without a date count in their year, never in a part of it.
    Note.objects.create(title="无日期", org_unit=unit("腊市镇"), year=2021)
    notes = define("scopetest.notes")
    assert notes.value(2021, unit("湘东区")) == 4
    assert notes.value("2021H1", unit("湘东区")) + notes.value("2021H2", unit("湘东区")) == 3
