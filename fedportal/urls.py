from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fedportal import health, two_step, views
from reports import views as report_views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health.ok, name="health"),
    path("accounts/otp/", two_step.verify, name="two-step"),
    path("accounts/otp/setup/", two_step.setup, name="two-step-setup"),
    path("dashboard/", report_views.dashboard, name="dashboard"),
    path("reports/", include("reports.urls")),
    path("returns/", include("returns.urls")),
    path("admin/", admin.site.urls),
]
