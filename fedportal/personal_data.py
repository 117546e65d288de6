"""Validators, masks and the masking policy for personal data: resident ID numbers, mobile
numbers, names, addresses, health details.

The validators are plain Django validators: they normalise their input themselves, so a form
field can use them directly, and each failure carries its own code so callers and tests can
tell the reasons apart. The masks must never break a page or an export, so they take any value
and mask malformed input by its length.

The policy is declared by the data: a model with personal fields names them, each with its
mask, in `personal_fields`, and declares the permission `view_personal_<model>`. Whoever
lacks it sees every such field masked, wherever the value appears: admin lists, read-only
change pages and past versions, history diffs, exports and import error sheets
(`shown_value`, `field_policy`).

What a mask keeps is chosen so that masked columns cannot be combined back. An ID number is
its region code (6 digits, which the record's unit tells anyway), the birth date (8), a
sequence code (3, the last one odd for men) and a check character computed from the other 17.
The region code and a full birth date leave 1,000 candidates, 500 once the sex is known; the
check character then picks one of about every 11, and the sequence code shown picks one outright.
So the ID number shows its region code only, and every column that carries its birth date
(出生日期) shows the year only; age, sex and "minor" stay, since none of them narrows the
sequence code.
"""

import re
from collections.abc import Callable
from datetime import date

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone

# GB/T 2260 province-level codes, plus 71 (台湾), 81 (香港), 82 (澳门) and 83, which residence
# permits for Taiwan residents carry.
PROVINCE_CODES = frozenset(
    [str(code) for code in range(11, 16)]
    + [str(code) for code in range(21, 24)]
    + [str(code) for code in range(31, 38)]
    + [str(code) for code in range(41, 47)]
    + [str(code) for code in range(50, 55)]
    + [str(code) for code in range(61, 66)]
    + ["71", "81", "82", "83"]
)

ID_NUMBER_LENGTH = 18
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
# A person under this age (周岁) is a minor (未成年人).
ADULT_AGE = 18

# ISO 7064 MOD 11-2 as GB 11643-1999 applies it to the first 17 digits.
_CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"

# [0-9] rather than \d: \d also matches full-width and other Unicode digits, which int()
# would quietly accept.
_ID_NUMBER_RE = re.compile(r"[0-9]{17}[0-9X]")
_REGION_RE = re.compile(r"[0-9]{6}")
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_SEPARATORS_RE = re.compile(r"[\s-]+")
_WHITESPACE_RE = re.compile(r"\s+")

# Hiding fewer characters than this leaves the value easy to guess, so shorter input is hidden
# completely instead.
_MIN_HIDDEN = 4
_ADDRESS_VISIBLE = 6
# What free text about a person (health details) is shown as: hidden whole, not partly.
HIDDEN = "（已隐藏）"


def _text(value) -> str:
    # Spreadsheet imports hand over numbers as int, and empty cells as None.
    return "" if value is None else str(value)


def _check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _CHECK_WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def _today() -> date:
    # The portal's local date (Asia/Shanghai), not the server's: someone born today in
    # China may be born "tomorrow" in UTC.
    return timezone.localdate()


def normalize_id_number(value) -> str:
    """Return the ID number without any whitespace and with a lowercase x made uppercase."""
    return _WHITESPACE_RE.sub("", _text(value)).replace("x", "X")


def validate_id_number(value) -> None:
    """Check an 18-character resident ID number against GB 11643-1999.

    The value is normalised first, so a lowercase x and spaces between digit groups are
    accepted.
    """
    number = normalize_id_number(value)
    if len(number) != ID_NUMBER_LENGTH:
        raise ValidationError(
            "身份证号码应为18位，当前为%(length)d位。",
            code="id_length",
            params={"length": len(number)},
        )
    if not _ID_NUMBER_RE.fullmatch(number):
        raise ValidationError(
            "身份证号码前17位应为数字，最后一位应为数字或X。",
            code="id_format",
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            "身份证号码前两位“%(code)s”不是有效的省级行政区划代码。",
            code="id_province",
            params={"code": number[:2]},
        )
    birth_text = number[6:14]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise ValidationError(
            "身份证号码中的出生日期“%(date)s”不是有效日期。",
            code="id_birth_date",
            params={"date": birth_text},
        ) from None
    if birth < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            "身份证号码中的出生日期不能早于1900年1月1日。",
            code="id_birth_date_too_early",
        )
    if birth > _today():
        raise ValidationError(
            "身份证号码中的出生日期不能晚于今天。",
            code="id_birth_date_future",
        )
    # The expected character stays out of the message: it would let anyone complete a
    # made-up number.
    if number[17] != _check_character(number[:17]):
        raise ValidationError(
            "身份证号码校验位不正确，请核对后重新输入。",
            code="id_checksum",
        )


def id_number_birth_date(value) -> date:
    """Return the birth date in an ID number; raise ValidationError if the number is invalid."""
    # Validating first keeps a mistyped number from yielding a plausible but wrong date.
    validate_id_number(value)
    number = normalize_id_number(value)
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_number_sex(value) -> str:
    """Return "女" or "男" from an ID number; raise ValidationError if the number is invalid."""
    validate_id_number(value)
    return "男" if int(normalize_id_number(value)[16]) % 2 else "女"


