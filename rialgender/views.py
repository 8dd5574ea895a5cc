from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from rialgender.selectors import about_page_data, home_page_data


@require_GET
def home(request):
    return render(request, "home.html", home_page_data())


@require_GET
def about(request):
    return render(request, "about.html", about_page_data())


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /en/admin/",
        "Disallow: /es/admin/",
        "Disallow: /en/accounts/",
        "Disallow: /es/cuentas/",
        "Disallow: /en/members/",
        "Disallow: /es/miembros/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
