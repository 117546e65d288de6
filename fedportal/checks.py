"""System checks of the figures defined as data.

A definition that names a source, field or reference code that no longer exists cannot be
computed: its figure disappears from the dashboard and reports show the placeholder as a
problem. `manage.py check --database default` (and `migrate`) report every such definition.
"""

from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.database)
def figure_definitions_resolve(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from fedportal import indicators

    try:
        problems = indicators.registry().problems
    except DatabaseError:
        return []  # not migrated yet: migrate reports it after creating the tables
    return [
        Error(
            problem,
            hint="在管理后台“指标定义”中修改该指标，或恢复它引用的条目。",
            id="fedportal.E001",
        )
        for problem in problems
    ]
