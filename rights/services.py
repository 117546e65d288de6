"""Writes of rights records that reach past the record being saved."""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from fedportal.models import User
from returns.locks import RecordLocked, ensure_writable, queryset_refusal
from rights.models import RightsCase


@transaction.atomic
def case_mark_changed(*, case: RightsCase, user: User | None) -> RightsCase:
    """Count a change of the case's complainant as a change of the case itself.

    The case page shows its complainant (an inline) and checks for stale forms by the
    case's `updated_at` alone; the admin moves it whenever that page is saved. A complainant
    saved or deleted on its own page must move it too, or a colleague with the case page
    open would save the old complainant back over the new one without a warning. The case
    gets a history row naming `user`, so that the refusal says who changed it and when.
    A case kept by an approved return is refused (returns.locks.RecordLocked).
    """
    ensure_writable(user=user, obj=case)
    case._history_user = user
    case.save(update_fields=["updated_at"])
    return case


@transaction.atomic
def cases_mark_changed(*, case_ids, user: User | None) -> int:
    """`case_mark_changed` for the cases of many complainants at once (an import): one
    update and one history row per case, in a few queries whatever their number."""
    cases = list(RightsCase.objects.filter(pk__in=set(case_ids)))
    if user is not None:
        reason = queryset_refusal(user, RightsCase.objects.filter(pk__in=set(case_ids)))
        if reason:
            raise RecordLocked(reason)
    now = timezone.now()
    for case in cases:
        case.updated_at = now
    bulk_update_with_history(cases, RightsCase, ["updated_at"], default_user=user)
    return len(cases)
