"""Who may do what with returns, as fedportal/roles.py declares it."""

import pytest

pytestmark = pytest.mark.django_db

PERMS = (
    "returns.view_return",
    "returns.submit_return",
    "returns.approve_return",
    "returns.change_qualityrule",
    "returns.change_deadline",
    "returns.add_deadlineexception",
)


def test_the_roles_grant_exactly_these(demo, user):
    granted = {name: {p for p in PERMS if user(name).has_perm(p)} for name in
               ("township", "staff", "rights", "writer", "leader")}  # fmt: skip
    assert granted == {
        "township": {"returns.view_return", "returns.submit_return"},
        "staff": set(PERMS),
        "rights": set(),
        "writer": set(),
        "leader": set(),
    }
