"""Demo returns of 湘东区: 2021 approved (and so locked) for every township; 2022 open, some
townships submitted and one sent back with its reason; the townships' deadlines."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fedportal.models import OrgUnit, User
from returns import services
from returns.models import Deadline, Return

DISTRICT = "360313000000"
# Townships whose 2022 return is submitted, and the one sent back (下埠镇) with the reason.
SUBMITTED_2022 = ("360313100000", "360313101000", "360313102000", "360313105000")
SENT_BACK_2022 = ("360313104000", "“两癌”救助人数与发放名单不一致，请核对后重新报送。")
# Each township's own login where the demo has one; the district's staff submit for others.
SUBMITTERS = {"360313103000": "township", "360313100000": "township2"}


def _submitter(unit, staff):
    username = SUBMITTERS.get(unit.code)
    return User.objects.get(username=username) if username else staff


@transaction.atomic
def load_demo_returns() -> int:
    """The demo's returns and deadlines that are missing; how many returns were made."""
    district = OrgUnit.objects.get(code=DISTRICT)
    staff = User.objects.get(username="staff")
    townships = list(OrgUnit.objects.get_children(district))
    # 2021 closed long ago; 2022's window is kept open whenever the demo is loaded, so
    # that its townships can still enter and submit.
    today = timezone.localdate()
    windows = {
        2021: (date(2022, 1, 4), date(2022, 1, 20)),
        2022: (today - timedelta(days=30), today + timedelta(days=30)),
    }
    for year, (opens_on, closes_on) in windows.items():
        Deadline.objects.get_or_create(
            org_unit=district,
            level=OrgUnit.Level.TOWNSHIP,
            year=year,
            defaults={"opens_on": opens_on, "closes_on": closes_on},
        )
    made = 0
    for township in townships:
        if Return.objects.filter(org_unit=township).exists():
            continue
        ret = services.return_for(unit=township, period=2021)
        ret = services.return_submit(ret=ret, user=_submitter(township, staff))
        services.return_approve(ret=ret, user=staff)
        ret = services.return_for(unit=township, period=2022)
        made += 2
        if township.code in SUBMITTED_2022 or township.code == SENT_BACK_2022[0]:
            ret = services.return_submit(ret=ret, user=_submitter(township, staff))
        if township.code == SENT_BACK_2022[0]:
            services.return_send_back(ret=ret, user=staff, reason=SENT_BACK_2022[1])
    return made
