from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fedportal.personal_data import (
    HIDDEN,
    age_on,
    hide_text,
    id_number_birth_date,
    id_number_sex,
    is_masked,
    make_id_number,
    mask_address,
    mask_birth_date,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_within,
    normalize_id_number,
    normalize_mobile,
    validate_id_number,
    validate_mobile,
)


def check_character(first17):
    """ISO 7064 MOD 11-2 from its definition, independent of the module's lookup tables.

    Digit i (counted from 0 at the left) has weight 2**(17 - i) mod 11; the check value is
    the one that makes the weighted sum, with the check value at weight 1, ≡ 1 (mod 11).
    """
    total = sum(int(digit) * (2 ** (17 - i) % 11) for i, digit in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def with_check(first17):
    return first17 + check_character(first17)


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


def validation_error(validator, value):
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    return excinfo.value


# --- ID numbers -------------------------------------------------------------------------------


def test_hand_computed_example_is_valid():
    # The GB 11643-1999 example 11010519491231002X, worked out digit by digit:
    # 1*7 + 1*9 + 0*10 + 1*5 + 0*8 + 5*4 + 1*2 + 9*1 + 4*6 + 9*3 + 1*7 + 2*9 + 3*10 + 1*5
    # + 0*8 + 0*4 + 2*2 = 167; 167 mod 11 = 2, and "10X98765432"[2] is "X".
    assert check_character("11010519491231002") == "X"
    validate_id_number("11010519491231002X")


@pytest.mark.parametrize(
    ("region", "birth", "sequence"),
    [
        ("360313", date(1985, 6, 15), 42),
        ("110105", date(1949, 12, 31), 2),
        ("360313", date(1900, 1, 1), 0),
        ("440524", date(2000, 2, 29), 999),
        ("650102", date(1972, 3, 8), 301),
        ("810000", date(1990, 7, 1), 123),
        ("830000", date(2001, 10, 1), 7),
    ],
)
def test_made_numbers_are_valid_and_carry_the_right_check_character(region, birth, sequence):
    number = make_id_number(region, birth, sequence)
    assert number == with_check(f"{region}{birth:%Y%m%d}{sequence:03d}")
    validate_id_number(number)


def test_a_number_born_today_is_valid():
    number = make_id_number("360313", timezone.localdate(), 1)
    validate_id_number(number)


def test_make_id_number_builds_the_example():
    assert make_id_number("110105", date(1949, 12, 31), 2) == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("110105194912310021", "id_checksum", "身份证号码校验位不正确，请核对后重新输入。"),
        ("110105194912310020", "id_checksum", "身份证号码校验位不正确，请核对后重新输入。"),
        ("11010519491231002", "id_length", "身份证号码应为18位，当前为17位。"),
        ("11010519491231002X1", "id_length", "身份证号码应为18位，当前为19位。"),
        ("", "id_length", "身份证号码应为18位，当前为0位。"),
        (None, "id_length", "身份证号码应为18位，当前为0位。"),
        ("1101051949123100AX", "id_format", "身份证号码前17位应为数字，最后一位应为数字或X。"),
        ("A1010519491231002X", "id_format", "身份证号码前17位应为数字，最后一位应为数字或X。"),
        ("11010519491231002Y", "id_format", "身份证号码前17位应为数字，最后一位应为数字或X。"),
        # Full-width digits count as digits for str.isdigit() and int(), but not here.
        ("１1010519491231002X", "id_format", "身份证号码前17位应为数字，最后一位应为数字或X。"),
        (
            with_check("99010519491231002"),
            "id_province",
            "身份证号码前两位“99”不是有效的省级行政区划代码。",
        ),
        (
            with_check("10010519491231002"),
            "id_province",
            "身份证号码前两位“10”不是有效的省级行政区划代码。",
        ),
        (
            with_check("84010519491231002"),
            "id_province",
            "身份证号码前两位“84”不是有效的省级行政区划代码。",
        ),
        (
            with_check("36031319900230002"),
            "id_birth_date",
            "身份证号码中的出生日期“19900230”不是有效日期。",
        ),
        (
            with_check("36031319000229002"),
            "id_birth_date",
            "身份证号码中的出生日期“19000229”不是有效日期。",
        ),
        (
            with_check("36031319901301002"),
            "id_birth_date",
            "身份证号码中的出生日期“19901301”不是有效日期。",
        ),
        (
            with_check("36031319900100002"),
            "id_birth_date",
            "身份证号码中的出生日期“19900100”不是有效日期。",
        ),
        (
            with_check("36031318991231002"),
            "id_birth_date_too_early",
            "身份证号码中的出生日期不能早于1900年1月1日。",
        ),
        # The example in GB 11643-1999 itself: well formed, but born before 1900.
        (
            "440524188001010014",
            "id_birth_date_too_early",
            "身份证号码中的出生日期不能早于1900年1月1日。",
        ),
    ],
)
def test_invalid_id_numbers_are_rejected_with_their_own_code(value, code, message):
    error = validation_error(validate_id_number, value)
    assert error.code == code
    assert error.messages == [message]


