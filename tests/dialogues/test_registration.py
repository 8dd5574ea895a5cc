"""Registration by delegation: members register themselves, focal points their colleagues;
the window, the cap and its waiting list, approval, cancellation; the confirmation in the
registrant's language with the calendar invitation; who sees the connection link."""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from dialogues import services
from dialogues.models import Registration
from tests.factories import (
    EventFactory,
    MemberFactory,
    MinistryFactory,
    RegistrationFactory,
    register_member,
)

pytestmark = pytest.mark.django_db
LINK = "dialogue-secret-link"


@pytest.fixture
def paraguay():
    return MinistryFactory(
        country="PY",
        name_en="Ministry of Labor, Employment and Social Security",
        name_es="Ministerio de Trabajo, Empleo y Seguridad Social",
    )


@pytest.fixture
def rocio(paraguay):
    """The Paraguayan representative: Spanish, her ministry's capital for time zone."""
    return MemberFactory(
        ministry=paraguay, network_role="representative", user__first_name="Rocío",
        user__last_name="Giménez", user__email="rocio@mtess.example.org", user__language="es",
    )  # fmt: skip


def _register_self(client, event, lang="es", **data):
    path = (
        f"/es/dialogos/{event.pk}/inscribirse/" if lang == "es"
        else f"/en/dialogues/{event.pk}/register/"
    )  # fmt: skip
    return client.post(path, {"who": "self", **{f"self-{k}": v for k, v in data.items()}})


def test_a_member_registers_and_gets_the_confirmation_in_spanish_with_the_invitation(
    client, rocio, django_capture_on_commit_callbacks
):
    event = EventFactory()
    client.force_login(rocio.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _register_self(client, event, language="es", time_zone="America/Asuncion")
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert (registration.status, registration.user, registration.ministry, registration.delegation) == (
        "confirmed", rocio.user, rocio.ministry, "country:PY",
    )  # fmt: skip
    message = mail.outbox[-1]
    assert message.to == ["rocio@mtess.example.org"]
    assert message.subject.startswith("[RIAL/GENDER] Inscripción confirmada:")
    assert "Estimada Rocío" not in message.body and "Rocío" in message.body
    # The time in her zone (Asunción) and in the organiser's.
    local = event.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=-3)))
    assert f"{local:%H}:00" in message.body and "Asunción, UTC−3" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("invite.ics", "text/calendar; method=REQUEST")
    invite = icalendar.Calendar.from_ical(content)
    vevent = invite.walk("VEVENT")[0]
    assert vevent.decoded("dtstart").astimezone(datetime.UTC) == event.starts_at
    assert str(vevent["ATTENDEE"]) == "mailto:rocio@mtess.example.org"
    # The link is in the invitation, as the e-mail says; the reminders bring it again.
    assert LINK in str(vevent["DESCRIPTION"]) and LINK not in message.body
    assert "El enlace de conexión está en la invitación" in message.body


def test_registering_twice_is_refused_with_a_clear_message(client, rocio):
    event = EventFactory()
    client.force_login(rocio.user)
    _register_self(client, event, "en", language="en", time_zone="America/Asuncion")
    # The same address, typed by a colleague, in another case.
    response = client.post(
        f"/en/dialogues/{event.pk}/register/",
        {"who": "self", "self-language": "en", "self-time_zone": "America/Asuncion"},
    )
    assert Registration.objects.filter(event=event).count() == 1
    assert response.status_code == 400
    assert (
        "rocio@mtess.example.org is already registered for this event." in response.content.decode()
    )


def test_a_focal_point_registers_a_colleague_and_typing_is_kept_on_errors(client, rocio):
    event = EventFactory()
    client.force_login(rocio.user)
    response = client.post(
        f"/es/dialogos/{event.pk}/inscribirse/",
        {"who": "colleague", "colleague-first_name": "Ana", "colleague-last_name": "Benítez",
         "colleague-email": "no-es-un-correo", "colleague-language": "es",
         "colleague-time_zone": "America/Asuncion"},
    )  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        'value="Benítez"' in body
        and "Introduzca una dirección de correo electrónico válida" in body
    )
    response = client.post(
        f"/es/dialogos/{event.pk}/inscribirse/",
        {"who": "colleague", "colleague-first_name": "Ana", "colleague-last_name": "Benítez",
         "colleague-email": "ana.benitez@mtess.example.org", "colleague-language": "es",
         "colleague-time_zone": "America/Asuncion"},
    )  # fmt: skip
    assert response.status_code == 302
    ana = Registration.objects.get(email="ana.benitez@mtess.example.org")
    assert ana.user is None and ana.ministry == rocio.ministry and ana.registered_by == rocio.user


def test_a_member_who_is_not_a_focal_point_cannot_register_colleagues(client, paraguay):
    contact = MemberFactory(ministry=paraguay, network_role="contact")
    event = EventFactory()
    client.force_login(contact.user)
    response = client.post(
        f"/en/dialogues/{event.pk}/register/",
        {"who": "colleague", "colleague-first_name": "X", "colleague-last_name": "Y",
         "colleague-email": "x@example.org", "colleague-language": "es",
         "colleague-time_zone": "America/Asuncion"},
    )  # fmt: skip
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_registration_after_the_close_is_refused_with_the_date(client, rocio):
    # Five days before by default: an event in four days is closed.
    start = timezone.now() + datetime.timedelta(days=4)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    client.force_login(rocio.user)
    response = client.post(
        f"/en/dialogues/{event.pk}/register/",
        {"who": "self", "self-language": "es", "self-time_zone": "America/Asuncion"},
        follow=True,
    )
    assert not Registration.objects.exists()
    assert "Registration closed on" in response.content.decode()
    with pytest.raises(Exception, match="Registration closed on"):
        services.registration_create(
            event=event, person=services.Person("A", "B", "a@b.org"), by=rocio.user
        )
    # The Secretariat may still register someone (in the admin).
    services.registration_create(
        event=event, person=services.Person("A", "B", "a@b.org"), by=None, skip_window=True
    )


