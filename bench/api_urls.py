"""The portal's URLs and the benchmark's baseline view."""

from django.http import HttpResponse
from django.urls import path

from rialgender.urls import urlpatterns as portal

BODY = b'{"status": "ok", "network": "RIAL/GENDER"}'


def baseline(request):
    return HttpResponse(BODY, content_type="application/json")


urlpatterns = [path("bench/baseline", baseline), *portal]
