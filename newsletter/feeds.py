from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from newsletter.models import Edition
from rialgender.exports import feed_text


class EditionsFeed(Feed):
    """The sent editions, in the language of the URL."""

    def title(self):
        return _("RIAL/GENDER newsletter")

    def link(self):
        return reverse("newsletter:edition-list")

    def description(self):
        return _(
            "The newsletter of the Network of Gender Focal Points in the Ministries of Labor of the Americas, every two weeks."
        )

    def items(self):
        return Edition.objects.archive()[:20]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        # Feed readers read descriptions as HTML: the introduction is plain text, escaped.
        return feed_text(item.introduction)

    def item_pubdate(self, item):
        return item.sent_at
