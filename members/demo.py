"""Demo data of the members' area: the first Steering Committee and the Work Plan 2022-2023
(real, from the network's documents); a committee in office and its work plan (demo data,
dated from the day the demo is loaded); the WhatsApp group's rules, a roster, and one formal
communication already sent. Idempotent."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from members.models import (
    Activity,
    ActivityStatus,
    Communication,
    CommunicationDelivery,
    CommunicationStatus,
    Member,
    Ministry,
    RosterEntry,
    RosterStatus,
    SteeringCommittee,
    SteeringSeat,
    WhatsAppGroup,
    WorkPlan,
)
from rialgender import bulkmail
from rialgender.demo import network

# Rules written from what the Steering Committee agreed on 24 June 2022 (Work Plan 2022-2023,
# activity 6) and the Secretariat's recommendations in the 2022-2023 report.
WHATSAPP_RULES = {
    "en": (
        "The group is a direct and permanent channel of communication between the focal points, "
        "for the purposes of the network: sharing experiences, resources and quick questions "
        "on gender equality at work.\n\n"
        "Participation is voluntary, with at most three people per country.\n\n"
        "Formal communications and invitations go through the mailing list, not the group.\n\n"
        "Please keep messages on topic, respectful and in Spanish or English; do not forward "
        "the invite link or messages outside the group.\n\n"
        "The Technical Secretariat moderates the group."
    ),
    "es": (
        "El grupo es un canal directo y permanente de comunicación entre las personas puntos "
        "focales, para los fines de la red: compartir experiencias, recursos y consultas "
        "rápidas sobre igualdad de género en el trabajo.\n\n"
        "La participación es voluntaria, con un máximo de tres personas por país.\n\n"
        "Las comunicaciones formales y las invitaciones se envían por la lista de correo, no "
        "por el grupo.\n\n"
        "Le pedimos que los mensajes se ciñan al tema, sean respetuosos y estén en español o "
        "en inglés; no reenvíe el enlace de invitación ni los mensajes fuera del grupo.\n\n"
        "La Secretaría Técnica modera el grupo."
    ),
}

# Where an activity of the plan was carried out, on this portal (URL name per activity).
ACTIVITY_LINKS = {
    1: ("portfolio:program-list", "The Portfolio of Programs", "El Portafolio de Programas")
}


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


# The committee in office and its plan are invented: the documents stop in 2023. They are
# found again by this note and the plan's introduction, so a reload moves their dates along.
DEMO_NOTE = (
    "Demo data: this committee and its work plan are invented, so that the demo has a "
    "Steering Committee in office; their dates follow the day the demo data was loaded. The "
    "first Steering Committee (2022-2023) and the Work Plan 2022-2023 are the real ones."
)
CURRENT_PLAN_INTRODUCTION = {
    "en": "Agreed by the Steering Committee when it took office. It carries over the two activities of the Work Plan 2022-2023 that were postponed: the documentation center and the WhatsApp group.",
    "es": "Acordado por el Comité Directivo al asumir sus funciones. Retoma las dos actividades del Plan de Trabajo 2022-2023 que se postergaron: el centro de documentación y el grupo de WhatsApp.",
}  # fmt: skip
# (first month, number of months) from the start of the plan; a URL name and its label.
CURRENT_PLAN_ACTIVITIES = [
    {
        "title_en": "Call to include and update initiatives in the Portfolio of Programs",
        "title_es": "Convocatoria para incluir y actualizar iniciativas en el Portafolio de Programas",
        "description_en": "Each ministry confirms its programs once a year and shares its new initiatives; the Technical Secretariat reviews and translates them.",
        "description_es": "Cada ministerio confirma sus programas una vez al año y comparte sus nuevas iniciativas; la Secretaría Técnica los revisa y traduce.",
        "months": (0, 3),
        "link": ("portfolio:program-list", "The Portfolio of Programs", "El Portafolio de Programas"),
    },
    {
        "title_en": "Open the Documentation Center",
        "title_es": "Abrir el Centro de Documentación",
        "description_en": "Carried over from the Work Plan 2022-2023: publications, training offers, legislation and guides, checked against the inclusion parameters agreed by the Steering Committee.",
        "description_es": "Retomada del Plan de Trabajo 2022-2023: publicaciones, ofertas de capacitación, legislación y guías, revisadas según los parámetros de inclusión acordados por el Comité Directivo.",
        "months": (0, 4),
        "link": ("docs_center:document-list", "The Documentation Center", "El Centro de Documentación"),
    },
    {
        "title_en": "Open the WhatsApp group of the focal points",
        "title_es": "Abrir el grupo de WhatsApp de las personas puntos focales",
        "description_en": "Carried over from the Work Plan 2022-2023: at most three people per country, with the rules agreed by the Committee, moderated by the Technical Secretariat.",
        "description_es": "Retomada del Plan de Trabajo 2022-2023: un máximo de tres personas por país, con las reglas acordadas por el Comité, moderado por la Secretaría Técnica.",
        "months": (1, 2),
        "link": None,
    },
    {
        "title_en": "Biweekly informative newsletter",
        "title_es": "Boletín informativo quincenal",
        "description_en": "The network's activities, the portfolio's updates, news from the units and the new resources of the documentation center, every two weeks in Spanish and English.",
        "description_es": "Las actividades de la red, las novedades del portafolio, noticias de las unidades y los nuevos recursos del centro de documentación, cada dos semanas en español y en inglés.",
        "months": (0, 12),
        "link": ("newsletter:edition-list", "The newsletter", "El boletín"),
    },
    {
        "title_en": "Promote bilateral cooperation: the next RIAL call",
        "title_es": "Promover la cooperación bilateral: la próxima convocatoria de la RIAL",
        "description_en": "Pairs of ministries prepare their requests, with the offers and needs that the ministries publish on the portal.",
        "description_es": "Los pares de ministerios preparan sus solicitudes, con las ofertas y necesidades que los ministerios publican en el portal.",
        "months": (3, 9),
        "link": ("cooperation:project-list", "Bilateral cooperation", "La cooperación bilateral"),
    },
    {
        "title_en": "Virtual Hemispheric Dialogue on Care Work and Co-responsibility",
        "title_es": "Diálogo Hemisférico Virtual sobre Trabajo de Cuidados y Corresponsabilidad",
        "description_en": "Care systems and the co-responsibility of care, with the CIM's Inter-American Model Law on Care as a reference.",
        "description_es": "Los sistemas de cuidados y la corresponsabilidad de los cuidados, con la Ley Modelo Interamericana de Cuidados de la CIM como referencia.",
        "months": (5, 1),
        "link": None,
    },
    {
        "title_en": "Exchange on labor inspection guides with a gender approach",
        "title_es": "Intercambio sobre guías de inspección laboral con enfoque de género",
        "description_en": "As the delegations asked at the 5th dialogue (September 2022), the units continue the exchange on inspection guides and manuals, building on Costa Rica's experience.",
        "description_es": "Como pidieron las delegaciones en el 5.º diálogo (septiembre de 2022), las unidades continúan el intercambio sobre guías y manuales de inspección, a partir de la experiencia de Costa Rica.",
        "months": (7, 1),
        "link": None,
    },
]  # fmt: skip


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def current_term(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A one-year term that began on the first day of the month four months before today."""
    start = _add_months(today, -4)
    return start, _add_months(start, 12) - datetime.timedelta(days=1)


