"""The placeholder syntax that puts computed figures into written text.

    荣获全省“最美家庭”{families.provincial_most_beautiful}        → 荣获全省“最美家庭”3户
    共筹集资金{welfare.fundraising|余}                          → 共筹集资金34.5万余元
    全区受惠家长{families.lecture_beneficiaries|近}             → 全区受惠家长近3000人
    受惠家长{families.lecture_beneficiaries|数}人               → 受惠家长2960人

A placeholder is an indicator key in braces, optionally followed by options after "|":
"余" (round down, say so), "近" (round up, say so) and "数" (the number without its unit).
A paragraph that is only a chart placeholder becomes a chart of the indicator, split by
one of its dimensions, by month or by the units below:

    {families.awards@级别}   {rights.cases_received@月份}   {families.awards@下级单位}

"{{" and "}}" stand for literal braces. Text is never interpreted in any other way, so
nothing a writer types can run or inject markup: the parts are plain strings and figures,
escaped by whatever renders them. A placeholder that names no indicator, or an option
that does not exist, is kept as a `Problem` that every output shows in place, and the
editing forms refuse it.
"""

import difflib
import re
from dataclasses import dataclass

from fedportal import indicators

OPTIONS = {"余": "向下取整并写“余”", "近": "向上取整并写“近”", "数": "只写数字，不带单位"}
TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
# An area and a name (families.city_green), or a figure of a reference entry, whose key
# goes on with entry codes (families.award.most_beautiful.provincial).
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_-]*)+")


@dataclass(frozen=True)
class Placeholder:
    source: str
    key: str
    approx: str = ""
    with_unit: bool = True


@dataclass(frozen=True)
class ChartPlaceholder:
    source: str
    key: str
    dimension: str


BY_MONTH = "月份"
BY_CHILD_UNIT = "下级单位"


@dataclass(frozen=True)
class Problem:
    source: str
    message: str


def _parse(source: str, inner: str, unit=None) -> Placeholder | ChartPlaceholder | Problem:
    parsed = _parse_any(source, inner)
    usable = (
        unit is None or isinstance(parsed, Problem) or indicators.get(parsed.key).available_to(unit)
    )
    if not usable:
        return Problem(source, f"指标“{parsed.key}”是其他单位自定义的，不适用于{unit.name}。")
    return parsed


def _parse_any(source: str, inner: str) -> Placeholder | ChartPlaceholder | Problem:
    if "@" in inner:
        return _parse_chart(source, *[part.strip() for part in inner.split("@", 1)])
    key, *options = [part.strip() for part in re.split(r"[|｜]", inner)]
    if not KEY.fullmatch(key):
        return Problem(
            source,
            f"“{source}”不是指标占位符：花括号内应为指标代码，如 {{families.city_green}}。"
            + _did_you_mean(key),
        )
    try:
        indicators.get(key)
    except KeyError:
        return Problem(source, f"没有代码为“{key}”的指标。" + _did_you_mean(key))
    unknown = [o for o in options if o not in OPTIONS]
    if unknown:
        allowed = "、".join(OPTIONS)
        return Problem(source, f"“{source}”中的“{unknown[0]}”不是可用的写法（可用：{allowed}）。")
    approx = [o for o in options if o in ("余", "近")]
    if len(approx) > 1:
        return Problem(source, f"“{source}”不能同时用“余”和“近”。")
    return Placeholder(source, key, approx[0] if approx else "", "数" not in options)


def _did_you_mean(name: str) -> str:
    """The nearest figures' placeholders, for a name that is none: "您是不是要写
    {families.city_green}？"."""
    all_indicators = indicators.all_indicators()
    # A key is compared after its area ("families."), which every key of the area shares.
    area, _, rest = name.rpartition(".")
    names = {i.key.partition(".")[2]: i.key for i in all_indicators if i.area == area}
    names.update({i.label: i.key for i in all_indicators})
    near = difflib.get_close_matches(rest if area else name, names, n=3, cutoff=0.6)
    keys = list(dict.fromkeys(names[n] for n in near))
    if not keys:
        return ""
    return "您是不是要写 " + "、".join(f"{{{key}}}" for key in keys) + "？"


def _parse_chart(source: str, key: str, dimension: str) -> ChartPlaceholder | Problem:
    if not KEY.fullmatch(key):
        return Problem(source, f"“{source}”不是图表占位符：应为 {{指标代码@分解方式}}。")
    try:
        indicator = indicators.get(key)
    except KeyError:
        return Problem(source, f"没有代码为“{key}”的指标。")
    allowed = [*indicator.dimensions, BY_CHILD_UNIT]
    if indicator.date_field:
        allowed.append(BY_MONTH)
    if dimension not in allowed:
        listed = "、".join(allowed)
        return Problem(
            source, f"指标“{indicator.label}”不能按“{dimension}”分解（可用：{listed}）。"
        )
    return ChartPlaceholder(source, key, dimension)


def parse(text: str, unit=None) -> list[str | Placeholder | ChartPlaceholder | Problem]:
    """`text` as a list of literal strings, placeholders and problems, in order; with a
    `unit`, a figure that unit cannot use is a problem too."""
    parts: list[str | Placeholder | Problem] = []
    literal: list[str] = []
    position = 0
    for match in TOKEN.finditer(text):
        literal.append(text[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if "".join(literal):
            parts.append("".join(literal))
        literal = []
        parts.append(_parse(token, match.group(1), unit))
    literal.append(text[position:])
    if "".join(literal):
        parts.append("".join(literal))
    return parts


def keys(text: str, unit=None) -> list[str]:
    """The indicator keys whose figures `text` uses, in order of first use."""
    found = [p.key for p in parse(text, unit) if isinstance(p, Placeholder)]
    return list(dict.fromkeys(found))


def placeholder_errors(text: str) -> list[str]:
    return [p.message for p in parse(text or "") if isinstance(p, Problem)]
