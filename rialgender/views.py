from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from rialgender.pagecache import every_topic, public_page
from rialgender.selectors import about_page_data, home_page_data


def bad_request(request, exception):
    """The 400 page, in the portal's layout like 403 and 404 (Django's own renders it without
    the request)."""
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """A form refused for its missing or expired security token (CSRF_FAILURE_VIEW): the
    portal's layout and the visitor's language, and what to do about it, instead of
    Django's English technical page."""
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


@require_safe
@public_page(every_topic)  # its sections come from every tool (rialgender.home_sections)
def home(request):
    return render(request, "home.html", home_page_data())


@require_safe
@public_page("network")
def about(request):
    return render(request, "about.html", about_page_data())


@require_safe
def privacy(request):
    return render(request, "privacy.html")


@require_safe
def accessibility(request):
    return render(request, "accessibility.html")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for name in ("admin:index", "account_login", "members:me"):
                # The first two segments: /es/cuentas/, /es/miembros/, /es/admin/.
                prefix = "/".join(reverse(name).split("/")[:3]) + "/"
                lines.append(f"Disallow: {prefix}")
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
