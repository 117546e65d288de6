"""The audit log of personal data (PIPL): who saw or took whose data, when and from where.

Events are written by `audit_record` where personal data leaves the database for a person:
- "view_personal": a page showing a record's personal data in full: a rights case with its
  complainant, and the change page, history or past version of a complainant, a welfare
  grant or a trainee (fedportal.personal_pages);
- "export_personal": an export whose file holds personal fields unmasked, with its row count;
- "search_id_number": a search by ID number, with the number of results (never the number).

The description names the record and the kind of access, never the personal data itself.
Events are read in the admin (系统管理 → 个人信息访问日志) and never changed: see
`fedportal.models.AuditEvent`.

Where a request came from is `REMOTE_ADDR`. Behind a reverse proxy, REMOTE_ADDR is the
proxy; the setting `AUDIT_TRUSTED_PROXY_HEADER` then names the header the proxy sets, as
"X-Real-IP" or as its `request.META` key "HTTP_X_REAL_IP". Of "X-Forwarded-For" the last
address is taken (the one the proxy appended; earlier ones are whatever the client sent).
Leave it unset without such a proxy: a client can send any header it likes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address

from fedportal.models import AuditEvent

_USER_AGENT_LENGTH = AuditEvent._meta.get_field("user_agent").max_length
_DESCRIPTION_LENGTH = AuditEvent._meta.get_field("description").max_length


def _ip_or_none(text: str) -> str | None:
    try:
        validate_ipv46_address(text)
    except ValidationError:
        return None
    return text


def client_ip(request) -> str | None:
    """The address the request came from, through a trusted proxy's header if one is set."""
    header = getattr(settings, "AUDIT_TRUSTED_PROXY_HEADER", None)
    if header:
        # "X-Real-IP" and "HTTP_X_REAL_IP" name the same header.
        key = header.upper().replace("-", "_")
        if not key.startswith("HTTP_"):
            key = f"HTTP_{key}"
        forwarded = request.META.get(key, "").split(",")[-1].strip()
        if _ip_or_none(forwarded):
            return forwarded
    return _ip_or_none(request.META.get("REMOTE_ADDR", "").strip())


def audit_record(
    *, user, action, obj=None, model=None, description, request, count=None
) -> AuditEvent:
    """Write one event. `obj` is the record concerned, or `model` its kind when there is
    no single record (an export, a search); `count` the rows exported or results found.

    `description` must not hold personal data: say "查看维权案件的当事人个人信息", not whose.
    """
    if obj is not None and model is None:
        model = type(obj)
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username(),
        action=action,
        model_label=model._meta.label_lower if model is not None else "",
        object_id="" if obj is None else str(obj.pk),
        description=description[:_DESCRIPTION_LENGTH],
        count=count,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:_USER_AGENT_LENGTH],
    )
