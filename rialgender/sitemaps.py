"""The sitemap registry: the core's pages, and a section per app that registers one.

An app registers in its AppConfig.ready():

    from rialgender import sitemaps
    sitemaps.register("programs", ProgramSitemap)        # a section of its own
    sitemaps.register_pages("portfolio:program-list")    # its fixed pages, by URL name

`SITEMAPS` is the mapping the sitemap views read at each request (rialgender/urls.py), so the
core never imports the apps.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

SITEMAPS: dict[str, type[Sitemap]] = {}
_PAGES: list[str] = ["home", "about", "work-plan", "privacy", "accessibility"]


def register(section: str, sitemap: type[Sitemap]) -> None:
    """A section of the sitemap index (`/sitemap-<section>.xml`)."""
    SITEMAPS[section] = sitemap


def register_pages(*url_names: str) -> None:
    """Fixed pages (URL names without arguments), listed in the "pages" section."""
    _PAGES.extend(name for name in url_names if name not in _PAGES)


class StaticSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return list(_PAGES)

    def location(self, item):
        return reverse(item)


register("pages", StaticSitemap)