@pytest.mark.parametrize("birth", [tomorrow(), date(2999, 1, 1)])
def test_future_birth_date_is_rejected(birth):
    number = with_check(f"360313{birth:%Y%m%d}002")
    error = validation_error(validate_id_number, number)
    assert error.code == "id_birth_date_future"
    assert error.messages == ["身份证号码中的出生日期不能晚于今天。"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("11010519491231002X", "11010519491231002X"),
        (" 110105 19491231 002x ", "11010519491231002X"),
        ("110105\u300019491231002x", "11010519491231002X"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_id_number(value, expected):
    assert normalize_id_number(value) == expected


@pytest.mark.parametrize("value", ["11010519491231002x", "110105 19491231 002x"])
def test_lowercase_x_and_spaces_are_accepted(value):
    validate_id_number(value)


@pytest.mark.parametrize(
    ("value", "birth", "sex"),
    [
        ("11010519491231002X", date(1949, 12, 31), "女"),
        ("11010519491231002x", date(1949, 12, 31), "女"),
        (make_id_number("360313", date(1985, 6, 15), 41), date(1985, 6, 15), "男"),
        (make_id_number("360313", date(2000, 2, 29), 998), date(2000, 2, 29), "女"),
        (make_id_number("360313", date(1900, 1, 1), 999), date(1900, 1, 1), "男"),
        (make_id_number("360313", date(1900, 1, 1), 0), date(1900, 1, 1), "女"),
    ],
)
def test_birth_date_and_sex_helpers(value, birth, sex):
    assert id_number_birth_date(value) == birth
    assert id_number_sex(value) == sex


@pytest.mark.parametrize("helper", [id_number_birth_date, id_number_sex])
@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "id_checksum"),
        (with_check("36031319900230002"), "id_birth_date"),
        ("1101051949", "id_length"),
    ],
)
def test_birth_date_and_sex_helpers_reject_invalid_numbers(helper, value, code):
    assert validation_error(helper, value).code == code


@pytest.mark.parametrize(
    ("region", "birth", "sequence"),
    [
        ("36031", date(1985, 6, 15), 1),
        ("3603130", date(1985, 6, 15), 1),
        ("36031A", date(1985, 6, 15), 1),
        (360313, date(1985, 6, 15), 1),
        ("990101", date(1985, 6, 15), 1),
        ("360313", date(1899, 12, 31), 1),
        ("360313", tomorrow(), 1),
        ("360313", date(1985, 6, 15), -1),
        ("360313", date(1985, 6, 15), 1000),
        ("360313", date(1985, 6, 15), "001"),
        ("360313", date(1985, 6, 15), True),
    ],
)
def test_make_id_number_rejects_arguments_that_cannot_give_a_valid_number(region, birth, sequence):
    with pytest.raises(ValueError):
        make_id_number(region, birth, sequence)


# --- Mobile numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("86 13812345678", "13812345678"),
        ("86123", "86123"),
        (13812345678, "13812345678"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_mobile(value, expected):
    assert normalize_mobile(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "19912345678",
        "15012345678",
        "138 1234 5678",
        "138-1234-5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "8613812345678",
    ],
)
def test_valid_mobiles_pass(value):
    validate_mobile(value)


