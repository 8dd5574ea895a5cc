"""The newsletter's URLs in the URL x persona table (see tests/url_access.py)."""

from django.utils import timezone

from newsletter import tokens
from newsletter.models import Edition, EditionStatus, NewsItem, Subscriber
from tests.url_access import ALL_200, OWNERS, Row

HAS_MINISTRY = {"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 404}
OWNERS_POST = {"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302}
DRAFT_ONLY = {"anonymous": 404, "own": 200, "other": 404, "committee": 404, "secretariat": 200}


def objects(world):
    now = timezone.now()
    draft = NewsItem.objects.create(
        ministry=world.own_ministry, title_es="Semana del cuidado", body_es="Texto."
    )
    edition = Edition.objects.create(
        number=1, period_start=now, period_end=now, status=EditionStatus.SENT, sent_at=now
    )
    subscriber = Subscriber.objects.create(email="reader@example.org", language="es")
    return {"draft": draft, "edition": edition, "subscriber": subscriber}


def _draft(o):
    return {"pk": o["draft"].pk}


def _news(o):
    return NewsItem.objects.values_list("state", "title_es").get(pk=o["draft"].pk)


ROWS = {
    "newsletter:edition-list": Row(get=ALL_200),
    "newsletter:feed-rss": Row(get=ALL_200),
    "newsletter:edition-detail": Row(get=ALL_200, kwargs=lambda o: {"number": 1}),
    "newsletter:subscribe": Row(get=ALL_200),
    "newsletter:subscribe-sent": Row(get=ALL_200),
    "newsletter:confirm": Row(
        get=ALL_200, kwargs=lambda o: {"token": tokens.confirm_token(o["subscriber"])}
    ),
    "newsletter:preferences": Row(
        get=ALL_200, kwargs=lambda o: {"token": tokens.preferences_token(o["subscriber"])}
    ),
    "newsletter:unsubscribe": Row(
        get=ALL_200, kwargs=lambda o: {"token": tokens.preferences_token(o["subscriber"])}
    ),
    "newsletter:news-list": Row(get=ALL_200),
    "newsletter:news-detail": Row(get=DRAFT_ONLY, kwargs=_draft),
    "newsletter:news-workspace": Row(get=HAS_MINISTRY),
    "newsletter:news-create": Row(get=HAS_MINISTRY),
    "newsletter:news-edit": Row(
        get=OWNERS,
        post=OWNERS_POST,
        kwargs=_draft,
        snapshot=_news,
        data=lambda o: {"title_es": "Otro título", "body_es": "Otro texto."},
    ),  # fmt: skip
    "newsletter:news-submit": Row(
        post=OWNERS_POST, kwargs=_draft, data=lambda o: {}, snapshot=_news
    ),
}
