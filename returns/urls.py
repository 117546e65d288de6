from django.urls import path

# The unit-code and year path converters are the reports' own (registered there).
from reports import urls as report_urls  # noqa: F401
from returns import views

app_name = "returns"
unit_year = "<unit:code>/<year:year>/"
urlpatterns = [
    path(unit_year, views.return_board, name="board"),
    path(f"{unit_year}submit/", views.return_submit, name="submit"),
    path(f"{unit_year}approve/", views.return_approve, name="approve"),
    path(f"{unit_year}send-back/", views.return_send_back, name="send-back"),
    path(f"{unit_year}reopen/", views.return_reopen, name="reopen"),
    path(f"{unit_year}approve-children/", views.approve_children, name="approve-children"),
    path(f"{unit_year}explain/", views.explain, name="explain"),
    path(f"{unit_year}exception/", views.grant_exception, name="exception"),
]
