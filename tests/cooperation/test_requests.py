"""The joint request: drafted by the requesting ministry, confirmed by both on the same text
before the call closes; any change asks again; history of every step."""

import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import CooperationRequest, EventKind, RequestEvent
from cooperation.services import request_confirm
from rialgender.workflow import State
from tests.factories import (
    CallFactory,
    CooperationRequestFactory,
    MemberFactory,
    MinistryFactory,
    bulk_requests,
    confirm_both,
    make_steering_member,
)


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"cooperation:{name}", kwargs=kwargs)


def _create_data(call, provider, **overrides):
    data = {
        "call": call.pk,
        "providing_ministry": provider.pk,
        "title_es": "Formalización del Trabajo Doméstico Remunerado",
        "summary_es": "Uruguay comparte su experiencia en trabajo doméstico con Colombia.",
        "objectives_es": "Diseñar una estrategia de formalización.",
        "modality": "virtual",
        "activities-TOTAL_FORMS": "2",
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "30",
        "activities-0-title_es": "Intercambio virtual sobre la ley de trabajo doméstico",
        "activities-0-start": "2026-05-15",
        "activities-0-end": "2026-06-30",
    }
    data.update(overrides)
    return data


def _edit_data(request, **overrides):
    """The edit form as the page shows it, with what the person saw (its hash)."""
    request.refresh_from_db()
    activities = list(request.activities.order_by("start", "pk"))
    data = {
        "seen_hash": request.content_hash,
        "title_es": request.title_es or "",
        "title_en": request.title_en or "",
        "summary_es": request.summary_es or "",
        "summary_en": request.summary_en or "",
        "objectives_es": request.objectives_es or "",
        "modality": request.modality,
        "activities-TOTAL_FORMS": str(len(activities)),
        "activities-INITIAL_FORMS": str(len(activities)),
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "30",
    }
    for i, activity in enumerate(activities):
        data.update({
            f"activities-{i}-id": activity.pk, f"activities-{i}-request": request.pk,
            f"activities-{i}-title_es": activity.title_es or "",
            f"activities-{i}-title_en": activity.title_en or "",
            f"activities-{i}-start": activity.start.isoformat() if activity.start else "",
            f"activities-{i}-end": activity.end.isoformat() if activity.end else "",
        })  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def draft(open_call, colombia, uruguay, colombian, uruguayan):
    return CooperationRequestFactory(
        call=open_call, requesting_ministry=colombia, providing_ministry=uruguay
    )


# -- drafting ---------------------------------------------------------------------------------


def test_colombia_drafts_a_request_in_spanish(client, open_call, colombian, uruguay):
    client.force_login(colombian.user)
    response = client.post(url("request-create", "es"), _create_data(open_call, uruguay))
    request = CooperationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("request-edit", "es", pk=request.pk)
    assert (
        request.requesting_ministry == colombian.ministry and request.providing_ministry == uruguay
    )
    assert request.state == State.DRAFT
    assert request.translation_es == "up_to_date" and request.translation_en == "missing"
    assert request.activities.get().title_es.startswith("Intercambio virtual")
    assert request.content_hash
    assert list(request.events.values_list("kind", flat=True)) == [EventKind.CREATED]


@pytest.mark.parametrize(("language", "first", "second"), [("es", "es", "en"), ("en", "en", "es")])
def test_each_activity_puts_the_reader_s_language_first(
    client, open_call, colombian, language, first, second
):
    # As the request's own pairs do: on a phone, where the row stacks, the first box is the
    # one the focal point types in.
    client.force_login(colombian.user)
    html = client.get(url("request-create", language)).content.decode()
    assert html.index(f'id="id_activities-0-title_{first}"') < html.index(
        f'id="id_activities-0-title_{second}"'
    )


def test_the_providing_ministry_sees_the_draft_in_its_workspace(client, draft, uruguayan):
    client.force_login(uruguayan.user)
    html = client.get(url("workspace", "es")).content.decode()
    assert draft.title_es in html
    assert client.get(url("request-edit", "es", pk=draft.pk)).status_code == 200


