"""Honors figures as the tests read them: through the indicator layer."""

from honors.models import HonorLevel, HonorTitle
from tests.figures import entry_figure


def honors_by_level_and_title(year, unit, *, at_or_above: str | None = None) -> list[dict]:
    """How many honors of each level and title, the highest level first, then in the title
    list's order — the order the report lists them in ("全国三八红旗手1名、…"); with
    `at_or_above`, only that level and the higher ones."""
    levels = HonorLevel.objects.order_by("rank", "name")
    if at_or_above is not None:
        levels = levels.filter(rank__lte=HonorLevel.objects.get(name=at_or_above).rank)
    rows = []
    for level in levels:
        for title in HonorTitle.objects.order_by("order", "name"):
            count = entry_figure(year, unit, "honors.honor", title, level)
            if count:
                rows.append({"level__name": level.name, "title__name": title.name, "count": count})
    return rows
