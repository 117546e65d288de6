"""The project's URLs plus /health/, for a benchmark server run before fedportal/urls.py
routes it itself (bench/settings.py)."""

from django.urls import path

from fedportal import health
from fedportal.urls import urlpatterns as project_urlpatterns

routed = any(getattr(pattern, "name", None) == "health" for pattern in project_urlpatterns)
urlpatterns = (
    [*project_urlpatterns]
    if routed
    else [path("health/", health.ok, name="health"), *project_urlpatterns]
)
