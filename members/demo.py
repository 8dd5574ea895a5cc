"""Demo data of the members' area: the first Steering Committee and the Work Plan 2022-2023
(real, from the network's documents), the WhatsApp group's rules, a roster, and one formal
communication already sent. Idempotent."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from members.models import (
    Activity,
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
