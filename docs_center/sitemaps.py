from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from docs_center.models import Resource


class ResourceSitemap(Sitemap):
    """Published resources, each with its English and Spanish address (hreflang)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.6
    limit = 1000  # addresses per page: each resource has one per language

    def items(self):
        return Resource.objects.published().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