def test_bad_input_is_refused_in_spanish_and_nothing_typed_is_lost(
    client, open_call, colombian, uruguay
):
    client.force_login(colombian.user)
    data = _create_data(
        open_call, uruguay, title_es="", summary_es="Un resumen que escribí con cuidado.",
        **{"activities-0-start": "2026-07-01", "activities-0-end": "2026-06-01",
           "activities-1-start": "²", "activities-1-title_es": "Otra actividad"},
    )  # fmt: skip
    response = client.post(url("request-create", "es"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not CooperationRequest.objects.exists()
    assert "Un resumen que escribí con cuidado." in html
    assert "Otra actividad" in html
    assert "Dele un título a la solicitud" in html
    assert "La actividad debe terminar el mismo día de su inicio o después." in html
    assert "error-summary" in html


@pytest.mark.parametrize("reverse_roles", [False, True])
def test_a_second_request_from_the_same_pair_in_a_call_is_refused(
    client, draft, colombian, uruguayan, reverse_roles
):
    """Whichever of the two ministries asks, a pair has one request per call."""
    person, other = (uruguayan, draft.requesting_ministry) if reverse_roles else (colombian, draft.providing_ministry)  # fmt: skip
    client.force_login(person.user)
    data = _create_data(draft.call, other, title_es="Una segunda solicitud con el mismo país")
    response = client.post(url("request-create", "es"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert CooperationRequest.objects.count() == 1
    assert "Su ministerio y este ya tienen una solicitud en esta convocatoria." in html
    assert "Una segunda solicitud con el mismo país" in html


def test_no_open_call_says_so(client, colombian):
    CallFactory(opens_at=timezone.now() - datetime.timedelta(days=90),
                closes_at=timezone.now() - datetime.timedelta(days=60))  # fmt: skip
    client.force_login(colombian.user)
    response = client.get(url("request-create"))
    assert response.status_code == 200
    assert "No call is open" in response.content.decode()


def test_a_need_starts_a_request_and_an_offer_names_its_provider_and_program(
    client, open_call, colombian, uruguay
):
    from tests.factories import ListingFactory
    from tests.portfolio.factories import published

    need = ListingFactory(ministry=colombian.ministry, kind="need", title_es="Formalizar el trabajo doméstico")  # fmt: skip
    program = published(ministry=uruguay)
    offer = ListingFactory(ministry=uruguay, kind="offer", program=program, area=need.area)
    client.force_login(colombian.user)
    page = client.get(url("request-create") + f"?need={need.pk}").content.decode()
    assert 'value="Formalizar el trabajo doméstico"' in page
    response = client.post(
        url("request-create") + f"?offer={offer.pk}", _create_data(open_call, uruguay)
    )
    assert response.status_code == 302
    request = CooperationRequest.objects.get()
    assert request.builds_on_program == program
    for bad in ("?need=²", "?offer=%00", "?need=99999999999999999999", "?provider=-1"):
        assert client.get(url("request-create") + bad).status_code == 200


# -- the double confirmation -----------------------------------------------------------------


def test_the_requester_invites_the_provider_in_its_language(
    client, draft, colombian, uruguayan, uruguayan_in_english, django_capture_on_commit_callbacks
):
    client.force_login(colombian.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("request-invite", "es", pk=draft.pk), follow=True)
    assert "Se invitó a Uruguay a leer la solicitud y confirmarla." in response.content.decode()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Colombia invita a su ministerio a la solicitud de cooperación" in subjects[uruguayan.user.email]  # fmt: skip
    assert "Colombia invites your ministry to the cooperation request" in subjects[uruguayan_in_english.user.email]  # fmt: skip
    assert draft.state == State.DRAFT and set(draft.party_status().values()) == {"pending"}
    # The providing ministry does not invite.
    client.force_login(uruguayan.user)
    assert client.post(url("request-invite", pk=draft.pk)).status_code == 403


def test_both_must_confirm_the_same_text_then_it_is_submitted(
    client, draft, colombian, uruguayan, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    client.force_login(colombian.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request-confirm", "es", pk=draft.pk), {"seen_hash": draft.content_hash}
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    assert draft.party_status() == {draft.requesting_ministry_id: "confirmed", draft.providing_ministry_id: "pending"}  # fmt: skip
    # Uruguay is asked to confirm, in Spanish.
    assert [m.to for m in mail.outbox] == [[uruguayan.user.email]]
    assert "Confirme la solicitud de cooperación" in mail.outbox[0].subject
    assert "Colombia" in mail.outbox[0].body
    mail.outbox.clear()

    client.force_login(uruguayan.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request-confirm", "es", pk=draft.pk), {"seen_hash": draft.content_hash})
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert [m.to for m in mail.outbox] == [["secretariat@example.org"]]


def test_an_edit_after_a_confirmation_asks_the_other_ministry_again_in_its_language(
    client, draft, colombian, uruguayan, uruguayan_in_english, django_capture_on_commit_callbacks
):
    request_confirm(request=draft, by=uruguayan.user, seen_hash=draft.content_hash)
    old_hash = draft.content_hash
    mail.outbox.clear()
    client.force_login(colombian.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request-edit", "es", pk=draft.pk),
            _edit_data(draft, objectives_es="Diseñar una estrategia multidimensional."),
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.content_hash != old_hash
    assert set(draft.party_status().values()) == {"pending"}
    # Both Uruguayan focal points are asked to confirm again, each in their language.
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {uruguayan.user.email, uruguayan_in_english.user.email}
    assert "cambió: confírmela de nuevo" in subjects[uruguayan.user.email]
    assert "changed: please confirm it again" in subjects[uruguayan_in_english.user.email]
    # Colombia's own confirmation was not there; nobody in Colombia is e-mailed.
    assert colombian.user.email not in subjects

    # Both confirm the new text: it is submitted.
    request_confirm(request=draft, by=colombian.user, seen_hash=draft.content_hash)
    request_confirm(request=draft, by=uruguayan.user, seen_hash=draft.content_hash)
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED


def test_saving_without_a_change_keeps_the_confirmations(client, draft, colombian, uruguayan):
    request_confirm(request=draft, by=uruguayan.user, seen_hash=draft.content_hash)
    client.force_login(colombian.user)
    client.post(url("request-edit", pk=draft.pk), _edit_data(draft))
    draft.refresh_from_db()
    assert draft.party_status()[draft.providing_ministry_id] == "confirmed"


def test_confirming_a_text_one_did_not_see_is_refused(client, draft, colombian, uruguayan):
    seen = draft.content_hash
    client.force_login(colombian.user)
    client.post(url("request-edit", pk=draft.pk), _edit_data(draft, summary_es="Otro resumen."))
    client.force_login(uruguayan.user)
    response = client.post(
        url("request-confirm", "es", pk=draft.pk), {"seen_hash": seen}, follow=True
    )
    assert "La solicitud cambió desde que la abrió." in response.content.decode()
    assert not RequestEvent.objects.filter(kind=EventKind.CONFIRMED).exists()


def test_an_edit_over_the_other_ministrys_change_is_refused_and_kept(
    client, draft, colombian, uruguayan
):
    stale = _edit_data(draft, summary_es="Mi versión del resumen, escrita con cuidado.")
    client.force_login(uruguayan.user)
    client.post(
        url("request-edit", pk=draft.pk), _edit_data(draft, summary_es="La versión de Uruguay.")
    )
    client.force_login(colombian.user)
    response = client.post(url("request-edit", "es", pk=draft.pk), stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert "La solicitud cambió desde que la abrió." in html
    assert "Mi versión del resumen, escrita con cuidado." in html
    draft.refresh_from_db()
    assert draft.summary_es == "La versión de Uruguay."


def test_a_ministry_that_is_not_a_party_cannot_confirm(client, draft):
    stranger = MemberFactory(ministry=MinistryFactory(country="MX"))
    client.force_login(stranger.user)
    for name in ("request-confirm", "request-decline", "request-comment", "request-submit"):
        response = client.post(url(name, pk=draft.pk), {"seen_hash": draft.content_hash, "comment": "x", "text": "x"})  # fmt: skip
        assert response.status_code == 404, name
    assert client.get(url("request-edit", pk=draft.pk)).status_code == 404
    assert not draft.events.exclude(kind=EventKind.CREATED).exists()


def test_the_secretariat_sees_but_does_not_confirm_for_a_ministry(client, draft, secretariat):
    client.force_login(secretariat)
    assert client.get(url("request-edit", pk=draft.pk)).status_code == 200
    response = client.post(url("request-confirm", pk=draft.pk), {"seen_hash": draft.content_hash})
    assert response.status_code == 403
    assert not draft.events.filter(kind=EventKind.CONFIRMED).exists()


def test_the_provider_declines_with_a_reason_and_the_requester_is_told(
    client, draft, colombian, uruguayan, django_capture_on_commit_callbacks
):
    client.force_login(uruguayan.user)
    response = client.post(url("request-decline", "es", pk=draft.pk), {"comment": ""}, follow=True)
    assert "Por favor, explique por qué" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request-decline", pk=draft.pk), {"comment": "No tenemos equipo este año."})
    assert draft.party_status()[draft.providing_ministry_id] == "declined"
    assert [m.to for m in mail.outbox] == [[colombian.user.email]]
    assert "No tenemos equipo este año." in mail.outbox[0].body
    # The requesting ministry cannot decline its own request.
    client.force_login(colombian.user)
    assert client.post(url("request-decline", pk=draft.pk), {"comment": "x"}).status_code == 403


def test_each_side_sees_the_others_comments_and_every_step(client, draft, colombian, uruguayan):
    client.force_login(uruguayan.user)
    client.post(url("request-comment", pk=draft.pk), {"text": "¿Pueden agregar una actividad presencial?"})  # fmt: skip
    client.force_login(colombian.user)
    client.post(url("request-edit", pk=draft.pk), _edit_data(draft, summary_es="Resumen nuevo."))
    request_confirm(request=draft, by=colombian.user, seen_hash=CooperationRequest.objects.get().content_hash)  # fmt: skip
    request_confirm(request=draft, by=uruguayan.user, seen_hash=CooperationRequest.objects.get().content_hash)  # fmt: skip
    html = client.get(url("request-edit", "es", pk=draft.pk)).content.decode()
    assert "¿Pueden agregar una actividad presencial?" in html
    timeline = html[html.index('class="timeline"') :]
    for label in ("Modificada", "Comentario", "Confirmada", "Enviado para revisión"):
        assert label in timeline, label
    assert draft.history.count() >= 2  # simple_history keeps each saved version


# -- the deadline, across time zones ---------------------------------------------------------


@pytest.fixture
def bogota_call(db):
    """A call that closes on 31 March 2023 at 23:59 in Bogotá (UTC-5): 04:59 UTC on 1 April."""
    import zoneinfo

    bogota = zoneinfo.ZoneInfo("America/Bogota")
    return CallFactory(
        opens_at=datetime.datetime(2023, 1, 16, 9, 0, tzinfo=bogota),
        closes_at=datetime.datetime(2023, 3, 31, 23, 59, tzinfo=bogota),
        time_zone="America/Bogota",
    )


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.parametrize(
    "moment,accepted",
    [
        (
            datetime.datetime(2023, 4, 1, 3, 30, tzinfo=datetime.UTC),
            True,
        ),  # 31 March 22:30 in Bogotá
        (datetime.datetime(2023, 4, 1, 4, 58, 59, tzinfo=datetime.UTC), True),  # one second before
        (datetime.datetime(2023, 4, 1, 4, 59, tzinfo=datetime.UTC), False),  # the closing moment
        (datetime.datetime(2023, 1, 16, 13, 59, tzinfo=datetime.UTC), False),  # before it opens
    ],
)
def test_the_deadline_is_the_calls_moment_whatever_the_date_in_utc(
    bogota_call, colombia, uruguay, colombian, uruguayan, moment, accepted
):
    request = CooperationRequestFactory(call=bogota_call, requesting_ministry=colombia, providing_ministry=uruguay)  # fmt: skip
    with _at(moment):
        if accepted:
            request_confirm(request=request, by=colombian.user, seen_hash=request.content_hash)
            assert request_confirm(
                request=request, by=uruguayan.user, seen_hash=request.content_hash
            )
        else:
            with pytest.raises(ValidationError):
                request_confirm(request=request, by=colombian.user, seen_hash=request.content_hash)
    request.refresh_from_db()
    assert (request.state == State.SUBMITTED) is accepted


def test_the_refusal_after_the_deadline_says_when_it_closed_in_the_calls_zone_and_language(
    client, bogota_call, colombia, uruguay, colombian
):
    request = CooperationRequestFactory(call=bogota_call, requesting_ministry=colombia, providing_ministry=uruguay)  # fmt: skip
    client.force_login(colombian.user)
    with _at(datetime.datetime(2023, 4, 1, 5, 0, tzinfo=datetime.UTC)):
        response = client.post(url("request-confirm", "es", pk=request.pk), {"seen_hash": request.content_hash}, follow=True)  # fmt: skip
    html = response.content.decode()
    assert "La convocatoria cerró el 31 de marzo de 2023 a las 23:59 (America/Bogota)." in html


def test_the_same_wall_clock_time_in_another_zone_is_another_moment(colombia, uruguay, colombian):
    import zoneinfo

    montevideo = CallFactory(
        opens_at=datetime.datetime(2023, 1, 16, tzinfo=zoneinfo.ZoneInfo("America/Montevideo")),
        closes_at=datetime.datetime(2023, 3, 31, 23, 59, tzinfo=zoneinfo.ZoneInfo("America/Montevideo")),
        time_zone="America/Montevideo",
    )  # fmt: skip
    request = CooperationRequestFactory(call=montevideo, requesting_ministry=colombia, providing_ministry=uruguay)  # fmt: skip
    # 03:30 UTC is 22:30 in Bogotá, but already 00:30 on 1 April in Montevideo (UTC-3).
    with _at(datetime.datetime(2023, 4, 1, 3, 30, tzinfo=datetime.UTC)):
        assert request.call_closed_blockers()
        assert montevideo.closes_local.hour == 23


def test_a_returned_request_cannot_be_submitted_again_after_the_deadline(
    client, bogota_call, colombia, uruguay, colombian
):
    request = CooperationRequestFactory(call=bogota_call, requesting_ministry=colombia, providing_ministry=uruguay, state=State.RETURNED)  # fmt: skip
    confirm_both(request)
    client.force_login(colombian.user)
    with _at(datetime.datetime(2023, 4, 2, tzinfo=datetime.UTC)):
        response = client.post(url("request-submit", "es", pk=request.pk), follow=True)
    assert "La convocatoria cerró" in response.content.decode()
    request.refresh_from_db()
    assert request.state == State.RETURNED
    with _at(datetime.datetime(2023, 3, 30, tzinfo=datetime.UTC)):
        client.post(url("request-submit", pk=request.pk))
    request.refresh_from_db()
    assert request.state == State.SUBMITTED


@pytest.mark.parametrize(
    "zone,local,expected_utc",
    [
        (
            "America/Bogota",
            "2023-03-31 23:59",
            datetime.datetime(2023, 4, 1, 4, 59, tzinfo=datetime.UTC),
        ),
        (
            "America/Montevideo",
            "2023-03-31 23:59",
            datetime.datetime(2023, 4, 1, 2, 59, tzinfo=datetime.UTC),
        ),
        # Santiago is on summer time (UTC-3) on 31 March 2023 and back to UTC-4 on 2 April.
        (
            "America/Santiago",
            "2023-03-31 23:59",
            datetime.datetime(2023, 4, 1, 2, 59, tzinfo=datetime.UTC),
        ),
        (
            "America/Santiago",
            "2023-04-03 23:59",
            datetime.datetime(2023, 4, 4, 3, 59, tzinfo=datetime.UTC),
        ),
    ],
)
def test_the_secretariat_states_the_closing_time_in_the_calls_zone(
    db, zone, local, expected_utc, settings
):
    from cooperation.forms import CallAdminForm

    settings.TIME_ZONE = "America/New_York"  # the admin's own zone does not matter
    date, time = local.split()
    form = CallAdminForm(
        data={
            "number": "30", "year": "2023", "title_en": "Call", "title_es": "Convocatoria",
            "time_zone": zone, "pass_threshold": "60", "modalities": ["virtual"],
            "opens_local_0": "2023-01-16", "opens_local_1": "09:00",
            "closes_local_0": date, "closes_local_1": time,
        }
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.instance.closes_at == expected_utc


def test_a_call_cannot_close_before_it_opens(db):
    from cooperation.forms import CallAdminForm

    form = CallAdminForm(
        data={
            "number": "31", "year": "2023", "time_zone": "America/Bogota", "pass_threshold": "60",
            "opens_local_0": "2023-03-01", "opens_local_1": "09:00",
            "closes_local_0": "2023-02-01", "closes_local_1": "09:00",
        }
    )  # fmt: skip
    assert not form.is_valid()
    assert "The call must close after it opens." in form.errors["closes_local"]


# -- query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [10, 500])
def test_the_workspace_reads_a_fixed_number_of_queries(client, db, django_assert_num_queries, rows):
    ministry = MinistryFactory(country="AR")
    member = MemberFactory(ministry=ministry)
    requests = bulk_requests(rows, ministry=ministry)
    for request in requests[:5]:
        confirm_both(request)
    client.force_login(member.user)
    with django_assert_num_queries(8):
        response = client.get(url("workspace"))
    assert len(response.context["requests"]) == rows


@pytest.mark.parametrize("activities", [1, 20])
def test_the_request_page_reads_a_fixed_number_of_queries(
    client, draft, colombian, django_assert_num_queries, activities
):
    from cooperation.models import ProjectActivity

    for i in range(activities):
        ProjectActivity.objects.create(request=draft, title_es=f"Actividad {i}")
    client.force_login(colombian.user)
    ContentType.objects.get_for_model(CooperationRequest)  # cached in a running portal
    with django_assert_num_queries(10):
        assert client.get(url("request-edit", pk=draft.pk)).status_code == 200


def test_the_committee_member_is_just_another_ministry_here(client, draft, db):
    member = make_steering_member(MinistryFactory(country="CR"))
    client.force_login(member.user)
    assert client.get(url("request-edit", pk=draft.pk)).status_code == 404