def activity_status(start, end, today) -> str:
    if end < today:
        return ActivityStatus.DONE
    return ActivityStatus.IN_PROGRESS if start <= today else ActivityStatus.PLANNED


def _links(link) -> dict:
    if link is None:
        return {f"{field}_{code}": "" for field in ("link", "link_label") for code in ("en", "es")}
    name, label_en, label_es = link
    links = {"link_label_en": label_en, "link_label_es": label_es}
    for code in ("en", "es"):
        with translation.override(code):
            links[f"link_{code}"] = reverse(name)
    return links


def _committee_in_office(today) -> None:
    start, end = current_term(today)
    committee = SteeringCommittee.objects.filter(note=DEMO_NOTE).first() or SteeringCommittee(
        note=DEMO_NOTE
    )
    committee.term_start, committee.term_end = start, end
    committee.save()
    for seat in network.STEERING_COMMITTEE:
        SteeringSeat.objects.update_or_create(
            committee=committee,
            ministry=Ministry.objects.get(country=seat["country"]),
            defaults={"role": seat["role"]},
        )

    plan = WorkPlan.objects.filter(introduction_en=CURRENT_PLAN_INTRODUCTION["en"]).first()
    plan = plan or WorkPlan(introduction_en=CURRENT_PLAN_INTRODUCTION["en"])
    plan.introduction_es = CURRENT_PLAN_INTRODUCTION["es"]
    plan.title_en = f"Work Plan {start.year}-{end.year}"
    plan.title_es = f"Plan de Trabajo {start.year}-{end.year}"
    plan.start, plan.end = start, end
    plan.save()
    for number, item in enumerate(CURRENT_PLAN_ACTIVITIES, start=1):
        first, length = item["months"]
        begins = _add_months(start, first)
        ends = _add_months(begins, length) - datetime.timedelta(days=1)
        Activity.objects.update_or_create(
            work_plan=plan,
            number=number,
            defaults={
                **{f"{f}_{c}": item[f"{f}_{c}"] for f in ("title", "description") for c in ("en", "es")},
                "start": begins,
                "end": ends,
                "status": activity_status(begins, ends, today),
                **_links(item["link"]),
            },
        )  # fmt: skip


