"""Figures for tests that check numbers: read through the indicator layer, the one place
that counts records (fedportal.indicators), so that no test keeps a second way to compute
a figure."""

from fedportal import indicators


def figure(key: str, year, unit):
    """The figure `key` for `unit`'s subtree in `year` (or any period)."""
    return indicators.get(key).value(year, unit)


def entry_figure(year, unit, source_key: str, *entries, measure: str = ""):
    """The figure a reference entry (or a combination of entries, such as an award kind and
    a level) gets from `source_key`, e.g. the grants of one programme: its key is the
    source's key, the entries' codes and the measure, as a report's placeholder writes it."""
    key = ".".join(
        [source_key, *(entry.code for entry in entries), *([measure] if measure else [])]
    )
    return figure(key, year, unit)


def breakdown(key: str, year, unit, dimension: str) -> dict:
    """The figure `key` split by one of its dimensions: {label: value}."""
    return dict(indicators.get(key).breakdown(year, unit, dimension))


def by_month(key: str, year, unit) -> dict[int, object]:
    """The months of `year` in which the figure is not zero: {month: value}."""
    months = indicators.get(key).by_month(year, unit)
    return {month: value for month, value in enumerate(months, start=1) if value}


def by_child_unit(key: str, year, unit) -> dict[str, object]:
    """The units below `unit` (and `unit` itself) whose figure is not zero: {name: value}."""
    return {u.name: value for u, value in indicators.get(key).by_child_unit(year, unit) if value}
