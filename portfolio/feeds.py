from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portfolio.models import Program
from rialgender.exports import feed_text
from rialgender.models import AreaOfAction
from rialgender.params import clean_text


class LatestProgramsFeed(Feed):
    """Newly published programs, in the language of the URL, optionally for one area."""

    def get_object(self, request):
        slug = clean_text(request.GET.get("area"), max_length=100)
        return get_object_or_404(AreaOfAction, slug=slug) if slug else None

    def title(self, area):
        if area:
            return _("RIAL/GENDER portfolio: %(area)s") % {"area": area.name}
        return _("RIAL/GENDER portfolio: new programs")

    def link(self, area):
        url = reverse("portfolio:program-list")
        return f"{url}?area={area.slug}" if area else url

    def description(self, area):
        return _(
            "Programs that the ministries of labor of the Americas share to advance gender equality at work."
        )

    def items(self, area):
        qs = Program.objects.published().select_related("ministry").order_by("-published_at")
        if area:
            qs = qs.filter(areas=area)
        return qs[:30]

    def item_title(self, item):
        return f"{item.title} ({item.ministry.country.name})"

    def item_description(self, item):
        # Feed readers read descriptions as HTML: the summary is plain text, escaped.
        return feed_text(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestProgramsAtomFeed(LatestProgramsFeed):
    feed_type = Atom1Feed
    subtitle = LatestProgramsFeed.description
