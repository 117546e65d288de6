"""The org-unit column of imports: a name two units share is refused with an example of the
longer name that tells them apart, taken from the units themselves."""

import pytest

from fedportal.imports import OrgUnitWidget
from fedportal.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_a_shared_name_is_refused_with_one_of_its_own_paths_as_example(unit, user):
    OrgUnit.objects.add_child(
        unit("腊市镇"),
        {"code": "360313103299", "name": "三角池村", "level": OrgUnit.Level.VILLAGE},
    )
    widget = OrgUnitWidget()
    widget.user = user("staff")
    with pytest.raises(ValueError) as refused:
        widget.clean("三角池村")
    message = str(refused.value)
    assert message.startswith("有 2 个单位叫“三角池村”，请写出上级单位（如“")
    assert "湘东镇/三角池村" in message or "腊市镇/三角池村" in message
    assert widget.clean("腊市镇/三角池村").code == "360313103299"
