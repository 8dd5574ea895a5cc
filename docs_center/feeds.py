from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from docs_center.selectors import latest_resources


class LatestResourcesFeed(Feed):
    """What is new in the documentation center, in the language of the URL."""

    def title(self):
        return _("RIAL/GENDER documentation center: new resources")

    def link(self):
        return reverse("docs_center:document-list")

    def description(self):
        return _(
            "Publications, training offers, legislation, guides and studies for the gender units of the ministries of labor of the Americas."
        )

    def items(self):
        return latest_resources(30)

    def item_title(self, item):
        return f"{item.title} ({item.get_resource_type_display()})"

    def item_description(self, item):
        # Readers treat a description as HTML: the abstract is escaped text.
        return linebreaks(escape(item.abstract))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
