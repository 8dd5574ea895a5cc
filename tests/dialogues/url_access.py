"""The dialogues' URLs in the URL x persona table (see tests/url_access.py). "own" is a
member of the Argentine ministry (a contact, not one of its two focal points)."""

import datetime

from django.utils import timezone

from dialogues.models import Answer, Question, RecommendationProgress, Registration
from dialogues.services import registration_token
from tests.factories import (
    EventFactory,
    OutcomeFactory,
    RecommendationFactory,
    RegistrationFactory,
    register_member,
)
from tests.url_access import ALL_200, MEMBERS, Row, every


def objects(world):
    event = EventFactory(questions_deadline=timezone.now() + datetime.timedelta(days=10))
    start = timezone.now() - datetime.timedelta(days=60)
    past = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    outcome = OutcomeFactory(event=past)
    return {
        "event": event,
        "past": past,
        "question": Question.objects.create(event=event, text_en="Why?", text_es="¿Por qué?"),
        "own_registration": register_member(world.own_member, event),
        "guest": RegistrationFactory(event=event, email="guest@example.org"),
        "recommendation": RecommendationFactory(outcome=outcome),
    }


def _registration_status(o):
    return Registration.objects.values_list("status", flat=True).get(pk=o["own_registration"].pk)


ROWS = {
    "dialogues:event-list": Row(get=ALL_200, query="page=%C2%B2"),
    "dialogues:feed-rss": Row(get=ALL_200),
    "dialogues:calendar-feed": Row(get=ALL_200),
    "dialogues:event-detail": Row(get=ALL_200, kwargs=lambda o: {"pk": o["event"].pk}),
    "dialogues:event-ics": Row(get=ALL_200, kwargs=lambda o: {"pk": o["event"].pk}),
    "dialogues:event-outcome": Row(get=ALL_200, kwargs=lambda o: {"pk": o["past"].pk}),
    "dialogues:event-questions": Row(get=ALL_200, kwargs=lambda o: {"pk": o["event"].pk}),
    "dialogues:event-participants": Row(get=MEMBERS, kwargs=lambda o: {"pk": o["past"].pk}),
    "dialogues:event-register": Row(
        kwargs=lambda o: {"pk": o["event"].pk},
        get=MEMBERS,
        # The public to the login page; "own" is registered already: 400, with the reason.
        post={"anonymous": 302, "own": 400, "other": 302, "committee": 302, "secretariat": 302},
        data=lambda o: {"who": "self", "self-language": "es", "self-time_zone": "America/Asuncion"},
        snapshot=lambda o: sorted(Registration.objects.values_list("email", "status")),
    ),
    "dialogues:registration-cancel-member": Row(
        kwargs=lambda o: {"pk": o["event"].pk, "registration_pk": o["own_registration"].pk},
        post={"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302},
        snapshot=_registration_status,
    ),
    "dialogues:event-answers": Row(
        kwargs=lambda o: {"pk": o["event"].pk},
        # Answers are a ministry's: the Secretariat, which has none, gets a 404.
        post={"anonymous": 302, "own": 302, "other": 302, "committee": 302, "secretariat": 404},
        data=lambda o: {f"q{o['question'].pk}": "Compartir buenas prácticas."},
        snapshot=lambda o: sorted(Answer.objects.values_list("ministry_id", "text")),
    ),
    # The key in the registrant's e-mails: whoever holds it sees the registration, and may
    # cancel it (on a POST from that page).
    "dialogues:registration-detail": Row(
        get=ALL_200, kwargs=lambda o: {"token": registration_token(o["guest"])}
    ),
    "dialogues:registration-cancel": Row(
        kwargs=lambda o: {"token": registration_token(o["guest"])},
        post=every(302),
        snapshot=lambda o: Registration.objects.get(pk=o["guest"].pk).status,
    ),
    "dialogues:tracker": Row(get=ALL_200),
    # A country's own page: the Secretariat reports in the admin, for any country.
    "dialogues:tracker-country": Row(
        get={"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 404}
    ),
    "dialogues:progress-update": Row(
        kwargs=lambda o: {"pk": o["recommendation"].pk},
        post={"anonymous": 302, "own": 302, "other": 302, "committee": 302, "secretariat": 404},
        data=lambda o: {
            f"r{o['recommendation'].pk}-status": "in_progress",
            f"r{o['recommendation'].pk}-note": "Curso en diseño.",
            f"r{o['recommendation'].pk}-evidence_url": "",
        },
        snapshot=lambda o: sorted(
            RecommendationProgress.objects.values_list("ministry_id", "status", "note")
        ),
    ),
    # The open read API: public, the same for everyone (a draft event is a 404 for all).
    "api:event-list": Row(get=ALL_200, query="when=past"),
    "api:event-detail": Row(get=ALL_200, kwargs=lambda o: {"pk": o["past"].pk}),
}