@pytest.mark.parametrize(
    "value",
    [
        "12812345678",
        "11812345678",
        "23812345678",
        "1381234567",
        "138123456789",
        "1381234567a",
        "+8612812345678",
        "+85213812345678",
        "0791-88123456",
        "",
        None,
    ],
)
def test_invalid_mobiles_are_rejected(value):
    error = validation_error(validate_mobile, value)
    assert error.code == "mobile_invalid"
    assert error.messages == ["手机号码应为11位，以1开头，第二位为3至9。"]


# --- Masking ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("360313198506150425", "360313************"),
        ("11010519491231002X", "110105************"),
        ("11010519491231002x", "110105************"),
        ("110105 19491231 002X", "110105************"),
        # A 15-digit first-generation number is masked by its length.
        ("360313850615042", "360313*********"),
        ("1234567890", "123456****"),
        # Fewer than 4 hidden characters would give the number away: hide it all.
        ("123456789", "*********"),
        ("12345", "*****"),
        ("1", "*"),
        (360313198506150425, "360313************"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value, expected):
    assert mask_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        (13812345678, "138****5678"),
        ("079188123456", "079*****3456"),
        ("1381234567", "**********"),
        ("123", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value, expected):
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("陈丽华", "陈**"),
        ("李娜", "李*"),
        ("欧阳秀英", "欧***"),
        ("王", "王"),
        (" 陈丽华 ", "陈**"),
        ("阿依古丽·买买提", "阿*******"),
        ("", ""),
        ("  ", ""),
        (None, ""),
    ],
)
def test_mask_name(value, expected):
    assert mask_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("江西省萍乡市湘东区湘东镇三角池村12号", "江西省萍乡市****"),
        ("湘东区腊市镇明塘村", "湘东区腊市镇****"),
        ("湘东镇三角池村", "湘东镇三角池****"),
        ("湘东区腊市镇", "湘东****"),
        ("明塘村", "明塘*"),
        ("湘东", "湘东"),
        ("村", "村"),
        ("  明塘村  ", "明塘*"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_address(value, expected):
    assert mask_address(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("宫颈癌术后", HIDDEN), ("", ""), ("  ", ""), (None, "")]
)
def test_hide_text_hides_free_text_whole(value, expected):
    assert hide_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1985, 3, 8), "1985-**-**"),
        ("1985-03-08", "1985-**-**"),
        ("1985/3/8", "1985-**-**"),
        ("三月八日", "****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_birth_date_keeps_the_year(value, expected):
    assert mask_birth_date(value) == expected


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (mask_id_number("36031319850308022X"), True),
        (mask_birth_date(date(1985, 3, 8)), True),
        (mask_phone("13812345678"), True),
        (mask_name("陈丽华"), True),
        (mask_address("湘东区腊市镇明塘村"), True),
        (hide_text("宫颈癌术后"), True),
        # Short values the masks leave as they are, and real data, are not masked.
        (mask_name("王"), False),
        (mask_address("湘东"), False),
        ("36031319850308022X", False),
        ("宫颈癌术后", False),
        ("", False),
        (None, False),
    ],
)
def test_is_masked_recognises_what_the_masks_write(value, masked):
    assert is_masked(value) is masked


@pytest.mark.parametrize(
    ("day", "age"),
    [(date(2021, 3, 7), 35), (date(2021, 3, 8), 36), (date(2021, 12, 31), 36)],
)
def test_age_on_counts_whole_years_from_the_birthday(day, age):
    assert age_on(date(1985, 3, 8), day) == age


def test_a_message_about_a_personal_field_is_masked_within():
    message = "出生日期2022-01-01与身份证号码中的1982-07-21不一致；号码 36031319820721244X，电话 13812345678。"
    assert mask_within(message) == (
        "出生日期2022-**-**与身份证号码中的1982-**-**不一致；号码 360313************，电话 138****5678。"
    )
