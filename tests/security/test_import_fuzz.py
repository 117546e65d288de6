"""Random and malformed input for the import and the personal-data validators.

The import is driven as the admin drives it — a dry run, then the confirm step with the same
rows — but through the resource, without HTTP, to try many files quickly. Whatever the
rows, nothing may raise; an import whose dry run reports an error writes nothing when
confirmed anyway; a clean one writes exactly the rows it announced, each with its history.
Examples are derived from a fixed seed, so every run (and CI) tries the same ones.
"""

import re
from datetime import date

import pytest
import tablib
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from fedportal.imports import row_errors
from fedportal.models import User
from fedportal.personal_data import (
    hide_text,
    id_number_birth_date,
    id_number_sex,
    is_masked,
    make_id_number,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    normalize_id_number,
    normalize_mobile,
    validate_id_number,
    validate_mobile,
)
from tests.security.test_import_faults import (
    AWARD,
    GRANT,
    table_counts,
)

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    # The demo is loaded once by a fixture; each example rolls its own writes back.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUICK = settings(max_examples=300, deadline=None, derandomize=True, database=None)

VALID_ID = make_id_number("360313", date(1975, 1, 9), 58)
# Cells staff or other systems produce, valid and not, beside arbitrary values.
TYPICAL = [
    "",
    " ",
    "\t",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+86 138 0013 8000",
    "-",
    "是",
    "否",
    "√",
    "2021/2/30",
    "2021年3月8日",
    "2021-03-08 10:30",
    "44263",
    "44263.0",
    "1e309",
    # Past any amount a record holds: a bare decimal exception once.
    "1e400",
    "-1E400",
    "1e999999999",
    "NaN",
    "inf",
    "-0",
    "1,200",
    "１２３",
    "腊市镇/明塘村",
    "360313103000",
    "湘东镇",
    "湘东区/湘东镇/三角池村",
    "最美家庭",
    "省",
    "两癌救助",
    "农村",
    "城镇",
    "差额资助",
    "10,000",
    "***",
    "（已隐藏）",
    VALID_ID,
    VALID_ID[:17] + "0",
    mask_id_number(VALID_ID),
    "13812345678",
    "138****5678",
    "\x00",
    # Control characters, which the entry form refuses too.
    "刘\x00冬梅",
    "刘冬梅\x07",
    "\x1b[31m",
    "\ufeff编号",
    "a" * 300,
]
cells = st.one_of(
    st.sampled_from(TYPICAL),
    st.none(),
    st.booleans(),
    st.text(max_size=40),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(),
)

# 编号 that is no whole number of 64 bits crashes the import today (see
# test_import_faults.py, test_a_record_number_that_is_no_number_is_refused); until that is
# fixed the fuzz keeps to numbers there, of records in and out of scope or none.
record_numbers = st.one_of(
    st.none(),
    st.just(""),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=1, max_value=200),
)


def good_row(sheet, n):
    """The sheet's good row, made the `n`th person or household of the file."""
    cells = {sheet.text_column: f"第{n}户"}
    if sheet.id_number_column:
        cells[sheet.id_number_column] = make_id_number("360313", date(1970, 1, n + 1), 8)
    return {**sheet.good, **cells}


@st.composite
def datasets(draw, sheet):
    """A sheet for `sheet`'s model: its columns or a jumble of them (missing, extra,
    reordered), and up to four rows, each a good row with a few cells made anything."""
    columns = draw(
        st.one_of(
            st.just(sheet.header),
            st.lists(
                st.sampled_from([*sheet.header, "多余的列", "备注 "]),
                min_size=1,
                max_size=len(sheet.header) + 2,
                unique=True,
            ),
        )
    )
    rows = []
    for n in range(draw(st.integers(min_value=0, max_value=4))):
        good = good_row(sheet, n)
        spoilt = draw(st.sets(st.sampled_from(columns), max_size=3))
        rows.append(
            [
                draw(record_numbers if column == "编号" else cells)
                if column in spoilt
                else good.get(column, "")
                for column in columns
            ]
        )
    return tablib.Dataset(*rows, headers=columns)


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def is_sentence(reason) -> bool:
    """A reason in Chinese, not a library's exception: "[<class 'decimal.InvalidOperation'>]"
    once was one. What it quotes of the cell (“…”) may be anything."""
    told = re.sub(r"“[^”]*”", "", str(reason))
    return bool(CHINESE.search(told)) and "<class" not in told and "Error" not in told


def history_label(model):
    return model.history.model._meta.label


