from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from portfolio.models import Program


class _PagedPairs:
    """The (program, language) pairs an i18n sitemap paginates, read a page at a time: Django
    would build the list of every pair first, all the programs for each sitemap page."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    def count(self):
        return self.queryset.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a sitemap page is a slice")
        size = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // size
        programs = self.queryset[first : -(-stop // size)]
        pairs = [(program, code) for program in programs for code in self.languages]
        return pairs[start - first * size : stop - first * size]


class ProgramSitemap(Sitemap):
    """Published programs, each with its English and Spanish address (hreflang), 500 programs
    to a sitemap page (listed by the sitemap index): each address costs Django about half a
    millisecond to reverse with its alternates, so a page stays well under a second."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.7
    limit = 1000  # addresses per page: each program has one per language

    def items(self):
        return Program.objects.published().order_by("pk").only("pk", "updated_at")

    def _items(self):
        return _PagedPairs(self.items(), self._languages())

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item to find the latest; the index needs one aggregate.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
