"""Demo data of the newsletter: news from the units built on facts of the network's documents,
members subscribed in their language, two demo readers, and one edition already sent (nine
days before the day the demo is loaded) with a delivery to each reader. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from members.models import Member, Ministry, User
from newsletter.models import (
    Delivery,
    Edition,
    EditionItem,
    EditionStatus,
    NewsItem,
    Subscriber,
    SubscriberStatus,
)
from newsletter.selectors import _excerpt
from newsletter.services import subscriber_for_member
from rialgender.bulkmail import DeliveryStatus
from rialgender.demo.history import record_demo_history
from rialgender.demo.people import SECRETARIAT_STAFF
from rialgender.sources import sources
from rialgender.workflow import State

NEWS = [
    {
        "country": "CR",
        "title_en": "Costa Rica shares its Labor Inspection Guide with a Gender Approach",
        "title_es": "Costa Rica comparte su Guía de Inspección Laboral con Enfoque de Género",
        "body_en": "At the Virtual Hemispheric Dialogue on the Gender Approach in Labor Inspection, the Ministry of Labor and Social Security of Costa Rica presented the guide its inspectors use to detect and correct gender discrimination at work. The guide is now part of the Portfolio of Programs.",
        "body_es": "En el Diálogo Hemisférico Virtual sobre el Enfoque de Género en la Inspección Laboral, el Ministerio de Trabajo y Seguridad Social de Costa Rica presentó la guía que usan sus personas inspectoras para detectar y corregir la discriminación de género en el trabajo. La guía forma parte ahora del Portafolio de Programas.",
        "published": datetime.datetime(2022, 9, 28, 15, 0, tzinfo=datetime.UTC),
    },
    {
        "country": "AR",
        "title_en": "Argentina: more women drivers in public transport with Choferas",
        "title_es": "Argentina: más mujeres conductoras en el transporte público con Choferas",
        "body_en": "The Ministry of Labor, Employment and Social Security of Argentina trains women as professional drivers and works with transport companies so that they are hired, in an occupation where women are barely present.",
        "body_es": "El Ministerio de Trabajo, Empleo y Seguridad Social de Argentina capacita a mujeres como conductoras profesionales y trabaja con las empresas de transporte para que sean contratadas, en una ocupación donde las mujeres casi no están presentes.",
        "published": datetime.datetime(2023, 3, 8, 15, 0, tzinfo=datetime.UTC),
    },
    {
        "country": "CL",
        "title_en": "Chile's IFE Laboral subsidy supported women's return to work",
        "title_es": "El subsidio IFE Laboral de Chile apoyó el regreso de las mujeres al trabajo",
        "body_en": "The Ministry of Labor and Social Security of Chile shared with the network the results of IFE Laboral, an employment subsidy with a higher amount for hiring women, created to speed up the recovery of employment after the pandemic.",
        "body_es": "El Ministerio del Trabajo y Previsión Social de Chile compartió con la red los resultados de IFE Laboral, un subsidio al empleo con un monto mayor por la contratación de mujeres, creado para acelerar la recuperación del empleo después de la pandemia.",
        "published": None,  # published now: it goes into the next edition
    },
    {
        "country": "AR",
        "title_en": "Argentina prepares training in non-traditional trades for domestic workers",
        "title_es": "Argentina prepara una capacitación en oficios no tradicionales para trabajadoras domésticas",
        "body_en": "Demo news item awaiting the Secretariat's review: the gender unit of the Ministry of Labor, Employment and Social Security of Argentina tells the network about the training it is preparing, which it is also describing for the Portfolio of Programs.",
        "body_es": "Noticia de demostración a la espera de la revisión de la Secretaría: la unidad de género del Ministerio de Trabajo, Empleo y Seguridad Social de Argentina cuenta a la red la capacitación que prepara, que también describe para el Portafolio de Programas.",
        "submitted_days_ago": 1,  # submitted, not published: the Secretariat's to-do shows it
    },
]

READERS = [("lectora.demo@example.org", "es"), ("reader.demo@example.org", "en")]


@transaction.atomic
def load(stdout) -> None:
    secretariat = User.objects.filter(email=SECRETARIAT_STAFF["email"]).first()
    for record in NEWS:
        ministry = Ministry.objects.get(country=record["country"])
        item = NewsItem.objects.filter(ministry=ministry, title_en=record["title_en"]).first()
        if item is None:
            item = NewsItem(ministry=ministry)
            for field in ("title_en", "title_es", "body_en", "body_es"):
                setattr(item, field, record[field])
            if "submitted_days_ago" in record:
                item.state = State.SUBMITTED
                item.submitted_at = timezone.now() - datetime.timedelta(days=record["submitted_days_ago"])  # fmt: skip
            else:
                item.state = State.PUBLISHED
                item.published_at = record["published"] or timezone.now()
            item.save()
        author = Member.objects.active().filter(ministry=ministry).select_related("user").first()
        record_demo_history(item, author=author and author.user, secretariat=secretariat)

    for member in Member.objects.active().select_related("user"):
        subscriber_for_member(member=member)
    for email, language in READERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={"language": language, "status": SubscriberStatus.CONFIRMED,
                      "consent_at": timezone.now(), "confirmed_at": timezone.now()},
        )  # fmt: skip

    if not Edition.objects.filter(number=1).exists():
        sent_at = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0)
        sent_at -= datetime.timedelta(days=9)
        edition = Edition.objects.create(
            number=1, status=EditionStatus.SENT, sent_at=sent_at, scheduled_for=sent_at,
            approved_by=secretariat, created_at=sent_at - datetime.timedelta(days=1),
            period_start=sent_at - datetime.timedelta(days=14), period_end=sent_at,
            introduction_en="Welcome to the first newsletter of RIAL/GENDER. Every two weeks it brings you the network's activities, the updates of the Portfolio of Programs and news from the units.",
            introduction_es="Bienvenidas y bienvenidos al primer boletín de RIAL/GENDER. Cada dos semanas le acerca las actividades de la red, las novedades del Portafolio de Programas y noticias de las unidades.",
        )  # fmt: skip
        for position, item in enumerate(NewsItem.objects.filter(published_at__lt=sent_at), 1):
            EditionItem.objects.create(
                edition=edition, source="news", position=position,
                content_key=f"newsletter.news:{item.pk}",
                title_en=item.title_en, title_es=item.title_es,
                summary_en=_excerpt(item.body_en), summary_es=_excerpt(item.body_es),
                url_en=f"/en/newsletter/news/{item.pk}/", url_es=f"/es/boletin/noticias/{item.pk}/",
            )  # fmt: skip
        # Then what the tools published in the edition's period, as an edition composes it.
        position = edition.items.count()
        for source in sources():
            for entry in source.fetch(edition.period_start, edition.period_end):
                position += 1
                EditionItem.objects.get_or_create(
                    edition=edition, content_key=entry.key,
                    defaults={"source": source.key, "position": position, **{
                        f"{name}_{code}": getattr(entry, name).get(code) or ""
                        for name in ("title", "summary", "url") for code in ("en", "es")
                    }},
                )  # fmt: skip

    # Every reader received the sent edition (what the admin's progress shows).
    edition = Edition.objects.filter(number=1, status=EditionStatus.SENT).first()
    if edition is not None and not edition.deliveries.exists():
        Delivery.objects.bulk_create(
            [
                Delivery(edition=edition, subscriber=subscriber, status=DeliveryStatus.SENT,
                         sent_at=edition.sent_at, attempts=1)
                for subscriber in Subscriber.objects.receiving()
            ],
            ignore_conflicts=True,
        )  # fmt: skip