def import_twice(sheet, user, dataset):
    """The dry run, then the confirm step on the same rows; the outcome is checked and
    everything written is rolled back."""
    model = apps.get_model(sheet.app_model)
    resource_class = admin.site._registry[model].resource_classes[0]
    note(f"columns {dataset.headers}, rows {[list(row) for row in dataset]}")
    with transaction.atomic():
        before = table_counts()
        preview = resource_class(user=user).import_data(
            dataset,
            dry_run=True,
            raise_errors=False,
            use_transactions=True,
            collect_failed_rows=True,
        )
        assert table_counts() == before, "the dry run wrote"
        failed = preview.has_errors() or preview.has_validation_errors()
        result = resource_class(user=user).import_data(
            dataset,
            dry_run=False,
            raise_errors=False,
            use_transactions=True,
            retain_instance_in_row_result=True,
        )
        after = table_counts()
        if failed:
            reasons = [reason for *_, reason in row_errors(preview, resource_class(user=user))]
            note(f"preview errors {reasons}")
            unclear = [reason for reason in reasons if not is_sentence(reason)]
            assert not unclear, f"not a Chinese sentence: {unclear}"
            assert result.has_errors() or result.has_validation_errors()
            assert after == before, "an import with errors wrote"
        else:
            assert not (result.has_errors() or result.has_validation_errors())
            assert (result.totals["new"], result.totals["update"]) == (
                preview.totals["new"],
                preview.totals["update"],
            )
            assert_wrote_exactly(model, before, after, result)
        transaction.set_rollback(True)


def assert_wrote_exactly(model, before, after, result):
    """The import added its new records and a history row for each new or changed one, and
    touched no other table."""
    new, changed = result.totals["new"], result.totals["update"]
    expected = {
        **before,
        model._meta.label: before[model._meta.label] + new,
        history_label(model): before[history_label(model)] + new + changed,
    }
    assert after == expected


@pytest.fixture
def township(demo):
    return User.objects.get(username="township")


@FUZZ
@given(dataset=datasets(AWARD))
@pytest.mark.slow
def test_family_award_imports_never_crash_and_errors_write_nothing(township, dataset):
    import_twice(AWARD, township, dataset)


@FUZZ
@given(dataset=datasets(GRANT))
@pytest.mark.slow
def test_grant_imports_never_crash_and_errors_write_nothing(township, dataset):
    import_twice(GRANT, township, dataset)


# --- the validators and masks of fedportal/personal_data.py ---------------------------------

anything = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"[0-9]{17}[0-9Xx]", fullmatch=True),
    st.from_regex(r"\s*1[0-9 -]{10,14}\s*", fullmatch=True),
    st.sampled_from(TYPICAL),
    st.integers(),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True),
    st.none(),
    st.binary(max_size=20),
    st.dates(),
)


def refusal_is_chinese(error: ValidationError):
    assert error.messages and all(CHINESE.search(m) for m in error.messages), error.messages


@QUICK
@given(value=anything)
def test_validators_refuse_only_with_a_chinese_validation_error(value):
    for check in (validate_id_number, validate_mobile, id_number_birth_date, id_number_sex):
        try:
            check(value)
        except ValidationError as error:
            refusal_is_chinese(error)


@QUICK
@given(value=anything)
def test_masks_never_fail_and_never_show_a_whole_value(value):
    text = "" if value is None else str(value).strip()
    if is_masked(text):
        return  # masked already: masking it again may leave it as it is
    for mask in (mask_id_number, mask_phone, mask_name, mask_address, hide_text):
        masked = mask(value)
        assert isinstance(masked, str)
        if len(text) >= 3:
            assert text not in masked, (mask.__name__, value)
            assert is_masked(masked)
    number = normalize_id_number(value)
    if len(number) == 18:
        assert mask_id_number(value) == number[:6] + "*" * 12
    normalize_mobile(value)


@QUICK
@given(
    region=st.one_of(st.from_regex(r"[0-9]{6}", fullmatch=True), st.text(max_size=8)),
    birth=st.dates(min_value=date(1890, 1, 1), max_value=date(2100, 1, 1)),
    sequence=st.one_of(st.integers(min_value=-5, max_value=1005), st.booleans(), st.none()),
)
def test_made_id_numbers_are_valid_or_refused_with_value_error(region, birth, sequence):
    try:
        number = make_id_number(region, birth, sequence)
    except ValueError:
        return
    validate_id_number(number)
    assert id_number_birth_date(number) == birth
    assert id_number_sex(number) == ("男" if sequence % 2 else "女")


def test_the_fuzz_reaches_both_outcomes(township):
    """The generated sheets do not all fail: some import cleanly with new records, so the
    write path is fuzzed too (on the same seed as the fuzz tests)."""
    outcomes = set()
    resource_class = admin.site._registry[apps.get_model(AWARD.app_model)].resource_classes[0]

    @FUZZ
    @given(dataset=datasets(AWARD))
    def probe(dataset):
        with transaction.atomic():
            result = resource_class(user=township).import_data(dataset, dry_run=True)
            failed = result.has_errors() or result.has_validation_errors()
            outcomes.add("refused" if failed else "new" if result.totals["new"] else "none")
            transaction.set_rollback(True)

    probe()
    assert {"refused", "new"} <= outcomes, outcomes
