"""Family-work figures as the tests read them: through the indicator layer."""

from families.models import AwardKind, AwardLevel
from tests.figures import entry_figure


def awards_by_level_and_kind(year, unit) -> list[tuple[str, str, int]]:
    """[(level, kind, households)] with households, the highest level first, then in the
    kinds' list order — as the report lists them."""
    rows = []
    for level in AwardLevel.objects.order_by("rank", "name"):
        for kind in AwardKind.objects.order_by("order", "name"):
            households = entry_figure(year, unit, "families.award", kind, level)
            if households:
                rows.append((level.name, kind.name, households))
    return rows


def activity_figures(year, unit, activity_type) -> dict[str, int]:
    """The activities of a type, and their sessions, participants and beneficiaries."""
    return {
        "activities": entry_figure(year, unit, "families.activity", activity_type),
        **{
            measure: entry_figure(year, unit, "families.activity", activity_type, measure=measure)
            for measure in ("sessions", "participants", "beneficiaries")
        },
    }