def age_on(birth: date, day: date) -> int:
    """Age in whole years (周岁) on `day`: the birthday itself counts."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def make_id_number(region: str, birth: date, sequence: int) -> str:
    """Build a valid ID number with its check character, for demo and test data.

    region is the 6-digit division code, sequence the 3-digit order code (0–999, odd for men,
    even for women). Raises ValueError for arguments that could not give a valid number.
    """
    if not isinstance(region, str) or not _REGION_RE.fullmatch(region):
        raise ValueError(f"地区代码应为6位数字：{region!r}")
    if region[:2] not in PROVINCE_CODES:
        raise ValueError(f"地区代码前两位不是有效的省级行政区划代码：{region!r}")
    if not EARLIEST_BIRTH_DATE <= birth <= _today():
        raise ValueError(f"出生日期应在1900年1月1日至今天之间：{birth}")
    # bool is an int subclass; True would silently become sequence 001.
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence <= 999:
        raise ValueError(f"顺序码应为0至999的整数：{sequence!r}")
    first17 = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{sequence:03d}"
    return first17 + _check_character(first17)


def normalize_mobile(value) -> str:
    """Return the mobile number without spaces, hyphens and a +86 or 86 country prefix."""
    number = _MOBILE_SEPARATORS_RE.sub("", _text(value))
    if number.startswith("+86"):
        return number[3:]
    # A bare 86 is only a prefix when 11 digits follow; otherwise it may be part of a
    # malformed number, which should be reported as typed.
    if number.startswith("86") and len(number) == 13:
        return number[2:]
    return number


def validate_mobile(value) -> None:
    """Check a mainland China mobile number (11 digits, 13x–19x), after normalising it."""
    if not _MOBILE_RE.fullmatch(normalize_mobile(value)):
        raise ValidationError(
            "手机号码应为11位，以1开头，第二位为3至9。",
            code="mobile_invalid",
        )


def _keep_ends(text: str, head: int, tail: int) -> str:
    hidden = len(text) - head - tail
    if hidden < _MIN_HIDDEN:
        return "*" * len(text)
    return text[:head] + "*" * hidden + text[len(text) - tail :]


def mask_id_number(value) -> str:
    """Keep the region code, the first 6 characters: 110105************.

    The birth date, sequence code and check character stay hidden (see the module's
    docstring for why the last four may not show either)."""
    return _keep_ends(normalize_id_number(value), 6, 0)


_YEAR_RE = re.compile(r"\s*([0-9]{4})")


def mask_birth_date(value) -> str:
    """Keep the year of a birth date, e.g. 1985-**-**: with the ID number's region code the
    full date would leave only its sequence code to guess."""
    if isinstance(value, date):
        return f"{value.year:04d}-**-**"
    text = _text(value).strip()
    if not text:
        return ""
    match = _YEAR_RE.match(text)
    return f"{match.group(1)}-**-**" if match else "*" * len(text)


def mask_phone(value) -> str:
    """Keep the first 3 and last 4 digits, e.g. 138****5678."""
    return _keep_ends(normalize_mobile(value), 3, 4)


def mask_name(value) -> str:
    """Keep the first character and star the rest, e.g. 陈**; one character stays as is."""
    name = _text(value).strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def mask_address(value) -> str:
    """Keep the first 6 characters and add ****; of a shorter address keep the first 2."""
    address = _text(value).strip()
    if len(address) > _ADDRESS_VISIBLE:
        # A fixed number of stars, so the list does not reveal the address's length.
        return address[:_ADDRESS_VISIBLE] + "****"
    return address[:2] + "*" * max(len(address) - 2, 0)


def hide_text(value) -> str:
    """Hide free text whole, e.g. health details; nothing to hide stays empty."""
    return HIDDEN if _text(value).strip() else ""


_ID_NUMBER_IN_TEXT_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_MOBILE_IN_TEXT_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_DATE_IN_TEXT_RE = re.compile(r"(?<![0-9])([0-9]{4})-[0-9]{2}-[0-9]{2}(?![0-9])")


def mask_within(text: str) -> str:
    """A message about a personal field with the ID numbers, mobile numbers and dates it
    quotes masked as the fields are (a date keeps its year, as a birth date does)."""
    text = _ID_NUMBER_IN_TEXT_RE.sub(lambda m: mask_id_number(m.group()), text)
    text = _MOBILE_IN_TEXT_RE.sub(lambda m: mask_phone(m.group()), text)
    return _DATE_IN_TEXT_RE.sub(lambda m: f"{m.group(1)}-**-**", text)


def is_masked(value) -> bool:
    """Whether a value looks like the output of one of the masks above: stars, or hidden."""
    text = _text(value).strip()
    return "*" in text or text == HIDDEN


# --- The policy --------------------------------------------------------------------------------

Mask = Callable[[object], str]


def personal_fields(model) -> dict[str, Mask]:
    """{field name: mask} of the model's personal fields, as the model declares them."""
    return dict(getattr(model, "personal_fields", None) or {})


def personal_permission(model) -> str:
    opts = model._meta
    return f"{opts.app_label}.view_personal_{opts.model_name}"


def may_see_personal(user, model) -> bool:
    """Whether `user` sees the model's personal fields unmasked."""
    return user is not None and user.has_perm(personal_permission(model))


def field_policy(model, path: str) -> tuple[type, Mask] | None:
    """(the model that owns it, its mask) for a personal field reached from `model` by
    `path` ("id_number", "complainant__id_number"); None for anything else."""
    *relations, name = path.split("__")
    for relation in relations:
        try:
            field = model._meta.get_field(relation)
        except FieldDoesNotExist:
            return None
        if not field.is_relation or field.related_model is None:
            return None
        model = field.related_model
    mask = personal_fields(model).get(name)
    return (model, mask) if mask is not None else None


def shown_value(user, model, path: str, value):
    """`value` of the field at `path` (from `model`) as `user` may see it: masked when it
    is personal and the user lacks the model's personal-data permission."""
    policy = field_policy(model, path)
    if policy is None or value is None or value == "":
        return value
    owner, mask = policy
    return value if may_see_personal(user, owner) else mask(value)
