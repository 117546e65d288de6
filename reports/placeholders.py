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

Several figures in one pair of braces, separated by "、", are a list: each figure that is
not zero is written as its name and value, in the unit's own words, joined by "、":

    获评{honors.national_red_banner_women、honors.city_red_banner_women}
                                            → 获评市“三八红旗手”5人  (the national one is 0)

A figure may also be named by its Chinese name instead of its key, quote marks optional:
{市级“绿色（清洁）家庭”} is {families.city_green}. A name that fits no figure, or several,
is a problem naming the candidates.

A sentence whose figures are all zero is left out of the report (see reports.document);
the option "零" keeps a figure's sentence even when it is zero.

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

OPTIONS = {
    "余": "向下取整并写“余”",
    "近": "向上取整并写“近”",
    "数": "只写数字，不带单位",
    "零": "为零时照写（否则数字都为零的句子略去）",
}
# The separator of a list placeholder's figures, and the quote marks a Chinese name may
# carry or leave out.
LIST_SEPARATOR = "、"
QUOTES = re.compile(r"[“”\"‘’'「」『』\s]")
TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
# An area and a name (families.city_green), or a figure of a reference entry, whose key
# goes on with entry codes (families.award.most_beautiful.provincial).
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_-]*)+")


# Words a report template may hold besides figures, filled in with the report's year and
# unit when a report is made from it (reports.standard).
WORDS = ("{年度}", "{下一年}", "{单位}")


@dataclass(frozen=True)
class Placeholder:
    source: str
    key: str
    approx: str = ""
    with_unit: bool = True
    keep_zero: bool = False


@dataclass(frozen=True)
class ListPlaceholder:
    """Several figures in one pair of braces: those that are not zero are written as
    "name value", joined by 、."""

    source: str
    items: tuple[Placeholder, ...]


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


def _parse(source: str, inner: str, unit=None):
    parsed = _parse_any(source, inner, unit)
    if isinstance(parsed, Problem) or unit is None:
        return parsed
    items = parsed.items if isinstance(parsed, ListPlaceholder) else (parsed,)
    for item in items:
        if not indicators.get(item.key).available_to(unit):
            return Problem(source, f"指标“{item.key}”是其他单位自定义的，不适用于{unit.name}。")
    return parsed


def _parse_any(source: str, inner: str, unit=None):
    if "@" in inner:
        key, dimension = [part.strip() for part in inner.split("@", 1)]
        return _parse_chart(source, key, dimension, unit)
    single = _parse_single(source, inner, unit)
    if not isinstance(single, Problem) or LIST_SEPARATOR not in inner:
        return single
    # A list, unless the whole text is one figure's name that holds a "、" itself.
    items = []
    for text in inner.split(LIST_SEPARATOR):
        item = _parse_single(source, text, unit)
        if isinstance(item, Problem):
            return item
        items.append(item)
    return ListPlaceholder(source, tuple(items))


def _parse_single(source: str, inner: str, unit=None) -> Placeholder | Problem:
    name, *options = [part.strip() for part in re.split(r"[|｜]", inner)]
    if KEY.fullmatch(name):
        key = name
        try:
            indicators.get(key)
        except KeyError:
            return Problem(source, f"没有代码为“{key}”的指标。" + _did_you_mean(key))
    elif not name:
        return Problem(source, f"“{source}”中有空的指标名称。")
    else:
        key = resolve_name(name, unit)
        if isinstance(key, str) and key.startswith("!"):
            return Problem(source, key[1:])
    unknown = [o for o in options if o not in OPTIONS]
    if unknown:
        allowed = "、".join(OPTIONS)
        return Problem(source, f"“{source}”中的“{unknown[0]}”不是可用的写法（可用：{allowed}）。")
    approx = [o for o in options if o in ("余", "近")]
    if len(approx) > 1:
        return Problem(source, f"“{source}”不能同时用“余”和“近”。")
    return Placeholder(
        source, key, approx[0] if approx else "", "数" not in options, "零" in options
    )


def _bare(name: str) -> str:
    """A figure's name as compared: without quote marks or spaces."""
    return QUOTES.sub("", name)


_name_indexes: dict = {}


def _name_index(unit) -> dict[str, list]:
    """The figures `unit` may use (any unit: None) by their bare names, in the unit's own
    words; rebuilt with the registry."""
    registry = indicators.registry()
    cache_key = (id(registry), unit.path if unit is not None else None)
    found = _name_indexes.get(cache_key)
    if found is not None and found[0] is registry:
        return found[1]
    index: dict[str, list] = {}
    for indicator in registry.all(unit=unit):
        spec = indicator.spec(unit)
        index.setdefault(_bare(spec.label), []).append((indicator, spec))
    if len(_name_indexes) > 64:
        _name_indexes.clear()
    _name_indexes[cache_key] = (registry, index)
    return index


def resolve_name(name: str, unit=None) -> str:
    """The key of the figure named `name` (quote marks optional), or "!" and a Chinese
    message when no figure, or more than one, has that name."""
    index = _name_index(unit)
    found = index.get(_bare(name), [])
    keys = list(dict.fromkeys(indicator.key for indicator, _ in found))
    if len(keys) == 1:
        return keys[0]
    if not keys:
        near = difflib.get_close_matches(_bare(name), index, n=3, cutoff=0.5)
        labels = [index[n][0][1].label for n in near]
        hint = (
            ("您是不是要写 " + "、".join(f"{{{label}}}" for label in labels) + "？")
            if labels
            else ""
        )
        return f"!没有名为 {{{name}}} 的指标。" + hint
    # A figure defined by hand and the one the portal made for a reference entry may share
    # a name (市级“绿色（清洁）家庭”): the one defined by hand is meant.
    defined = list(dict.fromkeys(i.key for i, spec in found if spec.origin == "definition"))
    if len(defined) == 1:
        return defined[0]
    if unit is None:
        # Without a unit, names are only checked in passing (a model's validator): units
        # may each define a figure of the same name, and the text is read with its unit.
        return keys[0]
    listed = "、".join(f"{spec.label}（{indicator.key}）" for indicator, spec in found)
    return f"!{{{name}}} 对应多个指标：{listed}，请改写为其中一个的代码。"


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


def _parse_chart(source: str, key: str, dimension: str, unit=None) -> ChartPlaceholder | Problem:
    if not KEY.fullmatch(key):
        resolved = resolve_name(key, unit) if key else "!"
        if resolved.startswith("!"):
            return Problem(source, f"“{source}”不是图表占位符：应为 {{指标代码@分解方式}}。")
        key = resolved
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


def parse(text: str, unit=None) -> list:
    """`text` as a list of literal strings, placeholders and problems, in order; with a
    `unit`, a figure that unit cannot use is a problem too."""
    parts: list = []
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
    found = []
    for part in parse(text, unit):
        if isinstance(part, Placeholder):
            found.append(part.key)
        elif isinstance(part, ListPlaceholder):
            found += [item.key for item in part.items]
    return list(dict.fromkeys(found))


def placeholder_errors(text: str, unit=None, *, words: bool = False) -> list[str]:
    """What is wrong with the placeholders of `text`; with `words`, the words of a
    template ("{年度}" …) are allowed too."""
    text = text or ""
    if words:
        for word in WORDS:
            text = text.replace(word, "")
    return [p.message for p in parse(text, unit) if isinstance(p, Problem)]