def test_a_full_delegation_puts_newcomers_on_the_waiting_list_and_a_cancellation_frees_a_place(
    paraguay, django_capture_on_commit_callbacks
):
    event = EventFactory(cap_per_delegation=2)
    person = lambda n: services.Person(f"P{n}", "Test", f"p{n}@py.example.org")  # noqa: E731
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (
            services.registration_create(event=event, person=person(n), by=None, ministry=paraguay)
            for n in range(3)
        )
    assert [r.status for r in (first, second, third)] == ["confirmed", "confirmed", "waitlisted"]
    assert mail.outbox[-1].subject.startswith("[RIAL/GENDER] Lista de espera:")
    # Another delegation still has its places.
    other = services.registration_create(event=event, person=person(9), by=None, country="CL")
    assert other.status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=None)
    third.refresh_from_db()
    assert third.status == "confirmed"
    subjects = [m.subject for m in mail.outbox[-2:]]
    assert any("Inscripción cancelada" in s for s in subjects)
    assert any("Inscripción confirmada" in s for s in subjects)
    cancel = next(m for m in mail.outbox if "cancelada" in m.subject)
    assert cancel.attachments[0][2] == "text/calendar; method=CANCEL"


def test_with_approval_the_secretariat_decides(
    paraguay, secretariat, django_capture_on_commit_callbacks
):
    event = EventFactory(requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            event=event, person=services.Person("Ana", "B", "ana@py.example.org"), by=None,
            ministry=paraguay,
        )  # fmt: skip
    assert registration.status == "pending"
    assert not mail.outbox[-1].attachments  # no invitation before the decision
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_decide(registration=registration, approve=True, by=secretariat)
    registration.refresh_from_db()
    assert registration.status == "confirmed" and mail.outbox[-1].attachments


def test_registrants_and_focal_points_cancel_others_get_404(client, rocio, other_member):
    event = EventFactory()
    colleague = RegistrationFactory(event=event, ministry=rocio.ministry, country="PY")
    stranger = RegistrationFactory(event=event, country="CL", delegation="country:CL")
    client.force_login(rocio.user)
    url = f"/en/dialogues/{event.pk}/registrations/{{}}/cancel/"
    assert client.post(url.format(stranger.pk)).status_code == 404
    assert client.post(url.format(colleague.pk)).status_code == 302
    colleague.refresh_from_db()
    stranger.refresh_from_db()
    assert (colleague.status, stranger.status) == ("cancelled", "confirmed")
    client.force_login(other_member.user)
    assert client.get(url.format(stranger.pk)).status_code == 405  # never on GET


@pytest.mark.parametrize(
    "persona",
    ["anonymous", "member", "pending", "waitlisted", "cancelled", "registered", "secretariat"],
)
def test_who_sees_the_connection_link(client, persona, rocio, secretariat):
    event = EventFactory()
    if persona == "member":
        client.force_login(rocio.user)
    elif persona in ("pending", "waitlisted", "cancelled", "registered"):
        register_member(rocio, event, status="confirmed" if persona == "registered" else persona)
        client.force_login(rocio.user)
    elif persona == "secretariat":
        client.force_login(secretariat)
    for path in (f"/en/dialogues/{event.pk}/", f"/es/dialogos/{event.pk}/"):
        body = client.get(path).content.decode()
        assert (LINK in body) == (persona in ("registered", "secretariat")), (persona, path)
    assert LINK.encode() not in client.get(f"/en/dialogues/{event.pk}/calendar.ics").content
    assert LINK.encode() not in client.get("/en/dialogues/calendar.ics").content


def test_the_registration_page_from_the_e_mail_shows_the_link_and_cancels_by_post(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    token = services.registration_token(registration)
    page = client.get(f"/es/dialogos/mi-inscripcion/{token}/")
    assert page.status_code == 200 and LINK in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(f"/es/dialogos/mi-inscripcion/{token}x/").status_code == 404
    assert client.get(f"/es/dialogos/mi-inscripcion/{token}/cancelar/").status_code == 405
    client.post(f"/es/dialogos/mi-inscripcion/{token}/cancelar/")
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert LINK not in client.get(f"/es/dialogos/mi-inscripcion/{token}/").content.decode()


def test_the_confirmation_brings_the_link_once_the_week_reminder_is_out(
    django_capture_on_commit_callbacks,
):
    start = timezone.now() + datetime.timedelta(days=6)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                         registration_closes_at=start)  # fmt: skip
    services.mailings_dispatch()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            event=event, person=services.Person("Late", "Comer", "late@example.org", "en"), by=None,
            country="PY",
        )  # fmt: skip
    message = mail.outbox[-1]
    assert LINK in message.body and "Passcode 4242" in message.body
    assert re.search(r"https?://\S+/en/dialogues/my-registration/\S+/", message.body)
