from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from django.views.i18n import JavaScriptCatalog

from docs_center.oai import endpoint as oai_endpoint
from members import views as members_views
from rialgender import api, files, views
from rialgender.sitemaps import SITEMAPS

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
    # The open read API, the same in every language (each record carries both).
    path("api/v1/", include((api.urlpatterns(), "api"))),
    path("oai", oai_endpoint, name="oai"),  # OAI-PMH, outside the language prefix
    path(
        "files/<str:label>/<int:pk>/<str:field>/<str:name>",
        files.protected_file_view,
        name="protected-file",
    ),
    # An index of sections, each paginated: the programs' section grows with the portfolio.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),  # fmt: skip
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(pgettext_lazy("URL", "about/"), views.about, name="about"),
    path(pgettext_lazy("URL", "privacy/"), views.privacy, name="privacy"),
    path(pgettext_lazy("URL", "accessibility/"), views.accessibility, name="accessibility"),
    path(pgettext_lazy("URL", "about/work-plan/"), members_views.work_plan, name="work-plan"),
    path(pgettext_lazy("URL", "accounts/"), include("allauth.urls")),
    path(pgettext_lazy("URL", "members/"), include("members.urls")),
    path(pgettext_lazy("URL", "countries/"), include("members.network_urls")),
    path(pgettext_lazy("URL", "portfolio/"), include("portfolio.urls")),
    path(pgettext_lazy("URL", "dialogues/"), include("dialogues.urls")),
    path(pgettext_lazy("URL", "cooperation/"), include("cooperation.urls")),
    path(pgettext_lazy("URL", "documents/"), include("docs_center.urls")),
    path(pgettext_lazy("URL", "newsletter/"), include("newsletter.urls")),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=True,
)

# Error pages in the portal's layout and the visitor's language (templates/400, 403, 404.html);
# the 500 page is static and bilingual (templates/500.html, Django's own handler).
handler400 = "rialgender.views.bad_request"

# Uploaded files are never served from MEDIA_URL, not even in development: every download
# asks the permission of the file's object (rialgender.files).
