"""Whether figures rest on approved returns, for pages that show figures (the dashboard)."""

from fedportal.models import OrgUnit
from returns.models import Return


def approved_units(units: list[OrgUnit], year: int) -> set[int]:
    """Ids of `units` whose data for `year` is approved: by their own return or by the
    return of a unit above them, whose approval covers its whole subtree. One query."""
    paths = list(
        Return.objects.approved().filter(year=year).values_list("org_unit__path", flat=True)
    )
    # A unit lies in an approved subtree when an approved unit's path begins its own.
    return {u.pk for u in units if any(u.path.startswith(path) for path in paths)}