def load(stdout) -> None:
    start, end = network.STEERING_COMMITTEE_TERM
    committee, _created = SteeringCommittee.objects.update_or_create(
        term_start=_date(start), defaults={"term_end": _date(end)}
    )
    for seat in network.STEERING_COMMITTEE:
        SteeringSeat.objects.update_or_create(
            committee=committee,
            ministry=Ministry.objects.get(country=seat["country"]),
            defaults={"role": seat["role"]},
        )

    plan_data = network.WORK_PLAN_2022_2023
    plan, _created = WorkPlan.objects.update_or_create(
        title_en=plan_data["title_en"],
        defaults={
            "title_es": plan_data["title_es"],
            "start": _date(plan_data["start"]),
            "end": _date(plan_data["end"]),
            "introduction_en": "Agreed by the Steering Committee at its first meeting, on 24 June 2022.",
            "introduction_es": "Acordado por el Comité Directivo en su primera reunión, el 24 de junio de 2022.",
        },
    )
    for item in plan_data["activities"]:
        links = {}
        if item["number"] in ACTIVITY_LINKS:
            name, label_en, label_es = ACTIVITY_LINKS[item["number"]]
            for code, label in (("en", label_en), ("es", label_es)):
                with translation.override(code):
                    links[f"link_{code}"] = reverse(name)
                links[f"link_label_{code}"] = label
        Activity.objects.update_or_create(
            work_plan=plan,
            number=item["number"],
            defaults={
                "title_en": item["title_en"],
                "title_es": item["title_es"],
                "description_en": item["description_en"],
                "description_es": item["description_es"],
                "start": _date(item["start"]),
                "end": _date(item["end"]),
                "status": item["status"],
                **links,
            },
        )

    _committee_in_office(timezone.localdate())

    group = WhatsAppGroup.get() or WhatsAppGroup()
    if not group.pk:
        group.rules_en, group.rules_es = WHATSAPP_RULES["en"], WHATSAPP_RULES["es"]
        group.invite_link = "https://chat.whatsapp.com/demo-invite-link"
        group.save()

    # Two demo focal points are in the group, one is waiting for approval.
    now = timezone.now()
    roster = [
        ("lucia.ferreyra@ar.demo.rialgender.org", RosterStatus.APPROVED),
        ("camila.undurraga@cl.demo.rialgender.org", RosterStatus.APPROVED),
        ("daniela.quesada@cr.demo.rialgender.org", RosterStatus.REQUESTED),
    ]
    for email, status in roster:
        member = Member.objects.filter(user__email=email).select_related("ministry").first()
        if member and not RosterEntry.objects.filter(member=member).exists():
            RosterEntry.objects.create(
                member=member,
                country=member.ministry.country,
                status=status,
                accepted_rules_at=now,
                decided_at=now if status == RosterStatus.APPROVED else None,
            )

    subject_en = "Invitation: Virtual Hemispheric Dialogue on Domestic Work"
    if not Communication.objects.filter(subject_en=subject_en).exists():
        communication = Communication.objects.create(
            subject_en=subject_en,
            subject_es="Invitación: Diálogo Hemisférico Virtual sobre Trabajo Doméstico",
            body_en=(
                "Dear focal points,\n\nThe Technical Secretariat is pleased to invite you to the "
                "Virtual Hemispheric Dialogue on Domestic Work, planned for March 2023 in the "
                "Work Plan 2022-2023. The units will share their progress and strategies to "
                "guarantee compliance with labor legislation and fundamental rights in domestic "
                "work, including inspection and social protection.\n\nThe connection details "
                "will follow.\n\nBest regards,\nThe Technical Secretariat"
            ),
            body_es=(
                "Estimadas personas puntos focales:\n\nLa Secretaría Técnica tiene el agrado de "
                "invitarles al Diálogo Hemisférico Virtual sobre Trabajo Doméstico, previsto "
                "para marzo de 2023 en el Plan de Trabajo 2022-2023. Las unidades compartirán "
                "sus avances y estrategias para garantizar el cumplimiento de la legislación "
                "laboral y los derechos fundamentales en el trabajo doméstico, incluidas la "
                "inspección y la protección social.\n\nLos datos de conexión se enviarán más "
                "adelante.\n\nSaludos cordiales,\nLa Secretaría Técnica"
            ),
            status=CommunicationStatus.SENT,
            sent_at=datetime.datetime(2023, 2, 15, 15, 0, tzinfo=datetime.UTC),
        )
        CommunicationDelivery.objects.bulk_create(
            [
                CommunicationDelivery(
                    communication=communication,
                    member=member,
                    language=member.user.language,
                    status=bulkmail.DeliveryStatus.SENT,
                    sent_at=communication.sent_at,
                )
                for member in Member.objects.active().select_related("user")
            ],
            ignore_conflicts=True,
        )
