"""The portal's URLs plus views that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from rialgender.urls import handler400  # noqa: F401
from rialgender.urls import urlpatterns as portal_urlpatterns


def bad_request(request):
    raise SuspiciousOperation("a test")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a test")


urlpatterns = [
    path("test-errors/400/", bad_request),
    path("test-errors/403/", forbidden),
    path("test-errors/500/", broken),
    *portal_urlpatterns,
]
