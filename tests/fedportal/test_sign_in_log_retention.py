"""The sign-in log keeps a row per successful sign-in; the command README's cron line runs
deletes the rows older than the days given and keeps the rest."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessLog
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_axes_reset_logs_keeps_the_last_180_days():
    now = timezone.now()
    for username, days in (("old", 200), ("kept", 170), ("today", 0)):
        row = AccessLog.objects.create(username=username, ip_address="10.0.0.1")
        # The sign-in time is set on creation only (auto_now_add).
        AccessLog.objects.filter(pk=row.pk).update(attempt_time=now - timedelta(days=days))
    out = StringIO()
    call_command("axes_reset_logs", age=180, stdout=out)
    assert out.getvalue().strip() == "1 logs removed."
    assert sorted(AccessLog.objects.values_list("username", flat=True)) == ["kept", "today"]
