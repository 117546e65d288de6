"""What the report editor offers a writer: the figures to put in the text, found by their
Chinese names and shown with the value each has now.

The edit page and its JSON endpoint both list figures through `figure_choices`, so a new
kind of figure (or a figure defined as data) appears in both at once.
"""

from dataclasses import dataclass

from fedportal import indicators
from fedportal.indicators import format_value
from fedportal.models import OrgUnit

FIGURE_LIMIT = 20


@dataclass(frozen=True)
class FigureChoice:
    key: str
    label: str
    unit: str
    value: str  # as the report prints it: "15户"
    placeholder: str  # what the writer inserts: "{families.city_green}"


def figure_choices(
    unit: OrgUnit, year: int, query: str = "", limit: int = FIGURE_LIMIT
) -> list[FigureChoice]:
    """The figures whose Chinese name (or key) matches `query`, best first, each with its
    value for `unit` and `year`: one query per figure listed, at most `limit`.

    A name matches when it holds the query, or holds its characters in order ("绿色家庭"
    finds "“绿色（清洁）家庭”"); names that hold it whole come first.
    """
    query = "".join(query.split())
    ranked = []
    with indicators.pinned():
        for order, indicator in enumerate(indicators.all_indicators(unit=unit)):
            spec = indicator.spec(unit)  # the unit's own words where it defines the figure
            rank = _rank(query, spec.label, indicator.key)
            if rank is not None:
                ranked.append((rank, order, indicator, spec))
        choices = []
        # A figure defined by hand and one the portal made for an entry can share a name
        # ("市级“绿色（清洁）家庭”"); the writer is offered the name once, the first defined.
        named = {}
        for rank, order, indicator, spec in sorted(ranked, key=lambda r: r[:2]):
            named.setdefault(spec.label, (rank, order, indicator, spec))
        for _, _, indicator, spec in list(named.values())[:limit]:
            value = format_value(indicator.value(year, unit), spec.unit)
            placeholder = f"{{{indicator.key}}}"
            choices.append(FigureChoice(indicator.key, spec.label, spec.unit, value, placeholder))
    return choices


def _rank(query: str, label: str, key: str) -> int | None:
    if not query:
        return 0
    if query in label:
        return 0
    if query.lower() in key:
        return 1
    characters = iter(label)
    if all(c in characters for c in query):
        return 2
    return None
