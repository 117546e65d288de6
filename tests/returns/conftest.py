"""Builders for returns: the demo tree and logins, an award in a unit and year, and a
return moved to a given status through the services."""

import pytest

from families.models import AwardKind, AwardLevel, FamilyAward
from returns import services
from returns.models import Return


@pytest.fixture
def make_award(unit):
    def make(unit_name="腊市镇", year=2021, household="张建国家庭", **values):
        return FamilyAward.objects.create(
            org_unit=unit(unit_name),
            household_name=household,
            head_name=household.removesuffix("家庭"),
            kind=AwardKind.objects.get(code="most_beautiful"),
            level=AwardLevel.objects.get(code="provincial"),
            conferred_by="江西省妇联",
            year=year,
            **values,
        )

    return make


@pytest.fixture
def make_return(unit, user):
    """A return of `unit_name` for `year`, taken through the services to `status`."""

    def make(unit_name="腊市镇", year=2021, status=Return.Status.OPEN):
        ret = services.return_for(unit=unit(unit_name), period=year)
        submitter = {"腊市镇": "township", "湘东镇": "township2"}.get(unit_name, "staff")
        if status == Return.Status.OPEN:
            return ret
        ret = services.return_submit(ret=ret, user=user(submitter))
        if status == Return.Status.SUBMITTED:
            return ret
        if status == Return.Status.SENT_BACK:
            return services.return_send_back(ret=ret, user=user("staff"), reason="数字有误")
        ret = services.return_approve(ret=ret, user=user("staff"))
        if status == Return.Status.APPROVED:
            return ret
        return services.return_reopen(ret=ret, user=user("staff"), reason="补录一户")

    return make
