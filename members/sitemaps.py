from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members.models import Ministry


class CountrySitemap(Sitemap):
    """The public page of every country of the network, in each language."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Ministry.objects.filter(is_active=True).order_by("country").only("country")

    def location(self, item):
        return reverse("network:country-detail", kwargs={"country": item.country.code.lower()})
