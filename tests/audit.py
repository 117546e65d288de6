"""The personal-data access log in tests: its rows as comparable tuples."""

from fedportal.models import AuditEvent


def logged():
    """Every audit event so far, oldest first, as (username, action, model, object, text)."""
    return list(
        AuditEvent.objects.order_by("pk").values_list(
            "username", "action", "model_label", "object_id", "description"
        )
    )
