import datetime

import pytest
from django.utils import timezone

from newsletter.models import NewsItem, Subscriber, SubscriberStatus
from rialgender.workflow import State


@pytest.fixture
def published_news(ministry):
    return NewsItem.objects.create(
        ministry=ministry, title_en="Care week", title_es="Semana del cuidado",
        body_en="The unit ran a care week.", body_es="La unidad organizó una semana del cuidado.",
        state=State.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=2),
    )  # fmt: skip


def make_subscriber(email, language="es", status=SubscriberStatus.CONFIRMED):
    return Subscriber.objects.create(email=email, language=language, status=status)
