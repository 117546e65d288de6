from django.urls import path, register_converter

from reports import views


class UnitCodeConverter:
    regex = r"[0-9A-Za-z]{1,32}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class YearConverter:
    regex = r"(19|20|21)[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(UnitCodeConverter, "unit")
register_converter(YearConverter, "year")

app_name = "reports"
report = "<unit:code>/<year:year>/"
urlpatterns = [
    path("", views.report_list, name="list"),
    path(report, views.report_detail, name="detail"),
    path(f"{report}report.pdf", views.report_download, {"fmt": "pdf"}, name="pdf"),
    path(f"{report}report.docx", views.report_download, {"fmt": "docx"}, name="docx"),
    path(f"{report}create/", views.report_create, name="create"),
    path(f"{report}edit/", views.report_edit, name="edit"),
    path(f"{report}finalise/", views.report_finalise, name="finalise"),
    path(f"{report}reopen/", views.report_reopen, name="reopen"),
    path(f"{report}sections/add/", views.section_edit, name="section-add"),
    path(f"{report}sections/<int:pk>/", views.section_edit, name="section-edit"),
    path(
        f"{report}sections/<int:pk>/delete/",
        views.part_delete,
        {"kind": "section"},
        name="section-delete",
    ),
    path(f"{report}plan/add/", views.plan_item_edit, name="plan-add"),
    path(f"{report}plan/<int:pk>/", views.plan_item_edit, name="plan-edit"),
    path(f"{report}plan/<int:pk>/delete/", views.part_delete, {"kind": "plan"}, name="plan-delete"),
    path(
        f"{report}sections/<int:pk>/move/",
        views.part_move,
        {"kind": "section"},
        name="section-move",
    ),
    path(f"{report}plan/<int:pk>/move/", views.part_move, {"kind": "plan"}, name="plan-move"),
    path(f"{report}figures.json", views.figure_search, name="figures"),
    path(f"{report}preview/", views.part_preview, name="preview"),
    path(f"{report}template/", views.template_edit, name="template"),
    path(f"{report}template/create/", views.template_create, name="template-create"),
    path(f"{report}template/figures.json", views.template_figures, name="template-figures"),
    path(f"{report}template/preview/", views.template_preview, name="template-preview"),
]
