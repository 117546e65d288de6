"""The standard text of a unit that no template serves, made from its records: for each
work area with records in the year, what the unit did, in the figures the portal makes for
every reference entry (award kind × level, honor title × level, programme, training kind,
job fair kind, tallied work …) and the plain counts of records kept without entries.

Only figures that are not zero are named, levels from the highest down (the level list's
ranking), entries in their list's order and in the words the data gives them. The text is
written with placeholders, so a report started from it keeps its figures live until it is
finalised.
"""

from collections.abc import Iterable

from fedportal import indicators
from fedportal.indicators import COUNT, DISTINCT, SUM, Source
from fedportal.models import OrgUnit, level_label
from fedportal.roles import WORK_AREAS

# The verb a list of honors opens with; other lists name what they count themselves.
LEADS = {"families.award": "荣获", "honors.honor": "获评"}
# The federation's own honors are the opening's, not a work area's.
OPENING = "{{年度}}年，本会获得各类荣誉{{{key}}}。"
OPENING_FIGURE = "honors.federation_honors"
OPENING_SOURCE = "honors.federation_honor"


def generic_text(unit: OrgUnit, year: int):
    from reports.standard import StandardText

    registry = indicators.registry()
    sections = []
    for area, name in WORK_AREAS.items():
        sentences = []
        for src in indicators.all_sources():
            if src.area == area and src.key != OPENING_SOURCE:
                sentences += _sentences(src, unit, year, registry)
        if sentences:
            sections.append((name, "".join(sentences), ""))
    opening = ""
    if OPENING_FIGURE in registry and registry.get(OPENING_FIGURE).available_to(unit):
        opening = OPENING.format(key=OPENING_FIGURE)
    return StandardText(opening, sections, "")


def _sentences(src: Source, unit: OrgUnit, year: int, registry) -> list[str]:
    if src.entries:
        return list(_entry_sentences(src, unit, year, registry))
    # Records kept without entries: the figures defined as their plain count or sum.
    keys = []
    for indicator in registry.all(area=src.area, unit=unit):
        spec = indicator.spec(unit)
        plain = (
            spec.source is src
            and spec.origin == "definition"
            and not spec.conditions
            and not spec.stock
            and spec.measure in (COUNT, SUM)
        )
        if plain and indicator.value(year, unit):
            keys.append(indicator.key)
    return [_listed(keys, unit, registry)] if keys else []


def _listed(keys: list[str], unit: OrgUnit, registry, lead: str = "") -> str:
    """A sentence listing figures by name and value; one figure alone (a placeholder of one
    figure is its value only) is written with its name before it."""
    if len(keys) == 1:
        return f"{lead}{registry.get(keys[0]).spec(unit).label}{{{keys[0]}}}。"
    return f"{lead}{{{'、'.join(keys)}}}。"


def _entry_sentences(src: Source, unit: OrgUnit, year: int, registry) -> Iterable[str]:
    """The first kind of entry figures of `src` (the most detailed, e.g. kind × level):
    one list of every combination with records when it has one figure each, else a
    sentence per combination naming each of its figures that is not zero."""
    figures = src.entries[0]
    fields = [src.filter_fields[name] for name in figures.fields]
    entries = [list(field.model._default_manager.all()) for field in fields]
    by_code = [{entry.code: entry for entry in listed} for listed in entries]
    place = [{entry.code: n for n, entry in enumerate(listed)} for listed in entries]
    summed = tuple(dict.fromkeys(m.field for m in figures.measures if m.measure == SUM))
    by = tuple(f"{field.name}__code" for field in fields)
    rows = indicators.totals(src.key, year, unit, by, summed)
    rows = [
        row
        for row in rows
        if all(row[lookup] in table for lookup, table in zip(by, by_code, strict=True))
    ]

    def order(row):
        # Ranked fields (levels) first, so the list goes 全国 → 省 → 市 → 区 → 乡镇.
        ranked = [place[n][row[by[n]]] for n, field in enumerate(fields) if field.ranked]
        others = [place[n][row[by[n]]] for n, field in enumerate(fields) if not field.ranked]
        return (*ranked, *others)

    single = []
    for row in sorted(rows, key=order):
        combination = [by_code[n][row[lookup]] for n, lookup in enumerate(by)]
        base_key = ".".join([src.key, *(entry.code for entry in combination)])
        said = []
        for measure in figures.measures:
            if measure.when and not getattr(combination[0], measure.when):
                continue
            value = row["count"] if measure.measure in (COUNT, DISTINCT) else row[measure.field]
            key = f"{base_key}.{measure.suffix}" if measure.suffix else base_key
            if value and key in registry and registry.get(key).available_to(unit):
                said.append((measure, key))
        if not said:
            continue
        if len(figures.measures) == 1:
            single.append(said[0][1])
            continue
        names = {
            field.name: level_label(entry.name) if field.ranked else entry.name
            for field, entry in zip(fields, combination, strict=True)
        }
        label = figures.label.format(**names)
        parts = []
        for measure, key in said:
            short = measure.label.replace("{}", "")
            if short == registry.get(key).spec(unit).unit:
                short = ""
            parts.append(f"{short}{{{key}}}")
        yield f"{label}：{'，'.join(parts)}。"
    if single:
        yield _listed(single, unit, registry, LEADS.get(src.key, ""))
