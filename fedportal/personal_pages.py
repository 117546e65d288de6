"""Admin pages that show a record's personal data in full, and the audit of each showing.

The lists mask ID numbers and phones for everyone; read-only pages, past versions, history
diffs and exports mask the personal fields for roles without `view_personal_<model>`
(fedportal.personal_data). A change page cannot mask what its user is there to enter and
correct, so every role that may change a record sees its personal fields as stored. Each
page that shows them unmasked is therefore logged (see fedportal.audit): the change page,
the history (old and new values) and a past version.
"""

from django.contrib.admin.utils import unquote
from django.template.response import TemplateResponse

from fedportal.personal_data import may_see_personal


def form_page(response) -> bool:
    """Whether a change view rendered its form (not a redirect after saving, nor a popup)."""
    return isinstance(response, TemplateResponse) and "adminform" in (response.context_data or {})


class AuditedPersonalPagesMixin:
    """For a ScopedAdmin whose change form holds personal fields: logs each page that shows
    them. Put it before ScopedAdmin in the bases."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if form_page(response):
            original = response.context_data["original"]
            if self.shows_personal_data(request, original):
                self.audit_personal_view(request, original, "个人信息")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200 and may_see_personal(request.user, self.model):
            self._audit_past(request, object_id, "修改历史（含个人信息）")
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if response.status_code == 200 and may_see_personal(request.user, self.model):
            self._audit_past(request, object_id, "历史版本（含个人信息）")
        return response

    def _audit_past(self, request, object_id, what):
        # A superuser may read the history of a deleted record: log it by its number.
        self.audit_personal_view(request, self.model(pk=unquote(object_id)), what)
