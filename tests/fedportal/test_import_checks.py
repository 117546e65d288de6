"""Constraint checks of an import, done in Python where SQL would say the same."""

import pytest
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan

from fedportal.import_checks import ConstraintChecker, Unsupported, evaluate
from tests.scopetest.models import Note

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("condition", "verdict"),
    [
        (Q(count__gte=0), True),
        (Q(count__gte=5), False),
        (Q(count__gte=0) & Q(year__lte=2000), False),
        (Q(count__gte=5) | Q(year=2021), True),
        (~Q(count=3), False),
        (Q(count__lte=F("year")), True),
        (Q(kind__isnull=True), True),
        (Q(kind__gte=1), None),  # NULL compares to unknown, which a CHECK lets pass
        (Q(count__in=[1, 3]), True),
    ],
)
def test_conditions_evaluate_like_sql(condition, verdict):
    note = Note(title="甲", count=3, year=2021)
    assert evaluate(condition, note) is verdict


@pytest.mark.parametrize(
    "condition", [Q(title__startswith="甲"), Q(GreaterThan(Length("title"), 0))]
)
def test_what_python_cannot_judge_goes_to_the_database(condition):
    with pytest.raises(Unsupported):
        evaluate(condition, Note(title="甲"))


def test_duplicates_within_a_file_and_against_stored_records(notes, unit):
    checker = ConstraintChecker(Note)
    lashi = unit("腊市镇")
    first = Note(title="新", org_unit=lashi, year=2021)
    again = Note(title="新", org_unit=lashi, year=2021)
    stored = Note(title="腊市镇记录", org_unit=lashi, year=2021)
    assert checker.errors(first, 1) == {}
    assert checker.errors(again, 2) == {"__all__": ["同一单位同一年度已有同名记录。"]}
    assert checker.errors(stored, 3) == {"__all__": ["同一单位同一年度已有同名记录。"]}
    # A stored record updated by the file is no duplicate of itself.
    assert ConstraintChecker(Note).errors(notes["lashi"], 1) == {}


def test_stored_keys_are_read_once_for_the_whole_file(notes, unit, django_assert_num_queries):
    checker = ConstraintChecker(Note)
    lashi = unit("腊市镇")
    rows = [Note(title=f"第{n}条", org_unit=lashi, year=2021) for n in range(50)]
    name = "scopetest_note_unique"
    with django_assert_num_queries(1):
        checker.prefetch({name: [checker.key(checker.constraints[1], r) for r in rows]})
    with django_assert_num_queries(0):
        for n, row in enumerate(rows):
            assert checker.errors(row, n) == {}


def test_check_constraints_give_their_chinese_message(unit):
    checker = ConstraintChecker(Note)
    note = Note(title="负数", org_unit=unit("腊市镇"), year=2021, count=-1)
    assert checker.errors(note, 1) == {"__all__": ["数量不能为负数。"]}
