"""A page that answers without the database: a load balancer's liveness check, and the
floor that bench/load.py measures the portal's pages against."""

from django.http import HttpResponse


def ok(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
