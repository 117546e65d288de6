"""Writes of rights records that reach past the record being saved."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from fedportal.models import User
from returns.locks import RecordLocked, queryset_refusal
from rights.models import RightsCase


@transaction.atomic
def complainants_changed(
    *, moves: Iterable[tuple[int | None, int | None]], user: User | None
) -> int:
    """Count a change of complainants as a change of their cases; returns the cases changed.

    A complainant is part of its case. The case page shows its complainant (an inline) and
    checks for stale forms by the case's `updated_at` alone; the admin moves it whenever
    that page is saved. A complainant saved, moved or deleted on its own page or by an
    import must move it too, or a colleague with the case page open would save the old
    complainant back over the new one without a warning.

    `moves` names, for each complainant saved or deleted, the case it belonged to before
    (None for a new one) and the case it belongs to after (None once deleted): every case
    named is changed, so a complainant moved to another case changes both. Each case gets
    one update and one history row naming `user`, so that the refusal says who changed it
    and when, in a few queries however many complainants an import brings.
    A case kept by an approved return is refused (returns.locks.RecordLocked).
    """
    case_ids = {case_id for move in moves for case_id in move} - {None}
    if user is not None:
        reason = queryset_refusal(user, RightsCase.objects.filter(pk__in=case_ids))
        if reason:
            raise RecordLocked(reason)
    cases = list(RightsCase.objects.filter(pk__in=case_ids))
    now = timezone.now()
    for case in cases:
        case.updated_at = now
    bulk_update_with_history(cases, RightsCase, ["updated_at"], default_user=user)
    return len(cases)
